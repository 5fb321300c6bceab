import { createHash, randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError, type BatchedAppend, type EventStore, type EventToAppend, type RecordedEvent } from '@ddr/event-store';
import { canonicalJson, chainMetadata } from '@ddr/ledger';
import { eventIdFor } from './command-id';
import {
  envelope,
  isRejection,
  reject,
  replay,
  Upcasters,
  type Actor,
  type Decider,
  type DomainEvent,
  type Rejection,
  type UnchainedMetadata,
} from '@ddr/kernel';

/** What a caller knows beyond the command itself. */
export interface CommandContext {
  actor: Actor;
  /** Client-chosen idempotency key; a retried command with the same id appends nothing new. */
  commandId?: string;
  correlationId?: string;
  causationId?: string;
  /** When given, the stream must be at exactly this revision (no automatic retry). */
  expectedRevision?: number;
}

/** Where the command left its stream: the contract's `CommandResult`. */
export interface CommandOutcome {
  streamId: string;
  revision: number;
  position: string;
  /** True when the command id had been seen already and nothing was appended. */
  replayed: boolean;
}

/** A decider refused the command; nothing was appended. */
export class CommandRejectedError extends Error {
  constructor(
    readonly rejection: Rejection,
    /** The stream's revision when the command was refused, so a client can re-read and retry. */
    readonly currentRevision?: number,
  ) {
    super(rejection.message);
  }
  get code(): string {
    return this.rejection.code;
  }
}

/**
 * A second decision one command takes on another stream (a decision citing a meeting establishes the
 * meeting): appended in the same batch, before the main decision, so that on a store without atomic
 * batches a crash between the two leaves only a true fact (the meeting held) and the retry completes it.
 */
export interface LinkedDecision {
  decider: Decider<never, DomainEvent, unknown>;
  stream: string;
  command: unknown;
}

export interface DecisionRunnerOptions {
  upcasters?: Upcasters;
  clock?: () => Date;
  /** Attempts after a concurrent write moved the stream on under us. */
  maxRetries?: number;
}

/**
 * Loads a stream, folds it with the decider, decides, and appends the new
 * events against the revision it loaded (optimistic concurrency), retrying a
 * bounded number of times when another writer got there first.
 */
export class DecisionRunner {
  private readonly upcasters: Upcasters;
  private readonly clock: () => Date;
  private readonly maxRetries: number;

  constructor(
    private readonly store: EventStore,
    options: DecisionRunnerOptions = {},
  ) {
    this.upcasters = options.upcasters ?? new Upcasters();
    this.clock = options.clock ?? (() => new Date());
    this.maxRetries = options.maxRetries ?? 3;
  }

