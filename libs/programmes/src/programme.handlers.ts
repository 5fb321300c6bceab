import type { Type } from '@nestjs/common';
import type { Body } from '@ddr/kernel';
import { deciderHandler, deskCommand, type DeskCommandType } from '@ddr/desks';
import { PROGRAMME_DESKS, type ProgrammeCommand } from './programme.commands';
import { programmeDecider } from './programme.decider';
import { programmeStream } from './programme.events';
import {
  AnnounceEligibleCandidatesInput,
  IntegrateTrancheInput,
  LaunchProgrammeInput,
  ProgrammeActInput,
  RecordWeaponsHandoverInput,
  RedeployTrancheInput,
  RegisterTrancheInput,
  ScreenTrancheInput,
  TrainingInput,
  type TrancheActInput,
} from './programme.inputs';

export const LaunchProgrammeCommand = deskCommand<LaunchProgrammeInput>('LaunchProgramme');
export const AnnounceEligibleCandidatesCommand = deskCommand<AnnounceEligibleCandidatesInput>('AnnounceEligibleCandidates');
export const RegisterTrancheCommand = deskCommand<RegisterTrancheInput>('RegisterTranche');
export const ScreenTrancheCommand = deskCommand<ScreenTrancheInput>('ScreenTranche');
export const RecordWeaponsHandoverCommand = deskCommand<RecordWeaponsHandoverInput>('RecordWeaponsHandover');
export const StartTrainingCommand = deskCommand<TrainingInput>('StartTraining');
export const CompleteTrainingCommand = deskCommand<TrainingInput>('CompleteTraining');
export const IntegrateTrancheCommand = deskCommand<IntegrateTrancheInput>('IntegrateTranche');
export const RedeployTrancheCommand = deskCommand<RedeployTrancheInput>('RedeployTranche');

const act = (input: ProgrammeActInput, by: Body) => ({
  programme: input.programme,
  by,
  effectiveDate: input.effectiveDate,
  sourceRef: input.sourceRef ?? null,
});
const trancheAct = (input: TrancheActInput, by: Body) => ({ ...act(input, by), tranche: input.tranche });

function handler<Input extends ProgrammeActInput>(
  commandType: DeskCommandType<Input>,
  input: new () => Input,
  command: (input: Input, by: Body) => ProgrammeCommand,
) {
  return { kind: commandType.kind, handler: deciderHandler(commandType, { input, decider: programmeDecider, stream: (i) => programmeStream(i.programme), command }) };
}

const HANDLERS = [
  handler(LaunchProgrammeCommand, LaunchProgrammeInput, (i, by) => ({
    type: 'LaunchProgramme',
    ...act(i, by),
    title: i.title,
    target: i.target,
    targetDeserters: i.targetDeserters,
  })),
  handler(AnnounceEligibleCandidatesCommand, AnnounceEligibleCandidatesInput, (i, by) => ({ type: 'AnnounceEligibleCandidates', ...act(i, by), count: i.count })),
  handler(RegisterTrancheCommand, RegisterTrancheInput, (i, by) => ({ type: 'RegisterTranche', ...trancheAct(i, by), count: i.count, deserters: i.deserters ?? 0 })),
  handler(ScreenTrancheCommand, ScreenTrancheInput, (i, by) => ({ type: 'ScreenTranche', ...trancheAct(i, by), fit: i.fit, unfit: i.unfit })),
  handler(RecordWeaponsHandoverCommand, RecordWeaponsHandoverInput, (i, by) => ({ type: 'RecordWeaponsHandover', ...trancheAct(i, by), weapons: i.weapons })),
  handler(StartTrainingCommand, TrainingInput, (i, by) => ({ type: 'StartTraining', ...trancheAct(i, by), centre: i.centre.trim(), count: i.count })),
  handler(CompleteTrainingCommand, TrainingInput, (i, by) => ({ type: 'CompleteTraining', ...trancheAct(i, by), centre: i.centre.trim(), count: i.count })),
  handler(IntegrateTrancheCommand, IntegrateTrancheInput, (i, by) => ({ type: 'IntegrateTranche', ...trancheAct(i, by), count: i.count })),
  handler(RedeployTrancheCommand, RedeployTrancheInput, (i, by) => ({ type: 'RedeployTranche', ...trancheAct(i, by), region: i.region.trim(), count: i.count })),
];

/** The programme commands one body's desk issues, and their handlers. */
export function programmeDesk(body: Body): { commands: string[]; handlers: Type[] } {
  const mine = HANDLERS.filter(({ kind }) => PROGRAMME_DESKS[kind as ProgrammeCommand['type']] === body);
  return { commands: mine.map(({ kind }) => kind), handlers: mine.map(({ handler }) => handler) };
}
