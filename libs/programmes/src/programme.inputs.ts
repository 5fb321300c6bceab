import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsIn, IsOptional } from 'class-validator';
import { BODIES, type Body } from '@ddr/kernel';
import {
  BodyEnum,
  CommandIdField,
  CorrectionInput,
  CountField,
  DateField,
  EnumField,
  ExpectedRevisionField,
  graphqlEnum,
  IdField,
  ListField,
  SourcedInput,
  TextField,
} from '@ddr/desks';
import { BREAKDOWN_DIMENSIONS, type BreakdownDimension } from './programme-breakdown.state';

export const BreakdownDimensionEnum = graphqlEnum(
  BREAKDOWN_DIMENSIONS,
  'BreakdownDimension',
  'How a figure is broken down: by armed movement (CMA, PLATFORM, EX_ARMY_DESERTERS, OTHER), region (as recorded), rank (OFFICERS, NCOS, RANK_AND_FILE) or training centre.',
);

@InputType({ isAbstract: true })
export class ProgrammeActInput extends SourcedInput {
  @CommandIdField()
  commandId?: string | null;
  @IdField({ description: 'e.g. "ADDR-I"' })
  programme: string;
  @DateField()
  effectiveDate: string;
  @ExpectedRevisionField()
  expectedRevision?: number | null;
}

@InputType()
export class LaunchProgrammeInput extends ProgrammeActInput {
  @TextField()
  title: string;
  @CountField({ description: 'How many ex-combatants the programme is to process, e.g. 4,900.' })
  target: number;
  @CountField({ description: 'Of the target, how many deserters, e.g. 900.' })
  targetDeserters: number;
  @Field(() => [BodyEnum], { nullable: true, description: 'Who supported the launch, e.g. [MINUSMA].' })
  @IsOptional()
  @ArrayMaxSize(10)
  @IsIn(BODIES as readonly string[] as string[], { each: true, message: '$property must name bodies' })
  supportedBy?: Body[] | null;
}

@InputType()
export class DesignateTrainingCentreInput extends ProgrammeActInput {
  @TextField({ max: 100, description: 'e.g. Tiby' })
  centre: string;
  @TextField({ max: 100, description: 'Its region, e.g. Ségou.' })
  region: string;
}

@InputType()
export class AnnounceEligibleCandidatesInput extends ProgrammeActInput {
  @CountField()
  count: number;
}

@InputType({ isAbstract: true })
export class TrancheActInput extends ProgrammeActInput {
  @IdField({ description: 'The tranche, e.g. "T1".' })
  tranche: string;
}

@InputType({ description: 'One category of a breakdown: { by: RANK, category: "OFFICERS", count: 66 }.' })
export class CategoryCountInput {
  @EnumField(BREAKDOWN_DIMENSIONS, BreakdownDimensionEnum)
  by: BreakdownDimension;
  @TextField({ max: 100, description: 'A movement or rank value, a region as recorded (Gao, Kidal, ...), or a designated training centre.' })
  category: string;
  @CountField()
  count: number;
}

/** A tranche act whose count may be broken down by category. */
@InputType({ isAbstract: true })
export class SplitTrancheActInput extends TrancheActInput {
  @ListField(CategoryCountInput, {
    optional: true,
    max: 100,
    description: 'The count by category, in any dimensions; categories left out are unreported (never taken as 0).',
  })
  breakdown?: CategoryCountInput[] | null;
}

@InputType()
export class RegisterTrancheInput extends SplitTrancheActInput {
  @CountField()
  count: number;
  @CountField({
    optional: true,
    description: 'Of those registered, how many deserted the armed forces in 2012; omitted or null when not reported (never 0 for unknown).',
  })
  deserters?: number | null;
}

@InputType()
export class ScreenTrancheInput extends SplitTrancheActInput {
  @CountField({ description: 'Assessed medically fit.' })
  fit: number;
  @CountField({ optional: true, description: 'Assessed medically unfit: referred to socio-economic reinsertion; null when not reported.' })
  unfit?: number | null;
}

@InputType()
export class RecordWeaponsHandoverInput extends TrancheActInput {
  @CountField()
  weapons: number;
}

@InputType()
export class StartTrainingInput extends TrancheActInput {
  @TextField({ optional: true, max: 100, description: 'Tiby, Banokoro, Mapho, Markala, Koulikoro, ...; null when not reported.' })
  centre?: string | null;
  @CountField({ optional: true, description: 'How many began; null when not reported.' })
  count?: number | null;
}

@InputType()
export class CompleteTrainingInput extends SplitTrancheActInput {
  @TextField({ optional: true, max: 100, description: 'Tiby, Banokoro, Mapho, Markala, Koulikoro, ...; null when not reported.' })
  centre?: string | null;
  @CountField()
  count: number;
}

@InputType()
export class IntegrateTrancheInput extends SplitTrancheActInput {
  @CountField()
  count: number;
}

@InputType()
export class RedeployTrancheInput extends SplitTrancheActInput {
  @TextField({ max: 100, description: 'The region redeployed to, e.g. Gao.' })
  region: string;
  @CountField()
  count: number;
}

@InputType()
export class CorrectProgrammeActInput extends CorrectionInput {
  @IdField({ description: 'The programme whose act is corrected, e.g. "ADDR-I".' })
  programme: string;
}
