import { Logger } from '@nestjs/common';
import type { EventStore } from '@ddr/event-store';
import type { Upcasters } from '@ddr/kernel';
import { PROJECTIONS, ProjectionRunner, Projector, openReadModel, type ReadModelAccess, type ReadModelDb } from '@ddr/read-model';

/** The read model of this process and the runner that keeps it fed; queries wait here for read-your-writes. */
export class ReadSide implements ReadModelAccess {
  readonly db: ReadModelDb;
  readonly runner: ProjectionRunner;

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
  }

  get position(): string | null {
    return this.runner.appliedUpTo.position;
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
