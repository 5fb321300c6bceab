import { Inject } from '@nestjs/common';
import { Args, Subscription, Resolver } from '@nestjs/graphql';
import { PersonTokens } from '@ddr/access';
import { EVENT_STORE, type EventStore } from '@ddr/event-store';
import { METRICS, type OperationsMetrics } from '@ddr/telemetry';
import type { Body } from '@ddr/kernel';
import { BodyEnum } from '@ddr/desks';
import { CurrentRequest, type RequestContext } from '../access/request-context';
import { graphqlError } from '../graphql/errors';
import { RecordedEventType, toRecordedEventType } from '../history/recorded-event.type';
import { ReadSide } from '../read-side/read-side';
import { concernsBody, mayRead } from './concerns';

/** graphql-ws's close code for Forbidden: the client does not reconnect with the same token. */
const REVOKED = 4403;

@Resolver()
export class EventsSubscriptionResolver {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ReadSide) private readonly readSide: ReadSide,
    @Inject(PersonTokens) private readonly personTokens: PersonTokens,
    @Inject(METRICS) private readonly metrics: OperationsMetrics,
  ) {}

  @Subscription(() => RecordedEventType, {
    description: 'Events that concern a body, strictly after afterPosition: the stored history first, then live.',
    resolve: (event: RecordedEventType) => event,
  })
  events(
    @Args('body', { type: () => BodyEnum }) body: Body,
    @Args('afterPosition', { type: () => String, nullable: true }) afterPosition: string | undefined,
    @CurrentRequest() caller: RequestContext,
  ): AsyncIterator<RecordedEventType> {
    const actor = caller.actor!;
    // The connection was authenticated at its start; a token revoked since may open nothing more on it.
    if (caller.tokenId && this.personTokens.isRevoked(caller.tokenId)) throw graphqlError('UNAUTHENTICATED', 'the token has been revoked');
    if (actor.role === 'SECRETARIAT' && actor.body !== body) {
      throw graphqlError('FORBIDDEN', `a ${actor.body} secretariat follows its own body's events, not ${body}'s`);
    }
    if (afterPosition) this.store.comparePositions(afterPosition, afterPosition);
    return this.follow(body, afterPosition ?? undefined, caller);
  }

  private async *follow(body: Body, after: string | undefined, { actor, tokenId, connection }: RequestContext): AsyncGenerator<RecordedEventType> {
    const subscription = this.store.subscribeToAll({ after });
    // A revoked token's connection is closed as soon as this server learns the revocation from the log.
    const unwatch =
      tokenId && connection ? this.personTokens.watchRevocation(tokenId, () => connection.close(REVOKED, 'the token has been revoked')) : undefined;
    const closed = this.metrics.subscriptionOpened();
    try {
      for await (const event of subscription) {
        if (mayRead(actor!, event) && concernsBody(event, body, this.readSide.db)) yield toRecordedEventType(event);
      }
    } finally {
      unwatch?.();
      closed();
      await subscription.close();
    }
  }
}
