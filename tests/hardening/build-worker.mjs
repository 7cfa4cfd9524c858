// A process that runs `atelier build` on request, through the CLI bundle, so that the kill test pays Node's
// start-up once per worker rather than once per build: the parent sends the arguments, the worker answers
// with the exit code. Killing the worker with SIGKILL kills a build in progress.
import { createRequire } from 'node:module';
import { bundleFile } from '../../src/cli/launch/bundle.js';

const { main } = createRequire(import.meta.url)(await bundleFile());
process.on('message', async (args) => {
  process.send({ code: await main(args) });
});
process.send({ ready: true });
