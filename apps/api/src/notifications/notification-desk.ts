import { randomUUID } from 'node:crypto';
import type { EventStore } from '@ddr/event-store';
import type { Actor, Body, Role } from '@ddr/kernel';
import { appendChained } from '@ddr/ledger/live';
import {
  newWebhookSecret,
  notificationEvent,
  notificationsStream,
  parseWebhookUrl,
  resolveSafely,
  UnsafeUrlError,
  type DigestFrequency,
  type DigestLanguage,
  type Lookup,
  type NotificationChange,
  type NotificationKind,
  type UrlPolicy,
} from '@ddr/notifications';
import type { Notifier } from './notifier';
import type { SecretBox } from './secret-box';

/** A request the notification desk refuses; nothing was written. */
export class NotificationsError extends Error {
  constructor(
    readonly code: 'BAD_USER_INPUT' | 'FORBIDDEN' | 'NOT_FOUND' | 'READ_MODEL_BEHIND',
    message: string,
  ) {
    super(message);
  }
}

export interface WebhookEndpoint {
  id: string;
  body: Body;
  url: string;
  kinds: NotificationKind[];
  status: 'ACTIVE' | 'PAUSED' | 'FAILING' | 'REMOVED';
  failingSince: string | null;
  registeredAt: string;
  registeredBy: string;
  /** Messages queued and not yet delivered. */
  pending: number;
}

export interface DigestSubscription {
  id: string;
  body: Body;
  email: string;
  frequency: DigestFrequency;
  language: DigestLanguage;
  subscribedAt: string;
  cancelled: boolean;
}

export interface WebhookAttempt {
  id: number;
  webhookId: string;
  kind: string;
  position: string | null;
  attemptedAt: string;
  status: number | null;
  latencyMs: number;
  error: string | null;
}

interface EndpointRow {
  id: string;
  body: Body;
  url: string;
  kinds: string;
  status: WebhookEndpoint['status'];
  failing_since: string | null;
  registered_at: string;
  registered_by: string;
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/**
 * What a secretariat does with its body's notifications, and what it and the
 * auditors read back. Every change is an event of the body's notifications
 * stream; the answer waits until the notifier has followed it, so the next
 * query sees it.
 */
export class NotificationDesk {
  constructor(
    private readonly store: EventStore,
    private readonly notifier: Notifier,
    private readonly secrets: SecretBox,
    private readonly policy: UrlPolicy,
    private readonly lookup?: Lookup,
    private readonly ownWriteTimeoutMs = 5_000,
  ) {}

  /** Registers an endpoint; the secret is answered here once and never again. */
  async register(actor: Actor, url: string, kinds: NotificationKind[]): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    if (kinds.length === 0) throw new NotificationsError('BAD_USER_INPUT', 'name at least one kind of notification');
    const checked = await this.checkUrl(url);
    const endpointId = randomUUID();
    const secret = newWebhookSecret();
    await this.record(actor, {
      type: 'WebhookEndpointRegistered',
      data: { endpointId, body: actor.body, url: checked, kinds: [...new Set(kinds)], sealedSecret: this.secrets.seal(secret) },
    });
    return { endpoint: this.endpoint(endpointId)!, secret };
  }

  async pause(actor: Actor, endpointId: string): Promise<WebhookEndpoint> {
    const endpoint = this.own(actor, endpointId);
    if (endpoint.status !== 'PAUSED') await this.record(actor, { type: 'WebhookEndpointPaused', data: { endpointId } });
    return this.endpoint(endpointId)!;
  }

  /** Resumes a paused or failing endpoint from the message where it stopped. */
  async resume(actor: Actor, endpointId: string): Promise<WebhookEndpoint> {
    const endpoint = this.own(actor, endpointId);
    if (endpoint.status !== 'ACTIVE') await this.record(actor, { type: 'WebhookEndpointResumed', data: { endpointId } });
    return this.endpoint(endpointId)!;
  }

