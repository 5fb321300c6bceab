import { reject, type Body } from '@ddr/kernel';
import { CommandRejectedError } from '@ddr/decision-runner';
import { aggregateCommands, correctionCommand, sourceFrom } from '@ddr/desks';
import { meetingDecider } from '../meetings/meeting.decider';
import { meetingStream, parseMeetingReference } from '../meetings/meeting.events';
import { instrumentDecider } from './instrument.decider';
import { instrumentStream, type PathwayStep } from './instrument.events';
import {
  AmendInstrumentInput,
  ChangeVisibilityInput,
  CorrectInstrumentActInput,
  GiveOfficialReferenceInput,
  InstrumentActInput,
  InstrumentReasonInput,
  ProposeInstrumentInput,
  RecordFindingInput,
  RecordMilestoneInput,
  RecordStepDecisionInput,
  SupersedeInstrumentInput,
  TablePositionInput,
  type PathwayStepInput,
} from './instrument.inputs';

const pathway = (steps: PathwayStepInput[]): PathwayStep[] =>
  steps.map(({ body, action, parallel, dueDate, dueWithinDays }) => ({
    body,
    action,
    parallel: parallel === true,
    dueDate: dueDate ?? undefined,
    dueWithinDays: dueWithinDays ?? undefined,
  }));

/** The parts every instrument act shares, from its validated input. */
const act = (input: InstrumentActInput | ProposeInstrumentInput, by: Body) => ({
  instrumentId: input.instrumentId,
  by,
  effectiveDate: input.effectiveDate,
  source: sourceFrom(input),
});

const exampleAct = (n: number) => ({ instrumentId: `example-${n}`, effectiveDate: '2019-10-09' });

/** Every secretariat acts on instruments; the decider says which body may do what to which instrument. */
const instrumentCommand = aggregateCommands({
  decider: instrumentDecider,
  stream: (input: InstrumentActInput | ProposeInstrumentInput) => instrumentStream(input.instrumentId),
  issuedBy: 'EVERY_SECRETARIAT',
});

export const proposeInstrument = instrumentCommand({
  name: 'proposeInstrument',
  description: 'The lead body proposes an instrument with its pathway.',
  input: ProposeInstrumentInput,
  example: (body, n) => ({
    instrumentId: `example-${n}`,
    kind: 'PLAN',
    title: 'A plan',
    leadBody: body,
    pathway: [{ body, action: 'ADOPT' }],
    effectiveDate: '2019-10-01',
  }),
  command: (i, by) => ({
    type: 'ProposeInstrument',
    ...act(i, by),
    kind: i.kind.trim().toUpperCase(),
    title: i.title,
    leadBody: i.leadBody,
    pathway: pathway(i.pathway),
    visibility: i.visibility ?? 'PUBLIC',
  }),
});

export const recordStepDecision = instrumentCommand({
  name: 'recordStepDecision',
  description: 'A body decides its own step; an outside actor act is recorded by the lead body with a source.',
  input: RecordStepDecisionInput,
  example: (body, n) => ({ ...exampleAct(n), body, action: 'ADOPT', outcome: 'APPROVED' }),
  command: (i, by) => ({ type: 'RecordStepDecision', ...act(i, by), body: i.body, action: i.action, outcome: i.outcome, meeting: i.meeting ?? null }),
  // The first decision citing a meeting establishes it; later ones must agree on its date. Recorded with the decision.
  linked: (input, command) => {
    const meeting = input.meeting ? parseMeetingReference(input.meeting) : undefined;
    if (!meeting) return undefined;
    return {
      decider: meetingDecider,
      stream: meetingStream(input.body),
      command: { type: 'CiteMeeting', body: input.body, number: meeting.number, effectiveDate: input.effectiveDate, source: command.source },
    };
  },
});

export const amendInstrument = instrumentCommand({
  name: 'amendInstrument',
  description: 'The lead body amends a returned instrument.',
  input: AmendInstrumentInput,
  example: (body, n) => ({ ...exampleAct(n), title: 'A plan, amended', summary: 'what changed', pathway: [{ body, action: 'ADOPT' }] }),
  command: (i, by) => ({ type: 'AmendInstrument', ...act(i, by), title: i.title, summary: i.summary, pathway: pathway(i.pathway) }),
});

export const resubmitInstrument = instrumentCommand({
  name: 'resubmitInstrument',
  description: 'The lead body resubmits a returned instrument.',
  input: InstrumentActInput,
  example: (_, n) => exampleAct(n),
  command: (i, by) => ({ type: 'ResubmitInstrument', ...act(i, by) }),
});

export const startImplementation = instrumentCommand({
  name: 'startImplementation',
  description: 'Implementation of an adopted instrument starts.',
  input: InstrumentActInput,
  example: (_, n) => exampleAct(n),
  command: (i, by) => ({ type: 'StartImplementation', ...act(i, by) }),
});

