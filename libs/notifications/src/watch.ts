import {
  awaitedSteps,
  commitmentDecider,
  conditionDecider,
  evaluateCondition,
  instrumentDecider,
  instrumentsTiedTo,
  readersOf,
  tiedReaders,
  type Commitment,
  type Condition,
  type ConditionFacts,
  type Requirement,
  type Instrument,
  type InstrumentEvent,
} from '@ddr/coordination';
import { isCoordinatingBody, type Body, type CalendarDate, type Chronicle, type DomainEvent, type Recorded } from '@ddr/kernel';
import { programmeDecider, programmeTotals, type Programme } from '@ddr/programmes';
import type { InstrumentView } from '@ddr/read-model';
import { correctionNotices } from './act-corrected';
import { conditionBodies, type Subject } from './concerned';
import { awaitsWithDeadline, commitmentDeadlines, conditionDeadlines, conditionHasDeadline, instrumentView, stepDeadlines } from './deadlines';
import { gradedNotices } from './graded';
import { HeldChronicles } from './held-chronicles';
import { noticeId, type LoggedFact } from './logged-fact';
import { deskLink, type Notice, type NotificationKind } from './notification-kinds';

/** The streams a watch folds, by prefix; the ledger's checkpoints and the grades are told but not folded. */
export const WATCHED_STREAM_PREFIXES = ['instrument-', 'commitment-', 'condition-', 'programme-', 'ledger-checkpoints', 'grades-'] as const;

type Folded = { instrument: Instrument; commitment: Commitment; condition: Condition; programme: Programme };
export type WatchedKind = keyof Folded;
type Kind = WatchedKind;
/** A watched stream as its decider folds it: every act, corrections applied, in effective-date order. */
export type WatchedChronicle = Chronicle<DomainEvent, Folded[Kind] | null>;
const kindOf = (streamId: string): Kind | undefined =>
  (['instrument', 'commitment', 'condition', 'programme'] as const).find((k) => streamId.startsWith(`${k}-`));

/** The stream whose state a condition's requirement reads. */
const readStream = (requirement: Requirement): string =>
  requirement.kind === 'PROGRAMME_COUNT'
    ? `programme-${requirement.programme}`
    : requirement.kind === 'COMMITMENT_FULFILLED'
      ? `commitment-${requirement.commitmentId}`
      : `instrument-${requirement.instrumentId}`;

/** The deciders' own chronicled evolve, so that the watch sees a late act or a correction as they do. */
const DECIDERS: Record<Kind, { evolve(chronicle: WatchedChronicle, event: Recorded<DomainEvent>): WatchedChronicle; initialState(): WatchedChronicle }> = {
  instrument: instrumentDecider,
  commitment: commitmentDecider,
  condition: conditionDecider,
  programme: programmeDecider,
};

/** Who is told a step awaits: its body, or the lead body that records an outside actor's act. */
export const awaitedBody = (instrument: Instrument, step: number): Body =>
  isCoordinatingBody(instrument.pathway[step].body) ? instrument.pathway[step].body : instrument.leadBody;

/** The bodies a stream's instrument awaits, each once: whose digests list it. */
export function awaitingBodies(streamId: string, chronicle: Pick<WatchedChronicle, 'state'>): Body[] {
  const instrument = kindOf(streamId) === 'instrument' ? (chronicle.state as Instrument | null) : null;
  return instrument ? [...new Set(awaitedSteps(instrument).map((i) => awaitedBody(instrument, i)))] : [];
}

/** The file a watch reads what it does not hold from (`notifications.sqlite`'s `watched`). */
export interface WatchedFile {
  /** A stream's chronicle as the file holds it: the source of truth behind the watch. */
  chronicle(streamId: string): WatchedChronicle | undefined;
  /** The instrument streams with a step awaiting the body, in stream id order. */
  awaiting(body: Body): string[];
  /** How many chronicles the watch holds parsed at most. */
  capacity: number;
}

/**
 * What is worth telling, as a pure function of the log: the watch folds the
 * instruments, commitments, conditions and programmes it sees with their
 * deciders' chronicles (acts in effective-date order, corrections applied),
 * and each event yields the notices its change causes, comparing before and
 * after. Deadlines are the calendar's doing and come from
 * `deadlines(today)`. No I/O: the caller persists `changed()`.
 *
 * Given a file, it holds only its indexes (the streams that can have a deadline, the conditions by the
 * streams they read) and the chronicles it used last; the rest is read from the file when needed.
 * Without one it holds every chronicle it was told of.
 */
