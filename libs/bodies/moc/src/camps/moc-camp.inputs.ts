import { InputType } from '@nestjs/graphql';
import { CommandIdField, DateField, EnumField, SourcedInput, graphqlEnum } from '@ddr/desks';
import { MOC_CAMPS, type MocCamp } from './moc-camp.events';

export const MocCampEnum = graphqlEnum(MOC_CAMPS, 'MocCamp');

@InputType()
export class EstablishMocCampInput extends SourcedInput {
  @CommandIdField()
  commandId?: string | null;
  @EnumField(MOC_CAMPS, MocCampEnum)
  camp: MocCamp;
  @DateField()
  effectiveDate: string;
}
