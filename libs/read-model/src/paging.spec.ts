import { openReadModel } from './open-read-model';
import { decodeCursor, encodeCursor, keysetPage, pageOf } from './paging';

describe('pages of a list', () => {
  it('a cursor holds its key, and a text that is not a cursor of that many parts is refused', () => {
    expect(decodeCursor(encodeCursor(['2019-09-25', 41]), 2)).toEqual(['2019-09-25', 41]);
    expect(decodeCursor(encodeCursor(['2019-09-25', 41]), 1)).toBeNull();
    expect(decodeCursor(Buffer.from('c:{"a":1}').toString('base64url'), 1)).toBeNull();
    expect(decodeCursor('not a cursor', 1)).toBeNull();
  });

  it('a page of a list in memory resumes after its key, also when that entry has left the list', () => {
    const codes = ['ADDR-I', 'ADDR-II', 'ADDR-III', 'ADDR-IV'];
    const first = pageOf(codes, (code) => [code], { first: 2, after: null });
    expect(first.nodes.map(({ node }) => node)).toEqual(['ADDR-I', 'ADDR-II']);
    expect(first.hasNextPage).toBe(true);
    const after = decodeCursor(first.nodes[1].cursor, 1);
    const next = pageOf(['ADDR-I', 'ADDR-III', 'ADDR-IV'], (code) => [code], { first: 2, after });
    expect(next.nodes.map(({ node }) => node)).toEqual(['ADDR-III', 'ADDR-IV']);
    expect(next.hasNextPage).toBe(false);
    expect(next.totalCount).toBe(3);
  });

  it('a keyset page reads newest first after its key, and counts only when totalCount is read', () => {
    const db = openReadModel(':memory:', []);
    db.exec('CREATE TABLE decisions (body TEXT, effective_date TEXT, seq INTEGER); CREATE INDEX by_body ON decisions (body, effective_date, seq)');
    const insert = db.prepare('INSERT INTO decisions VALUES (?, ?, ?)');
    [
      ['CTS', '2019-09-25', 1],
      ['CTS', '2019-09-25', 2],
      ['SCDS', '2019-10-09', 3],
      ['CTS', '2019-10-01', 4],
    ].forEach((row) => insert.run(...row));
    let counted = 0;
    const list = {
      select: 'effective_date AS date, seq',
      from: 'decisions',
      where: ['body = ?'],
      params: ['CTS'],
      orderBy: ['effective_date', 'seq'],
      descending: true,
      keyOf: (row: { date: string; seq: number }) => [row.date, row.seq],
      node: (row: { date: string; seq: number }) => row.seq,
      count: () => ++counted && 3,
    };
    const first = keysetPage(db, list, { first: 2, after: null });
    expect(first.nodes.map(({ node }) => node)).toEqual([4, 2]);
    expect(counted).toBe(0);
    const next = keysetPage(db, list, { first: 2, after: decodeCursor(first.nodes[1].cursor, 2) });
    expect(next.nodes.map(({ node }) => node)).toEqual([1]);
    expect(next.hasNextPage).toBe(false);
    expect(next.totalCount).toBe(3);
    expect(counted).toBe(1);
    const uncounted = keysetPage(db, { ...list, count: undefined }, { first: 1, after: null });
    expect(uncounted.totalCount).toBe(3);
    db.close();
  });
});
