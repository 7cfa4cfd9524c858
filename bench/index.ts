// `npm run bench`: the trainer's loop on the default kit (loop.ts), then the large generated decks (cards.ts).
// Each part prints its figures and its checks; a missed target sets the exit code to 1.
await import('./loop.ts');
await import('./cards.ts');
