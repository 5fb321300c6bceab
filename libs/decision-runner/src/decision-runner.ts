import { createHash, randomUUID } from 'node:crypto';
import {
  CommandIdClaimedError,
  WrongExpectedRevisionError,
  sameAct,
  type BatchedAppend,
  type CommandClaim,
  type EventStore,
  type EventToAppend,
  type RecordedEvent,
} from '@ddr/event-store';
import { canonicalJson, chainFrom } from '@ddr/ledger';
import { annotateSpan, inSpan, traceCarrier } from '@ddr/telemetry';
import { eventIdFor } from './command-id';
import { DecidedStates, lastOf, type DecidedState, type DecidedStatesOptions } from './decided-states';
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
  /**
   * Client-chosen idempotency key: the same id with the same content appends nothing new (a retry); with other
   * content, or for another stream, it is refused as CONFLICT (another act that a replay would hide).
   */
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
  /** Where decided states are kept between commands: in memory, with stored snapshots when given. */
  states?: Omit<DecidedStatesOptions, 'upcasting'>;
}

/**
 * Loads a stream, folds it with the decider, decides, and appends the new
 * events against the revision it loaded (optimistic concurrency), retrying a
 * bounded number of times when another writer got there first. The fold starts
 * from the last decided state kept for the stream, so a command on a long
 * stream reads and folds only what was appended since.
 */
export class DecisionRunner {
  private readonly upcasters: Upcasters;
  private readonly clock: () => Date;
  private readonly maxRetries: number;
  private readonly states: DecidedStates;
  /** How many commands are deciding on each decided state right now. */
  private readonly holds = new WeakMap<DecidedState<unknown>, number>();

  constructor(
    private readonly store: EventStore,
    options: DecisionRunnerOptions = {},
  ) {
    this.upcasters = options.upcasters ?? new Upcasters();
    this.clock = options.clock ?? (() => new Date());
    this.maxRetries = options.maxRetries ?? 3;
    this.states = new DecidedStates({ ...options.states, upcasting: this.upcasters.signature() });
  }

