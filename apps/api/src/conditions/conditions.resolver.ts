import { Inject } from '@nestjs/common';
import { Args, ArgsType, Field, ID, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { ThemeEnum } from '@ddr/coordination/desk';
import { conditionStream } from '@ddr/coordination';
import type { Actor, Body } from '@ddr/kernel';
import { BodyEnum, CalendarDateScalar } from '@ddr/desks';
import { conditionsPage, today, viewerOf, type ConditionReading } from '@ddr/read-model';
import { connectionOf, nodesOf, PageArgs, pageRequest, toConnection, type Connection } from '../graphql/paging';
import { CurrentActor } from '../access/request-context';
import { RestrictedReads } from '../access/restricted-reads';
import { ReadSide } from '../read-side/read-side';
import { DueAfterType } from '../instruments/instrument.types';
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
  @Field(() => ThemeEnum, { description: 'The theme it belongs to; when not recorded, the one its words name.' }) theme: string;
  @Field(() => [RequirementType]) requires: RequirementType[];
  @Field() met: boolean;
  @Field(() => [String], { description: 'What stands in the way, one line per unmet requirement.' }) blockedBy: string[];
  @Field(() => CalendarDateScalar) setOn: string;
  @Field(() => CalendarDateScalar, {
    nullable: true,
    description: 'When it must be met by, if set: its date, or (with `dueAfter`) counted from the act once known by the date asked.',
  })
  dueDate: string | null;
  @Field(() => DueAfterType, { nullable: true, description: 'Set when it must be met a number of days after an act ("within 30 days of signing").' })
  dueAfter: DueAfterType | null;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'The date of the act `dueAfter` counts from, if known by the date asked.' })
  dueAfterActOn: string | null;
  @Field({ description: 'Unmet past its due date on the date asked.' }) overdue: boolean;
}

export const ConditionConnection = connectionOf(ConditionType, 'Condition');

@ArgsType()
class ConditionArgs {
  @Field(() => BodyEnum, { nullable: true, description: 'Set by this body, or waiting on its step.' }) body?: Body;
  @Field({ nullable: true }) met?: boolean;
  @Field(() => CalendarDateScalar, { nullable: true }) asOf?: string;
  @Field({ nullable: true }) minPosition?: string;
}

@Resolver()
export class ConditionsResolver {
  constructor(
    @Inject(ReadSide) private readonly readSide: ReadSide,
    @Inject(RestrictedReads) private readonly reads: RestrictedReads,
  ) {}

  @Query(() => [ConditionType], { description: 'Conditions in force, evaluated as of a date (today by default), oldest first, a page at a time.' })
  async conditions(@CurrentActor() actor: Actor, @Args() filter: ConditionArgs, @Args() page: PageArgs): Promise<ConditionReading[]> {
    return nodesOf(await this.page(actor, filter, page));
  }

  @Query(() => ConditionConnection, { description: 'Conditions in force, evaluated as of a date (today by default), oldest first.' })
  async conditionsPage(@CurrentActor() actor: Actor, @Args() filter: ConditionArgs, @Args() page: PageArgs): Promise<Connection<ConditionReading>> {
    return toConnection(await this.page(actor, filter, page));
  }

  private async page(actor: Actor, { body, met, asOf, minPosition }: ConditionArgs, page: PageArgs) {
    const request = pageRequest(page, 2);
    await this.readSide.consistent(minPosition);
    const found = conditionsPage(this.readSide.db, viewerOf(actor), asOf ?? today(), { body, met }, request);
    return this.reads.noted(actor, 'Query.conditions', found, (page) => nodesOf(page).map((node) => conditionStream(node.id)));
  }
}
