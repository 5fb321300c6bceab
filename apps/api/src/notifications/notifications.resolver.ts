import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { BodyEnum, validateInput } from '@ddr/desks';
import type { Actor, Body } from '@ddr/kernel';
import { graphqlError } from '../graphql/errors';
import { PageArgs, sequenceConnection, sequencePageRequest, type Connection } from '../graphql/paging';
import { CurrentActor } from '../access/request-context';
import { Roles } from '../access/roles.decorator';
import { NotificationDesk, type DigestSubscription, type WebhookAttempt, type WebhookEndpoint } from './notification-desk';
import {
  DigestSubscriptionType,
  RegisterWebhookEndpointInput,
  SubscribeDigestInput,
  WebhookAttemptConnection,
  WebhookEndpointType,
  WebhookEndpointWithSecretType,
} from './notifications.types';

/** A secretariat keeps its own body's endpoints and digests; auditors read every body's. */
@Resolver()
@Roles('SECRETARIAT')
export class NotificationsResolver {
  constructor(@Inject(NotificationDesk) private readonly desk: NotificationDesk) {}

  @Mutation(() => WebhookEndpointWithSecretType, { description: "Registers a webhook endpoint for the caller's body; the secret is answered once." })
  async registerWebhookEndpoint(@Args('input') raw: RegisterWebhookEndpointInput, @CurrentActor() actor: Actor) {
    const input = await validateInput(RegisterWebhookEndpointInput, raw);
    return this.desk.register(actor, input.url, input.kinds);
  }

  @Mutation(() => WebhookEndpointType, { description: 'Stops deliveries to the endpoint; messages keep queueing for it.' })
  pauseWebhookEndpoint(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor): Promise<WebhookEndpoint> {
    return this.desk.pause(actor, id);
  }

  @Mutation(() => WebhookEndpointType, { description: 'Resumes a paused or failing endpoint from the message where it stopped.' })
  resumeWebhookEndpoint(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor): Promise<WebhookEndpoint> {
    return this.desk.resume(actor, id);
  }

  @Mutation(() => WebhookEndpointWithSecretType, { description: 'A new secret, answered once; the old one also signs for 24 hours.' })
  rotateWebhookSecret(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor) {
    return this.desk.rotateSecret(actor, id);
  }

  @Mutation(() => WebhookEndpointType, { description: 'Removes the endpoint; what was not delivered is dropped.' })
  removeWebhookEndpoint(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor): Promise<WebhookEndpoint> {
    return this.desk.remove(actor, id);
  }

  @Mutation(() => WebhookEndpointType, {
    description: 'Sends again, in order and with the same webhook-ids, the messages for events at or after a log position.',
  })
  redeliverWebhooks(
    @Args('id', { type: () => ID }) id: string,
    @Args('fromPosition', { type: () => String }) fromPosition: string,
    @CurrentActor() actor: Actor,
  ): Promise<WebhookEndpoint> {
    return this.desk.redeliver(actor, id, fromPosition);
  }

  @Mutation(() => DigestSubscriptionType, { description: "An email digest of what awaits the caller's body, daily or weekly, in French or English." })
  async subscribeDigest(@Args('input') raw: SubscribeDigestInput, @CurrentActor() actor: Actor): Promise<DigestSubscription> {
    const input = await validateInput(SubscribeDigestInput, raw);
    return this.desk.subscribeDigest(actor, input.email.trim(), input.frequency, input.language);
  }

  @Mutation(() => DigestSubscriptionType)
  cancelDigest(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor): Promise<DigestSubscription> {
    return this.desk.cancelDigest(actor, id);
  }

  @Query(() => [WebhookEndpointType], { description: "A body's webhook endpoints: a secretariat's own, any body's for an auditor." })
  @Roles('SECRETARIAT', 'AUDITOR')
  webhookEndpoints(@Args('body', { type: () => BodyEnum, nullable: true }) body: Body | undefined, @CurrentActor() actor: Actor): WebhookEndpoint[] {
    return this.desk.endpoints(this.readableBody(actor, body));
  }

  @Query(() => [DigestSubscriptionType])
  @Roles('SECRETARIAT', 'AUDITOR')
  digestSubscriptions(@Args('body', { type: () => BodyEnum, nullable: true }) body: Body | undefined, @CurrentActor() actor: Actor): DigestSubscription[] {
    return this.desk.digests(this.readableBody(actor, body));
  }

  @Query(() => WebhookAttemptConnection, { description: 'Every attempt to deliver to an endpoint, oldest first, a page at a time: status, latency, error.' })
  @Roles('SECRETARIAT', 'AUDITOR')
  webhookAttempts(
    @Args('endpointId', { type: () => ID }) endpointId: string,
    @Args() args: PageArgs,
    @CurrentActor() actor: Actor,
  ): Connection<WebhookAttempt> {
    const { first, after } = sequencePageRequest(args);
    return sequenceConnection(this.desk.attempts(actor, endpointId, first, after ?? null), (attempt) => attempt.id);
  }

  private readableBody(actor: Actor, body: Body | undefined): Body {
    if (!body || body === actor.body) return actor.body;
    if (actor.role === 'AUDITOR') return body;
    throw graphqlError('FORBIDDEN', `a ${actor.role} of ${actor.body} reads its own body's notifications only`);
  }
}
