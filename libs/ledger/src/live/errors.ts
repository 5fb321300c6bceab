/** Every refusal of the ledger carries a code a client or an operator can act on. */
export abstract class LedgerError extends Error {
  abstract readonly code: string;
  override get name(): string {
    return this.constructor.name;
  }
}

/**
 * The current log does not extend a checkpoint that was signed or witnessed:
 * history before it was altered, removed or reordered. Nothing is signed.
 */
export class LedgerInconsistentError extends LedgerError {
  readonly code = 'LEDGER_INCONSISTENT';
}

/** The ledger file describes another log than the event store it sits beside. */
export class LedgerMismatchError extends LedgerError {
  readonly code = 'LEDGER_MISMATCH';
}

/** The event is in the log but after the latest signed checkpoint: sign one, or wait for the next. */
export class NotCheckpointedError extends LedgerError {
  readonly code = 'NOT_CHECKPOINTED';
}

export class LedgerNotFoundError extends LedgerError {
  readonly code = 'NOT_FOUND';
}

/** The request is malformed (sizes out of range, a bad signature encoding, an unknown body). */
export class LedgerInputError extends LedgerError {
  readonly code = 'BAD_USER_INPUT';
}

/** A witness will not co-sign: the checkpoint does not extend the last one it signed, or is not authentic. */
export class WitnessRefusalError extends LedgerError {
  readonly code = 'WITNESS_REFUSED';
}

/** An import needs an empty store, so that positions, chains and the root come out as they were. */
export class StoreNotEmptyError extends LedgerError {
  readonly code = 'STORE_NOT_EMPTY';
}

/** A CheckpointSigned or WitnessCosigned event without the fields it must have. */
export class MalformedLedgerEventError extends LedgerError {
  readonly code = 'LEDGER_EVENT_MALFORMED';
}

/** The last checkpoint was signed by another key or under another origin than this signer's. */
export class SignerMismatchError extends LedgerError {
  readonly code = 'LEDGER_SIGNER_MISMATCH';
}
