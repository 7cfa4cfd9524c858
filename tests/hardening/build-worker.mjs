// A process that runs `atelier build` on request, through the CLI bundle, so that the kill test pays Node's
// start-up once per worker rather than once per build: the parent sends the arguments, the worker answers
// with the exit code and what the build wrote to stderr (so a failing round says why). Killing the worker with
// SIGKILL kills a build in progress.
import { createRequire } from 'node:module';
import { bundleFile } from '../../src/cli/launch/bundle.js';

const { main } = createRequire(import.meta.url)(await bundleFile());
const write = process.stderr.write.bind(process.stderr);
process.on('message', async (args) => {
  let stderr = '';
  process.stderr.write = (chunk, ...rest) => {
    stderr += String(chunk);
    return write(chunk, ...rest);
  };
  const code = await main(args);
  process.stderr.write = write;
  process.send({ code, stderr });
});
process.send({ ready: true });
