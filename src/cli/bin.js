#!/usr/bin/env node
// Entry point of `npx atelier`: registers tsx so the TypeScript sources run as they are, with no build step.
import { register } from 'tsx/esm/api';

register();
// A reader that stops early (`atelier validate | head`) closes the pipe: that is not an error worth a stack.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