export class Watch {
  private readonly held: HeldChronicles<WatchedChronicle>;
  /** Instruments with an awaited step that has a deadline, commitments, conditions in force with a deadline: all that `deadlines` may tell of. */
  private readonly withDeadline = new Set<string>();
  /**
   * Conditions by the streams their requirements read: an event can move only their verdicts and its own
   * condition's. Evaluating every condition on every event made catching up quadratic (a minute at start on 20,000 events).
   */
  private readonly readers = new Map<string, Set<string>>();
  private readonly reads = new Map<string, string[]>();
  /** Instruments as readers see them (their steps' waits), folded when a deadline needs them, gone with their chronicle. */
  private readonly views = new WeakMap<WatchedChronicle, InstrumentView | null>();

  constructor(
    /** Bodies told when a checkpoint is signed: the ledger's witnesses. */
    private readonly witnesses: readonly Body[],
    private readonly file?: WatchedFile,
  ) {
    this.held = new HeldChronicles(file && ((streamId) => file.chronicle(streamId)), file?.capacity);
  }

  /** Streams whose chronicle changed since the last call, with that chronicle, for the caller to store. */
  changed(): Array<[string, WatchedChronicle]> {
    return this.held.changed();
  }

  /** How many chronicles are held parsed: at most the file's capacity, beyond the unsaved ones. */
  get heldChronicles(): number {
    return this.held.size;
  }

  /** Indexes a stream as the file holds it, without holding its chronicle: the file is read so at start. */
  remember(streamId: string, chronicle: Pick<WatchedChronicle, 'state'>): void {
    this.index(streamId, chronicle.state);
  }

  /**
   * What was told since the file was last written did not reach it: lets go of every chronicle and
   * unsaved change, and indexes the streams told of as the file holds them.
   */
  rollBack(told: Iterable<string>): void {
    if (!this.file) throw new Error('a watch without a file has nothing to roll back to');
    this.held.drop();
    for (const streamId of new Set(told)) this.index(streamId, this.file.chronicle(streamId)?.state ?? null);
  }

  /** The instrument a stream folds to, if the watch has seen it propose. */
  instrumentOf(streamId: string): Instrument | undefined {
    return kindOf(streamId) === 'instrument' ? (this.state(streamId) as Instrument | undefined) : undefined;
  }

  /** The instruments with a step awaiting the body, in stream id order. */
  awaiting(body: Body): Instrument[] {
    const streamIds = this.file
      ? this.file.awaiting(body)
      : [...this.held.entries()]
          .filter(([streamId, chronicle]) => awaitingBodies(streamId, chronicle).includes(body))
          .map(([streamId]) => streamId)
          .sort();
    return streamIds.flatMap((streamId) => this.instrumentOf(streamId) ?? []);
  }

  private state(streamId: string): Folded[Kind] | undefined {
    return this.held.get(streamId)?.state ?? undefined;
  }

  private index(streamId: string, state: Folded[Kind] | null): void {
    const kind = kindOf(streamId);
    if (kind === 'condition') this.indexReads(streamId.slice('condition-'.length), state as Condition | null);
    const deadline =
      state !== null &&
      (kind === 'commitment' ||
        (kind === 'condition' && conditionHasDeadline(state as Condition)) ||
        (kind === 'instrument' && awaitsWithDeadline(state as Instrument)));
    if (deadline) this.withDeadline.add(streamId);
    else this.withDeadline.delete(streamId);
  }

  private indexReads(conditionId: string, condition: Condition | null): void {
    for (const stream of this.reads.get(conditionId) ?? []) this.readers.get(stream)?.delete(conditionId);
    const streams = condition ? condition.requires.map(readStream) : [];
    this.reads.set(conditionId, streams);
    for (const stream of streams) (this.readers.get(stream) ?? this.readers.set(stream, new Set()).get(stream)!).add(conditionId);
  }

  /** The conditions whose requirements read the stream: those a correction of it concerns. */
  private readersOf(streamId: string): Condition[] {
    return [...(this.readers.get(streamId) ?? [])].flatMap((id) => this.condition(id) ?? []);
  }

  /** The conditions whose verdict an event on the stream may move. */
  private affected(streamId: string): string[] {
    const own = kindOf(streamId) === 'condition' ? [streamId.slice('condition-'.length)] : [];
    return [...own, ...(this.readers.get(streamId) ?? [])];
  }

  /** Folds the event in and returns what it is worth telling, to bodies that may read what it is about. */
  tell(fact: LoggedFact): Notice[] {
    return this.told(fact).filter((notice) => this.mayTell(notice, fact.streamId));
  }

