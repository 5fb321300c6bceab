import { EventStoreUnavailableError } from '../errors';

/** SQLite result codes that mean "the store cannot write now", not "the request is wrong". */
const UNAVAILABLE = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_FULL', 'SQLITE_READONLY', 'SQLITE_IOERR', 'SQLITE_CANTOPEN']);

function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

export function isUniqueViolation(error: unknown): boolean {
  return sqliteCode(error) === 'SQLITE_CONSTRAINT_UNIQUE' && /events\.event_id/.test((error as Error).message);
}

/** Runs `work`, turning storage faults into a typed, retryable error. */
export function asUnavailable<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    const code = sqliteCode(error);
    if (code && [...UNAVAILABLE].some((base) => code === base || code.startsWith(`${base}_`))) {
      throw new EventStoreUnavailableError(`event store unavailable (${code}): ${(error as Error).message}`, {
        cause: error,
      });
    }
    throw error;
  }
}
