import { assertNever, chronicled, isCoordinatingBody, recordingProblem, reject, type Decision, type Rejection } from '@ddr/kernel';
import type { InstrumentCommand, ProposeInstrument, RecordStepDecision, AmendInstrument } from './instrument.commands';
import type { InstrumentEvent, PathwayStep } from './instrument.events';
import {
  awaitedSteps,
  evolveInstrument,
  INSTRUMENT_STATUSES,
  readersOf,
  type Instrument,
  type InstrumentState,
  type InstrumentStatus,
} from './instrument.state';

type Rule = (instrument: Instrument, command: InstrumentCommand) => ReturnType<typeof reject> | undefined;

const LIVE: InstrumentStatus[] = ['DRAFT', 'IN_PROGRESS', 'RETURNED', 'ADOPTED', 'IN_IMPLEMENTATION', 'HALTED'];

/** Only the lead body's secretariat steers the instrument itself. */
const leadOnly: Rule = (instrument, { by }) =>
  by === instrument.leadBody ? undefined : reject('FORBIDDEN', `only the ${instrument.leadBody} secretariat, which leads ${instrument.id}, may do this`);

const inStatus =
  (...allowed: InstrumentStatus[]): Rule =>
  (instrument, command) =>
    allowed.includes(instrument.status)
      ? undefined
      : reject('CONFLICT', `${instrument.id} is ${instrument.status}; ${command.type} needs it ${allowed.join(' or ')}`);

const RULES: Record<Exclude<InstrumentCommand['type'], 'ProposeInstrument' | 'RecordStepDecision'>, Rule[]> = {
  AmendInstrument: [leadOnly, inStatus('RETURNED')],
  ResubmitInstrument: [leadOnly, inStatus('RETURNED')],
  StartImplementation: [leadOnly, inStatus('ADOPTED')],
  RecordMilestone: [leadOnly, inStatus('IN_IMPLEMENTATION')],
  HaltImplementation: [leadOnly, inStatus('IN_IMPLEMENTATION')],
  ResumeImplementation: [leadOnly, inStatus('HALTED')],
  CompleteImplementation: [leadOnly, inStatus('IN_IMPLEMENTATION')],
  WithdrawInstrument: [leadOnly, inStatus(...LIVE)],
  SupersedeInstrument: [leadOnly, inStatus(...LIVE, 'IMPLEMENTED')],
  TablePosition: [leadOnly, inStatus('DRAFT', 'IN_PROGRESS', 'RETURNED')],
  RecordFinding: [inStatus(...LIVE, 'IMPLEMENTED')],
  GiveOfficialReference: [leadOnly, inStatus('ADOPTED', 'IN_IMPLEMENTATION', 'HALTED', 'IMPLEMENTED')],
  // Need to know outlives the instrument's life: a withdrawn plan may stay as confidential as it was.
  ChangeVisibility: [leadOnly],
};

/**
 * Where each fact may stand in the instrument's life: checked for every act at its place in
 * effective-date order, so that a late act or a correction cannot leave another act out of order.
 */
const PLACE: Record<Exclude<InstrumentEvent['type'], 'InstrumentProposed' | 'StepDecided' | 'InstrumentAdopted'>, InstrumentStatus[]> = {
  InstrumentAmended: ['RETURNED'],
  InstrumentResubmitted: ['RETURNED'],
  ImplementationStarted: ['ADOPTED'],
  MilestoneReached: ['IN_IMPLEMENTATION'],
  ImplementationHalted: ['IN_IMPLEMENTATION'],
  ImplementationResumed: ['HALTED'],
  ImplementationCompleted: ['IN_IMPLEMENTATION'],
  InstrumentWithdrawn: LIVE,
  InstrumentSuperseded: [...LIVE, 'IMPLEMENTED'],
  PositionTabled: ['DRAFT', 'IN_PROGRESS', 'RETURNED'],
  FindingRecorded: [...LIVE, 'IMPLEMENTED'],
  OfficialReferenceGiven: ['ADOPTED', 'IN_IMPLEMENTATION', 'HALTED', 'IMPLEMENTED'],
  InstrumentVisibilityChanged: [...INSTRUMENT_STATUSES],
};

