// A child process for output-lock.test.ts, started with `node --import tsx`: `swap <root> <stop-file>` swaps a
// kit into <root> again and again, printing `swapped` each time, until <stop-file> exists; `hold <root> <times>` takes the output root's lock again and again and, while
// holding it, keeps a marker file that no other holder may find there. Prints `held` each time it held the lock
// and a JSON line when done or when it found another holder inside.
import { closeSync, existsSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { OutputFile } from '../../src/render/types.ts';
import { acquireLock } from '../../src/write/lock.ts';
import type { Manifest } from '../../src/write/manifest.ts';
import { writeOutputs } from '../../src/write/write-outputs.ts';

const [mode, root = '', amount = '0'] = process.argv.slice(2);

if (mode === 'swap') {
  let swaps = 0;
  let failures = 0;
  while (!existsSync(amount)) {
    const file = { name: 'event-cards.pdf', bytes: new Uint8Array([swaps & 255]) } as OutputFile;
    const manifest = { generator: 'atelier' } as unknown as Manifest;
    const result = writeOutputs(root, [{ folder: 'deck/fr', files: [file], manifest }]);
    if (result.diagnostics.length > 0) failures++;
    swaps++;
    console.log('swapped');
  }
  console.log(JSON.stringify({ swaps, failures }));
}

if (mode === 'hold') {
  const marker = join(root, 'holder');
  for (let i = 0; i < Number(amount); i++) {
    const lock = acquireLock(root, 30_000);
    if (!lock) {
      console.log(JSON.stringify({ timeout: true }));
      process.exit(3);
    }
    let fd: number;
    try {
      fd = openSync(marker, 'wx');
    } catch {
      // A holder killed inside left its marker: fine if its process is gone, a violation if it is alive.
      const other = Number(readFileSync(marker, 'utf8'));
      if (alive(other)) {
        // Said at once: this holder may be killed before it could print a summary.
        console.log(JSON.stringify({ violations: 1, with: other }));
        process.exit(2);
      }
      unlinkSync(marker);
      fd = openSync(marker, 'wx');
    }
    writeSync(fd, String(process.pid));
    closeSync(fd);
    // One line per time the lock was held, so that the parent counts them even from holders it kills.
    console.log('held');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.random() * 3);
    unlinkSync(marker);
    lock.release();
  }
  console.log(JSON.stringify({ violations: 0 }));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] !== 'Z';
  } catch {
    return false;
  }
}