  async run<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    streamId: string,
    command: Command,
    context: CommandContext,
    linked?: LinkedDecision,
  ): Promise<CommandOutcome> {
    const commandId = context.commandId ?? randomUUID();
    // Only a client-chosen id can be sent again for another act; a generated one is bound by being unique.
    const claim = context.commandId === undefined ? undefined : { commandId, streamId, digest: commandDigest(command) };
    annotateSpan({ 'ddr.command_id': commandId, 'ddr.stream': streamId });
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.attempt(decider, streamId, command, { ...context, commandId }, claim, linked);
      } catch (error) {
        // The client's own guard is on the main stream; a linked stream that moved on is simply re-read.
        const retryable = error instanceof WrongExpectedRevisionError && (context.expectedRevision === undefined || error.streamId !== streamId);
        if (!retryable || attempt >= this.maxRetries) throw error;
      }
    }
  }

  /**
   * The current state of a stream, as the decider sees it: the kept state, if the store still has its last event
   * where it was, with the events after it folded in; otherwise the fold of the whole stream. Undefined `decided`
   * for a stream with no events. Read the state before the next await: a later command may grow it in place.
   */
  async load<Event extends DomainEvent, State>(
    decider: Decider<unknown, Event, State>,
    streamId: string,
  ): Promise<{ state: State; decided?: DecidedState<State> }> {
    const loaded = await this.hold(decider, streamId);
    this.release(loaded.decided);
    return loaded;
  }

  /** `load`, with a hold on the state until `release`: while it is held, no other command grows it in place. */
  private async hold<Event extends DomainEvent, State>(
    decider: Decider<unknown, Event, State>,
    streamId: string,
  ): Promise<{ state: State; decided?: DecidedState<State> }> {
    const kept = this.states.get<State>(decider, streamId);
    if (kept) {
      this.take(kept);
      let grown: DecidedState<State> | undefined;
      try {
        const [at, ...after] = await this.store.readStream(streamId, { fromRevision: kept.revision });
        if (at?.id.toLowerCase() === kept.last.id) {
          // Held by this command alone, the kept state is grown in place: a long stream is not copied per command.
          grown = after.length === 0 ? kept : this.fold(decider, after, kept, this.holds.get(kept) === 1);
        } else this.states.forget(decider, streamId);
      } finally {
        if (grown !== kept) this.release(kept);
      }
      if (grown) {
        if (grown !== kept) this.take(grown);
        this.states.set(decider, streamId, grown);
        return { state: grown.state, decided: grown };
      }
    }
    const history = await this.store.readStream(streamId);
    if (history.length === 0) return { state: decider.initialState() };
    const decided = this.fold(decider, history);
    this.take(decided);
    this.states.set(decider, streamId, decided);
    return { state: decided.state, decided };
  }

  private take(decided: DecidedState<unknown>): void {
    this.holds.set(decided, (this.holds.get(decided) ?? 0) + 1);
  }

  private release(decided: DecidedState<unknown> | undefined): void {
    if (decided) this.holds.set(decided, (this.holds.get(decided) ?? 1) - 1);
  }

  /** Folds recorded events onto a kept state (or from the start), upcast, each with the body that recorded it. */
  private fold<Event extends DomainEvent, State>(
    decider: Decider<unknown, Event, State>,
    recorded: readonly RecordedEvent[],
    from?: DecidedState<State>,
    owned = false,
  ): DecidedState<State> {
    // The recording body rides along: a chronicle lets only that body correct the act.
    const events = recorded.map(
      (event) => ({ type: event.type, data: this.upcasters.upcast(event), recordedBy: event.metadata.body ?? null }) as unknown as Event,
    );
    const commandIds = from?.commandIds ?? new Set<string>();
    for (const { metadata } of recorded) if (typeof metadata.commandId === 'string') commandIds.add(metadata.commandId);
    const last = recorded[recorded.length - 1];
    const state = from && owned && decider.fold ? decider.fold(events, from.state, true) : replay(decider, events, from?.state);
    return { state, revision: last.revision, last: lastOf(last), commandIds };
  }

  private async attempt<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    streamId: string,
    command: Command,
    context: CommandContext & { commandId: string },
    claim: CommandClaim | undefined,
    linked?: LinkedDecision,
  ): Promise<CommandOutcome> {
    // A command id names one act in the whole log: bound to another stream or other content, it is refused.
    const bound = claim && (await this.store.findClaim(claim.commandId));
    if (bound && !sameAct(bound, claim)) throw await this.reuseRefused(bound);
    const { state, decided } = await this.hold(decider, streamId);
    // Held from the load to the append: no other command grows this state in place meanwhile.
    try {
      const digest = commandDigest(command);
      const current = decided?.revision ?? -1;
      // Only an id the stream has seen can be a retry: then its events are looked up in the whole stream.
      if (decided?.commandIds.has(context.commandId)) {
        const earlier = (await this.store.readStream(streamId)).filter((event) => event.metadata.commandId === context.commandId);
        const [first, done] = [earlier.at(0), earlier.at(-1)];
        if (first && done) {
          // Acts recorded before the index are bound by their own stream: other content there is refused too.
          const firstDigest = first.metadata.commandDigest;
          if (typeof firstDigest === 'string' && firstDigest !== digest) throw reuseRefused(context.commandId, first, current);
          return { streamId, revision: done.revision, position: done.position, replayed: true };
        }
      }

      if (context.expectedRevision !== undefined && context.expectedRevision !== current) {
        throw new WrongExpectedRevisionError(streamId, context.expectedRevision, current < 0 ? 'no_stream' : current);
      }
      const decision = inSpan('decide', { 'ddr.stream': streamId, 'ddr.revision': current }, () => decider.decide(command, state));
      if (isRejection(decision)) throw new CommandRejectedError(decision, current);
      if (decision.length === 0) return { streamId, revision: current, position: decided?.last.position ?? '', replayed: false };
      const recordedAt = this.clock().toISOString();
      const appends = [this.toAppend(streamId, decided, decision, { ...context, commandDigest: digest }, recordedAt)];
      if (linked) {
        const other = await this.hold(linked.decider, linked.stream);
        const otherDecision = linked.decider.decide(linked.command as never, other.state);
        this.release(other.decided);
        if (isRejection(otherDecision)) throw new CommandRejectedError(otherDecision, current);
        if (otherDecision.length > 0)
          appends.unshift(this.toAppend(linked.stream, other.decided, otherDecision, { ...context, commandDigest: digest }, recordedAt));
      }
      const results = await this.store.appendBatch(appends, { claim }).catch(async (error: unknown) => {
        // Another act took the id between our look-up and our write.
        throw error instanceof CommandIdClaimedError ? await this.reuseRefused(error.claim) : error;
      });
      const result = results[results.length - 1];
      // Sent at the same time as its first sending, a retry is found out by the store, in the same group commit.
      return { streamId, revision: result.nextExpectedRevision, position: result.position, replayed: result.replayed === true };
    } finally {
      this.release(decided);
    }
  }

  /** The refusal of an id bound to another act, naming that act from its stream. */
  private async reuseRefused(bound: CommandClaim): Promise<CommandRejectedError> {
    const history = await this.store.readStream(bound.streamId);
    return reuseRefused(bound.commandId, history.find((event) => event.metadata.commandId === bound.commandId) ?? bound.streamId);
  }

  /** New events as an append against the revision loaded, chained to its last event. */
  private toAppend(
    streamId: string,
    decided: DecidedState<unknown> | undefined,
    decision: readonly DomainEvent[],
    context: CommandContext & { commandId: string; commandDigest: string },
    recordedAt: string,
  ): BatchedAppend {
    const current = decided?.revision ?? -1;
    const proposed: EventToAppend[] = decision.map((event, index) => ({
      id: eventIdFor(context.commandId, streamId, index),
      type: event.type,
      data: event.data,
      metadata: this.metadata(context, event, recordedAt),
    }));
    // The revision appended against is the one loaded, so its last event is the chain's predecessor.
    return { streamId, events: chainFrom(streamId, decided?.last.link, proposed).events, expectedRevision: current < 0 ? 'no_stream' : current };
  }

  /**
   * The envelope, the digest of the command, so that a later use of its id can be told apart from a retry, and,
   * when tracing, the command's trace context (`traceparent`), so that the projection of the event joins its trace.
   */
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
    return { ...metadata, commandDigest: context.commandDigest, ...traceCarrier() };
  }
}

/** A command id sent again for another act, refused with the act it was first used for (its first event, or its stream). */
function reuseRefused(commandId: string, first: RecordedEvent | string, currentRevision?: number): CommandRejectedError {
  const act =
    typeof first === 'string'
      ? `an act on ${first} whose events are not recorded yet`
      : `${first.type} at revision ${first.revision} of ${first.streamId}, recorded ${JSON.stringify(first.metadata.recordedAt)}`;
  return new CommandRejectedError(
    reject('CONFLICT', `command id ${commandId} was first used for another act (${act}); a different act needs a new command id`),
    currentRevision,
  );
}

/** What the command says, as a digest: the same act sent again has the same one. */
export function commandDigest(command: unknown): string {
  return createHash('sha256')
    .update(canonicalJson(JSON.parse(JSON.stringify(command))))
    .digest('hex');
}