function checkPlace(before: InstrumentState, event: InstrumentEvent): Rejection | undefined {
  const { instrumentId, effectiveDate } = event.data;
  if (event.type === 'InstrumentProposed') return before ? reject('CONFLICT', `instrument ${instrumentId} already exists`) : undefined;
  if (!before) return reject('BAD_USER_INPUT', `${instrumentId} was not yet proposed on ${effectiveDate}`);
  switch (event.type) {
    case 'StepDecided': {
      const { step, body, action } = event.data;
      return awaitedSteps(before).includes(step)
        ? undefined
        : reject('CONFLICT', `${instrumentId} did not await ${body} ${action} on ${effectiveDate} (it was ${before.status})`);
    }
    case 'InstrumentAdopted':
      return before.pathway.every((s) => s.status === 'APPROVED')
        ? undefined
        : reject('CONFLICT', `${instrumentId} was not fully approved on ${effectiveDate}`);
    default:
      return PLACE[event.type].includes(before.status)
        ? undefined
        : reject('CONFLICT', `${instrumentId} was ${before.status} on ${effectiveDate}; ${event.type} needs it ${PLACE[event.type].join(' or ')}`);
  }
}

/** Decides on the instrument as it stood on the command's effective date; `current` holds every act recorded. */
export function decideInstrument(command: InstrumentCommand, state: InstrumentState, current: InstrumentState = state): Decision<InstrumentEvent> {
  if (command.type === 'ProposeInstrument') return propose(command, current);
  // A body that may not read the instrument is answered exactly as if it did not exist.
  const readers = current && readersOf(current);
  if (readers && !readers.includes(command.by)) return reject('NOT_FOUND', `no instrument ${command.instrumentId}`);
  if (!state) {
    if (!current) return reject('NOT_FOUND', `no instrument ${command.instrumentId}`);
    return reject('BAD_USER_INPUT', `${command.instrumentId} was proposed on ${current.proposedOn}, after ${command.effectiveDate}`);
  }
  if (command.type === 'RecordStepDecision') return decideStep(command, state);
  for (const rule of RULES[command.type]) {
    const refusal = rule(state, command);
    if (refusal) return refusal;
  }
  const { instrumentId, effectiveDate, source } = command;
  switch (command.type) {
    case 'AmendInstrument':
      return amend(command, state);
    case 'ResubmitInstrument':
      return [{ type: 'InstrumentResubmitted', data: { instrumentId, effectiveDate, source } }];
    case 'StartImplementation':
      return [{ type: 'ImplementationStarted', data: { instrumentId, effectiveDate, source } }];
    case 'RecordMilestone': {
      const { milestone, count, place } = command;
      return [{ type: 'MilestoneReached', data: { instrumentId, effectiveDate, source, milestone, count, place } }];
    }
    case 'HaltImplementation':
      return [{ type: 'ImplementationHalted', data: { instrumentId, effectiveDate, source, reason: command.reason } }];
    case 'ResumeImplementation':
      return [{ type: 'ImplementationResumed', data: { instrumentId, effectiveDate, source } }];
    case 'CompleteImplementation':
      return [{ type: 'ImplementationCompleted', data: { instrumentId, effectiveDate, source } }];
    case 'WithdrawInstrument':
      return [{ type: 'InstrumentWithdrawn', data: { instrumentId, effectiveDate, source, reason: command.reason } }];
    case 'SupersedeInstrument':
      if (command.supersededBy === instrumentId) return reject('BAD_USER_INPUT', 'an instrument cannot supersede itself');
      return [{ type: 'InstrumentSuperseded', data: { instrumentId, effectiveDate, source, supersededBy: command.supersededBy } }];
    case 'TablePosition': {
      const { party, statement, figure } = command;
      return [{ type: 'PositionTabled', data: { instrumentId, effectiveDate, source, party, statement, figure } }];
    }
    case 'RecordFinding': {
      const { body, finding } = command;
      return (
        recordingProblem(body, command.by, state.leadBody, source, instrumentId) ?? [
          { type: 'FindingRecorded', data: { instrumentId, effectiveDate, source, body, finding } },
        ]
      );
    }
    case 'GiveOfficialReference':
      return [{ type: 'OfficialReferenceGiven', data: { instrumentId, effectiveDate, source, reference: command.reference } }];
    case 'ChangeVisibility': {
      const { visibility, reason } = command;
      if (visibility === state.visibility) return reject('CONFLICT', `${instrumentId} is already ${visibility}`);
      return [{ type: 'InstrumentVisibilityChanged', data: { instrumentId, effectiveDate, source, visibility, reason } }];
    }
    default:
      return assertNever(command);
  }
}

