import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Standard Webhooks (standardwebhooks.com): a message is signed with
 * HMAC-SHA256 over `id.timestamp.body`, keyed by the secret's bytes, and sent
 * as `webhook-signature: v1,<base64>`; several signatures, space-separated,
 * while a rotated secret is still honoured.
 */
const PREFIX = 'whsec_';

/** A new endpoint secret: 32 random bytes, `whsec_` and base64. */
export const newWebhookSecret = (): string => `${PREFIX}${randomBytes(32).toString('base64')}`;

export function isWebhookSecret(secret: string): boolean {
  return secret.startsWith(PREFIX) && Buffer.from(secret.slice(PREFIX.length), 'base64').length >= 24;
}

export function signature(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.slice(PREFIX.length), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** The three headers of one attempt; `secrets` holds the current secret first, then one still honoured after a rotation. */
export function webhookHeaders(secrets: readonly string[], id: string, timestamp: number, body: string): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((secret) => signature(secret, id, timestamp, body)).join(' '),
  };
}

/** What a receiver checks: one of the signatures matches, and the timestamp is within `toleranceSeconds` of now. */
export function verifyWebhook(secret: string, headers: Record<string, string | undefined>, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const id = headers['webhook-id'];
  const timestamp = Number(headers['webhook-timestamp']);
  if (!id || !Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signature(secret, id, timestamp, body));
  return (headers['webhook-signature'] ?? '').split(' ').some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** The `webhook-id` of a notice for an endpoint: the same on every retry and redelivery, and after a restart. */
export function webhookId(endpointId: string, noticeId: string): string {
  return `msg_${createHash('sha256').update(`${endpointId}\n${noticeId}`).digest('base64url').slice(0, 27)}`;
}
