import { ASSESSMENT_COMMANDS } from './assessments/assessment.descriptors';
import { COMMITMENT_COMMANDS } from './commitments/commitment.descriptors';
import { CONDITION_COMMANDS } from './conditions/condition.descriptors';
import { INSTRUMENT_COMMANDS } from './instruments/instrument.descriptors';
import { MEETING_COMMANDS } from './meetings/meeting.descriptors';

/** What every secretariat does, whatever its body: instruments, meetings, commitments, conditions, and grading how far they are implemented. */
export const COORDINATION_COMMANDS = [...INSTRUMENT_COMMANDS, ...MEETING_COMMANDS, ...COMMITMENT_COMMANDS, ...CONDITION_COMMANDS, ...ASSESSMENT_COMMANDS];
