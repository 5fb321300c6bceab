import Database from 'better-sqlite3';
import { forgetReadings, PER_KIND, remembered } from './readings';

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
