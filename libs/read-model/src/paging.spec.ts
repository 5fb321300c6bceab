import { openReadModel } from './open-read-model';
import { decodeCursor, encodeCursor, keysetPage, pageOf } from './paging';
import { visibilityProjection } from './visibility/visibility.projection';
import { EVERYTHING, type Viewer } from './visibility/viewer';

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

  it("a restricted reader's page leaves out what it may not read, and its count is the kept count less those rows", () => {
    const db = openReadModel(':memory:', [visibilityProjection]);
    db.exec('CREATE TABLE queue (body TEXT, instrument_id TEXT, PRIMARY KEY (body, instrument_id))');
    for (const id of ['plan-1', 'plan-2', 'plan-3', 'plan-4']) db.prepare('INSERT INTO queue VALUES (?, ?)').run('CTS', id);
    // plan-2 is read by the CSA alone, plan-3 by the CTS and the CSA: the CTS's liaison may read every plan but plan-2.
    for (const [stream, body] of [
      ['instrument-plan-2', 'CSA'],
      ['instrument-plan-3', 'CTS'],
      ['instrument-plan-3', 'CSA'],
    ])
      db.prepare('INSERT INTO stream_readers VALUES (?, ?)').run(stream, body);
    const list = (viewer: Viewer) => ({
      select: 'instrument_id AS id',
      from: 'queue',
      where: ['body = ?'],
      params: ['CTS'],
      orderBy: ['instrument_id'],
      keyOf: (row: { id: string }) => [row.id],
      node: (row: { id: string }) => row.id,
      count: () => 4,
      visibleTo: { viewer, prefix: 'instrument-', id: 'instrument_id' },
    });
    const cts = keysetPage(db, list({ body: 'CTS', everything: false }), { first: 10, after: null });
    expect(cts.nodes.map(({ node }) => node)).toEqual(['plan-1', 'plan-3', 'plan-4']);
    expect(cts.totalCount).toBe(3);
    const moc = keysetPage(db, { ...list({ body: 'MOC', everything: false }), count: undefined }, { first: 10, after: null });
    expect(moc.nodes.map(({ node }) => node)).toEqual(['plan-1', 'plan-4']);
    expect(moc.totalCount).toBe(2);
    expect(keysetPage(db, list(EVERYTHING), { first: 10, after: null }).totalCount).toBe(4);
    db.close();
  });

  it("a page's own columns are read for its rows only, and the page keeps its order", () => {
    const db = openReadModel(':memory:', []);
    db.exec('CREATE TABLE waits (body TEXT, since TEXT, instrument_id TEXT); CREATE TABLE views (instrument_id TEXT PRIMARY KEY, title TEXT)');
    for (const [since, id] of [
      ['2019-09-25', 'plan-b'],
      ['2019-09-25', 'plan-a'],
      ['2019-10-09', 'plan-c'],
      ['2019-08-01', 'plan-d'],
    ]) {
      db.prepare('INSERT INTO waits VALUES (?, ?, ?)').run('SCDS', since, id);
      db.prepare('INSERT INTO views VALUES (?, ?)').run(id, `title of ${id}`);
    }
    // Each look-up is counted: the page's rows (and the one after, which tells there is a next page), not the list's.
    let lookedUp = 0;
    db.function('looked_up', (id: unknown) => (lookedUp++, id));
    const list = (descending: boolean) => ({
      select: 'since, instrument_id AS id',
      from: 'waits',
      where: ['body = ?'],
      params: ['SCDS'],
      orderBy: ['since', 'instrument_id'],
      descending,
      keyOf: (row: { since: string; id: string; title: string }) => [row.since, row.id],
      node: (row: { since: string; id: string; title: string }) => row.title,
      pageColumns: '(SELECT title FROM views WHERE instrument_id = looked_up(page.id)) AS title',
    });
    const first = keysetPage(db, list(false), { first: 2, after: null });
    expect(first.nodes.map(({ node }) => node)).toEqual(['title of plan-d', 'title of plan-a']);
    expect(lookedUp).toBe(3);
    const next = keysetPage(db, list(false), { first: 2, after: decodeCursor(first.nodes[1].cursor, 2) });
    expect(next.nodes.map(({ node }) => node)).toEqual(['title of plan-b', 'title of plan-c']);
    expect(keysetPage(db, list(true), { first: 3, after: null }).nodes.map(({ node }) => node)).toEqual([
      'title of plan-c',
      'title of plan-b',
      'title of plan-a',
    ]);
    db.close();
  });
});
