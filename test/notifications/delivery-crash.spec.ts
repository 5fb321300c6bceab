import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenService, signingSecret } from '@ddr/access';
import { ServerProcess } from '../support/server-process';
import { WebhookReceiver } from './webhook-receiver';

const PROPOSE = `mutation($input: ProposeInstrumentInput!) { proposeInstrument(input: $input) { position } }`;
const REGISTER = `mutation($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { endpoint { id } } }`;

/**
 * The crash test's method (test/reliability/crash.spec.ts) applied to
 * deliveries: the built server, killed with SIGKILL while it sends webhooks
 * to a slow receiver, restarted on the same DATA_DIR. Every acknowledged
 * write's notice arrives at least once, and always under one webhook-id.
 */
describe('notifications: SIGKILL mid-delivery, then restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ddr-notify-crash-'));
  const server = new ServerProcess({ DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '1000000', WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_BASE_MS: '50' });
  // Slow enough that kills land while a message is on the wire.
  const receiver = new WebhookReceiver(undefined, 30);
  afterAll(async () => {
    await server.dispose();
    await receiver.close();
  });

  it('loses no notice and never sends one under two ids', async () => {
    await receiver.start();
    await server.start();
    const token = new TokenService(signingSecret(dataDir)).issue({ subject: 'cts-clerk', body: 'CTS', role: 'SECRETARIAT', ttlSeconds: 600 });
    const graphql = async (query: string, variables: object) => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(5_000),
      });
      return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    };
    const registered = await graphql(REGISTER, { input: { url: receiver.url, kinds: ['STEP_AWAITED'] } });
    expect(registered.errors).toBeUndefined();

    const acknowledged = new Set<string>();
    let stopped = false;
    const client = (async () => {
      for (let n = 1; !stopped; n++) {
        const instrumentId = `crash-plan-${n}`;
        const input = {
          commandId: instrumentId,
          instrumentId,
          kind: 'PLAN',
          title: `Plan ${n}`,
          leadBody: 'CTS',
          pathway: [{ body: 'CTS', action: 'APPROVE' }],
          effectiveDate: '2019-09-01',
        };
        try {
          if ((await graphql(PROPOSE, { input })).data) acknowledged.add(instrumentId);
          else n--;
        } catch {
          n--; // the server is down: the same command again, as a client would
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      }
    })();

    for (let kill = 0; kill < 3; kill++) {
      await new Promise((resolve) => setTimeout(resolve, 400 + Math.random() * 400));
      expect(await server.stop('SIGKILL')).toBeNull();
      await server.start();
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    stopped = true;
    await client;

    const told = () => new Set(receiver.received.map((r) => (JSON.parse(r.body) as { data: { instrumentId: string } }).data.instrumentId));
    const deadline = Date.now() + 30_000;
    while ([...acknowledged].some((id) => !told().has(id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(acknowledged.size).toBeGreaterThan(10);
    expect([...acknowledged].filter((id) => !told().has(id))).toEqual([]);

    // One id per notice, whatever was sent twice; one notice per id.
    const idsByInstrument = new Map<string, Set<string>>();
    for (const { headers, body } of receiver.received) {
      const instrumentId = (JSON.parse(body) as { data: { instrumentId: string } }).data.instrumentId;
      idsByInstrument.set(instrumentId, (idsByInstrument.get(instrumentId) ?? new Set()).add(headers['webhook-id'] as string));
    }
    expect([...idsByInstrument.values()].every((ids) => ids.size === 1)).toBe(true);
    // In log order per endpoint: each instrument first arrives after the one proposed before it.
    const firstArrival = [...new Set(receiver.received.map((r) => (JSON.parse(r.body) as { data: { instrumentId: string } }).data.instrumentId))];
    const numbers = firstArrival.map((id) => Number(id.split('-').at(-1)));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(await server.stop('SIGTERM')).toBe(0);
  }, 120_000);
});
