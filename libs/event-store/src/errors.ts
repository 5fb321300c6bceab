import type { CommandClaim, ExpectedRevision } from './event-store.port';

/** Every failure the store reports carries a code a client can act on. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
  override get name(): string {
    return this.constructor.name;
  }
}

/** The stream was not at the expected revision; retrying after a re-read may succeed. */
export class WrongExpectedRevisionError extends EventStoreError {
  readonly code = 'CONFLICT';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's current revision, or 'no_stream'. */
    readonly actual: number | 'no_stream',
  ) {
    super(`stream ${streamId} is at revision ${actual}, expected ${expected}`);
  }
}

/** The append request itself is malformed; nothing was written. */
export class InvalidAppendError extends EventStoreError {
  readonly code = 'BAD_USER_INPUT';
}

/** An event id is already recorded elsewhere in the log; nothing was written. */
export class DuplicateEventIdError extends EventStoreError {
  readonly code = 'CONFLICT';
  constructor(readonly eventId: string) {
    super(`event id ${eventId} is already recorded in another place of the log`);
  }
}

/** The command id is bound to another act (another stream or other content); nothing of the batch was written. */
export class CommandIdClaimedError extends EventStoreError {
  readonly code = 'CONFLICT';
  constructor(
    readonly claim: CommandClaim,
    readonly attempt: CommandClaim,
  ) {
    super(`command id ${claim.commandId} is bound to another act on ${claim.streamId}`);
  }
}

/** The store could not be reached or could not write (disk full, read-only, locked). */
export class EventStoreUnavailableError extends EventStoreError {
  readonly code = 'STORE_UNAVAILABLE';
}

/** A position token that this store did not issue. */
export class InvalidPositionError extends EventStoreError {
  readonly code = 'BAD_USER_INPUT';
  constructor(readonly position: unknown) {
    super(`${String(position)} is not a position of this event store`);
  }
}
