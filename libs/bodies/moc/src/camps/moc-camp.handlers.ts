import { InputType } from '@nestjs/graphql';
import { CommandIdField, DateField, EnumField, SourceRefField, deciderHandler, deskCommand, graphqlEnum } from '@ddr/desks';
import { MOC_CAMPS, MOC_CAMPS_STREAM, mocCampDecider, type MocCamp } from './moc-camp.decider';

export const MocCampEnum = graphqlEnum(MOC_CAMPS, 'MocCamp');

@InputType()
export class EstablishMocCampInput {
  @CommandIdField()
  commandId?: string | null;
  @EnumField(MOC_CAMPS, MocCampEnum)
  camp: MocCamp;
  @DateField()
  effectiveDate: string;
  @SourceRefField()
  sourceRef?: string | null;
}

export const EstablishMocCampCommand = deskCommand<EstablishMocCampInput>('EstablishMocCamp');

export const EstablishMocCampHandler = deciderHandler(EstablishMocCampCommand, {
  input: EstablishMocCampInput,
  decider: mocCampDecider,
  stream: () => MOC_CAMPS_STREAM,
  command: (i, by) => ({ type: 'EstablishMocCamp' as const, by, camp: i.camp, effectiveDate: i.effectiveDate, sourceRef: i.sourceRef ?? null }),
});
