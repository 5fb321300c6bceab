/**
 * A progress line on stderr for long work (rebuild, import): a bar when the
 * total is known, a running count and rate always. On a terminal it redraws in
 * place; in a log it prints at most one line every two seconds.
 */
export class Progress {
  private readonly started = Date.now();
  private lastPrinted = 0;

  constructor(
    private readonly label: string,
    private readonly write: (text: string) => void,
    private readonly unit = 'events',
    private readonly tty = process.stderr.isTTY === true,
  ) {}

  update(done: number, total: number): void {
    const now = Date.now();
    if (!this.tty && now - this.lastPrinted < 2_000) return;
    this.lastPrinted = now;
    this.write(this.tty ? `\r${this.line(done, total)}` : `${this.line(done, total)}\n`);
  }

  finish(done: number): void {
    this.write(`${this.tty ? '\r' : ''}${this.line(done, done)}\n`);
  }

  private line(done: number, total: number): string {
    const seconds = Math.max((Date.now() - this.started) / 1000, 0.001);
    const rate = `${Math.round(done / seconds).toLocaleString('en')}/s`;
    if (total <= 0) return `${this.label}: ${done.toLocaleString('en')} ${this.unit}, ${rate}`;
    const share = Math.min(done / total, 1);
    const bar = '#'.repeat(Math.round(share * 30)).padEnd(30, '.');
    return `${this.label} [${bar}] ${Math.floor(share * 100)}% ${done.toLocaleString('en')}/${total.toLocaleString('en')} ${this.unit}, ${rate}`;
  }
}