  async rotateSecret(actor: Actor, endpointId: string): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    this.own(actor, endpointId);
    const secret = newWebhookSecret();
    await this.record(actor, { type: 'WebhookSecretRotated', data: { endpointId, sealedSecret: this.secrets.seal(secret) } });
    return { endpoint: this.endpoint(endpointId)!, secret };
  }

  async remove(actor: Actor, endpointId: string): Promise<WebhookEndpoint> {
    this.own(actor, endpointId);
    await this.record(actor, { type: 'WebhookEndpointRemoved', data: { endpointId } });
    return this.endpoint(endpointId)!;
  }

  /** Sends again, in order and with their own ids, the messages for events at or after `fromPosition`. */
  async redeliver(actor: Actor, endpointId: string, fromPosition: string): Promise<WebhookEndpoint> {
    this.own(actor, endpointId);
    if (!/^[\d:]+$/.test(fromPosition)) throw new NotificationsError('BAD_USER_INPUT', `${fromPosition} is not a log position`);
    await this.record(actor, { type: 'WebhookRedeliveryRequested', data: { endpointId, fromPosition } });
    return this.endpoint(endpointId)!;
  }

  async subscribeDigest(actor: Actor, email: string, frequency: DigestFrequency, language: DigestLanguage): Promise<DigestSubscription> {
    if (!EMAIL.test(email) || email.length > 254) throw new NotificationsError('BAD_USER_INPUT', `${email} is not an email address`);
    const subscriptionId = randomUUID();
    await this.record(actor, { type: 'DigestSubscribed', data: { subscriptionId, body: actor.body, email, frequency, language } });
    return this.digests(actor.body).find((d) => d.id === subscriptionId)!;
  }

  async cancelDigest(actor: Actor, subscriptionId: string): Promise<DigestSubscription> {
    const subscription = this.digests(actor.body).find((d) => d.id === subscriptionId);
    if (!subscription) throw new NotificationsError('NOT_FOUND', `${actor.body} has no digest subscription ${subscriptionId}`);
    if (!subscription.cancelled) await this.record(actor, { type: 'DigestCancelled', data: { subscriptionId } });
    return this.digests(actor.body).find((d) => d.id === subscriptionId)!;
  }

  endpoints(body: Body): WebhookEndpoint[] {
    const rows = this.notifier.db.prepare('SELECT * FROM endpoints WHERE body = ? ORDER BY registered_at, id').all(body) as EndpointRow[];
    return rows.map((row) => this.toEndpoint(row));
  }

  endpoint(endpointId: string): WebhookEndpoint | undefined {
    const row = this.notifier.db.prepare('SELECT * FROM endpoints WHERE id = ?').get(endpointId) as EndpointRow | undefined;
    return row && this.toEndpoint(row);
  }

  digests(body: Body): DigestSubscription[] {
    const rows = this.notifier.db.prepare('SELECT * FROM digest_subscriptions WHERE body = ? ORDER BY subscribed_at, id').all(body) as Array<
      Omit<DigestSubscription, 'subscribedAt' | 'cancelled'> & { subscribed_at: string; cancelled: number }
    >;
    return rows.map(({ subscribed_at, cancelled, ...rest }) => ({ ...rest, subscribedAt: subscribed_at, cancelled: cancelled === 1 }));
  }

  /** The endpoint's attempts, oldest first, `first` after the cursor `after` (an attempt id). */
  attempts(
    reader: { body: Body; role: Role },
    endpointId: string,
    first: number,
    after: number | null,
  ): { nodes: WebhookAttempt[]; totalCount: number; hasNextPage: boolean } {
    this.readable(reader, endpointId);
    const db = this.notifier.db;
    const rows = db
      .prepare(
        `SELECT a.id, a.webhook_id AS webhookId, n.kind, n.position, a.attempted_at AS attemptedAt, a.status, a.latency_ms AS latencyMs, a.error
         FROM attempts a JOIN notices n ON n.seq = a.seq WHERE a.endpoint_id = ? AND a.id > ? ORDER BY a.id LIMIT ?`,
      )
      .all(endpointId, after ?? 0, first + 1) as WebhookAttempt[];
    const { n } = db.prepare('SELECT COUNT(*) AS n FROM attempts WHERE endpoint_id = ?').get(endpointId) as { n: number };
    return { nodes: rows.slice(0, first), totalCount: n, hasNextPage: rows.length > first };
  }

  /** A body reads its own endpoints; auditors read every body's. */
  readable(reader: { body: Body; role: Role }, endpointId: string): WebhookEndpoint {
    const endpoint = this.endpoint(endpointId);
    if (!endpoint || (reader.role !== 'AUDITOR' && endpoint.body !== reader.body)) {
      throw new NotificationsError('NOT_FOUND', `no webhook endpoint ${endpointId} of ${reader.body}`);
    }
    return endpoint;
  }

  private own(actor: Actor, endpointId: string): WebhookEndpoint {
    const endpoint = this.endpoint(endpointId);
    if (!endpoint || endpoint.body !== actor.body) throw new NotificationsError('NOT_FOUND', `${actor.body} has no webhook endpoint ${endpointId}`);
    if (endpoint.status === 'REMOVED') throw new NotificationsError('BAD_USER_INPUT', `webhook endpoint ${endpointId} was removed`);
    return endpoint;
  }

  private async checkUrl(raw: string): Promise<string> {
    try {
      const url = parseWebhookUrl(raw.trim(), this.policy);
      await resolveSafely(url, this.policy, this.lookup);
      return url.toString();
    } catch (error) {
      if (error instanceof UnsafeUrlError) throw new NotificationsError('BAD_USER_INPUT', error.message);
      throw error;
    }
  }

  private async record(actor: Actor, change: NotificationChange): Promise<void> {
    const result = await appendChained(this.store, notificationsStream(actor.body), () => [notificationEvent(actor, change)], 5);
    // Read-your-writes: the caller's next query must see what it did.
    if (!result || !(await this.notifier.follower.waitFor(result.position, this.ownWriteTimeoutMs))) {
      throw new NotificationsError('READ_MODEL_BEHIND', 'the change was recorded but is not yet followed; query again');
    }
  }

  private toEndpoint(row: EndpointRow): WebhookEndpoint {
    const { n } = this.notifier.db.prepare('SELECT COUNT(*) AS n FROM deliveries WHERE endpoint_id = ? AND delivered_at IS NULL').get(row.id) as { n: number };
    return {
      id: row.id,
      body: row.body,
      url: row.url,
      kinds: JSON.parse(row.kinds) as NotificationKind[],
      status: row.status,
      failingSince: row.failing_since,
      registeredAt: row.registered_at,
      registeredBy: row.registered_by,
      pending: n,
    };
  }
}
