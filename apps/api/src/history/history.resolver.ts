import { Inject } from '@nestjs/common';
import { Args, Field, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { ACCESS_LOG_STREAM } from '@ddr/access';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@ddr/event-store';
import type { Actor } from '@ddr/kernel';
import { CurrentActor } from '../access/request-context';
import { RestrictedReads } from '../access/restricted-reads';
import { Roles } from '../access/roles.decorator';
import { graphqlError } from '../graphql/errors';
import { RecordedEventType, toRecordedEventType } from './recorded-event.type';

const MAX_PAGE = 500;

@ObjectType('HistoryPage')
class HistoryPage {
  @Field(() => [RecordedEventType]) events: RecordedEventType[];
  @Field({ description: 'More events follow: ask again from `next`.' }) hasMore: boolean;
  @Field(() => String, { nullable: true, description: 'Pass as `after` (global log) or `fromRevision` (stream) for the next page.' })
  next: string | null;
}

function pageSize(first: number): number {
  if (first < 1 || first > MAX_PAGE) throw graphqlError('BAD_USER_INPUT', `first must be between 1 and ${MAX_PAGE}`);
  return first;
}

/** The record itself, for auditors: every event with its whole envelope, in order, a page at a time. */
@Resolver()
@Roles('AUDITOR')
export class HistoryResolver {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(RestrictedReads) private readonly reads: RestrictedReads,
  ) {}

  @Query(() => HistoryPage, { description: 'One stream, from a revision on.' })
  async streamHistory(
    @CurrentActor() actor: Actor,
    @Args('streamId') streamId: string,
    @Args('fromRevision', { type: () => Int, defaultValue: 0 }) fromRevision: number,
    @Args('first', { type: () => Int, defaultValue: 100 }) first: number,
  ): Promise<HistoryPage> {
    if (fromRevision < 0) throw graphqlError('BAD_USER_INPUT', 'fromRevision must not be negative');
    const events = await this.store.readStream(streamId, { fromRevision, maxCount: pageSize(first) + 1 });
    return this.noted(
      actor,
      'Query.streamHistory',
      page(events, first, (last) => String(last.revision + 1)),
    );
  }

  @Query(() => HistoryPage, { description: 'The global log after a position, optionally only some event types or stream prefixes.' })
  async globalHistory(
    @CurrentActor() actor: Actor,
    @Args('after', { nullable: true }) after?: string,
    @Args('first', { type: () => Int, defaultValue: 100 }) first = 100,
    @Args('eventTypes', { type: () => [String], nullable: true }) eventTypes?: string[],
    @Args('streamPrefixes', { type: () => [String], nullable: true }) streamPrefixes?: string[],
  ): Promise<HistoryPage> {
    const events = await this.store.readAll({ from: after ?? undefined, maxCount: pageSize(first) + 1, filter: { eventTypes, streamPrefixes } });
    return this.noted(
      actor,
      'Query.globalHistory',
      page(events, first, (last) => last.position),
    );
  }

  @Query(() => HistoryPage, { description: 'Refused write attempts: who, what, why.' })
  async accessLog(
    @CurrentActor() actor: Actor,
    @Args('fromRevision', { type: () => Int, defaultValue: 0 }) fromRevision: number,
    @Args('first', { type: () => Int, defaultValue: 100 }) first: number,
  ): Promise<HistoryPage> {
    return this.streamHistory(actor, ACCESS_LOG_STREAM, fromRevision, first);
  }

  /** Auditors read everything; what of it is restricted is still written to the access log. */
  private noted(actor: Actor, operation: string, found: HistoryPage): HistoryPage {
    return this.reads.noted(actor, operation, found, (history) => history.events.map((event) => event.streamId));
  }
}

function page(events: RecordedEvent[], first: number, next: (last: RecordedEvent) => string): HistoryPage {
  const shown = events.slice(0, first);
  const hasMore = events.length > first;
  return { events: shown.map(toRecordedEventType), hasMore, next: hasMore && shown.length ? next(shown[shown.length - 1]) : null };
}
