import { createHmac } from 'node:crypto';
import { newWebhookSecret, signature, verifyWebhook, webhookHeaders, webhookId } from './standard-webhooks';
import { nextRetryDelay } from './retry-schedule';

describe('Standard Webhooks signatures', () => {
  it("signs id.timestamp.body with HMAC-SHA256 keyed by the secret's bytes, as the specification's example does", () => {
    // The example of the Standard Webhooks specification (spec/standard-webhooks.md).
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const body = '{"test": 2432232314}';
    expect(signature(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, body)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
    const key = Buffer.from(secret.slice(6), 'base64');
    expect(signature(secret, 'a', 1, 'b')).toBe(`v1,${createHmac('sha256', key).update('a.1.b').digest('base64')}`);
  });

  it('verifies within the tolerance, and refuses a changed body, another secret or an old timestamp', () => {
    const secret = newWebhookSecret();
    const headers = webhookHeaders([secret], 'msg_1', 1_700_000_000, '{"a":1}');
    expect(verifyWebhook(secret, headers, '{"a":1}', 1_700_000_100)).toBe(true);
    expect(verifyWebhook(secret, headers, '{"a":2}', 1_700_000_100)).toBe(false);
    expect(verifyWebhook(newWebhookSecret(), headers, '{"a":1}', 1_700_000_100)).toBe(false);
    expect(verifyWebhook(secret, headers, '{"a":1}', 1_700_001_000)).toBe(false);
  });

  it('signs with the old secret too while a rotation overlaps', () => {
    const [current, previous] = [newWebhookSecret(), newWebhookSecret()];
    const headers = webhookHeaders([current, previous], 'msg_2', 1_700_000_000, '{}');
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(verifyWebhook(previous, headers, '{}', 1_700_000_000)).toBe(true);
    expect(verifyWebhook(current, headers, '{}', 1_700_000_000)).toBe(true);
  });

  it('gives a notice the same id for an endpoint every time, and another for another endpoint', () => {
    expect(webhookId('endpoint-1', 'notice-1')).toBe(webhookId('endpoint-1', 'notice-1'));
    expect(webhookId('endpoint-1', 'notice-1')).not.toBe(webhookId('endpoint-2', 'notice-1'));
    expect(webhookId('endpoint-1', 'notice-1')).toMatch(/^msg_[A-Za-z0-9_-]{27}$/);
  });

  it('backs off exponentially, capped, and gives up after the last attempt', () => {
    const policy = { baseDelayMs: 1_000, maxDelayMs: 5_000, maxAttempts: 5 };
    expect([1, 2, 3, 4, 5].map((failures) => nextRetryDelay(policy, failures))).toEqual([1_000, 2_000, 4_000, 5_000, null]);
  });
});
