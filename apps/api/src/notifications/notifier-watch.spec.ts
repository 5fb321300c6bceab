import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { domainUpcasters } from '@ddr/bodies/all';
import { pagesOf, SqliteEventStore, type RecordedEvent } from '@ddr/event-store';
import { generateHistory } from '@ddr/history-generator';
import { COORDINATING_BODIES, type EventMetadata } from '@ddr/kernel';
import { WATCHED_STREAM_PREFIXES, Watch, digestContent, type WatchedChronicle } from '@ddr/notifications';
import { openNotificationsDb, type NotificationsDb } from './notifications-db';
import { Notifier } from './notifier';

const CAPACITY = 10;
const FAILING_PAGE = 10;
const upcasters = domainUpcasters();
const notifierOver = (db: NotificationsDb, store: SqliteEventStore) =>
  new Notifier(store, db, upcasters, { witnesses: COORDINATING_BODIES, watchCapacity: CAPACITY });

/** What the calendar and every body's digest say of a watch, on dates before, within and after the history. */
const sayings = (watch: Watch) => ({
  calendar: ['2016-06-01', '2018-01-01', '2030-01-01'].map((today) => watch.deadlines(today, 7)),
  digests: COORDINATING_BODIES.map((body) => digestContent(watch, { body, language: 'EN', period: '2030-01-01' }, '2030-01-01', [])),
});

/** The watch holding every chronicle, told the log as the notifier reads it, and the chronicles it would store. */
function reference(events: readonly RecordedEvent[]): { watch: Watch; stored: Map<string, WatchedChronicle> } {
  const watch = new Watch(COORDINATING_BODIES);
  for (const event of events.filter((e) => WATCHED_STREAM_PREFIXES.some((prefix) => e.streamId.startsWith(prefix)))) {
    const { effectiveDate, body } = event.metadata as unknown as EventMetadata;
    const data = upcasters.upcast(event);
    watch.tell({ id: event.id, type: event.type, streamId: event.streamId, position: event.position, data, effectiveDate, recordedBy: body ?? null });
  }
  return { watch, stored: new Map(JSON.parse(JSON.stringify(watch.changed())) as Array<[string, WatchedChronicle]>) };
}

/** Every chronicle the file holds, read as the watch reads one it does not hold. */
const storedChronicles = (notifier: Notifier) =>
  new Map([...notifier.chronicles.pages(100)].flat().map(([streamId]) => [streamId, notifier.chronicles.read(streamId)]));
/** Counts the acts written into `watched_entries` from now on. */
function countWrittenEntries(db: NotificationsDb): () => number {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS written_entries (n INTEGER); DELETE FROM written_entries');
  db.exec('CREATE TEMP TRIGGER IF NOT EXISTS count_entries AFTER INSERT ON watched_entries BEGIN INSERT INTO written_entries VALUES (1); END');
  return () => db.prepare('SELECT count(*) FROM written_entries').pluck().get() as number;
}

