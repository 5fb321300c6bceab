import { randomUUID } from 'node:crypto';
import { instrumentStream } from '@ddr/coordination';
import type { RecordedEvent } from '@ddr/event-store';
import { sourceOf, Upcasters } from '@ddr/kernel';
import { openReadModel } from '../open-read-model';
import { decodeCursor } from '../paging';
import type { Projection } from '../projection';
import { Projector } from '../projector';
import { EVERYTHING } from '../visibility/viewer';
import { instrumentsProjection } from './instruments.projection';
import { touchedInBatch } from './current-view';
import { decisionsBy, findInstrument, listInstruments, queueOf } from './instruments.queries';
import { waitsProjection } from '../delays/waits.projection';

const revisions = new Map<string, number>();
let position = 0;
const event = (instrumentId: string, type: string, data: object, effectiveDate: string): RecordedEvent => {
  const revision = revisions.get(instrumentId) ?? 0;
  revisions.set(instrumentId, revision + 1);
  position++;
  return {
    id: randomUUID(),
    type,
    data: { instrumentId, effectiveDate, source: sourceOf(null), ...data },
    metadata: {},
    streamId: instrumentStream(instrumentId),
    revision,
    position: String(position),
    committedAt: `${effectiveDate}T12:00:00.000Z`,
  };
};
// The CTS leads a plan the FAMA adopts and the SCDS and CSA then decide together (parallel steps).
const proposed = (id: string, on: string, parallel = { body: 'CSA', action: 'REVIEW' }) =>
  event(
    id,
    'InstrumentProposed',
    {
      kind: 'PLAN',
      title: id,
      leadBody: 'CTS',
      pathway: [
        { body: 'FAMA', action: 'ADOPT', parallel: false },
        { body: 'SCDS', action: 'REVIEW', parallel: false },
        { ...parallel, parallel: true },
      ],
    },
    on,
  );
const decided = (id: string, step: number, body: string, on: string) =>
  event(id, 'StepDecided', { step, body, action: step === 0 ? 'ADOPT' : 'REVIEW', outcome: 'APPROVED', meeting: null }, on);

