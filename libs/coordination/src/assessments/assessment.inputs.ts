import { Field, InputType, Int } from '@nestjs/graphql';
import { IsInt, Max, Min } from 'class-validator';
import type { Body } from '@ddr/kernel';
import { BodyField, CommandIdField, CorrectionInput, DateField, EnumField, IdField, SourcedInput, TextField, graphqlEnum } from '@ddr/desks';
import { GRADED_KINDS, type GradedKind } from './assessment.events';
import { THEMES, type Theme } from './theme.state';

export const ThemeEnum = graphqlEnum(THEMES, 'Theme', "The Agreement's defence and security themes that the brief follows.");
export const GradedKindEnum = graphqlEnum(GRADED_KINDS, 'GradedKind', 'What can be graded: a commitment, a condition, a provision of the Agreement.');

/** A commitment's or condition's theme: optional, taken from its words when not given. */
export const ThemeField = () =>
  EnumField(THEMES, ThemeEnum, {
    optional: true,
    description: 'When not given, the theme its words name (cantonment, MOC, security sector, integration), else DDR.',
  });

@InputType()
export class GradeImplementationInput extends SourcedInput {
  @CommandIdField()
  commandId?: string | null;
  @EnumField(GRADED_KINDS, GradedKindEnum)
  item: GradedKind;
  @IdField({ description: 'The commitment, condition or provision graded.' })
  itemId: string;
  @BodyField({
    description: "Who assesses: the recording secretariat's own body, or an outside actor (the Independent Observer) recorded by the CSA with a source.",
  })
  assessor: Body;
  @Field(() => Int, { description: 'The Peace Accords Matrix scale: 0 not started, 1 minimal, 2 intermediate, 3 complete.' })
  @IsInt()
  @Min(0, { message: 'grade must be 0 (not started) to 3 (complete)' })
  @Max(3, { message: 'grade must be 0 (not started) to 3 (complete)' })
  grade: number;
  @TextField({ max: 2000, description: 'What the assessor found.' })
  finding: string;
  @DateField({ description: 'The day the assessment holds for.' })
  effectiveDate: string;
}

@InputType()
export class CorrectGradeInput extends CorrectionInput {
  @EnumField(GRADED_KINDS, GradedKindEnum)
  item: GradedKind;
  @IdField({ description: 'The item whose assessment is corrected; its grade is the figure `grade`.' })
  itemId: string;
}

@InputType()
export class DefineProvisionInput extends SourcedInput {
  @CommandIdField()
  commandId?: string | null;
  @IdField()
  provisionId: string;
  @IdField({ description: 'The agreement it is a provision of, e.g. algiers-agreement-2015.' })
  instrumentId: string;
  @TextField({ max: 200, description: 'How the agreement groups it; the roll-ups by chapter use it as given.' })
  chapter: string;
  @TextField({ optional: true, max: 100 })
  article?: string | null;
  @TextField({ max: 2000 })
  title: string;
  @EnumField(THEMES, ThemeEnum)
  theme: Theme;
  @DateField()
  effectiveDate: string;
}
