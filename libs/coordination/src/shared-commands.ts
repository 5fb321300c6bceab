import { COMMITMENT_HANDLERS, FulfilCommitmentCommand, MakeCommitmentCommand, NoteCommitmentProgressCommand } from './commitments/commitment.handlers';
import { CONDITION_HANDLERS, SetConditionCommand, WithdrawConditionCommand } from './conditions/condition.handlers';
import { INSTRUMENT_COMMANDS, INSTRUMENT_HANDLERS } from './instruments/instrument.handlers';
import { MEETING_HANDLERS, RecordMeetingCommand } from './meetings/meeting.handlers';

/** Commands every secretariat desk issues; the deciders say for which instruments, steps and meetings. */
export const SHARED_COMMANDS = [
  ...INSTRUMENT_COMMANDS,
  RecordMeetingCommand,
  MakeCommitmentCommand,
  FulfilCommitmentCommand,
  NoteCommitmentProgressCommand,
  SetConditionCommand,
  WithdrawConditionCommand,
];

export const SHARED_HANDLERS = [...INSTRUMENT_HANDLERS, ...MEETING_HANDLERS, ...COMMITMENT_HANDLERS, ...CONDITION_HANDLERS];

export const SHARED_COMMAND_KINDS: readonly string[] = SHARED_COMMANDS.map((command) => command.kind);