describe("a body's queues, kept as indexes by the instruments projection", () => {
  const db = openReadModel(':memory:', [instrumentsProjection]);
  const projector = new Projector(db, [instrumentsProjection], new Upcasters(), (a, b) => Number(a) - Number(b));
  const ids = (queue: 'instrument_awaiting' | 'instrument_waiting_on_others', body: 'CTS' | 'FAMA' | 'SCDS' | 'CSA') =>
    queueOf(db, EVERYTHING, queue, body, { first: 10, after: null }).nodes.map(({ cursor, node }) => [node.id, decodeCursor(cursor, 2)?.[0]]);
  const counted = (list: string, body: string) => db.prepare('SELECT n FROM list_counts WHERE list = ? AND key = ?').pluck().get(list, body);
  afterAll(() => db.close());

  it('given two plans, the FAMA adopting one: each queue holds them oldest waiting first, with the date each began to wait', () => {
    projector.apply([proposed('plan-2', '2019-02-01'), proposed('plan-1', '2019-01-01'), decided('plan-2', 0, 'FAMA', '2019-03-01')]);
    expect(ids('instrument_awaiting', 'FAMA')).toEqual([['plan-1', '2019-01-01']]);
    expect(ids('instrument_awaiting', 'SCDS')).toEqual([['plan-2', '2019-03-01']]);
    expect(ids('instrument_awaiting', 'CSA')).toEqual([['plan-2', '2019-03-01']]);
    expect(ids('instrument_waiting_on_others', 'CTS')).toEqual([
      ['plan-1', '2019-01-01'],
      ['plan-2', '2019-03-01'],
    ]);
    expect(ids('instrument_waiting_on_others', 'FAMA')).toEqual([['plan-2', '2019-03-01']]);
  });

  it('when the SCDS decides, the CSA keeps the date it began to wait, and the SCDS now waits on the CSA since then', () => {
    projector.apply([decided('plan-2', 1, 'SCDS', '2019-04-01')]);
    expect(ids('instrument_awaiting', 'SCDS')).toEqual([]);
    expect(ids('instrument_awaiting', 'CSA')).toEqual([['plan-2', '2019-03-01']]);
    expect(ids('instrument_waiting_on_others', 'SCDS')).toEqual([['plan-2', '2019-03-01']]);
  });

  it('when the last step is decided, the plan leaves every queue, and the counts kept beside the queues agree with them', () => {
    projector.apply([decided('plan-2', 2, 'CSA', '2019-05-01')]);
    for (const body of ['CTS', 'FAMA', 'SCDS', 'CSA'] as const) {
      for (const queue of ['instrument_awaiting', 'instrument_waiting_on_others'] as const) {
        const page = queueOf(db, EVERYTHING, queue, body, { first: 10, after: null });
        expect(page.nodes.map(({ node }) => node.id)).not.toContain('plan-2');
        expect(page.totalCount).toBe(db.prepare(`SELECT count(*) FROM ${queue} WHERE body = ?`).pluck().get(body));
      }
    }
    // A count that falls to none leaves no row, as a rebuild would.
    expect(counted('instrument_awaiting', 'CSA')).toBeUndefined();
    expect(decisionsBy(db, EVERYTHING, 'CSA', { first: 5, after: null }).totalCount).toBe(1);
    // The instruments in each status are counted beside the table too, as their status moves.
    const statuses = db.prepare('SELECT status FROM instruments').pluck().all() as string[];
    expect(new Set(statuses).size).toBeGreaterThan(1);
    for (const status of [...statuses, null]) {
      const rows = db.prepare('SELECT count(*) FROM instruments WHERE @status IS NULL OR status = @status').pluck().get({ status });
      expect(listInstruments(db, EVERYTHING, { status }, { first: 1, after: null }).totalCount).toBe(rows);
    }
  });

  it('pages through a queue after a cursor, and the next page does not shift when a row before it leaves', () => {
    projector.apply([proposed('plan-3', '2019-01-15'), proposed('plan-4', '2019-06-01')]);
    const first = queueOf(db, EVERYTHING, 'instrument_awaiting', 'FAMA', { first: 2, after: null });
    expect(first.nodes.map(({ node }) => node.id)).toEqual(['plan-1', 'plan-3']);
    expect(first.hasNextPage).toBe(true);
    projector.apply([decided('plan-1', 0, 'FAMA', '2019-07-01')]);
    const next = queueOf(db, EVERYTHING, 'instrument_awaiting', 'FAMA', { first: 2, after: decodeCursor(first.nodes[1].cursor, 2) });
    expect(next.nodes.map(({ node }) => node.id)).toEqual(['plan-4']);
    expect(next.hasNextPage).toBe(false);
    expect(next.totalCount).toBe(2);
  });
});

describe("a body's queue as of a date, read from the steps' waits", () => {
  const db = openReadModel(':memory:', [instrumentsProjection, waitsProjection]);
  const projector = new Projector(db, [instrumentsProjection, waitsProjection], new Upcasters(), (a, b) => Number(a) - Number(b));
  afterAll(() => db.close());
  const page = (first: number, after: string | null = null) => {
    const read = queueOf(db, EVERYTHING, 'instrument_awaiting', 'SCDS', { first, after: after === null ? null : decodeCursor(after, 2) }, '2019-12-31');
    return { ids: read.nodes.map(({ node }) => node.id), last: read.nodes.at(-1)?.cursor ?? null, more: read.hasNextPage, count: read.totalCount };
  };

  it('holds a plan awaiting the SCDS at two parallel steps once, at its first wait, and pages after a cursor', () => {
    projector.apply([
      proposed('plan-a', '2019-09-01'),
      proposed('plan-b', '2019-09-01'),
      // A plan whose pathway asks the SCDS twice in one stage: its review and its approval wait together.
      proposed('plan-twice', '2019-09-01', { body: 'SCDS', action: 'APPROVE' }),
      decided('plan-a', 0, 'FAMA', '2019-10-01'),
      decided('plan-twice', 0, 'FAMA', '2019-09-25'),
      decided('plan-b', 0, 'FAMA', '2019-11-15'),
    ]);
    expect(page(10)).toMatchObject({ ids: ['plan-twice', 'plan-a', 'plan-b'], more: false, count: 3 });
    const first = page(1);
    expect(first).toMatchObject({ ids: ['plan-twice'], more: true });
    const second = page(1, first.last);
    expect(second).toMatchObject({ ids: ['plan-a'], more: true });
    expect(page(5, second.last)).toMatchObject({ ids: ['plan-b'], more: false, count: 3 });
    // The queue as it stood: on the day before the FAMA adopted plan-b, it did not yet await the SCDS.
    expect(queueOf(db, EVERYTHING, 'instrument_awaiting', 'SCDS', { first: 10, after: null }, '2019-11-14').nodes.map(({ node }) => node.id)).toEqual([
      'plan-twice',
      'plan-a',
    ]);
  });
});

