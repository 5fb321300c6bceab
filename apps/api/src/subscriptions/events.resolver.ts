import { Inject } from '@nestjs/common';
import { Args, Subscription, Resolver } from '@nestjs/graphql';
import { EVENT_STORE, type EventStore } from '@ddr/event-store';
import { METRICS, type OperationsMetrics } from '@ddr/telemetry';
import type { Actor, Body } from '@ddr/kernel';
import { BodyEnum } from '@ddr/desks';
import { CurrentActor } from '../access/request-context';
import { graphqlError } from '../graphql/errors';
import { RecordedEventType, toRecordedEventType } from '../history/recorded-event.type';
import { ReadSide } from '../read-side/read-side';
import { concernsBody, mayRead } from './concerns';

@Resolver()
export class EventsSubscriptionResolver {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ReadSide) private readonly readSide: ReadSide,
    @Inject(METRICS) private readonly metrics: OperationsMetrics,
  ) {}

  @Subscription(() => RecordedEventType, {
    description: 'Events that concern a body, strictly after afterPosition: the stored history first, then live.',
    resolve: (event: RecordedEventType) => event,
  })
  events(
    @Args('body', { type: () => BodyEnum }) body: Body,
    @Args('afterPosition', { type: () => String, nullable: true }) afterPosition: string | undefined,
    @CurrentActor() actor: Actor,
  ): AsyncIterator<RecordedEventType> {
    if (actor.role === 'SECRETARIAT' && actor.body !== body) {
      throw graphqlError('FORBIDDEN', `a ${actor.body} secretariat follows its own body's events, not ${body}'s`);
    }
    if (afterPosition) this.store.comparePositions(afterPosition, afterPosition);
    return this.follow(body, afterPosition ?? undefined, actor);
  }

  private async *follow(body: Body, after: string | undefined, actor: Actor): AsyncGenerator<RecordedEventType> {
    const subscription = this.store.subscribeToAll({ after });
    const closed = this.metrics.subscriptionOpened();
    try {
      for await (const event of subscription) {
        if (mayRead(actor, event) && concernsBody(event, body, this.readSide.db)) yield toRecordedEventType(event);
      }
    } finally {
      closed();
      await subscription.close();
    }
  }
}
