import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pagesOf } from './log-pages';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { anEvent } from './testing';

describe('the log in pages', () => {
  const store = new SqliteEventStore({ file: join(mkdtempSync(join(tmpdir(), 'ddr-pages-')), 'events.sqlite') });
  afterAll(() => store.close());
  const types = async (pages: AsyncIterable<{ type: string }[]>) => {
    const read: string[][] = [];
    for await (const page of pages) read.push(page.map((event) => event.type));
    return read;
  };

  beforeAll(async () => {
    await store.append('instrument-1', [anEvent('A1'), anEvent('A2'), anEvent('A3')]);
    await store.append('meetings-CTS', [anEvent('M1')]);
    await store.append('instrument-1', [anEvent('A4')]);
  });

  it('reads the whole log in order, a page at a time, and stops after the last', async () => {
    expect(await types(pagesOf(store, { pageSize: 2 }))).toEqual([['A1', 'A2'], ['A3', 'M1'], ['A4']]);
  });

  it('resumes after a position, and keeps to a filter', async () => {
    const [, second] = await store.readAll();
    expect(await types(pagesOf(store, { from: second.position, pageSize: 2 }))).toEqual([['A3', 'M1'], ['A4']]);
    expect(await types(pagesOf(store, { filter: { streamPrefixes: ['meetings-'] } }))).toEqual([['M1']]);
  });
});
