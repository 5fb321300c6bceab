import Database from 'better-sqlite3';
import { forgetReadings, PER_KIND, remembered, rememberedEach } from './readings';

describe('readings kept in memory between two batches of the projector', () => {
  const counted = (db: Database.Database, key: string, reads: string[]) => remembered(db, 'test', key, () => (reads.push(key), key));

  it('reads the file once for a key, until the projector lets go, and keeps at most PER_KIND, the oldest let go first', () => {
    const db = new Database(':memory:');
    forgetReadings(db);
    const reads: string[] = [];
    counted(db, 'a', reads);
    counted(db, 'a', reads);
    expect(reads).toEqual(['a']);
    for (let i = 1; i <= PER_KIND; i++) counted(db, `k${i}`, reads);
    counted(db, `k${PER_KIND}`, reads);
    counted(db, 'a', reads);
    expect(reads.slice(-2)).toEqual([`k${PER_KIND}`, 'a']);
    forgetReadings(db);
    counted(db, `k${PER_KIND}`, reads);
    expect(reads.at(-1)).toBe(`k${PER_KIND}`);
    expect(reads).toHaveLength(PER_KIND + 3);
    db.close();
  });

  it('reads the keys not yet kept in one call, and answers every key asked for', () => {
    const db = new Database(':memory:');
    forgetReadings(db);
    const calls: string[][] = [];
    const each = (keys: string[]) =>
      rememberedEach(db, 'test', keys, (missing) => (calls.push(missing), new Map(missing.map((key) => [key, key.toUpperCase()]))));
    expect([...each(['a', 'b'])]).toEqual([
      ['a', 'A'],
      ['b', 'B'],
    ]);
    expect([...each(['b', 'c', 'a'])]).toEqual([
      ['b', 'B'],
      ['c', 'C'],
      ['a', 'A'],
    ]);
    expect([...each(['c'])]).toEqual([['c', 'C']]);
    expect(calls).toEqual([['a', 'b'], ['c']]);
    db.close();
  });

  it('keeps nothing on a connection no projector writes, nor inside a transaction', () => {
    const db = new Database(':memory:');
    const reads: string[] = [];
    counted(db, 'a', reads);
    counted(db, 'a', reads);
    forgetReadings(db);
    db.transaction(() => {
      counted(db, 'b', reads);
      counted(db, 'b', reads);
    })();
    expect(reads).toEqual(['a', 'a', 'b', 'b']);
    db.close();
  });
});
