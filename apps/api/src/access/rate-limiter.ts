/**
 * A fixed window per subject: at most `limit` operations a minute. Enough to
 * stop one runaway client from starving the others; not a billing meter.
 */
export class RateLimiter {
  private window = 0;
  private counts = new Map<string, number>();

  constructor(
    private readonly limit: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Counts one operation of `subject`; false when it is over its limit this minute. */
  allow(subject: string): boolean {
    const window = Math.floor(this.clock() / 60_000);
    if (window !== this.window) {
      this.window = window;
      this.counts = new Map();
    }
    const count = (this.counts.get(subject) ?? 0) + 1;
    this.counts.set(subject, count);
    return count <= this.limit;
  }
}
