import { Logger } from '@nestjs/common';
import type { Ledger } from '@ddr/ledger/live';

/**
 * Signs a checkpoint every interval when the log grew (not at start-up: a
 * restart alone appends nothing to the log).
 * A refusal (the log no longer extends the last checkpoint) is logged as an
 * error on every tick until someone looks: it must not pass quietly.
 */
export class CheckpointSchedule {
  private timer?: NodeJS.Timeout;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly ledger: Ledger,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    if (this.intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    // One at a time: a slow tick (a large catch-up) is not overlapped by the next.
    this.running = this.running.then(async () => {
      try {
        const outcome = await this.ledger.checkpoint();
        if (outcome?.signed) {
          const { size } = outcome.checkpoint.checkpoint;
          Logger.log(`signed checkpoint of size ${size} at position ${outcome.checkpoint.position}`, 'Ledger');
        }
      } catch (error) {
        Logger.error(`REFUSED to sign a checkpoint: ${(error as Error).message}`, 'Ledger');
      }
    });
  }
}
