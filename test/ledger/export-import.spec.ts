import { spawnSync } from 'node:child_process';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { domainUpcasters } from '@ddr/bodies/all';
import { SqliteEventStore } from '@ddr/event-store';
import { keyFingerprint } from '@ddr/ledger/live';
import { openReadModel, PROJECTIONS, Projector, rebuildReadModel } from '@ddr/read-model';
import { dumpReadModel } from '@ddr/read-model/testing';
import { ROOT } from '../support/built';
import { ddr, ddrAsync, storeWithHistory, succeeded, tempDir } from './ledger-fixture';

/** The read model a full rebuild of `dataDir`'s log gives, dumped table by table. */
async function readModelOf(dataDir: string, until?: string) {
  const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite') });
  const file = join(tempDir('read-model'), 'read-model.sqlite');
  try {
    if (until === undefined) {
      await rebuildReadModel(store, file, domainUpcasters());
    } else {
      const db = openReadModel(file, PROJECTIONS);
      new Projector(db, PROJECTIONS, domainUpcasters(), (a, b) => store.comparePositions(a, b)).apply(
        (await store.readAll()).filter((event) => store.comparePositions(event.position, until) <= 0),
      );
      db.close();
    }
  } finally {
    await store.close();
  }
  const db = openReadModel(file, PROJECTIONS);
  try {
    return dumpReadModel(db);
  } finally {
    db.close();
  }
}

describe('export, import and replay', () => {
  const source = tempDir('export-source');
  const target = tempDir('import-target');
  const exported = join(source, 'log.jsonl');
  let lines: Array<Record<string, unknown>>;
  let exportedRoot: string;

  beforeAll(async () => {
    await storeWithHistory(source, 400, 33);
    writeFileSync(join(source, 'checkpoint.json'), succeeded(ddr(source, ['ledger', 'checkpoint'])).stdout);
    const key = createPublicKey(createPrivateKey(readFileSync(join(source, 'keys', 'ledger-ed25519.pem'))));
    writeFileSync(join(source, 'public-key.pem'), key.export({ type: 'spki', format: 'pem' }));
  }, 60_000);

  /** The auditor's standalone script on an export, against the checkpoint they were given. */
  const scriptChecks = (file: string) =>
    spawnSync(process.execPath, [join(ROOT, 'tools', 'verify-ledger.mjs'), 'log', file, join(source, 'checkpoint.json'), join(source, 'public-key.pem')], {
      encoding: 'utf8',
    });

  it('export writes one event a line with all its metadata, its position, leaf index and leaf hash', async () => {
    const [toFile, toStdout] = await Promise.all([
      ddrAsync(source, ['export', '--format', 'jsonl', '--out', exported]),
      ddrAsync(source, ['export', '--format', 'jsonl']),
    ]);
    expect(toFile.code).toBe(0);
    exportedRoot = /exported \d+ events of \d+ streams; tree root ([A-Za-z0-9+/]{43}=)/.exec(toFile.stderr)![1];
    lines = readFileSync(exported, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(
      toStdout.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual(lines);
    expect(lines[1]).toEqual({
      position: '2',
      stream: expect.any(String),
      revision: expect.any(Number),
      id: expect.any(String),
      type: expect.any(String),
      data: expect.any(Object),
      metadata: expect.objectContaining({ recordedAt: expect.any(String) }),
      committedAt: expect.any(String),
      leafIndex: 1,
      leafHash: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/),
    });
    expect(lines.every((line) => Object.hasOwn(line.metadata as object, 'previousHash'))).toBe(true);
    expect(lines.at(-1)).toMatchObject({ stream: 'ledger-checkpoints', type: 'CheckpointSigned' });
    const script = scriptChecks(exported);
    expect(script.stdout).toBe(
      `VALID: the log of ${lines.length} events in ${new Set(lines.map((l) => l.stream)).size} streams has intact hash chains and root ${exportedRoot}; ` +
        `its 1 checkpoint(s) verify, signed by key ${keyFingerprint(createPublicKey(readFileSync(join(source, 'public-key.pem'))))}; ` +
        `its first ${lines.length - 1} events are the checkpoint's, signed by the key\n`,
    );
  });

  it('import into an empty store gives the same root, verifies clean, and yields the same read model', async () => {
    const imported = ddr(target, ['import', exported]);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toEqual({ events: lines.length, streams: expect.any(Number), root: exportedRoot });

    const [before, after] = await Promise.all([ddrAsync(source, ['ledger', 'verify']), ddrAsync(target, ['ledger', 'verify'])]);
    expect(after.stdout).toMatch(/^OK: /m);
    expect(after.code).toBe(0);
    const treeLine = (stdout: string) => stdout.split('\n').find((line) => line.startsWith('tree:'));
    expect(treeLine(after.stdout)).toBe(treeLine(before.stdout));
    expect(after.stdout).toMatch(/^checkpoint: size \d+ at position \d+: valid/m);

    expect(await readModelOf(target)).toEqual(await readModelOf(source));
  }, 60_000);

  it('import refuses a store that already holds events, and writes nothing', () => {
    const { code, stderr } = ddr(source, ['import', exported]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/import writes into an empty store only/);
  });

  it('import refuses a file whose event no longer matches its leaf hash, before writing anything', async () => {
    const edited = tempDir('import-edited');
    const file = join(edited, 'edited.jsonl');
    const copy = lines.map((line, i) => (i === 7 ? { ...line, data: { ...(line.data as object), forged: true } } : line));
    writeFileSync(file, copy.map((line) => JSON.stringify(line)).join('\n'));
    const { code, stderr } = ddr(edited, ['import', file]);
    expect(stderr).toMatch(/line 8 \(stream .* revision \d+\): its content does not hash to its leafHash/);
    expect(code).toBe(1);
    expect(scriptChecks(file)).toMatchObject({ status: 1, stdout: expect.stringMatching(/^INVALID: line 8 .*: the event does not hash to its leafHash/) });
    const store = new SqliteEventStore({ file: join(edited, 'events.sqlite') });
    expect(await store.headPosition()).toBeUndefined();
    await store.close();
  });

  it('replay --until a position rebuilds the state as of that point into a separate read model', async () => {
    const until = String(Math.floor(lines.length / 2));
    const out = join(tempDir('replay'), 'as-of.sqlite');
    const { code, stdout } = ddr(source, ['projections', 'replay', '--until', until, '--out', out]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ until, applied: Number(until), position: until, readModel: out });
    const replayed = openReadModel(out, PROJECTIONS);
    try {
      expect(dumpReadModel(replayed)).toEqual(await readModelOf(source, until));
    } finally {
      replayed.close();
    }
    expect(ddr(source, ['projections', 'replay', '--until', until, '--out', out]).stderr).toMatch(/exists: pass --force to overwrite it/);
  });

  it('replay --until a date prints each stream as of its acts effective by then; --stream narrows it', () => {
    const { code, stdout } = ddr(source, ['projections', 'replay', '--until', '2016-06-30', '--stream', 'instrument-']);
    expect(code).toBe(0);
    const state = JSON.parse(stdout) as { instruments: Array<{ id: string }>; programmes: unknown[] };
    const proposedBy = (date: string) =>
      new Set(
        lines
          .filter((l) => l.type === 'InstrumentProposed' && (l.metadata as { effectiveDate: string }).effectiveDate <= date)
          .map((l) => (l.data as { instrumentId: string }).instrumentId),
      );
    expect(new Set(state.instruments.map((i) => i.id))).toEqual(proposedBy('2016-06-30'));
    expect(state.instruments.length).toBeGreaterThan(0);
    expect(state.programmes).toEqual([]);
  });
});
