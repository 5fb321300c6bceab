import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type EventToAppend } from '@ddr/event-store';
import { chainFrom } from '../chain';
import { signCheckpoint } from '../checkpoint';
import { Ledger } from './ledger';
import { verifyLog } from './log-verifier';

const tempDir = () => mkdtempSync(join(tmpdir(), 'ddr-verifier-'));
const event = (n: number, metadata: Record<string, string | null> = {}): EventToAppend => ({
  id: crypto.randomUUID(),
  type: 'MilestoneReached',
  data: { n, effectiveDate: '2019-10-09' },
  metadata,
});

/** Ten streams of three chained events each, interleaved in the log. */
async function chainedLog(dataDir: string): Promise<SqliteEventStore> {
  const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite'), synchronous: 'NORMAL' });
  const ends = new Map<string, ReturnType<typeof chainFrom>['last']>();
  for (let round = 0; round < 3; round++) {
    for (let s = 0; s < 10; s++) {
      const stream = `instrument-${s}`;
      const { events, last } = chainFrom(stream, ends.get(stream), [event(round)]);
      ends.set(stream, last);
      await store.append(stream, events);
    }
  }
  return store;
}

describe('verifyLog', () => {
  it('passes a chained log with its checkpoint and co-signature, and names the witness', async () => {
    const dataDir = tempDir();
    const store = await chainedLog(dataDir);
    const ledger = new Ledger(store, { dataDir }, { witnesses: ['MOC'] });
    const { checkpoint } = (await ledger.checkpoint())!;
    const witness = generateKeyPairSync('ed25519');
    await ledger.cosign('MOC', {
      checkpoint: signCheckpoint(checkpoint.checkpoint, witness.privateKey),
      publicKey: witness.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    });
    const report = await verifyLog(store, { operatorKey: (await ledger.signingKey()).publicKey });
    expect(report).toMatchObject({ ok: true, events: 32, streams: 12, breakCount: 0, checkpoints: [{ size: 30, valid: true, witnesses: ['MOC'] }] });
    await ledger.close();
    await store.close();
  });

  it('reports events written outside the chain, and limits its report to --from/--to', async () => {
    const dataDir = tempDir();
    const store = await chainedLog(dataDir);
    await store.append('instrument-unchained', [event(1)]);
    await store.append('instrument-odd', [event(1, { previousHash: 'AAAA' })]);
    await store.append('instrument-late', chainFrom('instrument-late', undefined, [event(1)]).events);
    const all = await verifyLog(store);
    expect(all.breaks.map((b) => [b.kind, b.stream, b.position])).toEqual([
      ['chain', 'instrument-unchained', '31'],
      ['chain', 'instrument-odd', '32'],
    ]);
    expect(all.breaks[0].message).toMatch(/carries no previousHash/);
    expect(all.breaks[1].message).toMatch(/is revision 0 but its previousHash is not null/);
    expect(await verifyLog(store, { to: '31' })).toMatchObject({ events: 31, breakCount: 1 });
    expect(await verifyLog(store, { from: '32' })).toMatchObject({ events: 33, checked: 2, breakCount: 1 });
    expect(await verifyLog(store, { from: '33' })).toMatchObject({ ok: true, checked: 1 });
    await store.close();
  });

  it('refuses a checkpoint signed by another key than the operator’s', async () => {
    const dataDir = tempDir();
    const store = await chainedLog(dataDir);
    const ledger = new Ledger(store, { dataDir });
    await ledger.checkpoint();
    const report = await verifyLog(store, { operatorKey: generateKeyPairSync('ed25519').publicKey });
    expect(report.breaks).toEqual([expect.objectContaining({ kind: 'checkpoint', stream: 'ledger-checkpoints', revision: 0, position: '31' })]);
    expect(report.breaks[0].message).toMatch(/is signed by another key than the operator’s/);
    await ledger.close();
    await store.close();
  });
});
