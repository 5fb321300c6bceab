import { reject, type Body } from '@ddr/kernel';
import { CommandRejectedError } from '@ddr/decision-runner';
import { deciderHandler, deskCommand, type DeciderHandlerSpec } from '@ddr/desks';
import { meetingDecider, meetingStream, parseMeetingReference } from '../meetings/meeting.decider';
import type { InstrumentCommand } from './instrument.commands';
import { instrumentDecider } from './instrument.decider';
import { instrumentStream, type InstrumentEvent, type PathwayStep } from './instrument.events';
import {
  AmendInstrumentInput,
  InstrumentActInput,
  InstrumentReasonInput,
  ProposeInstrumentInput,
  RecordMilestoneInput,
  RecordStepDecisionInput,
  SupersedeInstrumentInput,
  TablePositionInput,
  type PathwayStepInput,
} from './instrument.inputs';
import type { InstrumentState } from './instrument.state';

export const ProposeInstrumentCommand = deskCommand<ProposeInstrumentInput>('ProposeInstrument');
export const RecordStepDecisionCommand = deskCommand<RecordStepDecisionInput>('RecordStepDecision');
export const AmendInstrumentCommand = deskCommand<AmendInstrumentInput>('AmendInstrument');
export const ResubmitInstrumentCommand = deskCommand<InstrumentActInput>('ResubmitInstrument');
export const StartImplementationCommand = deskCommand<InstrumentActInput>('StartImplementation');
export const RecordMilestoneCommand = deskCommand<RecordMilestoneInput>('RecordMilestone');
export const HaltImplementationCommand = deskCommand<InstrumentReasonInput>('HaltImplementation');
export const ResumeImplementationCommand = deskCommand<InstrumentActInput>('ResumeImplementation');
export const CompleteImplementationCommand = deskCommand<InstrumentActInput>('CompleteImplementation');
export const WithdrawInstrumentCommand = deskCommand<InstrumentReasonInput>('WithdrawInstrument');
export const SupersedeInstrumentCommand = deskCommand<SupersedeInstrumentInput>('SupersedeInstrument');
export const TablePositionCommand = deskCommand<TablePositionInput>('TablePosition');

const pathway = (steps: PathwayStepInput[]): PathwayStep[] =>
  steps.map(({ body, action, parallel }) => ({ body, action, parallel: parallel === true }));

/** The parts every instrument act shares, from its validated input. */
const act = (input: Pick<InstrumentActInput, 'instrumentId' | 'effectiveDate' | 'sourceRef'>, by: Body) => ({
  instrumentId: input.instrumentId,
  by,
  effectiveDate: input.effectiveDate,
  sourceRef: input.sourceRef ?? null,
});

function handler<Input extends InstrumentActInput | ProposeInstrumentInput>(
  commandType: Parameters<typeof deciderHandler<Input, InstrumentCommand, InstrumentEvent, InstrumentState>>[0],
  input: new () => Input,
  command: (input: Input, by: Body) => InstrumentCommand,
  before?: DeciderHandlerSpec<Input, InstrumentCommand, InstrumentEvent, InstrumentState>['before'],
) {
  return deciderHandler(commandType, {
    input,
    decider: instrumentDecider,
    stream: (i) => instrumentStream(i.instrumentId),
    command,
    before,
  });
}

export const INSTRUMENT_HANDLERS = [
  handler(ProposeInstrumentCommand, ProposeInstrumentInput, (i, by) => ({
    type: 'ProposeInstrument',
    ...act(i, by),
    kind: i.kind.trim().toUpperCase(),
    title: i.title,
    leadBody: i.leadBody,
    pathway: pathway(i.pathway),
  })),
  handler(
    RecordStepDecisionCommand,
    RecordStepDecisionInput,
    (i, by) => ({ type: 'RecordStepDecision', ...act(i, by), body: i.body, action: i.action, outcome: i.outcome, meeting: i.meeting ?? null }),
    // The first decision citing a meeting establishes it; check the decision first so a refused one cites nothing.
    async (input, decision, { runner, context, stream }) => {
      const meeting = input.meeting ? parseMeetingReference(input.meeting) : undefined;
      if (!meeting) return;
      await runner.check(instrumentDecider, stream, decision, context);
      await runner.run(
        meetingDecider,
        meetingStream(input.body),
        { type: 'CiteMeeting', body: input.body, number: meeting.number, effectiveDate: input.effectiveDate },
        { ...context, expectedRevision: undefined },
      );
    },
  ),
  handler(AmendInstrumentCommand, AmendInstrumentInput, (i, by) => ({
    type: 'AmendInstrument',
    ...act(i, by),
    title: i.title,
    summary: i.summary,
    pathway: pathway(i.pathway),
  })),
  handler(ResubmitInstrumentCommand, InstrumentActInput, (i, by) => ({ type: 'ResubmitInstrument', ...act(i, by) })),
  handler(StartImplementationCommand, InstrumentActInput, (i, by) => ({ type: 'StartImplementation', ...act(i, by) })),
  handler(RecordMilestoneCommand, RecordMilestoneInput, (i, by) => ({
    type: 'RecordMilestone',
    ...act(i, by),
    milestone: i.milestone,
    count: i.count ?? null,
    place: i.place ?? null,
  })),
  handler(HaltImplementationCommand, InstrumentReasonInput, (i, by) => ({ type: 'HaltImplementation', ...act(i, by), reason: i.reason })),
  handler(ResumeImplementationCommand, InstrumentActInput, (i, by) => ({ type: 'ResumeImplementation', ...act(i, by) })),
  handler(CompleteImplementationCommand, InstrumentActInput, (i, by) => ({ type: 'CompleteImplementation', ...act(i, by) })),
  handler(WithdrawInstrumentCommand, InstrumentReasonInput, (i, by) => ({ type: 'WithdrawInstrument', ...act(i, by), reason: i.reason })),
  handler(
    SupersedeInstrumentCommand,
    SupersedeInstrumentInput,
    (i, by) => ({ type: 'SupersedeInstrument', ...act(i, by), supersededBy: i.supersededBy }),
    async (input, _decision, { runner }) => {
      const { state } = await runner.load(instrumentDecider, instrumentStream(input.supersededBy));
      if (!state) throw new CommandRejectedError(reject('NOT_FOUND', `no instrument ${input.supersededBy} to supersede with`));
    },
  ),
  handler(TablePositionCommand, TablePositionInput, (i, by) => ({
    type: 'TablePosition',
    ...act(i, by),
    party: i.party,
    statement: i.statement,
    figure: i.figure ?? null,
  })),
];

export const INSTRUMENT_COMMANDS = [
  ProposeInstrumentCommand,
  RecordStepDecisionCommand,
  AmendInstrumentCommand,
  ResubmitInstrumentCommand,
  StartImplementationCommand,
  RecordMilestoneCommand,
  HaltImplementationCommand,
  ResumeImplementationCommand,
  CompleteImplementationCommand,
  WithdrawInstrumentCommand,
  SupersedeInstrumentCommand,
  TablePositionCommand,
];
