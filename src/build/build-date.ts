/**
 * The date stamped into PDFs: SOURCE_DATE_EPOCH when the caller sets it (reproducible-builds convention),
 * else the deck's own edition date. Never the wall clock, so the same sources give the same bytes.
 */
export function buildDate(deckDate: string, env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date(`${deckDate}T00:00:00Z`);
}
