/**
 * Progress of a long build on a terminal: nothing for the first second (most builds are done by then), then one
 * status line rewritten in place ("building open-data-territoires/fr: guide…"), erased when the build ends.
 * Never on a pipe or a file, where it would only be noise.
 */
export class Progress {
  private readonly started = performance.now();
  private shown = false;
  private last = '';

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly enabled: boolean = stream.isTTY === true,
    private readonly delayMs = 1000,
  ) {}

  step(text: string): void {
    if (!this.enabled) return;
    this.last = text;
    if (!this.shown && performance.now() - this.started < this.delayMs) {
      this.timer ??= setTimeout(() => this.draw(), this.delayMs).unref();
      return;
    }
    this.draw();
  }

  private timer: NodeJS.Timeout | undefined;

  private draw(): void {
    if (!this.last) return;
    this.shown = true;
    const width = Math.max(20, (this.stream.columns ?? 80) - 1);
    this.stream.write(`\r\x1b[2K${this.last.slice(0, width)}`);
  }

  /** Erases the status line, so that what follows starts on a clean line. */
  done(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.shown) this.stream.write('\r\x1b[2K');
    this.shown = false;
  }
}
