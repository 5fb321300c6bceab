import type { Client } from 'graphql-ws';
import type { RunningServer } from './server';
import { subscriptionClient } from './subscriptions';

const PROPOSE = `mutation($input: ProposeInstrumentInput!) { proposeInstrument(input: $input) { position } }`;
export const EVENTS = `subscription { events(body: CTS) { type streamId } }`;

/**
 * Follows the CTS's events with `token` over a real WebSocket until the first one arrives (the subscription is
 * live), then answers the close code of the connection, or 'open' if it is still open `withinMs` after `cause`.
 */
export async function closeAfter(server: RunningServer, token: string, cause: () => Promise<unknown>, withinMs = 1_000): Promise<number | 'open'> {
  const client: Client = subscriptionClient(server.url, token);
  const closed = new Promise<number>((resolve) => client.on('closed', (event) => resolve((event as { code: number }).code)));
  try {
    const first = new Promise<void>((resolve, reject) => {
      client.subscribe({ query: EVENTS }, { next: () => resolve(), error: reject, complete: () => undefined });
    });
    const cts = server.token('CTS', 'SECRETARIAT');
    const instrumentId = `plan-${Date.now()}`;
    const pathway = [{ body: 'CTS', action: 'APPROVE' }];
    await server.graphql(PROPOSE, { input: { instrumentId, kind: 'PLAN', title: 'A plan', leadBody: 'CTS', pathway, effectiveDate: '2019-09-01' } }, cts);
    await first;
    await cause();
    let timer: NodeJS.Timeout | undefined;
    const open = new Promise<'open'>((resolve) => (timer = setTimeout(() => resolve('open'), withinMs)));
    return await Promise.race([closed, open]).finally(() => clearTimeout(timer));
  } finally {
    await client.dispose();
  }
}

/** Retries an expectation for a few seconds: another process's write reaches the server at its next poll of the log,
 * a key file at its next look (once a second). */
export async function eventually(expectation: () => Promise<void>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await expectation();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
