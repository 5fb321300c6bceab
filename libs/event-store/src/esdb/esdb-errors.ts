import {
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
  convertToCommandError,
} from '@eventstore/db-client';
import { EventStoreError, EventStoreUnavailableError, WrongExpectedRevisionError } from '../errors';
import type { ExpectedRevision } from '../event-store.port';

/** The port's error for a client error: conflicts keep their details, an unreachable server says so. */
export function toStoreError(raw: unknown, streamId?: string, expected?: ExpectedRevision): unknown {
  if (raw instanceof EventStoreError || !(raw instanceof Error)) return raw;
  // Some client paths (a failed append call) reject with the bare gRPC error.
  const error = convertToCommandError(raw);
  if (error instanceof WrongExpectedVersionError && streamId !== undefined && expected !== undefined) {
    const actual = error.actualVersion;
    return new WrongExpectedRevisionError(streamId, expected, typeof actual === 'bigint' ? Number(actual) : 'no_stream');
  }
  if (isUnreachable(error)) {
    return new EventStoreUnavailableError(`EventStoreDB is unavailable: ${error.message}`);
  }
  return error;
}

/** The server cannot be reached now: a later attempt may succeed. */
export function isUnreachable(error: unknown): boolean {
  return [UnavailableError, CancelledError, DeadlineExceededError, TimeoutError, NotLeaderError].some((type) => error instanceof type);
}
