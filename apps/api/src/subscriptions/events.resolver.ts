import { Inject } from '@nestjs/common';
import { Args, Subscription, Resolver } from '@nestjs/graphql';
import { PersonTokens, type TokenFacts } from '@ddr/access';
import { EVENT_STORE, type EventStore } from '@ddr/event-store';
import { METRICS, type OperationsMetrics } from '@ddr/telemetry';
import type { Body } from '@ddr/kernel';
import { BodyEnum } from '@ddr/desks';
import { CurrentRequest, type RequestContext } from '../access/request-context';
import { RestrictedReads } from '../access/restricted-reads';
import { graphqlError } from '../graphql/errors';
import { RecordedEventType, toRecordedEventType } from '../history/recorded-event.type';
import { ReadSide } from '../read-side/read-side';
import { concernsBody, mayRead } from './concerns';

/** graphql-ws's close code for Forbidden: the client does not reconnect with the same token. */
const REVOKED = 4403;

/** What a revocation can name of the caller's token (authenticated: it has a subject and an issue time). */
const tokenFacts = ({ actor, tokenId, issuedAt }: RequestContext): TokenFacts => ({ subject: actor!.subject, issuedAt: issuedAt!, tokenId });

@Resolver()
export class EventsSubscriptionResolver {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ReadSide) private readonly readSide: ReadSide,
    @Inject(PersonTokens) private readonly personTokens: PersonTokens,
    @Inject(METRICS) private readonly metrics: OperationsMetrics,
    @Inject(RestrictedReads) private readonly reads: RestrictedReads,
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
    if (this.personTokens.isRevoked(tokenFacts(caller))) throw graphqlError('UNAUTHENTICATED', 'the token has been revoked');
    if (actor.role === 'SECRETARIAT' && actor.body !== body) {
      throw graphqlError('FORBIDDEN', `a ${actor.body} secretariat follows its own body's events, not ${body}'s`);
    }
    if (afterPosition) this.store.comparePositions(afterPosition, afterPosition);
    return this.follow(body, afterPosition ?? undefined, caller);
  }

  /**
   * The body's events, as an iterator whose `return` lets the store's subscription go at once: a generator's
   * `return` would wait, suspended in its `for await`, until the next event of the whole log arrived.
   */
  private follow(body: Body, after: string | undefined, caller: RequestContext): AsyncIterableIterator<RecordedEventType> {
    const { actor, connection } = caller;
    const subscription = this.store.subscribeToAll({ after });
    // A revoked token's connection is closed as soon as this server learns the revocation from the log.
    const unwatch = connection
      ? this.personTokens.watchRevocation(tokenFacts(caller), () => connection.close(REVOKED, 'the token has been revoked'))
      : undefined;
    const closed = this.metrics.subscriptionOpened();
    let released = false;
    const release = async () => {
      if (released) return;
      released = true;
      unwatch?.();
      closed();
      await subscription.close();
    };
    const { readSide, reads } = this;
    const concerning = (async function* () {
      for await (const event of subscription) {
        // Who may read it is judged on the read model once it has applied the event: a live proposal restricted to its lead is never sent before.
        await readSide.consistent(event.position);
        if (mayRead(actor!, event, readSide.db) && concernsBody(event, body, readSide.db)) {
          yield reads.noted(actor!, 'Subscription.events', toRecordedEventType(event), (sent) => [sent.streamId]);
        }
      }
    })();
    const done = { done: true, value: undefined } as const;
    return {
      next: async () => {
        try {
          const result = await concerning.next();
          if (result.done) await release();
          return result;
        } catch (error) {
          await release();
          throw error;
        }
      },
      return: async () => {
        await release();
        void concerning.return(undefined);
        return done;
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }
}
