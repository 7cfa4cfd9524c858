import { statSync } from 'node:fs';

/**
 * What reading a file gave, kept while the file is unchanged (same modification time, size and inode): a build
 * reads the same catalog for every locale, and watch mode every file on every rebuild. A file that cannot be
 * stat'ed is read every time (the read reports why). Past `limit` entries the cache starts over.
 */
export class KeptReads<T> {
  private readonly kept = new Map<string, { stamp: string; value: T }>();

  constructor(private readonly limit = 32) {}

  /** `read()`, or what it gave last time for `key` if the file at `path` has not changed since. */
  get(path: string, key: string, read: () => T): T {
    const stamp = fileStamp(path);
    const kept = stamp === undefined ? undefined : this.kept.get(key);
    if (kept && kept.stamp === stamp) return kept.value;
    const value = read();
    if (stamp !== undefined) {
      if (this.kept.size >= this.limit) this.kept.clear();
      this.kept.set(key, { stamp, value });
    }
    return value;
  }
}

function fileStamp(path: string): string | undefined {
  try {
    const s = statSync(path);
    return `${s.mtimeMs}:${s.size}:${s.ino}`;
  } catch {
    return undefined;
  }
}
