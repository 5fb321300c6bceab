import type Database from 'better-sqlite3';

/** A read model file: its `read_model` row (version, how far it has applied the log) and its projections' tables. */
export type ReadModelDb = Database.Database;

/** How far the read model has applied the log: its checkpoint. */
export interface AppliedUpTo {
  /** The store position of the last applied event; null before the first. */
  position: string | null;
  /** How many events have been applied: the read model's own sequence. */
  seq: number;
}

export function readAppliedUpTo(db: ReadModelDb): AppliedUpTo {
  return db.prepare<[], AppliedUpTo>('SELECT position, seq FROM read_model WHERE id = 1').get() ?? { position: null, seq: 0 };
}

export function writeAppliedUpTo(db: ReadModelDb, applied: AppliedUpTo): void {
  db.prepare('UPDATE read_model SET position = ?, seq = ? WHERE id = 1').run(applied.position, applied.seq);
}

/**
 * The read model a process serves queries from, as an injection token: a body module's own view (libs/bodies) reads
 * it without knowing the API's read side that keeps it fed.
 */
export abstract class ReadModelAccess {
  abstract readonly db: ReadModelDb;
}