describe('an instrument changed by several events of one batch', () => {
  const db = openReadModel(':memory:', [instrumentsProjection, waitsProjection]);
  // Every write of an instrument's row, counted: they are made once a batch.
  db.exec(`CREATE TEMP TABLE row_writes (id TEXT);
    CREATE TEMP TRIGGER instrument_row_inserted AFTER INSERT ON instruments BEGIN INSERT INTO row_writes VALUES (NEW.id); END;
    CREATE TEMP TRIGGER instrument_row_updated AFTER UPDATE ON instruments BEGIN INSERT INTO row_writes VALUES (NEW.id); END;`);
  const rowWrites = () => db.prepare('SELECT count(*) FROM row_writes').pluck().get();
  // What a batch kept of itself as each event came, and a projection that refuses findings, to make a batch fail.
  const keptAtEachEvent: number[] = [];
  const watching: Projection = { name: 'watching', schema: '', apply: (db) => void keptAtEachEvent.push(touchedInBatch(db)!.size) };
  const refusing: Projection = {
    name: 'refusing',
    schema: '',
    apply: (_db, event) => {
      if (event.type === 'FindingRecorded') throw new Error('refused');
    },
  };
  const projector = new Projector(db, [watching, instrumentsProjection, waitsProjection, refusing], new Upcasters(), (a, b) => Number(a) - Number(b));
  const finding = (id: string, on: string) => event(id, 'FindingRecorded', { body: 'CSA', finding: 'late', source: sourceOf(null) }, on);
  const awaiting = (body: 'FAMA' | 'SCDS' | 'CSA') =>
    queueOf(db, EVERYTHING, 'instrument_awaiting', body, { first: 10, after: null }).nodes.map(({ node }) => node.id);
  afterAll(() => db.close());

  it('writes its row once, as the last of them left it, with its queues and every version', () => {
    projector.apply([proposed('plan-5', '2019-01-01'), decided('plan-5', 0, 'FAMA', '2019-02-01'), decided('plan-5', 1, 'SCDS', '2019-03-01')]);
    expect(rowWrites()).toBe(1);
    expect(findInstrument(db, 'plan-5')!.revision).toBe(2);
    expect(awaiting('CSA')).toEqual(['plan-5']);
    expect(awaiting('FAMA')).toEqual([]);
    expect(db.prepare("SELECT count(*) FROM instrument_versions WHERE instrument_id = 'plan-5'").pluck().get()).toBe(3);
    // The waits read the view the batch left at each event, not the row written at its end.
    expect(db.prepare("SELECT count(*) FROM step_waits WHERE instrument_id = 'plan-5' AND outcome = 'APPROVED'").pluck().get()).toBe(2);
  });

  it('leaves nothing of a batch that failed, neither in the file nor for the next batch', () => {
    keptAtEachEvent.length = 0;
    expect(() => projector.apply([decided('plan-5', 2, 'CSA', '2019-04-01'), finding('plan-5', '2019-04-02')])).toThrow('refused');
    expect(awaiting('CSA')).toEqual(['plan-5']);
    expect(findInstrument(db, 'plan-5')!.revision).toBe(2);
    projector.apply([proposed('plan-6', '2019-05-01')]);
    expect(keptAtEachEvent).toEqual([0, 1, 0]);
    expect(rowWrites()).toBe(2);
  });
});
