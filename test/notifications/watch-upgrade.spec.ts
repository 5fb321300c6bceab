import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { EVENT_STORE, type EventStore } from '@ddr/event-store';
import { notificationsFile } from '@ddr/notifications';
import { Notifier } from '../../apps/api/src/notifications/notifier';
import { ctsApproves, famaAdopts, plan } from '../support/redeployment-plan';
import { startTestServer, type RunningServer } from '../support/server';
import { WebhookReceiver } from './webhook-receiver';

const PROPOSE = `mutation($input: ProposeInstrumentInput!) { proposeInstrument(input: $input) { position } }`;
const DECIDE = `mutation($input: RecordStepDecisionInput!) { recordStepDecision(input: $input) { position } }`;

/** Until the notifier has followed the log to its head. */
async function followed(server: RunningServer): Promise<void> {
  const head = await server.app.get<EventStore>(EVENT_STORE).headPosition();
  for (const deadline = Date.now() + 10_000; server.app.get(Notifier).position() !== head; await new Promise((resolve) => setTimeout(resolve, 50))) {
    if (Date.now() > deadline) throw new Error('the notifier did not reach the head of the log');
  }
}

describe('a notifications.sqlite from before the watch kept chronicles', () => {
  it('is folded again from the log at start, and what it tells next is as if it had always kept them', async () => {
    const env = { DATA_DIR: mkdtempSync(join(tmpdir(), 'ddr-watch-upgrade-')), WEBHOOK_ALLOW_PRIVATE: 'true' };
    const scds = await new WebhookReceiver().start();
    let server = await startTestServer(env);
    try {
      const cts = server.token('CTS', 'SECRETARIAT');
      const registered = await server.graphql(
        'mutation($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { secret } }',
        { input: { url: scds.url, kinds: ['STEP_AWAITED'] } },
        server.token('SCDS', 'SECRETARIAT'),
      );
      expect(registered.errors).toBeUndefined();
      await server.graphql(PROPOSE, { input: plan }, cts);
      await server.graphql(DECIDE, { input: famaAdopts }, cts);
      await followed(server);
      await server.close();

      // What an older server wrote: each stream's bare state, no chronicle.
      const db = new Database(notificationsFile(env.DATA_DIR));
      const rows = db.prepare('SELECT stream_id, state FROM watched').all() as Array<{ stream_id: string; state: string }>;
      expect(rows.map((row) => row.stream_id)).toEqual([`instrument-${plan.instrumentId}`]);
      for (const row of rows) {
        db.prepare('UPDATE watched SET state = ? WHERE stream_id = ?').run(JSON.stringify((JSON.parse(row.state) as { state: unknown }).state), row.stream_id);
      }
      db.close();

      server = await startTestServer(env);
      await server.graphql(DECIDE, { input: ctsApproves }, server.token('CTS', 'SECRETARIAT'));
      const [message] = await scds.waitFor(1);
      expect(JSON.parse(message.body)).toMatchObject({
        type: 'step.awaited',
        data: { body: 'SCDS', instrumentId: plan.instrumentId, action: 'FINAL_ADOPTION' },
      });
      expect(server.app.get(Notifier).chronicles.read(`instrument-${plan.instrumentId}`)?.entries).toHaveLength(3);
    } finally {
      await server.close();
      await scds.close();
    }
  }, 60_000);
});
