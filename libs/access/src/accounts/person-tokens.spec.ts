import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type SubscribeOptions } from '@ddr/event-store';
import { TokenService } from '../tokens';
import { SERVER_MACHINE } from './account-events';
import { PersonTokens } from './person-tokens';
import type { PersonToken } from './token-register';

const noted = () => ({ id: randomUUID(), type: 'Noted', data: {}, metadata: { recordedAt: new Date().toISOString() } });

describe('the people’s tokens a server holds, read at its start', () => {
  const store = new SqliteEventStore({ file: join(mkdtempSync(join(tmpdir(), 'ddr-person-tokens-')), 'events.sqlite'), synchronous: 'NORMAL' });
  const signer = new TokenService('s'.repeat(48));
  afterAll(() => store.close());

  it('reads the accounts stream by its key and follows the log from the head, not from its start', async () => {
    const first = new PersonTokens(store, signer);
    await first.start();
    const grant = { person: 'awa', body: 'CTS' as const, role: 'SECRETARIAT' as const, ttlSeconds: 600 };
    const [kept, revoked] = [await first.issue(SERVER_MACHINE, grant), await first.issue(SERVER_MACHINE, { ...grant, person: 'ibrahim' })];
    await first.revoke(SERVER_MACHINE, revoked.record.tokenId, 'left the secretariat');
    await first.follower.stop();
    // The rest of the log: what a subscription from the start would have read through.
    await store.append('elsewhere', Array.from({ length: 500 }, noted));
    const head = await store.headPosition();

    const subscribedAfter: Array<string | undefined> = [];
    const subscribe = store.subscribeToAll.bind(store);
    store.subscribeToAll = (options?: SubscribeOptions) => (subscribedAfter.push(options?.after), subscribe(options));
    const restarted = new PersonTokens(store, signer);
    await restarted.start();
    expect(subscribedAfter).toEqual([head]);
    const facts = ({ record }: { record: PersonToken }) => ({ tokenId: record.tokenId, subject: record.person, issuedAt: Date.parse(record.issuedAt) / 1000 });
    expect(restarted.isRevoked(facts(revoked))).toBe(true);
    expect(restarted.isRevoked(facts(kept))).toBe(false);

    // What is recorded after the start still comes through the follower.
    const another = new PersonTokens(store, signer);
    await another.start();
    await another.revoke(SERVER_MACHINE, kept.record.tokenId, 'lost');
    await restarted.follower.waitFor((await store.headPosition())!, 5_000);
    expect(restarted.isRevoked(facts(kept))).toBe(true);
    await Promise.all([another.follower.stop(), restarted.follower.stop()]);
  });
});
