import {
  assessmentDecider,
  gradesStream,
  provisionDecider,
  provisionStream,
  type Condition,
  commitmentDecider,
  commitmentStream,
  conditionDecider,
  conditionStream,
  instrumentDecider,
  instrumentStream,
  meetingDecider,
  meetingStream,
  STEP_ACTIONS,
  VISIBILITIES,
  THEMES,
  awaitedSteps,
  type Commitment,
  type Instrument,
  type InstrumentStatus,
  type InstrumentCommand,
  emptyRegister,
  heldMeeting,
  type MeetingRegister,
  type PathwayStep,
} from '@ddr/coordination';
import type { EventToAppend } from '@ddr/event-store';
import {
  COORDINATING_BODIES,
  envelope,
  NO_SOURCE,
  OUTSIDE_ACTORS,
  isOutsideActor,
  isRejection,
  sourceOf,
  type Body,
  type Chronicle,
  type CorrectAct,
  type Decider,
  type DomainEvent,
} from '@ddr/kernel';
import { eventIdFor } from '@ddr/decision-runner';
import { chainFrom, type ChainLink } from '@ddr/ledger';
import { MOC_CAMPS, MOC_CAMPS_STREAM, mocCampDecider, type MocCampCommand, type MocCamps } from '@ddr/bodies/moc';
import {
  KNOWN_TRAINING_CENTRES,
  programmeDecider,
  programmeStream,
  type CategoryCount,
  type ProgrammeCommand,
  type Programme,
  type Tranche,
} from '@ddr/programmes';

/** Statuses after which an instrument is not taken up again by a planned history. */
const ENDED = new Set<InstrumentStatus>(['REJECTED', 'IMPLEMENTED', 'WITHDRAWN', 'SUPERSEDED']);

/** One append of a generated history: a stream and the events a command produced on it. */
export interface GeneratedAppend {
  streamId: string;
  events: EventToAppend[];
}

/** A small deterministic PRNG (mulberry32), so a seed always gives the same history (and benchmarks the same samples). */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  return { next, int, pick: <T>(items: readonly T[]): T => items[int(items.length)] };
}

const DAY_MS = 86_400_000;
const AGREEMENT_SIGNED = Date.UTC(2015, 5, 20);
/** Where a planned history's calendar is aimed: mid-2025, so that the draws' scatter still ends it before 2026 and "now" sees all of it. */
const PLANNED_END = Date.UTC(2025, 6, 1);
/** A planned history's instruments under way at a time, as a handful of secretariats could carry. */
const IN_FLIGHT = 300;

export interface HistoryOptions {
  seed: number;
  commands: number;
  confidential?: boolean;
  /**
   * The commands a large history is planned for. Without it the calendar advances a day a command on average
   * and any instrument may be taken up again, which suits the tests' small histories but runs a million events
   * to the year 4000 with tens of thousands of instruments left waiting. With it the calendar is compressed to
   * end by 2026 (never stretched) and at most IN_FLIGHT instruments are under way, as in a real process.
   */
  planned?: number;
}

/**
 * A realistic, valid history of every kind of event, made by running the real
 * deciders in memory: instruments through their pathways (returns, rejections,
 * implementation), meetings, programmes with tranches (broken down), commitments,
 * conditions and the MOC's camps and patrols, on a calendar that advances from the 2015 agreement.
 */
