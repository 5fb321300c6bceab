import * as coordination from '@ddr/coordination';
import { EstablishMocCampCommand, EstablishMocCampInput } from '@ddr/bodies/moc';
import type { DeskCommandType } from '@ddr/desks';
import * as programmes from '@ddr/programmes';

/** Every desk command by its public name: the GraphQL mutation, and the scenario files, use these names. */
export interface CatalogueEntry {
  name: string;
  command: DeskCommandType;
  input: new () => object;
  description: string;
}

const c = coordination;
const p = programmes;

export const COMMAND_CATALOGUE: CatalogueEntry[] = [
  { name: 'proposeInstrument', command: c.ProposeInstrumentCommand, input: c.ProposeInstrumentInput, description: 'The lead body proposes an instrument with its pathway.' },
  { name: 'recordStepDecision', command: c.RecordStepDecisionCommand, input: c.RecordStepDecisionInput, description: 'A body decides its own step; an outside actor act is recorded by the lead body with a source.' },
  { name: 'amendInstrument', command: c.AmendInstrumentCommand, input: c.AmendInstrumentInput, description: 'The lead body amends a returned instrument.' },
  { name: 'resubmitInstrument', command: c.ResubmitInstrumentCommand, input: c.InstrumentActInput, description: 'The lead body resubmits a returned instrument.' },
  { name: 'startImplementation', command: c.StartImplementationCommand, input: c.InstrumentActInput, description: 'Implementation of an adopted instrument starts.' },
  { name: 'recordMilestone', command: c.RecordMilestoneCommand, input: c.RecordMilestoneInput, description: 'Implementation reaches a milestone.' },
  { name: 'haltImplementation', command: c.HaltImplementationCommand, input: c.InstrumentReasonInput, description: 'Implementation halts, with a reason.' },
  { name: 'resumeImplementation', command: c.ResumeImplementationCommand, input: c.InstrumentActInput, description: 'Halted implementation resumes.' },
  { name: 'completeImplementation', command: c.CompleteImplementationCommand, input: c.InstrumentActInput, description: 'Implementation is complete.' },
  { name: 'withdrawInstrument', command: c.WithdrawInstrumentCommand, input: c.InstrumentReasonInput, description: 'The lead body withdraws an instrument.' },
  { name: 'supersedeInstrument', command: c.SupersedeInstrumentCommand, input: c.SupersedeInstrumentInput, description: 'Another instrument replaces this one.' },
  { name: 'tablePosition', command: c.TablePositionCommand, input: c.TablePositionInput, description: "A party's position on an instrument under negotiation." },
  { name: 'recordMeeting', command: c.RecordMeetingCommand, input: c.RecordMeetingInput, description: 'A body records one of its numbered sessions.' },
  { name: 'makeCommitment', command: c.MakeCommitmentCommand, input: c.MakeCommitmentInput, description: 'A body promises something by a date.' },
  { name: 'fulfilCommitment', command: c.FulfilCommitmentCommand, input: c.FulfilCommitmentInput, description: 'A commitment is kept.' },
  { name: 'noteCommitmentProgress', command: c.NoteCommitmentProgressCommand, input: c.NoteCommitmentProgressInput, description: 'Where a commitment stands.' },
  { name: 'setCondition', command: c.SetConditionCommand, input: c.SetConditionInput, description: 'A body sets a rule "X requires Y".' },
  { name: 'withdrawCondition', command: c.WithdrawConditionCommand, input: c.WithdrawConditionInput, description: 'The setting body withdraws a condition.' },
  { name: 'launchProgramme', command: p.LaunchProgrammeCommand, input: p.LaunchProgrammeInput, description: 'CNDDR: a DDR programme starts, with its target.' },
  { name: 'announceEligibleCandidates', command: p.AnnounceEligibleCandidatesCommand, input: p.AnnounceEligibleCandidatesInput, description: 'CNDDR: how many candidates are eligible.' },
  { name: 'registerTranche', command: p.RegisterTrancheCommand, input: p.RegisterTrancheInput, description: 'CNDDR: ex-combatants registered in a tranche.' },
  { name: 'screenTranche', command: p.ScreenTrancheCommand, input: p.ScreenTrancheInput, description: 'CNDDR: medical screening; the unfit go to socio-economic reinsertion.' },
  { name: 'recordWeaponsHandover', command: p.RecordWeaponsHandoverCommand, input: p.RecordWeaponsHandoverInput, description: 'CNDDR: weapons handed over ("one man, one weapon").' },
  { name: 'startTraining', command: p.StartTrainingCommand, input: p.TrainingInput, description: 'CNDDR: training starts at a centre.' },
  { name: 'completeTraining', command: p.CompleteTrainingCommand, input: p.TrainingInput, description: 'CNDDR: training completed at a centre.' },
  { name: 'integrateTranche', command: p.IntegrateTrancheCommand, input: p.IntegrateTrancheInput, description: 'Integration Commission: trained ex-combatants integrated into the forces.' },
  { name: 'redeployTranche', command: p.RedeployTrancheCommand, input: p.RedeployTrancheInput, description: 'Integration Commission: integrated ex-combatants redeployed to a region.' },
  { name: 'establishMocCamp', command: EstablishMocCampCommand, input: EstablishMocCampInput, description: 'MOC: a camp is established (Gao, Timbuktu, Kidal).' },
];
