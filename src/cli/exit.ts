/** Exit codes, as the README documents them. */
export const EXIT = { ok: 0, invalidInput: 1, usage: 2, internal: 70 } as const;

/** Wrong use of the command line (missing folder, bad flag value): exit 2 with a usage line. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage?: string,
  ) {
    super(message);
  }
}
