import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsString, MaxLength } from 'class-validator';
import type { Body } from '@ddr/kernel';
import { BodyEnum, DateTimeScalar, EnumField, graphqlEnum } from '@ddr/desks';
import { DIGEST_FREQUENCIES, DIGEST_LANGUAGES, KIND_NAMES, type DigestFrequency, type DigestLanguage, type NotificationKind } from '@ddr/notifications';
import { connectionOf } from '../graphql/paging';

export const NotificationKindEnum = graphqlEnum(KIND_NAMES, 'NotificationKind', 'What a body can be told (docs/notifications.md).');
const EndpointStatusEnum = graphqlEnum(['ACTIVE', 'PAUSED', 'FAILING', 'REMOVED'] as const, 'WebhookEndpointStatus');
const DigestFrequencyEnum = graphqlEnum(DIGEST_FREQUENCIES, 'DigestFrequency');
const DigestLanguageEnum = graphqlEnum(DIGEST_LANGUAGES, 'DigestLanguage');

@InputType('RegisterWebhookEndpointInput')
export class RegisterWebhookEndpointInput {
  @Field({ description: 'Where to POST: https in production; never a loopback, private or link-local address.' })
  @IsString()
  @MaxLength(2_000)
  url: string;
  @Field(() => [NotificationKindEnum], { description: 'The kinds this endpoint wants.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(KIND_NAMES.length)
  @IsIn(KIND_NAMES, { each: true })
  kinds: NotificationKind[];
}

@InputType('SubscribeDigestInput')
export class SubscribeDigestInput {
  @Field({ description: "The secretariat's address." }) @IsString() @MaxLength(254) email: string;
  @EnumField(DIGEST_FREQUENCIES, DigestFrequencyEnum) frequency: DigestFrequency;
  @EnumField(DIGEST_LANGUAGES, DigestLanguageEnum) language: DigestLanguage;
}

@ObjectType('WebhookEndpoint', { description: "One of a body's webhook endpoints; its secret is never shown again after registration or rotation." })
export class WebhookEndpointType {
  @Field(() => ID) id: string;
  @Field(() => BodyEnum) body: Body;
  @Field() url: string;
  @Field(() => [NotificationKindEnum]) kinds: NotificationKind[];
  @Field(() => EndpointStatusEnum, { description: 'FAILING: a message failed every attempt; resume it to go on from there.' }) status: string;
  @Field(() => DateTimeScalar, { nullable: true }) failingSince: string | null;
  @Field(() => DateTimeScalar) registeredAt: string;
  @Field() registeredBy: string;
  @Field(() => Int, { description: 'Messages queued and not yet delivered.' }) pending: number;
}

@ObjectType('WebhookEndpointWithSecret')
export class WebhookEndpointWithSecretType {
  @Field(() => WebhookEndpointType) endpoint: WebhookEndpointType;
  @Field({ description: 'The signing secret (whsec_...), answered this once: keep it where the receiver can read it.' }) secret: string;
}

@ObjectType('WebhookAttempt', { description: 'One attempt to deliver one message.' })
export class WebhookAttemptType {
  @Field() webhookId: string;
  @Field(() => NotificationKindEnum) kind: string;
  @Field(() => String, { nullable: true, description: 'The log position of the event told; null for a deadline.' }) position: string | null;
  @Field(() => DateTimeScalar) attemptedAt: string;
  @Field(() => Int, { nullable: true, description: 'The HTTP status answered; null when none came.' }) status: number | null;
  @Field(() => Int) latencyMs: number;
  @Field(() => String, { nullable: true }) error: string | null;
}

export const WebhookAttemptConnection = connectionOf(WebhookAttemptType, 'WebhookAttempt');

@ObjectType('DigestSubscription')
export class DigestSubscriptionType {
  @Field(() => ID) id: string;
  @Field(() => BodyEnum) body: Body;
  @Field() email: string;
  @Field(() => DigestFrequencyEnum) frequency: string;
  @Field(() => DigestLanguageEnum) language: string;
  @Field(() => DateTimeScalar) subscribedAt: string;
  @Field() cancelled: boolean;
}
