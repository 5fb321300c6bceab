import { applyDecorators } from '@nestjs/common';
import { Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { BODIES, DATE_PRECISIONS, ROLES, sourceOf, type DatePrecision, type Source } from '@ddr/kernel';
import { IsEffectiveDate } from './command-input';
import { CalendarDateScalar } from './scalars';

/** A string union as a GraphQL enum whose values are the strings themselves. */
export function graphqlEnum<const T extends readonly string[]>(values: T, name: string, description?: string) {
  const enumObject = Object.fromEntries(values.map((value) => [value, value])) as { [K in T[number]]: K };
  registerEnumType(enumObject, { name, description });
  return enumObject;
}

export const BodyEnum = graphqlEnum(BODIES, 'Body', 'Coordinating bodies and the outside actors whose acts they record.');
export const RoleEnum = graphqlEnum(ROLES, 'Role');

type Options = { optional?: boolean; description?: string };
const nullable = (optional?: boolean) => (optional ? [IsOptional()] : []);

/** Client-chosen identifiers: `decree-ranks-2019`, `ADDR-I`, `T1`. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export const IdField = (options: Options = {}) =>
  applyDecorators(
    Field(() => ID, { nullable: options.optional, description: options.description }),
    ...nullable(options.optional),
    IsString(),
    Matches(ID_PATTERN, { message: '$property must be 1-100 letters, digits, dots, dashes or underscores' }),
  );

export const TextField = (options: Options & { max?: number } = {}) =>
  applyDecorators(
    Field(() => String, { nullable: options.optional, description: options.description }),
    ...nullable(options.optional),
    IsString(),
    Matches(/\S/, { message: '$property must not be blank' }),
    MaxLength(options.max ?? 500),
  );

export const DateField = (options: Options & { allowFuture?: boolean } = {}) =>
  applyDecorators(
    Field(() => CalendarDateScalar, { nullable: options.optional, description: options.description }),
    ...nullable(options.optional),
    IsEffectiveDate({ allowFuture: options.allowFuture }),
  );

/** Counts of people or weapons: whole, never negative, bounded well above Mali's figures. */
export const CountField = (options: Options = {}) =>
  applyDecorators(
    Field(() => Int, { nullable: options.optional, description: options.description }),
    ...nullable(options.optional),
    IsInt(),
    Min(0),
    Max(10_000_000),
  );

export const EnumField = (values: readonly string[], graphqlType: object, options: Options = {}) =>
  applyDecorators(
    Field(() => graphqlType, { nullable: options.optional, description: options.description }),
    ...nullable(options.optional),
    IsIn(values as string[], { message: `$property must be one of ${values.join(', ')}` }),
  );

export const BodyField = (options: Options = {}) => EnumField(BODIES, BodyEnum, options);

export const FlagField = (options: Options = {}) =>
  applyDecorators(
    Field(() => Boolean, { nullable: options.optional, description: options.description }),
    ...nullable(options.optional),
    IsBoolean(),
  );

export const ListField = (itemType: new () => object, options: Options & { min?: number; max?: number } = {}) =>
  applyDecorators(
    Field(() => [itemType], { nullable: options.optional, description: options.description }),
    ...(options.optional ? [IsOptional()] : [ValidateIf(() => true)]),
    ValidateNested({ each: true }),
    Type(() => itemType),
    ArrayMinSize(options.min ?? 0),
    ArrayMaxSize(options.max ?? 50),
  );

/** The fields every command input shares: idempotency key, concurrency guard, date and source. */
export const CommandIdField = () => IdField({ optional: true, description: 'Idempotency key: a retried command with the same id appends nothing new.' });
export const ExpectedRevisionField = () =>
  applyDecorators(
    Field(() => Int, { nullable: true, description: 'When given, the stream must be at exactly this revision or the command fails with CONFLICT.' }),
    IsOptional(),
    IsInt(),
    Min(-1),
  );
export const SourceRefField = () =>
  TextField({ optional: true, max: 1000, description: 'The document the act is recorded from; required for outside actors.' });

export const DatePrecisionEnum = graphqlEnum(
  DATE_PRECISIONS,
  'DatePrecision',
  'How exactly a date is known: a year only ("2015") is stored as 2015-01-01 with YEAR.',
);

/**
 * Where an act comes from and how sure it is, the fields every command input shares: the reference, a note, how
 * precisely its effective date is known and whether the recorder inferred it. Each act input extends this.
 */
@InputType({ isAbstract: true })
export class SourcedInput {
  @SourceRefField()
  sourceRef?: string | null;
  @TextField({ optional: true, max: 2000, description: 'Why a date, figure or actor is what it is, where the source is not exact.' })
  sourceNote?: string | null;
  @EnumField(DATE_PRECISIONS, DatePrecisionEnum, { optional: true, description: 'DAY (the default), MONTH or YEAR.' })
  datePrecision?: DatePrecision | null;
  @FlagField({ optional: true, description: 'The recorder inferred this act (its date, figure or actor) rather than read it in the source; false by default.' })
  assumption?: boolean | null;
}

/** The act's source, from its validated input. */
export const sourceFrom = (input: SourcedInput): Source =>
  sourceGiven({ ref: input.sourceRef, note: input.sourceNote, datePrecision: input.datePrecision, assumption: input.assumption });

/** A source given whole, as a correction gives the act's new one: the same fields as `SourcedInput`'s, by their `Source` names. */
@InputType({ description: 'Where a fact comes from and how sure it is.' })
export class SourceInput {
  @TextField({ optional: true, max: 1000, description: 'The citation: minutes, a decree, a page of the brief.' })
  ref?: string | null;
  @TextField({ optional: true, max: 2000 })
  note?: string | null;
  @EnumField(DATE_PRECISIONS, DatePrecisionEnum, { optional: true, description: 'DAY unless given.' })
  datePrecision?: DatePrecision | null;
  @FlagField({ optional: true, description: 'The recorder inferred the fact rather than read it in the source.' })
  assumption?: boolean | null;
}

export const sourceGiven = (input: SourceInput): Source =>
  sourceOf(input.ref ?? null, { note: input.note ?? null, datePrecision: input.datePrecision ?? 'DAY', assumption: input.assumption ?? false });
