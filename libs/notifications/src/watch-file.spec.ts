import { COORDINATING_BODIES, type Body, type CalendarDate } from '@ddr/kernel';
import { generateHistory } from '@ddr/history-generator';
import { digestContent } from './digest-content';
import type { LoggedFact } from './logged-fact';
import type { Notice } from './notification-kinds';
import { Watch, awaitingBodies, type WatchedChronicle, type WatchedFile } from './watch';

/** The generated history as the notifier reads it: every event of every watched stream, in order. */
const facts: LoggedFact[] = [...generateHistory({ seed: 11, commands: 400 })].flatMap(({ streamId, events }) =>
  events.map((event, i) => {
    const { effectiveDate, body } = event.metadata as { effectiveDate: CalendarDate; body?: Body };
    return { id: event.id, type: event.type, streamId, position: `${streamId}/${i}`, data: event.data, effectiveDate, recordedBy: body ?? null };
  }),
);

/** A file as notifications.sqlite keeps it: chronicles as JSON, read back anew each time. */
function fileOf(capacity: number): WatchedFile & { save: (changed: Array<[string, WatchedChronicle]>) => void } {
  const rows = new Map<string, string>();
  const read = (streamId: string) => (rows.has(streamId) ? (JSON.parse(rows.get(streamId)!) as WatchedChronicle) : undefined);
  return {
    capacity,
    chronicle: read,
    awaiting: (body) => [...rows.keys()].filter((streamId) => awaitingBodies(streamId, read(streamId)!).includes(body)).sort(),
    save: (changed) => changed.forEach(([streamId, chronicle]) => rows.set(streamId, JSON.stringify(chronicle))),
  };
}

/**
 * What a watch tells of the history, what it gives its file (in batches of five facts, as the notifier
 * saves a batch of the log), and what the calendar and the digests then say.
 */
function told(watch: Watch, save: (changed: Array<[string, WatchedChronicle]>) => void = () => {}) {
  const notices: Notice[] = [];
  const changed: Array<Array<[string, WatchedChronicle]>> = [];
  let held = 0;
  facts.forEach((fact, i) => {
    notices.push(...watch.tell(fact));
    if (i % 5 < 4 && i < facts.length - 1) return;
    const saved = watch.changed();
    save(saved);
    changed.push(JSON.parse(JSON.stringify(saved)));
    held = Math.max(held, watch.heldChronicles);
  });
  const calendar = ['2016-06-01', '2018-01-01', '2030-01-01'].map((today) => watch.deadlines(today, 7));
  const digests = COORDINATING_BODIES.map((body) => digestContent(watch, { body, language: 'EN', period: '2030-01-01' }, '2030-01-01', []));
  return { notices, changed, held, calendar, digests };
}

describe('a watch that holds two chronicles and reads the others from its file', () => {
  it('tells, stores, finds due and digests what a watch holding every chronicle does, over a generated history', () => {
    const streams = new Set(facts.map((f) => f.streamId.replace(/-.*/, '')));
    expect([...streams]).toEqual(expect.arrayContaining(['instrument', 'commitment', 'condition', 'programme']));
    expect(new Set(facts.filter((f) => f.type === 'InstrumentProposed').map((f) => f.streamId)).size).toBeGreaterThanOrEqual(10);

    const file = fileOf(2);
    const bounded = told(new Watch(COORDINATING_BODIES, file), file.save);
    const unbounded = told(new Watch(COORDINATING_BODIES));

    expect(bounded.held).toBe(2);
    expect(unbounded.held).toBeGreaterThan(50);
    expect(new Set(bounded.notices.map((n) => n.kind))).toEqual(
      new Set(['STEP_AWAITED', 'CONDITION_MET', 'CONDITION_UNMET', 'COMMITMENT_GRADED', 'CONDITION_GRADED']),
    );
    expect(bounded.notices).toEqual(unbounded.notices);
    expect(bounded.changed).toEqual(unbounded.changed);
    expect(new Set(bounded.calendar.flat().map((n) => n.kind))).toEqual(new Set(['COMMITMENT_OVERDUE', 'STEP_OVERDUE', 'STEP_DEADLINE_NEAR']));
    expect(bounded.calendar).toEqual(unbounded.calendar);
    expect(bounded.digests.flatMap((d) => d.awaiting).length).toBeGreaterThan(0);
    expect(bounded.digests).toEqual(unbounded.digests);
  });
});
