import type { ReadModelDb } from './read-model-db';

/** What a connection keeps in memory, by kind and key. */
type Kept = Map<string, Map<string, unknown>>;

/** Per connection that a projector writes: its readings since that projector last applied a batch. */
const memories = new WeakMap<ReadModelDb, Kept>();
/** Per connection, while its projector applies a batch: what the projections keep of it. */
const batches = new WeakMap<ReadModelDb, Kept>();

/** The map of one kind, made when first asked for. */
function ofKind<T>(kept: Kept, kind: string): Map<string, T> {
  let ofThisKind = kept.get(kind);
  if (!ofThisKind) kept.set(kind, (ofThisKind = new Map<string, unknown>()));
  return ofThisKind as Map<string, T>;
}

/** Readings kept of a kind, the oldest let go first: a bound on memory (10,000 instrument views parsed are about 18 MB). */
export const PER_KIND = 10_000;

/**
 * A reading of the read model (an instrument's view, a stream's readers) kept in memory until the projector of this
 * connection next applies a batch, so that the next reader of the same thing is answered without SQL or a JSON parse.
 * Only on a connection a projector writes, where every write to the file passes through it (the server's read side):
 * any other connection reads the file each time. Never inside a transaction, where a projection reads its own batch's
 * writes. What is kept is shared by every reader: `read` returns something no one changes (see `frozen`).
 */
export function remembered<T>(db: ReadModelDb, kind: string, key: string, read: () => T): T {
  const readings = readingsOf(db, kind);
  if (!readings) return read();
  if (readings.has(key)) return readings.get(key) as T;
  return keep(readings, key, read());
}

/** The same for several keys at once: those not kept are read together, by one call of `read` (a value for each). */
export function rememberedEach<T>(db: ReadModelDb, kind: string, keys: readonly string[], read: (missing: string[]) => Map<string, T>): Map<string, T> {
  const readings = readingsOf(db, kind);
  const missing = keys.filter((key) => !readings?.has(key));
  const found = missing.length > 0 ? read(missing) : new Map<string, T>();
  // Answered before any is kept: keeping the new ones may let go of old ones asked for here.
  const answer = new Map(keys.map((key) => [key, found.has(key) ? found.get(key)! : (readings!.get(key) as T)]));
  if (readings) for (const key of missing) keep(readings, key, found.get(key));
  return answer;
}

/** What is kept of a kind on this connection; undefined where nothing may be kept. */
function readingsOf(db: ReadModelDb, kind: string): Map<string, unknown> | undefined {
  const kinds = memories.get(db);
  return !kinds || db.inTransaction ? undefined : ofKind(kinds, kind);
}

function keep<T>(readings: Map<string, unknown>, key: string, value: T): T {
  if (readings.size >= PER_KIND) readings.delete(readings.keys().next().value!);
  readings.set(key, value);
  return value;
}

/** The projector's side: from now on, readings are kept on this connection, and let go after each batch it applies. */
export function forgetReadings(db: ReadModelDb): void {
  memories.set(db, new Map());
}

/**
 * What projections keep of the batch being applied on this connection: a state one event left, for the next event
 * of the batch and for the projections after it, and what is written once when the batch ends
 * (`Projection.finish`). Undefined outside a batch. What is kept is shared, so no one changes it.
 */
export function keptInBatch<T>(db: ReadModelDb, kind: string): Map<string, T> | undefined {
  const kinds = batches.get(db);
  return kinds && ofKind<T>(kinds, kind);
}

/** The projector's side: a batch begins; it ends (committed or not) when all it kept, and every reading, is let go. */
export const beginBatch = (db: ReadModelDb) => void batches.set(db, new Map());
export function endBatch(db: ReadModelDb): void {
  batches.delete(db);
  forgetReadings(db);
}

/** A parsed JSON value made read-only all the way down: a kept reading cannot be changed by one of its readers. */
export function frozen<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) frozen(inner);
    Object.freeze(value);
  }
  return value;
}
