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
  private startedAt = { ms: 0, seq: 0 };
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
      onProgress: () => this.checkLevel(),
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
    this.startedAt = { ms: performance.now(), seq: this.runner.appliedUpTo.seq };
    // A read model at its checkpoint is level at once; one behind, after the batch that reaches the head read here.
    this.checkLevel();
    void this.runner.start().catch(() => undefined);
  }

  /** True once the read model holds everything the log held when projecting started: before, its answers are older than the server. */
  get caughtUpWithStart(): boolean {
    return this.levelWithStart;
  }

  private checkLevel(): void {
    if (this.levelWithStart || this.headAtStart === undefined) return;
    const position = this.position;
    if (this.headAtStart !== null && (position === null || this.store.comparePositions(position, this.headAtStart) < 0)) return;
    this.levelWithStart = true;
    const applied = this.runner.appliedUpTo.seq - this.startedAt.seq;
    const seconds = ((performance.now() - this.startedAt.ms) / 1000).toFixed(1);
    Logger.log(`${CAUGHT_UP_LINE} (${applied.toLocaleString('en')} events applied in ${seconds} s)`, 'ReadSide');
    this.markCaughtUp();
  }

  /** Waits, at most the configured time, until the read model has applied `minPosition`. */
  async consistent(minPosition: string | null | undefined): Promise<void> {
    if (minPosition === null || minPosition === undefined) return;
    // Refuses a position this store did not issue (BAD_USER_INPUT) before waiting for it.
    this.store.comparePositions(minPosition, minPosition);
    await this.runner.waitFor(minPosition, this.waitLimitMs);
  }

  async close(): Promise<void> {
    await this.runner.stop();
    this.db.close();
  }
}
