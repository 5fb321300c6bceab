import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { appendLater, ddr, ddrAsync, rows, storeWithHistory, succeeded, tamperedCopy, tempDir, type CliResult, type EventRow } from './ledger-fixture';

/**
 * What an attacker with the files can do to a copy of a SQLite store, and how
 * `ddr ledger verify` catches each: it names the place (stream, revision,
 * position), exits 1, and a checkpoint the auditor saved earlier proves a
 * truncation even when the ledger file was rolled back with it.
 */
describe('ddr ledger verify on a tampered copy of a SQLite store', () => {
  const dataDir = tempDir('tamper');
  const savedCheckpoint = join(dataDir, '..', `${dataDir.split('/').pop()}-checkpoint.json`);
  const place = (row: Pick<EventRow, 'stream_id' | 'revision' | 'position'>) => `stream ${row.stream_id} revision ${row.revision} (position ${row.position})`;
  const firstBreak = (result: CliResult) => result.stdout.split('\n').find((line) => line.startsWith('BREAK'));
  let original: EventRow[];
  let streams: Map<string, EventRow[]>;
  /** Each case's verification, run side by side on its own copy. */
  let verified: Record<string, CliResult>;
  let edited: EventRow;
  let deleted: EventRow;
  let swapped: [EventRow, EventRow];
  const forged = { stream_id: 'instrument-forged-decree', revision: 0, position: 31 };

  beforeAll(async () => {
    await storeWithHistory(dataDir, 500);
    succeeded(ddr(dataDir, ['ledger', 'checkpoint']));
    await appendLater(dataDir, 'instrument-late-additions', 3);
    const second = succeeded(ddr(dataDir, ['ledger', 'checkpoint']));
    // The auditor keeps the latest checkpoint, as `ddr ledger checkpoint` prints it.
    writeFileSync(savedCheckpoint, second.stdout);
    original = rows(dataDir);
    streams = new Map();
    for (const row of original) streams.set(row.stream_id, [...(streams.get(row.stream_id) ?? []), row]);
    // Second events of streams of three or more: each has a predecessor and a successor in its stream.
    const middles = [...streams.values()].filter((events) => events.length >= 3 && !events[0].stream_id.startsWith('ledger-')).map((events) => events[1]);
    [edited, deleted] = middles;
    swapped = [original[20], original.find((row, i) => i > 20 && row.stream_id !== original[20].stream_id)!];
    const editData = (db: Database.Database) =>
      db.prepare("UPDATE events SET data = json_set(data, '$.effectiveDate', '1999-01-01') WHERE position = ?").run(edited.position);
    const copies: Record<string, string> = {
      untouched: dataDir,
      edit: tamperedCopy(dataDir, 'edit', editData),
      editNoLedger: tamperedCopy(dataDir, 'edit-no-ledger', editData),
      delete: tamperedCopy(dataDir, 'delete', (db) => db.prepare('DELETE FROM events WHERE position = ?').run(deleted.position)),
      swap: tamperedCopy(dataDir, 'swap', (db) => {
        const move = db.prepare('UPDATE events SET position = ? WHERE position = ?');
        move.run(-1, swapped[0].position);
        move.run(swapped[0].position, swapped[1].position);
        move.run(swapped[1].position, -1);
      }),
      insert: tamperedCopy(dataDir, 'insert', (db) => {
        // Make room: shift every later row up by one.
        db.prepare('UPDATE events SET position = -position - 1 WHERE position >= ?').run(forged.position);
        db.prepare('UPDATE events SET position = -position WHERE position < 0').run();
        db.prepare(
          `INSERT INTO events (position, event_id, stream_id, revision, type, data, metadata, committed_at)
           VALUES (?, '6b1d0c6e-0000-4000-8000-0000000f0e9d', ?, 0, 'InstrumentProposed', '{"title":"forged"}', '{"previousHash":null}', '2020-01-01T00:00:00.000Z')`,
        ).run(forged.position, forged.stream_id);
      }),
      truncate: tamperedCopy(dataDir, 'truncate', (db) => db.prepare('DELETE FROM events WHERE position > ?').run(original.at(-5)!.position)),
    };
    // The attacker removes the ledger file as well: then the chains are intact and only saved checkpoints remember.
    copies.truncateNoLedger = tamperedCopy(copies.truncate, 'truncate-no-ledger', () => undefined);
    for (const copy of [copies.editNoLedger, copies.truncateNoLedger]) rmSync(join(copy, 'ledger.sqlite'));
    const verify = (dir: string) => ddrAsync(dir, ['ledger', 'verify', '--checkpoint', savedCheckpoint]);
    const names = Object.keys(copies);
    const results = await Promise.all([...names.map((name) => verify(copies[name])), ddrAsync(copies.truncateNoLedger, ['ledger', 'verify'])]);
    verified = Object.fromEntries(names.map((name, i) => [name, results[i]]));
    verified.truncateNoLedgerNoCheckpoint = results[names.length];
  }, 90_000);

  afterAll(() => rmSync(savedCheckpoint, { force: true }));

  it('passes the untouched store, its checkpoints and the saved checkpoint', () => {
    const { code, stdout } = verified.untouched;
    expect(stdout).toMatch(/^OK: every chain, the tree and every checkpoint verify$/m);
    expect(stdout).toMatch(/saved checkpoint: size \d+: the log extends it/);
    expect(stdout.match(/^checkpoint: .*: valid/gm)).toHaveLength(2);
    expect(code).toBe(0);
  });

  it('catches an event whose data was edited, at that event', () => {
    const result = verified.edit;
    expect(result.code).toBe(1);
    expect(firstBreak(result)).toBe(`BREAK [altered] ${place(edited)} is not what the ledger took in as leaf ${edited.position - 1}: its content was altered`);
    // Every checkpoint signed after it no longer matches the log, nor does the saved one.
    expect(result.stdout).toMatch(/BREAK \[checkpoint\] .* does not match the log/);
    expect(result.stdout).toMatch(/saved checkpoint: size \d+: the log does NOT extend it/);
  });

  it('catches the same edit by the hash chain alone when the ledger file was deleted too', () => {
    const result = verified.editNoLedger;
    expect(result.code).toBe(1);
    const successor = streams.get(edited.stream_id)![2];
    expect(firstBreak(result)).toBe(
      `BREAK [chain] ${place(edited)} does not hash to the previousHash that revision 2 (position ${successor.position}) recorded: one of the two was altered`,
    );
  });

  it('catches a deleted row, naming the event that went missing', () => {
    const result = verified.delete;
    expect(result.code).toBe(1);
    expect(firstBreak(result)).toMatch(
      new RegExp(`^BREAK \\[removed\\] ${escape(place(deleted))} \\(event ${deleted.event_id}, leaf ${deleted.position - 1}\\) is not at its place`),
    );
    // The stream's chain shows the gap too.
    expect(result.stdout).toContain(`revision 2 (position ${streams.get(deleted.stream_id)![2].position}) follows revision 0`);
  });

  it('catches two rows swapped, naming the first of them', () => {
    const result = verified.swap;
    expect(result.code).toBe(1);
    expect(firstBreak(result)).toMatch(
      new RegExp(`^BREAK \\[removed\\] ${escape(place(swapped[0]))} .* the log has event ${swapped[1].event_id} .* events were removed or reordered$`),
    );
  });

  it('catches a forged row inserted in the middle of the log, naming it', () => {
    const result = verified.insert;
    expect(result.code).toBe(1);
    expect(firstBreak(result)).toMatch(new RegExp(`^BREAK \\[inserted\\] ${escape(place(forged))} is unknown to the ledger`));
  });

  it('catches a truncated tail, and the saved checkpoint proves it even with the ledger file deleted', () => {
    const kept = original.length - 4;
    const result = verified.truncate;
    expect(result.code).toBe(1);
    expect(firstBreak(result)).toBe(
      `BREAK [missing] ${place(original[kept])} (leaf ${kept}) is missing: the log ends after ${kept} events but the ledger took in ${original.length - 1}: the tail was removed`,
    );
    const alone = verified.truncateNoLedger;
    expect(alone.code).toBe(1);
    expect(firstBreak(alone)).toMatch(
      new RegExp(
        `^BREAK \\[saved-checkpoint\\] ${escape(place(original[kept - 1]))} ends the log after ${kept} events, but the saved checkpoint covers ${original.length - 1}: events were removed`,
      ),
    );
    // Without it, a clean truncation leaves nothing to find: keep the checkpoints you are given.
    expect(verified.truncateNoLedgerNoCheckpoint.code).toBe(0);
  });
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
