import { Inject } from '@nestjs/common';
import { Args, Field, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { Actor, Body } from '@ddr/kernel';
import { BodyEnum, CalendarDateScalar, DateTimeScalar } from '@ddr/desks';
import { decodeCursor, encodeCursor, timeline, viewerOf } from '@ddr/read-model';
import { CurrentActor } from '../access/request-context';
import { RestrictedReads } from '../access/restricted-reads';
import { graphqlError } from '../graphql/errors';
import { ReadSide } from '../read-side/read-side';
import { SourceType } from '../sources/source.type';

@ObjectType('TimelineEntry')
class TimelineEntryType {
  @Field() position: string;
  @Field() streamId: string;
  @Field() type: string;
  @Field(() => BodyEnum, { nullable: true, description: 'The body whose secretariat recorded it.' }) body: Body | null;
  @Field(() => String, { nullable: true }) actor: string | null;
  @Field(() => CalendarDateScalar, { nullable: true }) effectiveDate: string | null;
  @Field(() => DateTimeScalar) recordedAt: string;
  @Field() summary: string;
  @Field(() => Int, { description: "The event's revision on its stream." }) revision: number;
  @Field(() => Int, { nullable: true, description: 'For a correction: the revision of the act it corrects.' }) corrects: number | null;
  @Field(() => [Int], { description: 'The revisions of the corrections made to this act since.' }) correctedBy: number[];
  @Field(() => SourceType, {
    nullable: true,
    description: "Where the act comes from; null for events that are no body's act (the access log's, the accounts').",
  })
  source: SourceType | null;
}

@ObjectType('Timeline')
class TimelineType {
  @Field(() => [TimelineEntryType]) entries: TimelineEntryType[];
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

@Resolver()
export class TimelineResolver {
  constructor(
    @Inject(ReadSide) private readonly readSide: ReadSide,
    @Inject(RestrictedReads) private readonly reads: RestrictedReads,
  ) {}

  @Query(() => TimelineType, { description: 'What every body did between two dates, in the order it took effect.' })
  async timeline(
    @CurrentActor() actor: Actor,
    @Args('from', { type: () => CalendarDateScalar }) from: string,
    @Args('to', { type: () => CalendarDateScalar }) to: string,
    @Args('body', { type: () => BodyEnum, nullable: true }) body?: Body,
    @Args('first', { type: () => Int, defaultValue: 50 }) first = 50,
    @Args('after', { nullable: true }) after?: string,
    @Args('minPosition', { nullable: true }) minPosition?: string,
  ): Promise<TimelineType> {
    if (first < 1 || first > 500) throw graphqlError('BAD_USER_INPUT', 'first must be between 1 and 500');
    if (from > to) throw graphqlError('BAD_USER_INPUT', 'from must not be after to');
    const cursor = after ? decodeCursor(after, 2) : undefined;
    if (after && !cursor) throw graphqlError('BAD_USER_INPUT', 'after is not a cursor of this timeline');
    await this.readSide.consistent(minPosition);
    const result = timeline(this.readSide.db, viewerOf(actor), from, to, {
      body,
      first,
      after: cursor ? { effectiveDate: String(cursor[0]), seq: Number(cursor[1]) } : null,
    });
    this.reads.noted(actor, 'Query.timeline', result.entries, (entries) => entries.map((entry) => entry.streamId));
    const last = result.entries.at(-1);
    return {
      entries: result.entries,
      hasNextPage: result.hasNextPage,
      endCursor: last ? encodeCursor([last.effectiveDate ?? '', last.seq]) : null,
    };
  }
}
