import { assertNever, isCoordinatingBody, recordingProblem, reject, type Decider, type Decision } from '@ddr/kernel';
import type { InstrumentCommand, ProposeInstrument, RecordStepDecision, AmendInstrument } from './instrument.commands';
import type { InstrumentEvent, PathwayStep } from './instrument.events';
import { awaitedSteps, evolveInstrument, type Instrument, type InstrumentState, type InstrumentStatus } from './instrument.state';

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

/**
 * Acts are recorded in the order they happened: none may predate the instrument's
 * latest act. This keeps effective dates monotonic along the stream, which is what
 * lets "as of a date" be a prefix of the stream.
 */
const notBeforeLastAct: Rule = (instrument, { effectiveDate }) =>
  effectiveDate >= instrument.lastActOn
    ? undefined
    : reject('BAD_USER_INPUT', `effective date ${effectiveDate} is before ${instrument.id}'s latest act of ${instrument.lastActOn}`);

const RULES: Record<Exclude<InstrumentCommand['type'], 'ProposeInstrument' | 'RecordStepDecision'>, Rule[]> = {
  AmendInstrument: [leadOnly, inStatus('RETURNED'), notBeforeLastAct],
  ResubmitInstrument: [leadOnly, inStatus('RETURNED'), notBeforeLastAct],
  StartImplementation: [leadOnly, inStatus('ADOPTED'), notBeforeLastAct],
  RecordMilestone: [leadOnly, inStatus('IN_IMPLEMENTATION'), notBeforeLastAct],
  HaltImplementation: [leadOnly, inStatus('IN_IMPLEMENTATION'), notBeforeLastAct],
  ResumeImplementation: [leadOnly, inStatus('HALTED'), notBeforeLastAct],
  CompleteImplementation: [leadOnly, inStatus('IN_IMPLEMENTATION'), notBeforeLastAct],
  WithdrawInstrument: [leadOnly, inStatus(...LIVE), notBeforeLastAct],
  SupersedeInstrument: [leadOnly, inStatus(...LIVE, 'IMPLEMENTED'), notBeforeLastAct],
  TablePosition: [leadOnly, inStatus('DRAFT', 'IN_PROGRESS', 'RETURNED'), notBeforeLastAct],
  RecordFinding: [inStatus(...LIVE, 'IMPLEMENTED'), notBeforeLastAct],
  GiveOfficialReference: [leadOnly, inStatus('ADOPTED', 'IN_IMPLEMENTATION', 'HALTED', 'IMPLEMENTED'), notBeforeLastAct],
};

export function decideInstrument(command: InstrumentCommand, state: InstrumentState): Decision<InstrumentEvent> {
  if (command.type === 'ProposeInstrument') return propose(command, state);
  if (!state) return reject('NOT_FOUND', `no instrument ${command.instrumentId}`);
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
    default:
      return assertNever(command);
  }
}

function propose(command: ProposeInstrument, state: InstrumentState): Decision<InstrumentEvent> {
  const { instrumentId, kind, title, leadBody, effectiveDate, source, by } = command;
  if (state) return reject('CONFLICT', `instrument ${instrumentId} already exists`);
  if (!isCoordinatingBody(leadBody)) {
    return reject('BAD_USER_INPUT', `${leadBody} has no secretariat here and cannot lead an instrument`);
  }
  if (by !== leadBody) return reject('FORBIDDEN', `only the ${leadBody} secretariat may propose an instrument it leads`);
  const pathway = normalise(command.pathway);
  const problem = pathwayProblem(pathway);
  if (problem) return reject('BAD_USER_INPUT', problem);
  return [{ type: 'InstrumentProposed', data: { instrumentId, kind, title, leadBody, pathway, effectiveDate, source } }];
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
  const late = notBeforeLastAct(instrument, command);
  if (late) return late;
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

const normalise = (pathway: PathwayStep[]): PathwayStep[] =>
  pathway.map(({ body, action, parallel }, i) => ({ body, action, parallel: i > 0 && parallel === true }));

function pathwayProblem(pathway: PathwayStep[]): string | undefined {
  if (pathway.length === 0) return 'a pathway needs at least one step';
  const seen = new Set<string>();
  for (const { body, action } of pathway) {
    const key = `${body} ${action}`;
    if (seen.has(key)) return `the pathway has ${key} twice`;
    seen.add(key);
  }
  return undefined;
}

export const instrumentDecider: Decider<InstrumentCommand, InstrumentEvent, InstrumentState> = {
  initialState: () => null,
  decide: decideInstrument,
  evolve: evolveInstrument,
};
