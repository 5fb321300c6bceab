import { Inject } from '@nestjs/common';
import { Args, Field, ID, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { Body } from '@ddr/kernel';
import { BodyEnum, CalendarDateScalar } from '@ddr/desks';
import { listConditions, today, type ConditionReading } from '@ddr/read-model';
import { ReadSide } from '../read-side/read-side';
import { SourceType } from '../sources/source.type';

@ObjectType('Requirement')
export class RequirementType {
  @Field() kind: string;
  @Field(() => String, { nullable: true }) instrumentId?: string;
  @Field(() => BodyEnum, { nullable: true }) body?: Body;
  @Field(() => String, { nullable: true }) action?: string;
  @Field(() => String, { nullable: true }) status?: string;
  @Field(() => String, { nullable: true }) commitmentId?: string;
  @Field(() => String, { nullable: true }) programme?: string;
  @Field(() => String, { nullable: true }) measure?: string;
  @Field(() => Int, { nullable: true }) atLeast?: number;
}

@ObjectType('Condition', { description: 'A rule "X requires Y", evaluated from the record, never set by hand.' })
export class ConditionType {
  @Field(() => ID) id: string;
  @Field(() => BodyEnum, { description: 'The body that set it, or that recorded it when it is a recommendation.' }) body: Body;
  @Field({ description: 'A recommendation of its source (the brief), not a decision of `body`.' }) recommendation: boolean;
  @Field(() => SourceType) source: SourceType;
  @Field() title: string;
  @Field() subject: string;
  @Field(() => [RequirementType]) requires: RequirementType[];
  @Field() met: boolean;
  @Field(() => [String], { description: 'What stands in the way, one line per unmet requirement.' }) blockedBy: string[];
  @Field(() => CalendarDateScalar) setOn: string;
}

@Resolver()
export class ConditionsResolver {
  constructor(@Inject(ReadSide) private readonly readSide: ReadSide) {}

  @Query(() => [ConditionType], { description: 'Conditions in force, evaluated as of a date (today by default).' })
  async conditions(
    @Args('body', { type: () => BodyEnum, nullable: true, description: 'Set by this body, or waiting on its step.' }) body?: Body,
    @Args('met', { nullable: true }) met?: boolean,
    @Args('asOf', { type: () => CalendarDateScalar, nullable: true }) asOf?: string,
    @Args('minPosition', { nullable: true }) minPosition?: string,
  ): Promise<ConditionReading[]> {
    await this.readSide.consistent(minPosition);
    return listConditions(this.readSide.db, asOf ?? today(), { body, met });
  }
}