  private told(fact: LoggedFact): Notice[] {
    if (fact.type === 'CheckpointSigned') return this.checkpointSigned(fact);
    if (fact.type === 'ImplementationGraded')
      return gradedNotices(
        fact,
        (id) => this.commitment(id),
        (id) => this.condition(id),
      );
    const kind = kindOf(fact.streamId);
    if (!kind) return [];
    const awaitedBefore = kind === 'instrument' ? this.awaited(fact.streamId) : new Set<string>();
    const conditionsBefore = this.verdicts(fact.effectiveDate, this.affected(fact.streamId));
    const before = this.held.get(fact.streamId) ?? DECIDERS[kind].initialState();
    const event = { type: fact.type, data: { effectiveDate: fact.effectiveDate, ...fact.data }, recordedBy: fact.recordedBy ?? null };
    const after = DECIDERS[kind].evolve(before, event);
    this.held.change(fact.streamId, after);
    this.index(fact.streamId, after.state);
    const notices = kind === 'instrument' ? this.newlyAwaited(fact, awaitedBefore) : [];
    if (fact.type === 'ActCorrected') {
      const subject = after.state ? ({ kind, state: after.state } as Subject) : null;
      notices.push(...correctionNotices(fact, subject, after, this.readersOf(fact.streamId), (id) => this.commitment(id)));
    }
    const conditionsAfter = this.verdicts(fact.effectiveDate, this.affected(fact.streamId));
    for (const [conditionId, verdict] of conditionsAfter) {
      const previous = conditionsBefore.get(conditionId);
      if (previous?.met === verdict.met) continue;
      notices.push(...this.conditionNotices(fact, this.condition(conditionId)!, verdict));
    }
    return notices;
  }

  /**
   * Commitments, conditions and awaited steps whose deadline is within `nearDays` of `today`, or passed
   * undecided, unfulfilled, unmet. The ids repeat from day to day: the caller keeps what it told.
   */
  deadlines(today: CalendarDate, nearDays: number): Notice[] {
    return [...this.deadlinesByStream(today, nearDays)].flat();
  }

  /**
   * `deadlines`, a stream at a time (commitments, conditions, then steps, each kind in stream id order): a caller may let
   * others in between streams, since a large watch's sweep takes seconds. The streams are those that could
   * have a deadline when the sweep began; each is read as it stands when its turn comes.
   */
  *deadlinesByStream(today: CalendarDate, nearDays: number): Generator<Notice[]> {
    const viewOf = (id: string): InstrumentView | null => {
      const chronicle = this.held.get(`instrument-${id}`);
      if (!chronicle) return null;
      if (!this.views.has(chronicle)) this.views.set(chronicle, instrumentView(chronicle as Chronicle<InstrumentEvent, Instrument | null>));
      return this.views.get(chronicle)!;
    };
    // In stream id order: the same whether the index was built by telling or by reading the file.
    const due = [...this.withDeadline].sort();
    for (const kind of ['commitment', 'condition', 'instrument'] as const) {
      for (const streamId of due) {
        const state = kindOf(streamId) === kind ? this.state(streamId) : undefined;
        if (!state) continue;
        const notices =
          kind === 'commitment'
            ? commitmentDeadlines(state as Commitment, viewOf, today, nearDays)
            : kind === 'condition'
              ? this.conditionDeadlines(state as Condition, viewOf, today, nearDays)
              : stepDeadlines(viewOf((state as Instrument).id)!, (step) => awaitedBody(state as Instrument, step), today, nearDays);
        yield notices.filter((notice) => this.mayTell(notice));
      }
    }
  }

  /** A condition's deadline, judged by its verdict on `today` and told to the bodies its verdicts are told to. */
  private conditionDeadlines(condition: Condition, viewOf: (id: string) => InstrumentView | null, today: CalendarDate, nearDays: number): Notice[] {
    const verdict = this.verdicts(today, [condition.id]).get(condition.id);
    if (!verdict) return [];
    return conditionDeadlines(
      condition,
      verdict,
      conditionBodies(condition, (id) => this.commitment(id)),
      viewOf,
      today,
      nearDays,
    );
  }

  /** Who may read a watched stream's item (null: every body), by the rule the read model keeps (docs/decisions.md, need to know). */
  mayBeReadBy(streamId: string): Body[] | null {
    const kind = kindOf(streamId);
    const item = kind && this.state(streamId);
    if (!item || kind === 'programme') return null;
    if (kind === 'instrument') return readersOf(item as Instrument);
    const tied = item as Commitment | Condition;
    return tiedReaders(
      tied.body,
      instrumentsTiedTo(tied).map((id) => this.mayBeReadBy(`instrument-${id}`)),
    );
  }

