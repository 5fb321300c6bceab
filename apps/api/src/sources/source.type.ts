import { Field, ObjectType } from '@nestjs/graphql';
import type { DatePrecision } from '@ddr/kernel';
import { DatePrecisionEnum } from '@ddr/desks';

@ObjectType('Source', { description: 'Where a fact comes from and how sure it is.' })
export class SourceType {
  @Field(() => String, { nullable: true, description: 'The citation: minutes, a decree, a page of the brief.' }) ref: string | null;
  @Field(() => String, { nullable: true, description: 'Why a date, figure or actor is what it is, where the source is not exact.' }) note: string | null;
  @Field(() => DatePrecisionEnum, { description: 'How exactly the effective date is known: 2015-01-01 with YEAR means "in 2015".' })
  datePrecision: DatePrecision;
  @Field({ description: 'The recorder inferred this fact (its date, figure or actor) rather than read it in the source.' }) assumption: boolean;
}