describe(`the notifier's watch over notifications.sqlite, holding ${CAPACITY} chronicles`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'ddr-notifier-watch-'));
  const store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), synchronous: 'NORMAL' });
  const db = openNotificationsDb(join(dir, 'notifications.sqlite'));
  let expected: ReturnType<typeof reference>;

  beforeAll(async () => {
    for (const append of generateHistory({ seed: 11, commands: 4_000 })) await store.append(append.streamId, append.events);
    expected = reference(await store.readAll());
  });
  afterAll(async () => {
    db.close();
    await store.close();
  });

  it('follows a few hundred instruments holding at most that many, a failed batch leaving the watch as the file says, and finds due and digests as a watch holding all', async () => {
    expect([...expected.stored.keys()].filter((streamId) => streamId.startsWith('instrument-')).length).toBeGreaterThan(200);
    const notifier = notifierOver(db, store);
    await notifier.loadWatch();
    const written = countWrittenEntries(db);
    let told = 0;
    let pages = 0;
    for await (const page of pagesOf(store, { filter: notifier.followed, pageSize: 100 })) {
      // Well into the history, where a batch also ends waits and deadlines: it is told, then its transaction fails.
      if (++pages === FAILING_PAGE) {
        db.exec("CREATE TEMP TRIGGER refuse BEFORE UPDATE ON follower BEGIN SELECT RAISE(ABORT, 'disk full'); END");
        expect(() => notifier.apply(page)).toThrow('disk full');
        db.exec('DROP TRIGGER refuse');
        expect(notifier.watched.heldChronicles).toBe(0);
        const fromFile = notifierOver(db, store);
        await fromFile.loadWatch();
        expect(sayings(notifier.watched)).toEqual(sayings(fromFile.watched));
      }
      notifier.apply(page);
      told += page.length;
      expect(notifier.watched.heldChronicles).toBeLessThanOrEqual(CAPACITY);
    }
    expect(storedChronicles(notifier)).toEqual(expected.stored);
    // Each batch writes the acts it added or corrected, not every act of the streams it changed again.
    const acts = [...expected.stored.values()].reduce((n, chronicle) => n + chronicle.entries.length, 0);
    expect(written()).toBeGreaterThanOrEqual(acts);
    expect(written()).toBeLessThan(told * 1.2);
    const said = sayings(notifier.watched);
    expect(said.calendar.flat().length).toBeGreaterThan(0);
    expect(said.digests.flatMap((digest) => digest.awaiting).length).toBeGreaterThan(0);
    expect(said).toEqual(sayings(expected.watch));
  });

  it("indexes the file again at restart, the digests' list of what awaits rebuilt for a file written before it was kept", async () => {
    db.prepare('DELETE FROM awaiting').run();
    const restarted = notifierOver(db, store);
    await restarted.loadWatch();
    expect(restarted.watched.heldChronicles).toBe(0);
    expect(sayings(restarted.watched)).toEqual(sayings(expected.watch));
  });

  it('reads a whole chronicle as files before `watched_entries` stored it, and writes it as a head and rows at its next save', async () => {
    const [streamId, chronicle] = [...expected.stored].sort(([, a], [, b]) => b.entries.length - a.entries.length)[0];
    db.prepare('UPDATE watched SET state = ? WHERE stream_id = ?').run(JSON.stringify(chronicle), streamId);
    db.prepare('DELETE FROM watched_entries WHERE stream_id = ?').run(streamId);
    const restarted = notifierOver(db, store);
    await restarted.loadWatch();
    expect(sayings(restarted.watched)).toEqual(sayings(expected.watch));
    const read = restarted.chronicles.read(streamId)!;
    expect(read).toEqual(chronicle);

    const written = countWrittenEntries(db);
    db.transaction(() => restarted.chronicles.save([[streamId, read]]))();
    expect(written()).toBe(chronicle.entries.length);
    expect(JSON.parse(db.prepare('SELECT state FROM watched WHERE stream_id = ?').pluck().get(streamId) as string)).not.toHaveProperty('entries');
    expect(notifierOver(db, store).chronicles.read(streamId)).toEqual(chronicle);
    // Read from rows, its acts are known to be in the file: saving it again writes none.
    db.transaction(() => restarted.chronicles.save([[streamId, restarted.chronicles.read(streamId)!]]))();
    expect(written()).toBe(chronicle.entries.length);
  });

  it('sweeps the deadlines a slice at a time, requests let in between, each told once; a sweep stopped at shutdown is finished by the next', async () => {
    // A slice of no time: the sweep yields after every stream.
    const notifier = new Notifier(store, db, upcasters, { witnesses: COORDINATING_BODIES, watchCapacity: CAPACITY, sliceMs: 0 });
    await notifier.loadWatch();
    const today = '2030-01-01';
    const due = notifier.watched.deadlines(today, 7);
    expect(due.length).toBeGreaterThan(20);
    // What the digests list, swept the same way: the same notices as the watch's own sweep.
    expect(await notifier.deadlinesOn(today, 7)).toEqual(due);
    const told = () => db.prepare('SELECT id FROM notices WHERE position IS NULL ORDER BY id').pluck().all() as string[];
    db.prepare('DELETE FROM notices').run();

    const stop = new AbortController();
    // Requests' turns between the slices: the shutdown comes once something was told.
    let sweeping = true;
    const shutdownOnceTold = () => sweeping && (told().length > 0 ? stop.abort() : setImmediate(shutdownOnceTold));
    setImmediate(shutdownOnceTold);
    await notifier.tellDeadlines(today, 7, stop.signal);
    sweeping = false;
    const first = told();
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThan(due.length);

    let turns = 0;
    const counting = setInterval(() => turns++, 0);
    await notifier.tellDeadlines(today, 7);
    clearInterval(counting);
    expect(turns).toBeGreaterThan(1);
    expect(told()).toEqual(due.map((notice) => notice.id).sort());
  });
});
