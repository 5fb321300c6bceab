import { Inject } from '@nestjs/common';
import { Args, Field, Float, ID, Int, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor, Body } from '@ddr/kernel';
import { BodyEnum, CalendarDateScalar } from '@ddr/desks';
import { delaysPage, delaysTable, today, viewerOf, type BodyDelay, type DelaysTable, type HandOffDelay } from '@ddr/read-model';
import { CurrentActor } from '../access/request-context';
import { graphqlError } from '../graphql/errors';
import { connectionOf, PageArgs, pageRequest, toConnection, type Connection } from '../graphql/paging';
import { ReadSide } from '../read-side/read-side';

@ObjectType({ isAbstract: true })
class DelayFiguresType {
  @Field(() => Int, { description: 'Steps decided in the period (approved, rejected or returned).' }) decided: number;
  @Field(() => Float, { nullable: true, description: 'The median of their waits, in days.' }) medianDays: number | null;
  @Field(() => Int, { nullable: true, description: 'The 90th percentile of their waits, in days (nearest rank).' }) p90Days: number | null;
  @Field(() => Int, { nullable: true, description: 'The longest of their waits, in days.' }) longestDays: number | null;
  @Field(() => Int, { description: "Steps still waiting at the period's end." }) stillWaiting: number;
  @Field(() => CalendarDateScalar, { nullable: true, description: 'Since when the oldest of them has waited.' }) oldestSince: string | null;
  @Field(() => Int, { nullable: true, description: "Its days of waiting by the period's end." }) oldestDays: number | null;
  @Field(() => ID, { nullable: true, description: 'The instrument it belongs to.' }) oldestInstrumentId: string | null;
}

@ObjectType('BodyDelay', { description: 'How long steps awaited one body over the period.' })
class BodyDelayType extends DelayFiguresType {
  @Field(() => BodyEnum) body: Body;
}

@ObjectType('HandOffDelay', { description: 'How long steps waited between two bodies: the one whose act made the step next, and the one it awaited.' })
class HandOffDelayType extends DelayFiguresType {
  @Field(() => BodyEnum) from: Body;
  @Field(() => BodyEnum) to: Body;
}

const BodyDelayConnection = connectionOf(BodyDelayType, 'BodyDelay');
const HandOffDelayConnection = connectionOf(HandOffDelayType, 'HandOffDelay');

@ObjectType('Delays', { description: 'Who kept decisions waiting over a period, slowest first.' })
class DelaysType {
  @Field(() => CalendarDateScalar) from: string;
  @Field(() => CalendarDateScalar, { description: "The period's end: what still waits is counted to it." }) to: string;
  table: DelaysTable;
}

@Resolver(() => DelaysType)
export class DelaysResolver {
  constructor(@Inject(ReadSide) private readonly readSide: ReadSide) {}

  @Query(() => DelaysType, {
    description:
      'Per awaited body and per hand-off between two bodies, over a period: steps decided, median, 90th percentile and longest wait ' +
      'in days, steps still waiting and the oldest; the slowest first (by the longest wait, decided or still open).',
  })
  async delays(
    @CurrentActor() actor: Actor,
    @Args('from', { type: () => CalendarDateScalar, nullable: true, description: 'The first day of the period; the beginning of the record when omitted.' })
    from?: string,
    @Args('to', { type: () => CalendarDateScalar, nullable: true, description: 'The last day of the period; asOf, else today, when omitted.' }) to?: string,
    @Args('asOf', { type: () => CalendarDateScalar, nullable: true, description: 'The date the figures are read on: the period ends by it.' })
    asOf?: string,
    @Args('minPosition', { nullable: true }) minPosition?: string,
  ): Promise<DelaysType> {
    const start = from ?? '0001-01-01';
    const end = [to ?? asOf ?? today(), asOf ?? '9999-12-31'].sort()[0];
    if (start > end) throw graphqlError('BAD_USER_INPUT', 'from must not be after to (nor after asOf)');
    await this.readSide.consistent(minPosition);
    return { from: start, to: end, table: delaysTable(this.readSide.db, viewerOf(actor), start, end) };
  }

  @ResolveField(() => BodyDelayConnection, { description: 'Per awaited body, slowest first.' })
  byBody(@Parent() delays: DelaysType, @Args() page: PageArgs): Connection<BodyDelay> {
    return toConnection(delaysPage(delays.table.byBody, pageRequest(page, 1)));
  }

  @ResolveField(() => HandOffDelayConnection, { description: 'Per hand-off (from the body whose act made the step next, to the body awaited), slowest first.' })
  handOffs(@Parent() delays: DelaysType, @Args() page: PageArgs): Connection<HandOffDelay> {
    return toConnection(delaysPage(delays.table.handOffs, pageRequest(page, 1)));
  }
}
