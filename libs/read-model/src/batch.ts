import type { ReadModelDb } from './read-model-db';

/** Per connection, while its projector applies a batch: what the projections keep of it, by kind and key. */
const batches = new WeakMap<ReadModelDb, Map<string, Map<string, unknown>>>();

/**
 * What projections keep of the batch being applied on this connection: a state one event left, for the next event
 * of the batch and for the projections after it, and what is written once when the batch ends
 * (`Projection.finish`). Undefined outside a batch. What is kept is shared, so no one changes it.
 */
export function keptInBatch<T>(db: ReadModelDb, kind: string): Map<string, T> | undefined {
  const kinds = batches.get(db);
  if (!kinds) return undefined;
  let kept = kinds.get(kind);
  if (!kept) kinds.set(kind, (kept = new Map<string, unknown>()));
  return kept as Map<string, T>;
}

/** The projector's side: a batch begins, and ends (committed or not), when all it kept is let go. */
export const beginBatch = (db: ReadModelDb) => void batches.set(db, new Map());
export const endBatch = (db: ReadModelDb) => void batches.delete(db);
