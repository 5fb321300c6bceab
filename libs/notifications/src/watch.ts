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
import { awaitsWithDeadline, commitmentDeadlines, instrumentView, stepDeadlines } from './deadlines';
import { gradedNotices } from './graded';
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

/** Whether a stored watch entry is a chronicle (older files kept the bare state, and are folded again). */
export const isWatchedChronicle = (stored: unknown): stored is WatchedChronicle =>
  typeof stored === 'object' && stored !== null && Array.isArray((stored as WatchedChronicle).entries) && 'lastDate' in stored;

/**
 * What is worth telling, as a pure function of the log: the watch folds the
 * instruments, commitments, conditions and programmes it sees with their
 * deciders' chronicles (acts in effective-date order, corrections applied),
 * and each event yields the notices its change causes, comparing before and
 * after. Deadlines are the calendar's doing and come from
 * `deadlines(today)`. No I/O: the caller persists `changed()`.
 */
export class Watch {
  private readonly chronicles = new Map<string, WatchedChronicle>();
  private readonly folded = new Map<string, Folded[Kind]>();
  private readonly dirty = new Set<string>();
  /**
   * Conditions by the streams their requirements read: an event can move only their verdicts and its own
   * condition's. Evaluating every condition on every event made catching up quadratic (a minute at start on 20,000 events).
   */
  private readonly readers = new Map<string, Set<string>>();
  private readonly reads = new Map<string, string[]>();
  /** Instruments as readers see them (their steps' waits), folded when a deadline needs them, until their stream changes. */
  private readonly views = new Map<string, InstrumentView | null>();

  constructor(
    /** Bodies told when a checkpoint is signed: the ledger's witnesses. */
    private readonly witnesses: readonly Body[],
    entries: Iterable<[string, WatchedChronicle]> = [],
  ) {
    for (const [streamId, chronicle] of entries) this.keep(streamId, chronicle);
  }

  /** Streams whose chronicle changed since the last call, with that chronicle, for the caller to store. */
  changed(): Array<[string, WatchedChronicle]> {
    const changed = [...this.dirty].map((streamId): [string, WatchedChronicle] => [streamId, this.chronicles.get(streamId)!]);
    this.dirty.clear();
    return changed;
  }

  /** The instrument a stream folds to, if the watch has seen it propose. */
  instrumentOf(streamId: string): Instrument | undefined {
    return kindOf(streamId) === 'instrument' ? (this.folded.get(streamId) as Instrument | undefined) : undefined;
  }

  /** Every folded state of one kind. */
  all<K extends Kind>(kind: K): Array<Folded[K]> {
    return [...this.folded.entries()].filter(([streamId]) => kindOf(streamId) === kind).map(([, state]) => state as Folded[K]);
  }

  private keep(streamId: string, chronicle: WatchedChronicle): void {
    this.chronicles.set(streamId, chronicle);
    this.views.delete(streamId);
    if (chronicle.state) this.folded.set(streamId, chronicle.state);
    else this.folded.delete(streamId);
    if (kindOf(streamId) === 'condition') this.indexReads(streamId.slice('condition-'.length), chronicle.state as Condition | null);
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
    const before = this.chronicles.get(fact.streamId) ?? DECIDERS[kind].initialState();
    const event = { type: fact.type, data: { effectiveDate: fact.effectiveDate, ...fact.data }, recordedBy: fact.recordedBy ?? null };
    const after = DECIDERS[kind].evolve(before, event);
    this.keep(fact.streamId, after);
    this.dirty.add(fact.streamId);
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
   * Commitments and awaited steps whose deadline is within `nearDays` of `today`, or passed
   * undecided, unfulfilled. The ids repeat from day to day: the caller keeps what it told.
   */
  deadlines(today: CalendarDate, nearDays: number): Notice[] {
    const viewOf = (id: string): InstrumentView | null => {
      const streamId = `instrument-${id}`;
      const chronicle = this.chronicles.get(streamId);
      if (!this.views.has(streamId)) this.views.set(streamId, chronicle ? instrumentView(chronicle as Chronicle<InstrumentEvent, Instrument | null>) : null);
      return this.views.get(streamId)!;
    };
    const steps = this.all('instrument')
      .filter(awaitsWithDeadline)
      .flatMap((instrument) => stepDeadlines(viewOf(instrument.id)!, (step) => awaitedBody(instrument, step), today, nearDays));
    return [...this.all('commitment').flatMap((commitment) => commitmentDeadlines(commitment, viewOf, today, nearDays)), ...steps].filter((notice) =>
      this.mayTell(notice),
    );
  }

  /** Who may read a watched stream's item (null: every body), by the rule the read model keeps (docs/decisions.md, need to know). */
  mayBeReadBy(streamId: string): Body[] | null {
    const kind = kindOf(streamId);
    const item = kind && this.folded.get(streamId);
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
    const instrument = this.folded.get(streamId) as Instrument | undefined;
    return new Set(instrument ? awaitedSteps(instrument).map((i) => `${i}:${instrument.pathway[i].body}`) : []);
  }

  private newlyAwaited(fact: LoggedFact, before: Set<string>): Notice[] {
    const instrument = this.folded.get(fact.streamId) as Instrument;
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
      instrument: (id) => (this.folded.get(`instrument-${id}`) as Instrument | undefined) ?? null,
      commitment: (id) => this.commitment(id) ?? null,
      programmeCount: (code, measure) => {
        const programme = this.folded.get(`programme-${code}`) as Programme | undefined;
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
    return this.folded.get(`commitment-${id}`) as Commitment | undefined;
  }

  private condition(id: string): Condition | undefined {
    return this.folded.get(`condition-${id}`) as Condition | undefined;
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
