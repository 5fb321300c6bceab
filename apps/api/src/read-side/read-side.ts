import { Logger } from '@nestjs/common';
import type { EventStore } from '@ddr/event-store';
import type { Upcasters } from '@ddr/kernel';
import { PROJECTIONS, ProjectionRunner, Projector, openReadModel, type ReadModelAccess, type ReadModelDb } from '@ddr/read-model';

/** The log line a server prints once its read model holds what the log held when it started. */
export const CAUGHT_UP_LINE = 'read model level with the log as it stood at start';

/** The read model of this process and the runner that keeps it fed; queries wait here for read-your-writes. */
export class ReadSide implements ReadModelAccess {
  readonly db: ReadModelDb;
  readonly runner: ProjectionRunner;
  /** The log's head when projecting started (null: an empty log); undefined until then. */
  private headAtStart?: string | null;
  private levelWithStart = false;
  private closed = false;
  /** Resolves once the read model holds what the log held when projecting started. */
  readonly caughtUp: Promise<void>;
  private markCaughtUp!: () => void;

  constructor(
    readonly store: EventStore,
    file: string,
    upcasters: Upcasters,
    private readonly waitLimitMs: number,
  ) {
    this.db = openReadModel(file, PROJECTIONS);
    const projector = new Projector(this.db, PROJECTIONS, upcasters, (a, b) => store.comparePositions(a, b));
    this.runner = new ProjectionRunner(store, projector, {
      onError: (error) => Logger.error(`projection failed, retrying: ${(error as Error).message}`, 'ReadSide'),
    });
    this.caughtUp = new Promise((resolve) => (this.markCaughtUp = resolve));
  }

  get position(): string | null {
    return this.runner.appliedUpTo.position;
  }

  /**
   * Starts projecting and returns at once: a read model far behind (a new version rebuilt from the log) catches
   * up behind the server's start, which meanwhile answers its health checks and refuses reads
   * (`caughtUpWithStart`). A first failure is logged and retried like any other.
   */
  async startProjecting(): Promise<void> {
    this.headAtStart = (await this.store.headPosition()) ?? null;
    const started = performance.now();
    const from = this.runner.appliedUpTo.seq;
    // The first attempt subscribes after the head was read, so its catch-up includes the head.
    void this.runner
      .start()
      .then(
        () => true,
        () => this.levelAfterRetries(),
      )
      .then((level) => {
        if (!level) return;
        const applied = this.runner.appliedUpTo.seq - from;
        Logger.log(`${CAUGHT_UP_LINE} (${applied.toLocaleString('en')} events applied in ${((performance.now() - started) / 1000).toFixed(1)} s)`, 'ReadSide');
        this.markCaughtUp();
      });
  }

  /** After a failed first attempt, the runner retries behind: true once it reached the head at start, false if closed first. */
  private async levelAfterRetries(): Promise<boolean> {
    while (!this.closed) {
      if (this.caughtUpWithStart) return true;
      await this.runner.waitFor(this.headAtStart!, 1_000).catch(() => undefined);
    }
    return false;
  }

  /** True once the read model holds everything the log held when projecting started: before, its answers are older than the server. */
  get caughtUpWithStart(): boolean {
    if (!this.levelWithStart && this.headAtStart !== undefined) {
      const position = this.position;
      this.levelWithStart = this.headAtStart === null || (position !== null && this.store.comparePositions(position, this.headAtStart) >= 0);
    }
    return this.levelWithStart;
  }

  /** Waits, at most the configured time, until the read model has applied `minPosition`. */
  async consistent(minPosition: string | null | undefined): Promise<void> {
    if (minPosition === null || minPosition === undefined) return;
    // Refuses a position this store did not issue (BAD_USER_INPUT) before waiting for it.
    this.store.comparePositions(minPosition, minPosition);
    await this.runner.waitFor(minPosition, this.waitLimitMs);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.runner.stop();
    this.db.close();
  }
}