function propose(command: ProposeInstrument, state: InstrumentState): Decision<InstrumentEvent> {
  const { instrumentId, kind, title, leadBody, effectiveDate, source, by, visibility } = command;
  if (state) return reject('CONFLICT', `instrument ${instrumentId} already exists`);
  if (!isCoordinatingBody(leadBody)) {
    return reject('BAD_USER_INPUT', `${leadBody} has no secretariat here and cannot lead an instrument`);
  }
  if (by !== leadBody) return reject('FORBIDDEN', `only the ${leadBody} secretariat may propose an instrument it leads`);
  const pathway = normalise(command.pathway);
  const problem = pathwayProblem(pathway);
  if (problem) return reject('BAD_USER_INPUT', problem);
  return [{ type: 'InstrumentProposed', data: { instrumentId, kind, title, leadBody, pathway, visibility, effectiveDate, source } }];
}

function decideStep(command: RecordStepDecision, instrument: Instrument): Decision<InstrumentEvent> {
  const { body, action, outcome, by, meeting, effectiveDate, source, instrumentId } = command;
  const step = instrument.pathway.findIndex((s) => s.body === body && s.action === action);
  if (step < 0) return reject('BAD_USER_INPUT', `${instrumentId} has no step ${body} ${action} on its pathway`);
  const unrecordable = recordingProblem(body, by, instrument.leadBody, source, instrumentId);
  if (unrecordable) return unrecordable;
  if (meeting !== null && !meeting.startsWith(`${body}-`)) {
    return reject('BAD_USER_INPUT', `meeting ${meeting} is not a session of ${body}`);
  }
  if (instrument.pathway[step].status !== 'PENDING') {
    return reject('CONFLICT', `${body} ${action} on ${instrumentId} is already decided (${instrument.pathway[step].status})`);
  }
  const awaited = awaitedSteps(instrument);
  if (!awaited.includes(step)) {
    const waiting = awaited.map((i) => `${instrument.pathway[i].body} ${instrument.pathway[i].action}`).join(', ');
    return reject('CONFLICT', `${instrumentId} is ${instrument.status}${waiting ? `, awaiting ${waiting}` : ''}; it does not await ${body} ${action}`);
  }
  const decided: InstrumentEvent = {
    type: 'StepDecided',
    data: { instrumentId, effectiveDate, source, step, body, action, outcome, meeting },
  };
  const last = outcome === 'APPROVED' && instrument.pathway.every((s, i) => i === step || s.status === 'APPROVED');
  return last ? [decided, { type: 'InstrumentAdopted', data: { instrumentId, effectiveDate, source } }] : [decided];
}

function amend(command: AmendInstrument, instrument: Instrument): Decision<InstrumentEvent> {
  const pathway = normalise(command.pathway);
  const kept = instrument.pathway.filter((step) => step.status === 'APPROVED');
  const keepsApproved = kept.every((step, i) => pathway[i]?.body === step.body && pathway[i]?.action === step.action);
  if (!keepsApproved || instrument.pathway.slice(0, kept.length).some((step) => step.status !== 'APPROVED')) {
    return reject('BAD_USER_INPUT', 'an amended pathway must begin with the steps already approved, unchanged');
  }
  const problem = pathwayProblem(pathway) ?? (pathway.length === kept.length ? 'an amended pathway needs a step still to decide' : undefined);
  if (problem) return reject('BAD_USER_INPUT', problem);
  const { instrumentId, effectiveDate, source, title, summary } = command;
  return [{ type: 'InstrumentAmended', data: { instrumentId, effectiveDate, source, title, summary, pathway } }];
}

/** A step keeps a deadline only when it has one, so steps without one are stored as they always were. */
const normalise = (pathway: PathwayStep[]): PathwayStep[] =>
  pathway.map(({ body, action, parallel, dueDate, dueWithinDays }, i) => ({
    body,
    action,
    parallel: i > 0 && parallel === true,
    ...(dueDate ? { dueDate } : {}),
    ...(dueWithinDays ? { dueWithinDays } : {}),
  }));

function pathwayProblem(pathway: PathwayStep[]): string | undefined {
  if (pathway.length === 0) return 'a pathway needs at least one step';
  const seen = new Set<string>();
  for (const { body, action, dueDate, dueWithinDays } of pathway) {
    const key = `${body} ${action}`;
    if (seen.has(key)) return `the pathway has ${key} twice`;
    if (dueDate && dueWithinDays) return `${key} has both a due date and a number of days: give one`;
    seen.add(key);
  }
  return undefined;
}

export const instrumentDecider = chronicled<InstrumentCommand, InstrumentEvent, InstrumentState>({
  version: 'instrument@1',
  initialState: () => null,
  decide: decideInstrument,
  evolve: evolveInstrument,
  check: checkPlace,
  consequences: ['InstrumentAdopted'],
  figures: { MilestoneReached: ['count'], PositionTabled: ['figure'] },
});
