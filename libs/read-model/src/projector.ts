import type { RecordedEvent } from '@ddr/event-store';
import type { Upcasters } from '@ddr/kernel';
import { contextFrom, inSpan } from '@ddr/telemetry';
import { concerns, type ProjectedEvent, type Projection } from './projection';
import { readAppliedUpTo, writeAppliedUpTo, type AppliedUpTo, type ReadModelDb } from './read-model-db';
import { beginBatch, endBatch, forgetReadings } from './readings';

/**
 * Applies batches of events to the read model, each batch in one transaction
 * together with its checkpoint: after a crash the read model is exactly at
 * its checkpoint, so no event is lost or applied twice.
 */
export class Projector {
  constructor(
    private readonly db: ReadModelDb,
    private readonly projections: readonly Projection[],
    private readonly upcasters: Upcasters,
    private readonly comparePositions: (a: string, b: string) => number,
  ) {
    forgetReadings(db);
  }

  appliedUpTo(): AppliedUpTo {
    return readAppliedUpTo(this.db);
  }

  apply(events: readonly RecordedEvent[]): AppliedUpTo {
    beginBatch(this.db);
    try {
      return this.applyInOneTransaction(events);
    } finally {
      endBatch(this.db);
    }
  }

  private applyInOneTransaction(events: readonly RecordedEvent[]): AppliedUpTo {
    return this.db.transaction(() => {
      const applied = readAppliedUpTo(this.db);
      for (const event of events) {
        // A redelivered event (e.g. after a resubscription) is already in: skip it.
        if (applied.position !== null && this.comparePositions(event.position, applied.position) <= 0) continue;
        applied.seq += 1;
        const projected: ProjectedEvent = { ...event, data: this.upcasters.upcast(event), seq: applied.seq };
        const project = () => {
          for (const projection of this.projections) if (concerns(projection, event)) projection.apply(this.db, projected);
        };
        // An event written under a trace is projected in a span of that trace (child of its command's span).
        const trace = contextFrom(event.metadata);
        if (trace)
          inSpan(`project ${event.type}`, { 'ddr.stream': event.streamId, 'ddr.revision': event.revision, 'ddr.position': event.position }, project, trace);
        else project();
        applied.position = event.position;
      }
      for (const projection of this.projections) projection.finish?.(this.db);
      writeAppliedUpTo(this.db, applied);
      return { ...applied };
    })();
  }
}
