import { InputType } from '@nestjs/graphql';
import { CommandIdField, CountField, DateField, EnumField, SourcedInput, graphqlEnum } from '@ddr/desks';
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

@InputType()
export class RecordJointPatrolInput extends SourcedInput {
  @CommandIdField()
  commandId?: string | null;
  @EnumField(MOC_CAMPS, MocCampEnum, { description: 'The camp patrolled around: GAO, TIMBUKTU or KIDAL.' })
  camp: MocCamp;
  @CountField({ optional: true, description: 'How many joint patrols that day; null when not counted (never 0 for unknown).' })
  patrols?: number | null;
  @DateField()
  effectiveDate: string;
}
