import { randomUUID } from 'node:crypto';
import { envelope, type Actor, type JsonObject } from '@ddr/kernel';
import type { DigestFrequency, DigestLanguage } from './digest';
import type { NotificationKind } from './notification-kinds';

/**
 * A body's notification settings are events of its own stream
 * (`notifications-CTS`): every replica and every restart learns them from
 * the log, and an auditor sees who registered, paused or removed what.
 * Secrets are sealed (AES-256-GCM under a key derived from the server's
 * signing secret) before they are written.
 */
export const NOTIFICATIONS_STREAM_PREFIX = 'notifications-';
export const notificationsStream = (body: string) => `${NOTIFICATIONS_STREAM_PREFIX}${body}`;

export interface NotificationChanges {
  WebhookEndpointRegistered: { endpointId: string; body: string; url: string; kinds: NotificationKind[]; sealedSecret: string };
  WebhookEndpointPaused: { endpointId: string };
  WebhookEndpointResumed: { endpointId: string };
  WebhookSecretRotated: { endpointId: string; sealedSecret: string };
  WebhookEndpointRemoved: { endpointId: string };
  WebhookRedeliveryRequested: { endpointId: string; fromPosition: string };
  DigestSubscribed: { subscriptionId: string; body: string; email: string; frequency: DigestFrequency; language: DigestLanguage };
  DigestCancelled: { subscriptionId: string };
}
export type NotificationChangeType = keyof NotificationChanges;
export type NotificationChange = { [T in NotificationChangeType]: { type: T; data: NotificationChanges[T] } }[NotificationChangeType];
const TYPES = new Set<string>([
  'WebhookEndpointRegistered',
  'WebhookEndpointPaused',
  'WebhookEndpointResumed',
  'WebhookSecretRotated',
  'WebhookEndpointRemoved',
  'WebhookRedeliveryRequested',
  'DigestSubscribed',
  'DigestCancelled',
] satisfies NotificationChangeType[]);

/** An event to append to the body's notifications stream, recorded by the secretariat that asked. */
export function notificationEvent(actor: Actor, change: NotificationChange, now = new Date()) {
  const commandId = randomUUID();
  const metadata = envelope({ actor: actor.subject, body: actor.body, role: actor.role, commandId, recordedAt: now.toISOString() });
  return { id: commandId, type: change.type, data: { ...change.data, effectiveDate: metadata.effectiveDate } as unknown as JsonObject, metadata };
}

/** The change an event of a notifications stream records; undefined for any other event. */
export function readNotificationEvent(event: { streamId: string; type: string; data: JsonObject }): NotificationChange | undefined {
  if (!event.streamId.startsWith(NOTIFICATIONS_STREAM_PREFIX) || !TYPES.has(event.type)) return undefined;
  return { type: event.type, data: event.data } as unknown as NotificationChange;
}
