import { createHash } from 'node:crypto';
import {
  awaitedSteps,
  commitmentStatus,
  evaluateCondition,
  evolveCommitment,
  evolveCondition,
  evolveInstrument,
  type Commitment,
  type CommitmentEvent,
  type Condition,
  type ConditionEvent,
  type ConditionFacts,
  type Instrument,
  type InstrumentEvent,
  type Requirement,
} from '@ddr/coordination';
import { isCoordinatingBody, type Body, type CalendarDate, type JsonObject } from '@ddr/kernel';
import { evolveProgramme, programmeTotals, type Programme, type ProgrammeEvent } from '@ddr/programmes';
import { deskLink, type Notice, type NotificationKind } from './notification-kinds';

/** One event of the log as the watch reads it: its data already in the current shape. */
export interface LoggedFact {
  id: string;
  type: string;
  streamId: string;
  position: string;
  data: JsonObject;
  effectiveDate: CalendarDate;
}

/** The streams a watch folds, by prefix; the ledger's checkpoints are told but not folded. */
export const WATCHED_STREAM_PREFIXES = ['instrument-', 'commitment-', 'condition-', 'programme-', 'ledger-checkpoints'] as const;

type Folded = { instrument: Instrument; commitment: Commitment; condition: Condition; programme: Programme };
type Kind = keyof Folded;
const kindOf = (streamId: string): Kind | undefined =>
  (['instrument', 'commitment', 'condition', 'programme'] as const).find((k) => streamId.startsWith(`${k}-`));

/** A deterministic id: telling the same thing twice (a replay, a restart) gives the same notice. */
export const noticeId = (...parts: string[]): string => createHash('sha256').update(parts.join('\n')).digest('base64url').slice(0, 32);

/** Who is told a step awaits: its body, or the lead body that records an outside actor's act. */
export const awaitedBody = (instrument: Instrument, step: number): Body =>
  isCoordinatingBody(instrument.pathway[step].body) ? instrument.pathway[step].body : instrument.leadBody;

const DAY_MS = 86_400_000;
const addDays = (date: CalendarDate, days: number): CalendarDate => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/**
 * What is worth telling, as a pure function of the log: the watch folds the
 * instruments, commitments, conditions and programmes it sees (with the
 * domain's own `evolve`), and each event yields the notices its change
 * causes, comparing before and after. Deadlines are the calendar's doing and
 * come from `deadlines(today)`. No I/O: the caller persists `changed()`.
 */
export class Watch {
  private readonly folded = new Map<string, Folded[Kind]>();
  private readonly dirty = new Set<string>();

  constructor(
    /** Bodies told when a checkpoint is signed: the ledger's witnesses. */
    private readonly witnesses: readonly Body[],
    entries: Iterable<[string, Folded[Kind]]> = [],
  ) {
    for (const [streamId, state] of entries) this.folded.set(streamId, state);
  }

  /** Streams whose state changed since the last call, with that state, for the caller to store. */
  changed(): Array<[string, Folded[Kind]]> {
    const changed = [...this.dirty].map((streamId): [string, Folded[Kind]] => [streamId, this.folded.get(streamId)!]);
    this.dirty.clear();
    return changed;
  }

  /** Every folded state of one kind. */
  all<K extends Kind>(kind: K): Array<Folded[K]> {
    return [...this.folded.entries()].filter(([streamId]) => kindOf(streamId) === kind).map(([, state]) => state as Folded[K]);
  }

  /** Folds the event in and returns what it is worth telling. */
  tell(fact: LoggedFact): Notice[] {
    if (fact.type === 'CheckpointSigned') return this.checkpointSigned(fact);
    const kind = kindOf(fact.streamId);
    if (!kind) return [];
    const awaitedBefore = kind === 'instrument' ? this.awaited(fact.streamId) : new Set<string>();
    const conditionsBefore = this.verdicts(fact.effectiveDate);
    const before = this.folded.get(fact.streamId) ?? null;
    const after = evolveAny(kind, before, fact);
    if (after === before) return [];
    if (after) this.folded.set(fact.streamId, after);
    this.dirty.add(fact.streamId);
    const notices = kind === 'instrument' ? this.newlyAwaited(fact, awaitedBefore) : [];
    const conditionsAfter = this.verdicts(fact.effectiveDate);
    for (const [conditionId, verdict] of conditionsAfter) {
      const previous = conditionsBefore.get(conditionId);
      if (previous?.met === verdict.met) continue;
      notices.push(...this.conditionNotices(fact, this.folded.get(`condition-${conditionId}`) as Condition, verdict));
    }
    return notices;
  }

