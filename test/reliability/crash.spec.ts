import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenService, signingSecret } from '@ddr/access';
import { SqliteEventStore } from '@ddr/event-store';
import { Upcasters } from '@ddr/kernel';
import { openReadModel, PROJECTIONS, rebuildReadModel } from '@ddr/read-model';
import { dumpReadModel } from '@ddr/read-model/testing';
import { built } from '../support/built';
import { ServerProcess } from '../support/server-process';

const MEETING = `mutation($input: RecordMeetingInput!) { recordMeeting(input: $input) { position } }`;
const BODIES = ['CTS', 'MOC', 'CSA', 'SCDS'] as const;

/**
 * The real server under writes from several clients, killed with SIGKILL at
 * random moments and restarted on the same DATA_DIR: every write that was
 * acknowledged is in the log exactly once, the read model equals a rebuild
 * from position 0, and `ledger verify` passes. (`npm run soak` runs the long
 * version.)
 */
describe('crash: SIGKILL under load, then restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ddr-crash-'));
  const server = new ServerProcess({ DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '1000000' });
  afterAll(() => server.dispose());

  it('loses no acknowledged write and leaves a read model equal to a rebuild', async () => {
    await server.start();
    const tokens = new TokenService(signingSecret(dataDir));
    const acknowledged = new Map<string, string>();
    let stopped = false;
    let sent = 0;

    const client = async (body: (typeof BODIES)[number]) => {
      const token = tokens.issue({ subject: `${body}-clerk`, body, role: 'SECRETARIAT', ttlSeconds: 600 });
      for (let n = 1; !stopped; n++) {
        const commandId = `${body}-${n}`;
        try {
          sent++;
          const response = await fetch(`${server.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ query: MEETING, variables: { input: { body, number: n, effectiveDate: '2019-09-25', commandId } } }),
            signal: AbortSignal.timeout(5_000),
          });
          const answer = (await response.json()) as { data?: { recordMeeting: { position: string } } };
          if (answer.data) acknowledged.set(commandId, answer.data.recordMeeting.position);
        } catch {
          n--; // not acknowledged (the server is down): try the same command again, as a client would
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      }
    };
    const clients = BODIES.map(client);

    for (let kill = 0; kill < 3; kill++) {
      await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 500));
      expect(await server.stop('SIGKILL')).toBeNull();
      await server.start();
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    stopped = true;
    await Promise.all(clients);

    // Let the last server catch up, then stop it cleanly.
    const health = async () => (await (await fetch(`${server.url}/health`)).json()) as { headPosition: string; readModelPosition: string };
    const deadline = Date.now() + 20_000;
    let h = await health();
    while (h.readModelPosition !== h.headPosition && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      h = await health();
    }
    expect(h.readModelPosition).toBe(h.headPosition);
    expect(await server.stop('SIGTERM')).toBe(0);

    const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite') });
    try {
      const events = await store.readAll();
      const perCommand = new Map<string, number>();
      for (const { metadata } of events) {
        const commandId = metadata.commandId as string;
        perCommand.set(commandId, (perCommand.get(commandId) ?? 0) + 1);
      }
      expect(acknowledged.size).toBeGreaterThan(20);
      for (const [commandId, position] of acknowledged) {
        expect(perCommand.get(commandId)).toBe(1);
        expect(events.find((event) => event.metadata.commandId === commandId)?.position).toBe(position);
      }
      expect([...perCommand.values()].every((count) => count === 1)).toBe(true);

      const live = openReadModel(join(dataDir, 'read-model.sqlite'), PROJECTIONS);
      const rebuilt = join(dataDir, 'rebuilt.sqlite');
      await rebuildReadModel(store, rebuilt, new Upcasters());
      const fresh = openReadModel(rebuilt, PROJECTIONS);
      expect(dumpReadModel(live)).toEqual(dumpReadModel(fresh));
      live.close();
      fresh.close();
    } finally {
      await store.close();
    }
    expect(sent).toBeGreaterThan(acknowledged.size - 1);

    // The ledger agrees: every chain and the Merkle tree recompute cleanly from the events.
    const verify = spawnSync(process.execPath, [built('apps/cli/src/main.js'), 'ledger', 'verify'], {
      env: { ...process.env, DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(verify.stdout).not.toMatch(/BREAK/);
    expect(verify.status).toBe(0);
  }, 90_000);
});
