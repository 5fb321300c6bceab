import type { Body } from '@ddr/kernel';
import { aggregateCommands, correctionCommand, sourceFrom } from '@ddr/desks';
import { PROGRAMME_DESKS, type ProgrammeCommand } from './programme.commands';
import { programmeDecider } from './programme.decider';
import { programmeStream } from './programme.events';
import {
  AnnounceEligibleCandidatesInput,
  CompleteTrainingInput,
  DesignateTrainingCentreInput,
  CorrectProgrammeActInput,
  IntegrateTrancheInput,
  LaunchProgrammeInput,
  ProgrammeActInput,
  RecordWeaponsHandoverInput,
  RedeployTrancheInput,
  RegisterTrancheInput,
  ScreenTrancheInput,
  StartTrainingInput,
  type SplitTrancheActInput,
  type TrancheActInput,
} from './programme.inputs';

const act = (input: ProgrammeActInput, by: Body) => ({
  programme: input.programme,
  by,
  effectiveDate: input.effectiveDate,
  source: sourceFrom(input),
});
const trancheAct = (input: TrancheActInput, by: Body) => ({ ...act(input, by), tranche: input.tranche });
const splitAct = (input: SplitTrancheActInput, by: Body) => ({
  ...trancheAct(input, by),
  breakdown: (input.breakdown ?? []).map(({ by: dimension, category, count }) => ({ by: dimension, category: category.trim(), count })),
});

const exampleTranche = (n: number) => ({ programme: `P-${n}`, tranche: 'T1', effectiveDate: '2019-01-15' });

/** A programme command is issued by the one secretariat `PROGRAMME_DESKS` names for its type (the decider checks it too). */
const programmeCommand = aggregateCommands({
  decider: programmeDecider,
  stream: (input: ProgrammeActInput) => programmeStream(input.programme),
  issuedBy: (kind) => [PROGRAMME_DESKS[kind as ProgrammeCommand['type']]],
});

export const launchProgramme = programmeCommand({
  name: 'launchProgramme',
  description: 'CNDDR: a DDR programme starts, with its target.',
  input: LaunchProgrammeInput,
  example: (_, n) => ({ programme: `P-${n}`, title: 'A programme', target: 10, targetDeserters: 1, effectiveDate: '2018-11-01' }),
  command: (i, by) => ({
    type: 'LaunchProgramme',
    ...act(i, by),
    title: i.title,
    target: i.target,
    targetDeserters: i.targetDeserters,
    supportedBy: i.supportedBy ?? [],
  }),
});

export const designateTrainingCentre = programmeCommand({
  name: 'designateTrainingCentre',
  description: 'CNDDR: a centre where the programme trains, with its region.',
  input: DesignateTrainingCentreInput,
  example: (_, n) => ({ programme: `P-${n}`, centre: 'Tiby', region: 'Ségou', effectiveDate: '2019-01-15' }),
  command: (i, by) => ({ type: 'DesignateTrainingCentre', ...act(i, by), centre: i.centre.trim(), region: i.region.trim() }),
});

export const announceEligibleCandidates = programmeCommand({
  name: 'announceEligibleCandidates',
  description: 'CNDDR: how many candidates are eligible.',
  input: AnnounceEligibleCandidatesInput,
  example: (_, n) => ({ programme: `P-${n}`, count: 1, effectiveDate: '2019-04-01' }),
  command: (i, by) => ({ type: 'AnnounceEligibleCandidates', ...act(i, by), count: i.count }),
});

export const registerTranche = programmeCommand({
  name: 'registerTranche',
  description: 'CNDDR: ex-combatants registered in a tranche.',
  input: RegisterTrancheInput,
  example: (_, n) => ({ ...exampleTranche(n), count: 10 }),
  command: (i, by) => ({ type: 'RegisterTranche', ...splitAct(i, by), count: i.count, deserters: i.deserters ?? null }),
});

export const screenTranche = programmeCommand({
  name: 'screenTranche',
  description: 'CNDDR: medical screening; the unfit go to socio-economic reinsertion.',
  input: ScreenTrancheInput,
  example: (_, n) => ({ ...exampleTranche(n), fit: 1, unfit: 0 }),
  command: (i, by) => ({ type: 'ScreenTranche', ...splitAct(i, by), fit: i.fit, unfit: i.unfit ?? null }),
});

export const recordWeaponsHandover = programmeCommand({
  name: 'recordWeaponsHandover',
  description: 'CNDDR: weapons handed over ("one man, one weapon").',
  input: RecordWeaponsHandoverInput,
  example: (_, n) => ({ ...exampleTranche(n), weapons: 1 }),
  command: (i, by) => ({ type: 'RecordWeaponsHandover', ...trancheAct(i, by), weapons: i.weapons }),
});

export const startTraining = programmeCommand({
  name: 'startTraining',
  description: 'CNDDR: training starts at a centre.',
  input: StartTrainingInput,
  example: (_, n) => ({ ...exampleTranche(n), centre: 'Tiby', count: 1 }),
  command: (i, by) => ({ type: 'StartTraining', ...trancheAct(i, by), centre: i.centre?.trim() ?? null, count: i.count ?? null }),
});

export const completeTraining = programmeCommand({
  name: 'completeTraining',
  description: 'CNDDR: training completed at a centre.',
  input: CompleteTrainingInput,
  example: (_, n) => ({ ...exampleTranche(n), centre: 'Tiby', count: 1 }),
  command: (i, by) => ({ type: 'CompleteTraining', ...splitAct(i, by), centre: i.centre?.trim() ?? null, count: i.count }),
});

export const integrateTranche = programmeCommand({
  name: 'integrateTranche',
  description: 'Integration Commission: trained ex-combatants integrated into the forces.',
  input: IntegrateTrancheInput,
  example: (_, n) => ({ ...exampleTranche(n), count: 1 }),
  command: (i, by) => ({ type: 'IntegrateTranche', ...splitAct(i, by), count: i.count }),
});

export const redeployTranche = programmeCommand({
  name: 'redeployTranche',
  description: 'Integration Commission: integrated ex-combatants redeployed to a region.',
  input: RedeployTrancheInput,
  example: (_, n) => ({ ...exampleTranche(n), region: 'Gao', count: 1 }),
  command: (i, by) => ({ type: 'RedeployTranche', ...splitAct(i, by), region: i.region.trim(), count: i.count }),
});

export const correctProgrammeAct = correctionCommand({
  name: 'correctProgrammeAct',
  what: 'a programme',
  issuedBy: ['CNDDR', 'INTEGRATION_COMMISSION'],
  input: CorrectProgrammeActInput,
  decider: programmeDecider,
  stream: (input) => programmeStream(input.programme),
  subject: (input) => ({ programme: input.programme }),
  example: (_, n) => ({ programme: `P-${n}`, revision: 0, reason: 'the launch was a few days later', effectiveDate: '2018-11-06' }),
});

export const PROGRAMME_COMMANDS = [
  launchProgramme,
  announceEligibleCandidates,
  designateTrainingCentre,
  registerTranche,
  screenTranche,
  recordWeaponsHandover,
  startTraining,
  completeTraining,
  integrateTranche,
  redeployTranche,
  correctProgrammeAct,
];