  /** A body is never told of what it may not read: the stream that caused the notice, and the item the notice names. */
  private mayTell(notice: Notice, cause?: string): boolean {
    const { instrumentId, commitmentId, conditionId, item, itemId } = notice.details;
    const named = [
      typeof instrumentId === 'string' ? `instrument-${instrumentId}` : null,
      typeof commitmentId === 'string' ? `commitment-${commitmentId}` : null,
      typeof conditionId === 'string' ? `condition-${conditionId}` : null,
      typeof item === 'string' && typeof itemId === 'string' ? `${item.toLowerCase()}-${itemId}` : null,
    ];
    return [cause, ...named].every((streamId) => {
      const readers = streamId ? this.mayBeReadBy(streamId) : null;
      return readers === null || readers.includes(notice.body);
    });
  }

  private awaited(streamId: string): Set<string> {
    const instrument = this.state(streamId) as Instrument | undefined;
    return new Set(instrument ? awaitedSteps(instrument).map((i) => `${i}:${instrument.pathway[i].body}`) : []);
  }

  private newlyAwaited(fact: LoggedFact, before: Set<string>): Notice[] {
    const instrument = this.state(fact.streamId) as Instrument;
    return awaitedSteps(instrument)
      .filter((i) => !before.has(`${i}:${instrument.pathway[i].body}`))
      .map((i) => {
        const step = instrument.pathway[i];
        const body = awaitedBody(instrument, i);
        return {
          id: noticeId('STEP_AWAITED', fact.id, String(i)),
          kind: 'STEP_AWAITED' as const,
          body,
          position: fact.position,
          effectiveDate: fact.effectiveDate,
          summary: `${instrument.title} awaits ${step.body} (${step.action}) since ${fact.effectiveDate}`,
          link: deskLink.instrument(instrument.id),
          details: { instrumentId: instrument.id, title: instrument.title, step: i, stepBody: step.body, action: step.action, cause: fact.type },
        };
      });
  }

  private verdicts(on: CalendarDate, conditionIds: readonly string[]): Map<string, { met: boolean; blockedBy: string[] }> {
    const facts: ConditionFacts = {
      on,
      instrument: (id) => (this.state(`instrument-${id}`) as Instrument | undefined) ?? null,
      commitment: (id) => this.commitment(id) ?? null,
      programmeCount: (code, measure) => {
        const programme = this.state(`programme-${code}`) as Programme | undefined;
        return programme ? programmeTotals(programme)[measure] : null;
      },
    };
    const conditions = conditionIds.flatMap((id) => this.condition(id) ?? []);
    return new Map(conditions.flatMap((c) => (c.withdrawnOn ? [] : [[c.id, evaluateCondition(c, facts)] as const])));
  }

  private conditionNotices(fact: LoggedFact, condition: Condition, verdict: { met: boolean; blockedBy: string[] }): Notice[] {
    const kind: NotificationKind = verdict.met ? 'CONDITION_MET' : 'CONDITION_UNMET';
    return conditionBodies(condition, (id) => this.commitment(id)).map((body) => ({
      id: noticeId(kind, fact.id, condition.id, body),
      kind,
      body,
      position: fact.position,
      effectiveDate: fact.effectiveDate,
      summary: verdict.met ? `condition met: ${condition.title}` : `condition not met: ${condition.title} (${verdict.blockedBy.join('; ')})`,
      link: deskLink.condition(condition.id),
      details: { conditionId: condition.id, title: condition.title, subject: condition.subject, met: verdict.met, blockedBy: verdict.blockedBy },
    }));
  }

  private commitment(id: string): Commitment | undefined {
    return this.state(`commitment-${id}`) as Commitment | undefined;
  }

  private condition(id: string): Condition | undefined {
    return this.state(`condition-${id}`) as Condition | undefined;
  }

  private checkpointSigned(fact: LoggedFact): Notice[] {
    const size = Number(fact.data.size);
    return this.witnesses.map((body) => ({
      id: noticeId('CHECKPOINT_SIGNED', fact.id, body),
      kind: 'CHECKPOINT_SIGNED' as const,
      body,
      position: fact.position,
      effectiveDate: fact.effectiveDate,
      summary: `the ledger signed a checkpoint of ${size} events: ${body} may co-sign it as a witness`,
      link: deskLink.checkpoint(size),
      details: { size, root: fact.data.root ?? null, origin: fact.data.origin ?? null },
    }));
  }
}
