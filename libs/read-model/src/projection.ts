import type { RecordedEvent } from '@ddr/event-store';
import type { EventMetadata } from '@ddr/kernel';
import type { ReadModelDb } from './read-model-db';

/** An event as projections see it: upcast to its current shape, with its read-model sequence number. */
export interface ProjectedEvent extends Omit<RecordedEvent, 'metadata'> {
  metadata: Partial<EventMetadata>;
  seq: number;
}

/**
 * One read model: its tables and how an event changes them. `apply` runs
 * inside the batch's transaction, so it must only touch the database.
 */
export interface Projection {
  name: string;
  schema: string;
  /** Stream prefixes whose events this projection reads (all when omitted). */
  streams?: readonly string[];
  apply(db: ReadModelDb, event: ProjectedEvent): void;
  /** Once a batch, after its last event and in its transaction: what `apply` kept for the batch is written here, once. */
  finish?(db: ReadModelDb): void;
}

export const concerns = (projection: Projection, event: RecordedEvent) =>
  !projection.streams || projection.streams.some((prefix) => event.streamId.startsWith(prefix));