  async run<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    streamId: string,
    command: Command,
    context: CommandContext,
    linked?: LinkedDecision,
  ): Promise<CommandOutcome> {
    const commandId = context.commandId ?? randomUUID();
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.attempt(decider, streamId, command, { ...context, commandId }, linked);
      } catch (error) {
        // The client's own guard is on the main stream; a linked stream that moved on is simply re-read.
        const retryable = error instanceof WrongExpectedRevisionError && (context.expectedRevision === undefined || error.streamId !== streamId);
        if (!retryable || attempt >= this.maxRetries) throw error;
      }
    }
  }

  /** The current state of a stream, as the decider sees it. */
  async load<Event extends DomainEvent, State>(decider: Decider<unknown, Event, State>, streamId: string): Promise<{ state: State; history: RecordedEvent[] }> {
    const history = await this.store.readStream(streamId);
    // The recording body rides along: a chronicle lets only that body correct the act.
    const events = history.map(
      (recorded) => ({ type: recorded.type, data: this.upcasters.upcast(recorded), recordedBy: recorded.metadata.body ?? null }) as unknown as Event,
    );
    const state = replay(decider, events);
    return { state, history };
  }

  private async attempt<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    streamId: string,
    command: Command,
    context: CommandContext & { commandId: string },
    linked?: LinkedDecision,
  ): Promise<CommandOutcome> {
    const { state, history } = await this.load(decider, streamId);
    const digest = commandDigest(command);
    const earlier = history.filter((event) => event.metadata.commandId === context.commandId);
    const [first, done] = [earlier.at(0), earlier.at(-1)];
    if (first && done) {
      // A command id names one act: the same id with other content is another act that a replay would hide.
      const firstDigest = first.metadata.commandDigest;
      if (typeof firstDigest === 'string' && firstDigest !== digest) {
        const act = `${first.type} at revision ${first.revision} of ${streamId}, recorded ${JSON.stringify(first.metadata.recordedAt)}`;
        throw new CommandRejectedError(
          reject('CONFLICT', `command id ${context.commandId} was first used for another act (${act}); a different act needs a new command id`),
          history.length - 1,
        );
      }
      return { streamId, revision: done.revision, position: done.position, replayed: true };
    }

    const current = history.length - 1;
    if (context.expectedRevision !== undefined && context.expectedRevision !== current) {
      throw new WrongExpectedRevisionError(streamId, context.expectedRevision, current < 0 ? 'no_stream' : current);
    }
    const decision = decider.decide(command, state);
    if (isRejection(decision)) throw new CommandRejectedError(decision, current);
    if (decision.length === 0) {
      const last = history[current];
      return { streamId, revision: current, position: last?.position ?? '', replayed: false };
    }
    const recordedAt = this.clock().toISOString();
    const appends = [this.toAppend(streamId, history, decision, { ...context, commandDigest: digest }, recordedAt)];
    if (linked) {
      const other = await this.load(linked.decider, linked.stream);
      const otherDecision = linked.decider.decide(linked.command as never, other.state);
      if (isRejection(otherDecision)) throw new CommandRejectedError(otherDecision, current);
      if (otherDecision.length > 0)
        appends.unshift(this.toAppend(linked.stream, other.history, otherDecision, { ...context, commandDigest: digest }, recordedAt));
    }
    const results = await this.store.appendBatch(appends);
    const result = results[results.length - 1];
    return { streamId, revision: result.nextExpectedRevision, position: result.position, replayed: false };
  }

  /** New events as an append against the revision loaded, chained to its last event. */
  private toAppend(
    streamId: string,
    history: readonly RecordedEvent[],
    decision: readonly DomainEvent[],
    context: CommandContext & { commandId: string; commandDigest: string },
    recordedAt: string,
  ): BatchedAppend {
    const current = history.length - 1;
    const proposed: EventToAppend[] = decision.map((event, index) => ({
      id: eventIdFor(context.commandId, streamId, index),
      type: event.type,
      data: event.data,
      metadata: this.metadata(context, event, recordedAt),
    }));
    // The revision appended against is the one loaded, so its last event is the chain's predecessor.
    return { streamId, events: chainMetadata(streamId, history[current], proposed), expectedRevision: current < 0 ? 'no_stream' : current };
  }

  /** The envelope, and the digest of the command, so that a later use of its id can be told apart from a retry. */
  private metadata(
    context: CommandContext & { commandId: string; commandDigest: string },
    event: DomainEvent,
    recordedAt: string,
  ): UnchainedMetadata & { commandDigest: string } {
    const { actor, commandId, correlationId, causationId } = context;
    const metadata = envelope({
      ...{ actor: actor.subject, body: actor.body, role: actor.role },
      ...{ commandId, correlationId, causationId, recordedAt },
      effectiveDate: event.data.effectiveDate,
      schemaVersion: this.upcasters.currentVersion(event.type),
    });
    return { ...metadata, commandDigest: context.commandDigest };
  }
}

/** What the command says, as a digest: the same act sent again has the same one. */
export function commandDigest(command: unknown): string {
  return createHash('sha256')
    .update(canonicalJson(JSON.parse(JSON.stringify(command))))
    .digest('hex');
}