  /**
   * Commitments whose deadline is within `nearDays` of `today`, or passed
   * unfulfilled. The ids repeat from day to day: the caller keeps what it told.
   */
  deadlines(today: CalendarDate, nearDays: number): Notice[] {
    return this.all('commitment').flatMap((commitment) => {
      const status = commitmentStatus(commitment, today);
      const kind: NotificationKind | undefined =
        status === 'OVERDUE'
          ? 'COMMITMENT_OVERDUE'
          : status === 'OPEN' && addDays(today, nearDays) >= commitment.dueDate
            ? 'COMMITMENT_DEADLINE_NEAR'
            : undefined;
      if (!kind) return [];
      const when = kind === 'COMMITMENT_OVERDUE' ? 'passed' : 'is near';
      return [
        {
          id: noticeId(kind, commitment.id, commitment.dueDate),
          kind,
          body: commitment.body,
          position: null,
          effectiveDate: kind === 'COMMITMENT_OVERDUE' ? addDays(commitment.dueDate, 1) : today,
          summary: `${commitment.body}'s commitment "${commitment.description}": its deadline (${commitment.dueDate}) ${when}`,
          link: deskLink.commitment(commitment.id),
          details: { commitmentId: commitment.id, description: commitment.description, dueDate: commitment.dueDate, instrumentId: commitment.instrumentId },
        },
      ];
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

  private verdicts(on: CalendarDate): Map<string, { met: boolean; blockedBy: string[] }> {
    const facts: ConditionFacts = {
      on,
      instrument: (id) => (this.folded.get(`instrument-${id}`) as Instrument | undefined) ?? null,
      commitment: (id) => (this.folded.get(`commitment-${id}`) as Commitment | undefined) ?? null,
      programmeCount: (code, measure) => {
        const programme = this.folded.get(`programme-${code}`) as Programme | undefined;
        return programme ? programmeTotals(programme)[measure] : null;
      },
    };
    return new Map(this.all('condition').flatMap((c) => (c.withdrawnOn ? [] : [[c.id, evaluateCondition(c, facts)] as const])));
  }

  private conditionNotices(fact: LoggedFact, condition: Condition, verdict: { met: boolean; blockedBy: string[] }): Notice[] {
    const kind: NotificationKind = verdict.met ? 'CONDITION_MET' : 'CONDITION_UNMET';
    return this.concerned(condition).map((body) => ({
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

  /** The body that set a condition, and every body whose step or commitment it waits on. */
  private concerned(condition: Condition): Body[] {
    const owner = (r: Requirement): Body[] => {
      if (r.kind === 'INSTRUMENT_STEP_APPROVED') return [r.body];
      if (r.kind === 'COMMITMENT_FULFILLED') {
        const commitment = this.folded.get(`commitment-${r.commitmentId}`) as Commitment | undefined;
        return commitment ? [commitment.body] : [];
      }
      return [];
    };
    return [...new Set([condition.body, ...condition.requires.flatMap(owner)])];
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

/**
 * The domain's own evolve for the stream's kind; the events of a stream are of that kind. A correction
 * leaves the watch's state as it was: telling corrections (`act.corrected`) and re-folding in
 * effective-date order are still to come (docs/notifications.md), and must not stop the follower.
 */
function evolveAny(kind: Kind, state: Folded[Kind] | null, fact: LoggedFact): Folded[Kind] | null {
  if (fact.type === 'ActCorrected') return state;
  const event = { type: fact.type, data: { effectiveDate: fact.effectiveDate, ...fact.data } };
  switch (kind) {
    case 'instrument':
      return evolveInstrument(state as Instrument | null, event as InstrumentEvent);
    case 'commitment':
      return evolveCommitment(state as Commitment | null, event as CommitmentEvent) ?? null;
    case 'condition':
      return evolveCondition(state as Condition | null, event as ConditionEvent);
    case 'programme':
      return evolveProgramme(state as Programme | null, event as ProgrammeEvent);
  }
}
