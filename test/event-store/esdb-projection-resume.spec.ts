import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EsdbEventStore } from '@ddr/event-store/esdb';
import { EsdbProtocolServer } from '@ddr/event-store/testing';
import { Upcasters } from '@ddr/kernel';
import { PROJECTIONS, ProjectionRunner, Projector, openReadModel, rebuildReadModel } from '@ddr/read-model';
import { dumpReadModel } from '@ddr/read-model/testing';
import { generateHistory } from '@ddr/history-generator';

/**
 * The EventStoreDB server goes away mid-subscription and comes back: the
 * adapter resubscribes from its last position and the projection ends with
 * exactly the read model a rebuild from position 0 gives.
 */
async function reachable(store: EsdbEventStore, timeoutMs = 10_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; ; await new Promise((resolve) => setTimeout(resolve, 100))) {
    try {
      await store.headPosition();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
}

describe('a projection on EventStoreDB across a server crash', () => {
  it('misses nothing and applies nothing twice', async () => {
    const server = await EsdbProtocolServer.start();
    const store = new EsdbEventStore(server.connectionString, { resubscribe: { initialMs: 50, maxMs: 300 } });
    const dir = mkdtempSync(join(tmpdir(), 'ddr-esdb-resume-'));
    const db = openReadModel(join(dir, 'live.sqlite'), PROJECTIONS);
    const upcasters = new Upcasters();
    const runner = new ProjectionRunner(store, new Projector(db, PROJECTIONS, upcasters, (a, b) => store.comparePositions(a, b)), { retryDelayMs: 100 });
    try {
      await runner.start();
      const history = [...generateHistory({ seed: 7, commands: 120 })];
      const half = Math.floor(history.length / 2);
      for (const append of history.slice(0, half)) await store.append(append.streamId, append.events);
      await runner.waitFor((await store.headPosition())!, 10_000);

      server.stop();
      await new Promise((resolve) => setTimeout(resolve, 400));
      await server.start();
      // The client's channel reconnects with a back-off of its own: wait until it answers, as a caller would.
      await reachable(store);
      for (const append of history.slice(half)) await store.append(append.streamId, append.events);
      const head = (await store.headPosition())!;
      await runner.waitFor(head, 15_000);
      expect(runner.appliedUpTo.position).toBe(head);

      const rebuilt = join(dir, 'rebuilt.sqlite');
      await rebuildReadModel(store, rebuilt, upcasters);
      const fresh = openReadModel(rebuilt, PROJECTIONS);
      expect(dumpReadModel(db)).toEqual(dumpReadModel(fresh));
      expect(runner.appliedUpTo.seq).toBe(history.reduce((n, append) => n + append.events.length, 0));
      fresh.close();
    } finally {
      await runner.stop();
      db.close();
      await store.close();
      await server.close();
    }
  }, 60_000);
});