export const recordMilestone = instrumentCommand({
  name: 'recordMilestone',
  description: 'Implementation reaches a milestone.',
  input: RecordMilestoneInput,
  example: (_, n) => ({ ...exampleAct(n), milestone: 'first tranche redeployed' }),
  command: (i, by) => ({ type: 'RecordMilestone', ...act(i, by), milestone: i.milestone, count: i.count ?? null, place: i.place ?? null }),
});

export const haltImplementation = instrumentCommand({
  name: 'haltImplementation',
  description: 'Implementation halts, with a reason.',
  input: InstrumentReasonInput,
  example: (_, n) => ({ ...exampleAct(n), reason: 'the first tranches were not redeployed' }),
  command: (i, by) => ({ type: 'HaltImplementation', ...act(i, by), reason: i.reason }),
});

export const resumeImplementation = instrumentCommand({
  name: 'resumeImplementation',
  description: 'Halted implementation resumes.',
  input: InstrumentActInput,
  example: (_, n) => exampleAct(n),
  command: (i, by) => ({ type: 'ResumeImplementation', ...act(i, by) }),
});

export const completeImplementation = instrumentCommand({
  name: 'completeImplementation',
  description: 'Implementation is complete.',
  input: InstrumentActInput,
  example: (_, n) => exampleAct(n),
  command: (i, by) => ({ type: 'CompleteImplementation', ...act(i, by) }),
});

export const withdrawInstrument = instrumentCommand({
  name: 'withdrawInstrument',
  description: 'The lead body withdraws an instrument.',
  input: InstrumentReasonInput,
  example: (_, n) => ({ ...exampleAct(n), reason: 'replaced' }),
  command: (i, by) => ({ type: 'WithdrawInstrument', ...act(i, by), reason: i.reason }),
});

export const supersedeInstrument = instrumentCommand({
  name: 'supersedeInstrument',
  description: 'Another instrument replaces this one.',
  input: SupersedeInstrumentInput,
  example: (_, n) => ({ ...exampleAct(n), supersededBy: 'other' }),
  command: (i, by) => ({ type: 'SupersedeInstrument', ...act(i, by), supersededBy: i.supersededBy }),
  requires: async (input, runner) => {
    const { state } = await runner.load(instrumentDecider, instrumentStream(input.supersededBy));
    if (!state.state) throw new CommandRejectedError(reject('NOT_FOUND', `no instrument ${input.supersededBy} to supersede with`));
  },
});

export const tablePosition = instrumentCommand({
  name: 'tablePosition',
  description: "A party's position on an instrument under negotiation.",
  input: TablePositionInput,
  example: (_, n) => ({ ...exampleAct(n), party: 'FAMa', statement: 'about 5,000', figure: 5000 }),
  command: (i, by) => ({ type: 'TablePosition', ...act(i, by), party: i.party, statement: i.statement, figure: i.figure ?? null }),
});

export const correctInstrumentAct = correctionCommand({
  name: 'correctInstrumentAct',
  what: 'an instrument',
  issuedBy: 'EVERY_SECRETARIAT',
  input: CorrectInstrumentActInput,
  decider: instrumentDecider,
  stream: (input) => instrumentStream(input.instrumentId),
  subject: (input) => ({ instrumentId: input.instrumentId }),
  example: (_, n) => ({ ...exampleAct(n), revision: 0, reason: 'the minutes give another day' }),
});

export const recordFinding = instrumentCommand({
  name: 'recordFinding',
  description: "What a body or an outside observer found about an instrument's implementation; the lead body records an outside actor's, with a source.",
  input: RecordFindingInput,
  example: (body, n) => ({ ...exampleAct(n), body: 'INDEPENDENT_OBSERVER', finding: 'the erosion of trust', sourceRef: `report ${body}` }),
  command: (i, by) => ({ type: 'RecordFinding', ...act(i, by), body: i.body, finding: i.finding }),
});

export const giveOfficialReference = instrumentCommand({
  name: 'giveOfficialReference',
  description: 'The lead body records the reference an adopted instrument was enacted under (a decree number); the title stays.',
  input: GiveOfficialReferenceInput,
  example: (_, n) => ({ ...exampleAct(n), reference: `Decree No. 2019-${n}` }),
  command: (i, by) => ({ type: 'GiveOfficialReference', ...act(i, by), reference: i.reference }),
});

export const changeVisibility = instrumentCommand({
  name: 'changeVisibility',
  description: 'The lead body widens or narrows who may read an instrument (PUBLIC, PATHWAY or LEAD), with a reason.',
  input: ChangeVisibilityInput,
  example: (_, n) => ({ ...exampleAct(n), visibility: 'LEAD', reason: 'quota positions under negotiation' }),
  command: (i, by) => ({ type: 'ChangeVisibility', ...act(i, by), visibility: i.visibility, reason: i.reason }),
});

export const INSTRUMENT_COMMANDS = [
  proposeInstrument,
  recordStepDecision,
  amendInstrument,
  resubmitInstrument,
  startImplementation,
  recordMilestone,
  haltImplementation,
  resumeImplementation,
  completeImplementation,
  withdrawInstrument,
  supersedeInstrument,
  tablePosition,
  recordFinding,
  giveOfficialReference,
  changeVisibility,
  correctInstrumentAct,
];
