import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVER_MACHINE, recordIssue } from '@ddr/access';
import { SqliteEventStore } from '@ddr/event-store';
import { ROOT } from '../support/built';
import { startTestServer } from '../support/server';

/** `ddr token` records its issue in the log; an operator who asks for a token before the first start still gets the history. */
it('a store holding only tokens issued by ddr token still loads the history of the brief on first start', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ddr-first-start-'));
  const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite') });
  await recordIssue(store, SERVER_MACHINE, { person: 'cnddr-operator', body: 'CNDDR', role: 'OPERATOR', ttlSeconds: 3600 });
  await store.close();
  const server = await startTestServer({ DATA_DIR: dataDir, FIRST_START_SCENARIO: join(ROOT, 'scenarios', 'mali-2015-2019.yaml') });
  try {
    const answer = await server.graphql('{ instruments { totalCount } }', undefined, server.token('SCDS', 'LIAISON'));
    expect(answer.data?.instruments.totalCount).toBeGreaterThan(0);
  } finally {
    await server.close();
  }
}, 60_000);