export function* generateHistory(options: HistoryOptions): Generator<GeneratedAppend> {
  const rnd = seededRandom(options.seed);
  const states = new Map<string, unknown>();
  const stepMs = options.planned ? DAY_MS * Math.min(1, (PLANNED_END - AGREEMENT_SIGNED) / DAY_MS / options.planned) : DAY_MS;
  // Only a history too long for a day a command is held to IN_FLIGHT: a short one stays as the docs' examples show it.
  const held = stepMs < DAY_MS;
  let day = AGREEMENT_SIGNED;
  let recorded = Date.UTC(2020, 0, 1);
  let commandNo = 0;
  // Asked for many times a day: formatted once per day.
  let formatted = { day: Number.NaN, text: '' };
  const date = () => {
    const whole = Math.floor(day / DAY_MS);
    return formatted.day === whole ? formatted.text : (formatted = { day: whole, text: new Date(whole * DAY_MS).toISOString().slice(0, 10) }).text;
  };
  const shifted = (from: string, days: number) => new Date(Date.parse(from) + days * DAY_MS).toISOString().slice(0, 10);
  /** Now and then an act recorded late, dated up to two months before its stream's latest act: the deciders place it, or refuse it. */
  const actDate = (streamId: string) => {
    const last = (states.get(streamId) as Chronicle<unknown, unknown> | undefined)?.lastDate;
    return last && rnd.next() < 0.2 ? shifted(last, -1 - rnd.int(60)) : date();
  };

  // Where each stream's hash chain ends: the generator appends to fresh streams only, in the order it yields.
  const chainEnds = new Map<string, ChainLink | undefined>();

  function run<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, streamId: string, command: C, by: Body): GeneratedAppend | undefined {
    const state = (states.has(streamId) ? states.get(streamId) : decider.initialState()) as S;
    const decision = decider.decide(command, state);
    if (isRejection(decision) || decision.length === 0) return undefined;
    // Each act recorded by the body that sent it: a chronicle lets only that body correct it.
    states.set(
      streamId,
      decision.reduce((folded, event) => decider.evolve(folded, { ...event, recordedBy: by }), state),
    );
    const commandId = `generated-${options.seed}-${++commandNo}`;
    recorded += 1_000 + rnd.int(60_000);
    const recordedAt = new Date(recorded).toISOString();
    const metadata = (event: E) =>
      envelope({ actor: `${by.toLowerCase()}-clerk`, body: by, role: 'SECRETARIAT', commandId, recordedAt, effectiveDate: event.data.effectiveDate });
    const proposed = decision.map((event, i) => ({ id: eventIdFor(commandId, streamId, i), type: event.type, data: event.data, metadata: metadata(event) }));
    const { events, last } = chainFrom(streamId, chainEnds.get(streamId), proposed);
    chainEnds.set(streamId, last);
    return { streamId, events };
  }

  /** The state a chronicled stream folds to (instruments, programmes, commitments), or undefined before it starts. */
  const current = <T>(streamId: string) => (states.get(streamId) as Chronicle<unknown, T | null> | undefined)?.state ?? undefined;

  const instruments: string[] = [];
  // A planned history's instruments not yet ended, which it takes up again; others draw from every instrument.
  const underWay: string[] = [];
  const programmes: string[] = [];
  const commitments: string[] = [];
  const conditions: string[] = [];
  // Streams of assessments, in the order first graded: what a grade's correction picks from.
  const gradedStreams: string[] = [];
  // Kept alongside the states so that a step needs no scan of every commitment or meeting so far:
  // open commitments in the order they were made, and per body its meeting count and latest meeting.
  const openCommitments: string[] = [];
  const meetings = new Map<Body, { count: number; latest?: { id: string; date: string } }>();
  // Meeting records produced while deciding a step: appended before the decision that cites them.
  const pending: Array<GeneratedAppend | undefined> = [];
  for (let n = 0; n < options.commands; n++) {
    day += rnd.int(3) * stepMs;
    const roll = rnd.next();
    let append: GeneratedAppend | undefined;
    const full = held && underWay.length >= IN_FLIGHT;
    if ((roll < 0.12 && !full) || instruments.length === 0) append = proposeInstrument();
    else if (roll < 0.6) append = advanceInstrument(held ? takeUp() : rnd.pick(instruments));
    else if (roll < 0.68 || programmes.length === 0) append = launchProgramme();
    else if (roll < 0.9) append = advanceProgramme(rnd.pick(programmes));
    else if (roll < 0.955) append = commitment();
    else if (roll < 0.985) append = condition();
    else append = correction();
    for (const meeting of pending.splice(0)) if (meeting) yield meeting;
    if (append) yield append;
    // Grades and provisions at fixed turns, drawing nothing from the PRNG: the rest of the history stays as it was.
    const graded = n % 9 === 8 ? grade(n) : n % 97 === 96 ? correctGrade(n) : n % 61 === 60 ? provision() : undefined;
    if (graded) yield graded;
    // Now and then, beside the drawn command and drawing nothing, the MOC's camps and then its joint patrols.
    const moc = n % 100 === 50 ? mocAct(n) : undefined;
    if (moc) yield moc;
    // A confidential history also widens or narrows who may read an instrument now and then, drawing nothing either.
    const changed = options.confidential && n % 23 === 22 ? changeVisibility(instruments[n % instruments.length], n) : undefined;
    if (changed) yield changed;
  }

  /** An instrument under way, drawn at random; one that has ended leaves the set once drawn, and is advanced once more. */
  function takeUp(): string {
    const i = rnd.int(underWay.length);
    const id = underWay[i];
    if (ENDED.has(current<Instrument>(instrumentStream(id))?.status ?? 'DRAFT')) underWay.splice(i, 1);
    return id;
  }

  function mocAct(n: number): GeneratedAppend | undefined {
    const camps = (states.get(MOC_CAMPS_STREAM) as MocCamps | undefined) ?? {};
    const unestablished = MOC_CAMPS.find((camp) => !camps[camp]);
    const base = { by: 'MOC' as const, effectiveDate: date(), source: NO_SOURCE };
    const command: MocCampCommand = unestablished
      ? { type: 'EstablishMocCamp', camp: unestablished, ...base }
      : { type: 'RecordJointPatrol', camp: MOC_CAMPS[n % 3], patrols: n % 7 === 0 ? null : 1 + (n % 4), ...base };
    return run(mocCampDecider, MOC_CAMPS_STREAM, command, 'MOC');
  }

  function proposeInstrument(): GeneratedAppend | undefined {
    const id = `instrument-${options.seed}-${instruments.length + 1}`;
    const lead = rnd.pick(COORDINATING_BODIES);
    const steps: PathwayStep[] = [];
    for (let i = 1 + rnd.int(4); i > 0; i--) {
      const step = {
        body: rnd.pick([...COORDINATING_BODIES, ...OUTSIDE_ACTORS]),
        action: rnd.pick(STEP_ACTIONS),
        parallel: steps.length > 0 && rnd.next() < 0.2,
      };
      if (!steps.some((s) => s.body === step.body && s.action === step.action)) steps.push(step);
    }
    // Every fourth instrument gives its steps deadlines, a date or days after they become awaited (no random draw: the history stays the same).
    if (instruments.length % 4 === 0)
      steps.forEach((step, i) => Object.assign(step, i % 2 ? { dueDate: '2030-01-01' } : { dueWithinDays: 30 + (instruments.length % 90) }));
    instruments.push(id);
    underWay.push(id);
    const kind = rnd.pick(['DECREE', 'PLAN', 'STRATEGY', 'ROADMAP', 'CRITERIA', 'QUOTA']);
    return run(
      instrumentDecider,
      instrumentStream(id),
      {
        type: 'ProposeInstrument',
        instrumentId: id,
        by: lead,
        kind,
        title: `${kind} ${id}`,
        leadBody: lead,
        pathway: steps,
        // A confidential history restricts two instruments in three (by turn, not by draw); others stay public.
        visibility: options.confidential ? VISIBILITIES[instruments.length % VISIBILITIES.length] : 'PUBLIC',
        effectiveDate: date(),
        source: NO_SOURCE,
      },
      lead,
    );
  }

  function changeVisibility(id: string, n: number): GeneratedAppend | undefined {
    const instrument = current<Instrument>(instrumentStream(id));
    if (!instrument) return undefined;
    const visibility = VISIBILITIES[(VISIBILITIES.indexOf(instrument.visibility) + 1 + (n % 2)) % VISIBILITIES.length];
    const command: InstrumentCommand = {
      type: 'ChangeVisibility',
      instrumentId: id,
      by: instrument.leadBody,
      visibility,
      reason: 'need to know',
      effectiveDate: date(),
      source: NO_SOURCE,
    };
    return run(instrumentDecider, instrumentStream(id), command, instrument.leadBody);
  }

  function advanceInstrument(id: string): GeneratedAppend | undefined {
    const stream = instrumentStream(id);
    const instrument = current<Instrument>(stream);
    if (!instrument) return undefined;
    const act = (type: string, extra: object = {}) =>
      run(
        instrumentDecider,
        stream,
        { type, instrumentId: id, by: instrument.leadBody, effectiveDate: date(), source: NO_SOURCE, ...extra } as InstrumentCommand,
        instrument.leadBody,
      );
    switch (instrument.status) {
      case 'DRAFT':
      case 'IN_PROGRESS': {
        const awaited = awaitedSteps(instrument);
        if (awaited.length === 0) return undefined;
        const step = instrument.pathway[rnd.pick(awaited)];
        const by = isOutsideActor(step.body) ? instrument.leadBody : step.body;
        const outcome = rnd.next() < 0.85 ? 'APPROVED' : rnd.next() < 0.7 ? 'RETURNED' : 'REJECTED';
        const meeting = !isOutsideActor(step.body) && rnd.next() < 0.5 ? citeMeeting(step.body, by) : null;
        return run(
          instrumentDecider,
          stream,
          {
            type: 'RecordStepDecision',
            instrumentId: id,
            by,
            body: step.body,
            action: step.action,
            outcome,
            meeting,
            effectiveDate: date(),
            source: sourceOf(isOutsideActor(step.body) ? `Gazette ${commandNo}` : null),
          },
          by,
        );
      }
      case 'RETURNED': {
        const approved = instrument.pathway.filter((s) => s.status === 'APPROVED');
        const prefixApproved = instrument.pathway.slice(0, approved.length).every((s) => s.status === 'APPROVED');
        if (rnd.next() < 0.5 || !prefixApproved) return act('ResubmitInstrument');
        return act('AmendInstrument', {
          title: `${instrument.title} (amended)`,
          summary: 'revised after return',
          pathway: instrument.pathway.map(({ body, action, parallel }) => ({ body, action, parallel })),
        });
      }
      case 'ADOPTED':
        return act('StartImplementation');
      case 'IN_IMPLEMENTATION': {
        const r = rnd.next();
        if (r < 0.6)
          return act('RecordMilestone', {
            milestone: `milestone ${commandNo}`,
            count: rnd.int(500),
            place: rnd.pick(['Gao', 'Kidal', 'Timbuktu', null]),
            effectiveDate: actDate(stream),
          });
        if (r < 0.8) return act('HaltImplementation', { reason: 'first tranches not redeployed' });
        return act('CompleteImplementation');
      }
      case 'HALTED':
        return act('ResumeImplementation');
      default:
        return rnd.next() < 0.5 ? undefined : act('TablePosition', { party: 'FAMa', statement: 'about 5,000', figure: 5000 });
    }
  }

  /** Cites an existing meeting of the body held today, or establishes the next number; the citation's append comes first. */
  function citeMeeting(body: Body, by: Body): string {
    const stream = meetingStream(body);
    const held = meetings.get(body) ?? { count: 0 };
    meetings.set(body, held);
    // Dates never go back, so a meeting held today is one established since the date last changed.
    if (held.latest?.date === date()) return held.latest.id;
    const number = held.count + 1;
    const id = `${body}-${number}`;
    // The decider looks up only the number it is given, always a new one here: the register need not
    // carry every earlier session, and folding a register of thousands on each new one would be quadratic.
    states.set(stream, emptyRegister());
    pending.push(run(meetingDecider, stream, { type: 'RecordMeeting', by: body, body, number, effectiveDate: date(), title: null, source: NO_SOURCE }, by));
    if (heldMeeting(states.get(stream) as MeetingRegister, id)) Object.assign(held, { count: number, latest: { id, date: date() } });
    return id;
  }

  function launchProgramme(): GeneratedAppend | undefined {
    const code = `PROG-${options.seed}-${programmes.length + 1}`;
    programmes.push(code);
    return run(
      programmeDecider,
      programmeStream(code),
      {
        type: 'LaunchProgramme',
        programme: code,
        by: 'CNDDR',
        effectiveDate: date(),
        source: NO_SOURCE,
        title: `Programme ${code}`,
        target: 1000 + rnd.int(9000),
        targetDeserters: rnd.int(900),
        // Every other programme names a supporter; no random draw, so the same seed gives the same history as before sources.
        supportedBy: programmes.length % 2 === 0 ? ['MINUSMA'] : [],
      },
      'CNDDR',
    );
  }

  function advanceProgramme(code: string): GeneratedAppend | undefined {
    const stream = programmeStream(code);
    const programme = current<Programme>(stream)!;
    const base = { programme: code, effectiveDate: date(), source: NO_SOURCE };
    const tranches = Object.values(programme.tranches);
    const tranche = tranches.length === 0 || rnd.next() < 0.15 ? undefined : rnd.pick(tranches);
    const centre = rnd.pick(KNOWN_TRAINING_CENTRES);
    const cmd = (command: { type: ProgrammeCommand['type']; by: Body; [field: string]: unknown }) =>
      run(programmeDecider, stream, { ...base, ...command } as ProgrammeCommand, command.by);
    if (!tranche) {
      const count = 50 + rnd.int(500);
      return cmd({
        type: 'RegisterTranche',
        by: 'CNDDR',
        tranche: `T${tranches.length + 1}`,
        count,
        deserters: rnd.next() < 0.2 ? null : rnd.int(20),
        breakdown: registrationBreakdown(count, tranches.length),
        effectiveDate: actDate(stream),
      });
    }
    const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
    const unscreened = tranche.registered - tranche.screenedFit - tranche.screenedUnfit;
    const untrained = tranche.screenedFit - sum(tranche.inTraining) - sum(tranche.trained);
    const training = Object.entries(tranche.inTraining).find(([, n]) => n > 0);
    const unintegrated = sum(tranche.trained) - tranche.integrated;
    const undeployed = tranche.integrated - sum(tranche.redeployed);
    const some = (n: number) => 1 + rnd.int(n);
    if (unscreened > 0) {
      const fit = rnd.int(unscreened + 1);
      return cmd({ type: 'ScreenTranche', by: 'CNDDR', tranche: tranche.id, fit, unfit: unscreened - fit, breakdown: [] });
    }
    if (tranche.weaponsHandedOver === 0) return cmd({ type: 'RecordWeaponsHandover', by: 'CNDDR', tranche: tranche.id, weapons: tranche.registered });
    if (untrained > 0) return cmd({ type: 'StartTraining', by: 'CNDDR', tranche: tranche.id, centre, count: some(untrained) });
    if (training) {
      const count = some(training[1]);
      return cmd({
        type: 'CompleteTraining',
        by: 'CNDDR',
        tranche: tranche.id,
        centre: training[0],
        count,
        breakdown: rankBreakdown(tranche, 'trained', count),
      });
    }
    if (unintegrated > 0) {
      const count = some(unintegrated);
      return cmd({
        type: 'IntegrateTranche',
        by: 'INTEGRATION_COMMISSION',
        tranche: tranche.id,
        count,
        breakdown: rankBreakdown(tranche, 'integrated', count),
      });
    }
    if (undeployed > 0)
      return cmd({
        type: 'RedeployTranche',
        by: 'INTEGRATION_COMMISSION',
        tranche: tranche.id,
        region: rnd.pick(['Gao', 'Kidal', 'Timbuktu']),
        count: some(undeployed),
        breakdown: [],
      });
    return cmd({ type: 'AnnounceEligibleCandidates', by: 'CNDDR', count: 60_000 + rnd.int(5_000) });
  }

  /**
   * Breakdowns draw nothing at random, so a seed gives the same history as before them: the registered wholly by rank
   * and region, partly by movement (the rest unreported), the trained and the integrated partly by rank within the registered.
   */
  function registrationBreakdown(count: number, n: number): CategoryCount[] {
    const officers = Math.floor(count / 10);
    const ncos = Math.floor(count / 5);
    return [
      { by: 'RANK', category: 'OFFICERS', count: officers },
      { by: 'RANK', category: 'NCOS', count: ncos },
      { by: 'RANK', category: 'RANK_AND_FILE', count: count - officers - ncos },
      { by: 'REGION', category: ['Gao', 'Kidal', 'Timbuktu', 'Ménaka'][n % 4], count },
      { by: 'MOVEMENT', category: n % 2 === 0 ? 'CMA' : 'PLATFORM', count: Math.floor(count / 2) },
    ];
  }

  function rankBreakdown(tranche: Tranche, stage: 'trained' | 'integrated', count: number): CategoryCount[] {
    const room = (rank: string) => (tranche.breakdowns.registered?.RANK?.[rank] ?? 0) - (tranche.breakdowns[stage]?.RANK?.[rank] ?? 0);
    return [
      { by: 'RANK', category: 'OFFICERS', count: Math.min(Math.floor(count / 10), room('OFFICERS')) },
      { by: 'RANK', category: 'NCOS', count: Math.min(Math.floor(count / 5), room('NCOS')) },
    ];
  }

  function commitment(): GeneratedAppend | undefined {
    if (openCommitments.length > 0 && rnd.next() < 0.5) {
      const index = rnd.int(openCommitments.length);
      const id = openCommitments[index];
      const body = current<Commitment>(commitmentStream(id))!.body;
      const append = run(
        commitmentDecider,
        commitmentStream(id),
        { type: 'FulfilCommitment', by: body, commitmentId: id, effectiveDate: date(), source: NO_SOURCE, note: null },
        body,
      );
      if (current<Commitment>(commitmentStream(id))?.fulfilledOn) openCommitments.splice(index, 1);
      return append;
    }
    const id = `commitment-${options.seed}-${commitments.length + 1}`;
    const body = rnd.pick(COORDINATING_BODIES);
    commitments.push(id);
    const due = new Date(day + (10 + rnd.int(200)) * DAY_MS).toISOString().slice(0, 10);
    const append = run(
      commitmentDecider,
      commitmentStream(id),
      {
        type: 'MakeCommitment',
        by: body,
        commitmentId: id,
        body,
        description: `promise ${id}`,
        dueDate: due,
        instrumentId: null,
        // The theme by the promise's number, not a random draw: the same seed gives the same history as before themes.
        theme: THEMES[commitments.length % THEMES.length],
        // Every fifth commitment falls due 30 days after an instrument's adoption, as the Agreement's cantonment start date does.
        ...(commitments.length % 5 === 0 && instruments.length > 0
          ? { dueAfter: { instrumentId: instruments[commitments.length % instruments.length], body: null, action: null, days: 30 } }
          : {}),
        source: NO_SOURCE,
        effectiveDate: date(),
      },
      body,
    );
    if (current<Commitment>(commitmentStream(id))?.fulfilledOn === null) openCommitments.push(id);
    return append;
  }

  function condition(): GeneratedAppend | undefined {
    const id = `condition-${options.seed}-${commandNo}`;
    const body = rnd.pick(COORDINATING_BODIES);
    conditions.push(id);
    const instrument = rnd.pick(instruments);
    const requires =
      programmes.length > 0 && rnd.next() < 0.5
        ? [{ kind: 'PROGRAMME_COUNT' as const, programme: rnd.pick(programmes), measure: 'redeployed' as const, atLeast: 1 + rnd.int(100) }]
        : [{ kind: 'INSTRUMENT_STATUS' as const, instrumentId: instrument, status: 'ADOPTED' as const }];
    return run(
      conditionDecider,
      conditionStream(id),
      {
        type: 'SetCondition',
        by: body,
        recommendation: false,
        conditionId: id,
        title: `condition ${id}`,
        subject: 'further tranches',
        requires,
        theme: THEMES[commandNo % THEMES.length],
        source: NO_SOURCE,
        effectiveDate: date(),
      },
      body,
    );
  }

  /**
   * A commitment or condition graded by its own body, every fifth by the Independent Observer through the CSA with a
   * source; every third is dated up to two months before the item's latest grade, as a late report would be.
   */
  function grade(n: number): GeneratedAppend | undefined {
    const items = commitments.length + conditions.length;
    if (items === 0) return undefined;
    // Thirty items again and again, twenty grades each, then the next thirty: each gathers a history of grades, none an
    // endless one (grading a stream of thousands refolds thousands). Indexed, not listed: a list of every item per grade is quadratic.
    const round = Math.floor(n / 9);
    const k = (30 * Math.floor(round / 600) + (round % Math.min(items, 30))) % items;
    const [item, itemId] = k < commitments.length ? (['COMMITMENT', commitments[k]] as const) : (['CONDITION', conditions[k - commitments.length]] as const);
    const made = item === 'COMMITMENT' ? current<Commitment>(commitmentStream(itemId)) : current<Condition>(conditionStream(itemId));
    if (!made) return undefined;
    const stream = gradesStream(item, itemId);
    const observer = n % 5 === 0;
    const since = 'madeOn' in made ? made.madeOn : made.setOn;
    if (!states.has(stream)) gradedStreams.push(stream);
    const last = (states.get(stream) as Chronicle<unknown, unknown> | undefined)?.lastDate;
    const late = last && Math.floor(n / 9) % 3 === 0 ? shifted(last, -1 - (n % 60)) : date();
    return run(
      assessmentDecider,
      stream,
      {
        type: 'GradeImplementation',
        by: observer ? 'CSA' : made.body,
        item,
        itemId,
        assessor: observer ? 'INDEPENDENT_OBSERVER' : made.body,
        grade: n % 4,
        finding: `finding ${n}`,
        source: observer ? sourceOf(`Observer report ${n}`) : NO_SOURCE,
        effectiveDate: late < since ? since : late,
      },
      observer ? 'CSA' : made.body,
    );
  }

  /** The secretariat that recorded a grade corrects it: another level, at times another day. */
  function correctGrade(n: number): GeneratedAppend | undefined {
    const stream = gradedStreams[n % Math.max(gradedStreams.length, 1)];
    const chronicle = stream === undefined ? undefined : (states.get(stream) as Chronicle<{ data: { item: string; itemId: string; grade: number } }, unknown>);
    const entry = chronicle?.entries.find((e) => e.act && e.recordedBy);
    if (!entry?.act) return undefined;
    const { item, itemId, grade: was } = entry.act.data;
    const command: CorrectAct = {
      type: 'CorrectAct',
      by: entry.recordedBy!,
      subject: { item, itemId },
      revision: entry.revision,
      reason: 'the report grades it otherwise',
      effectiveDate: null,
      source: null,
      note: null,
      figures: { grade: (was + 1) % 4 },
    };
    return run(assessmentDecider, stream, command, entry.recordedBy!);
  }

  /** The CSA defines a provision of an agreement under way, in one of a few chapters. */
  function provision(): GeneratedAppend | undefined {
    const instrumentId = instruments[commandNo % instruments.length];
    if (!instrumentId) return undefined;
    const provisionId = `provision-${options.seed}-${commandNo}`;
    return run(
      provisionDecider,
      provisionStream(provisionId),
      {
        type: 'DefineProvision',
        by: 'CSA',
        provisionId,
        instrumentId,
        chapter: `Chapter ${1 + (commandNo % 4)}`,
        article: null,
        title: `provision ${provisionId}`,
        theme: THEMES[commandNo % THEMES.length],
        source: NO_SOURCE,
        effectiveDate: date(),
      },
      'CSA',
    );
  }

  /** The body that recorded an act of an instrument or programme corrects its date or a figure of it, at times citing a new source. */
  function correction(): GeneratedAppend | undefined {
    const onProgramme = programmes.length > 0 && rnd.next() < 0.5;
    const id = onProgramme ? rnd.pick(programmes) : rnd.pick(instruments);
    const stream = onProgramme ? programmeStream(id) : instrumentStream(id);
    const chronicle = states.get(stream) as Chronicle<{ type: string; data: Record<string, unknown> }, unknown> | undefined;
    const acts = chronicle?.entries.filter((entry) => entry.act && entry.head === entry.revision && entry.recordedBy);
    if (!acts?.length) return undefined;
    const { revision, recordedBy, act } = rnd.pick(acts);
    const figure = onProgramme ? Object.keys(act!.data).find((key) => typeof act!.data[key] === 'number') : undefined;
    const command: CorrectAct = {
      type: 'CorrectAct',
      by: recordedBy!,
      subject: onProgramme ? { programme: id } : { instrumentId: id },
      revision,
      reason: 'corrected from the minutes',
      effectiveDate: figure && rnd.next() < 0.5 ? null : shifted(act!.data.effectiveDate as string, rnd.int(21) - 10),
      source: rnd.next() < 0.3 ? sourceOf(`Minutes ${commandNo}`, { note: 'the date as the minutes give it', datePrecision: 'MONTH' }) : null,
      note: null,
      figures: figure ? { [figure]: Math.max(0, (act!.data[figure] as number) + rnd.int(21) - 10) } : null,
    };
    return onProgramme ? run(programmeDecider, stream, command, recordedBy!) : run(instrumentDecider, stream, command, recordedBy!);
  }
}
