import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@ddr/event-store';
import { Upcasters } from '@ddr/kernel';
import { openReadModel } from './open-read-model';
import { ProjectionRunner } from './projection-runner';
import { PROJECTIONS } from './projections';
import { Projector } from './projector';
import { rebuildReadModel, type RebuildProgress } from './rebuild';
import { dumpReadModel } from './testing';
import { generateHistory } from '@ddr/history-generator';

/** The latest effective date among the events of `event`'s stream recorded before it. */
const latestBefore = (events: Array<{ stream_id: string; effective_date: string; seq: number }>, event: { stream_id: string; seq: number }) =>
  events
    .filter((e) => e.stream_id === event.stream_id && e.seq < event.seq)
    .map((e) => e.effective_date)
    .sort()
    .at(-1);

describe('a rebuild from position 0', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ddr-rebuild-'));
  const store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), synchronous: 'NORMAL' });
  const upcasters = new Upcasters();
  afterAll(() => store.close());

  it('yields exactly the read model that incremental application built, restarts, late acts and corrections included', async () => {
    const incrementalFile = join(dir, 'incremental.sqlite');
    const start = () => {
      const db = openReadModel(incrementalFile, PROJECTIONS);
      const runner = new ProjectionRunner(store, new Projector(db, PROJECTIONS, upcasters, (a, b) => store.comparePositions(a, b)), { batchSize: 64 });
      return { db, runner };
    };
    let live = start();
    await live.runner.start();
    let appends = 0;
    for (const append of generateHistory({ seed: 2019, commands: 3_000 })) {
      await store.append(append.streamId, append.events);
      // Stop and restart the projection now and then, as a crash and restart would.
      if (++appends % 700 === 0) {
        await live.runner.stop();
        live.db.close();
        live = start();
        await live.runner.start();
      }
    }
    const head = (await store.headPosition())!;
    await live.runner.waitFor(head, 10_000);
    await live.runner.stop();
    const incremental = dumpReadModel(live.db);
    live.db.close();

    const progress: RebuildProgress[] = [];
    const rebuiltFile = join(dir, 'rebuilt.sqlite');
    const checkpoint = await rebuildReadModel(store, rebuiltFile, upcasters, (p) => progress.push(p), 500);
    expect(checkpoint.position).toBe(head);
    expect(progress.length).toBeGreaterThan(1);
    // No earlier read model in this file: the total is unknown, not the count so far.
    expect(progress.every((p) => p.expected === 0)).toBe(true);
    const rebuilt = openReadModel(rebuiltFile, PROJECTIONS);
    expect(dumpReadModel(rebuilt)).toEqual(incremental);
    rebuilt.close();

    // The history is a realistic mix: every projection got rows.
    for (const table of [
      'acts',
      'instruments',
      'instrument_dated',
      'instrument_versions',
      'step_decisions',
      'step_waits',
      'step_wait_months',
      'decided_months',
      'meetings',
      'programmes',
      'programme_changes',
      'commitments',
      'conditions',
      'provisions',
      'grades',
      'grade_months',
      'graded_spans',
      'items_in_force_months',
      'grades_in_force_months',
      'moc_camp_acts',
      'events',
    ]) {
      expect(incremental[table].length).toBeGreaterThan(0);
    }
    // Registrations and training are broken down, so the breakdowns are rebuilt too.
    const measures = new Set((incremental.programme_changes as Array<{ measure: string }>).map((c) => c.measure));
    expect([...measures].filter((m) => m.startsWith('by:')).sort()).toEqual(
      expect.arrayContaining(['by:MOVEMENT:registered', 'by:RANK:registered', 'by:RANK:trained', 'by:REGION:registered']),
    );
    // The MOC's own view counts its camps and patrols from the acts it keeps apart: rebuilt the same.
    const mocActs = (incremental.acts as Array<{ stream_id: string; type: string }>).filter((act) => act.stream_id === 'moc-camps');
    expect(new Set(mocActs.map((act) => act.type))).toEqual(new Set(['MocCampEstablished', 'JointPatrolConducted']));
    const events = incremental.events as Array<{ type: string; stream_id: string; effective_date: string; seq: number }>;
    const types = new Set(events.map((e) => e.type));
    expect(types.size).toBeGreaterThanOrEqual(20);
    // Corrections and acts recorded after later-dated ones on their stream are in it, several of each.
    expect(events.filter((e) => e.type === 'ActCorrected').length).toBeGreaterThan(10);
    const latest = new Map<string, string>();
    let late = 0;
    for (const event of [...events].sort((a, b) => a.seq - b.seq)) {
      if (event.type !== 'ActCorrected' && event.effective_date < (latest.get(event.stream_id) ?? '')) late++;
      if (event.effective_date > (latest.get(event.stream_id) ?? '')) latest.set(event.stream_id, event.effective_date);
    }
    expect(late).toBeGreaterThan(10);
    // Grades among them: several corrected, several recorded after a later-dated grade of the same item.
    const grades = events.filter((e) => e.stream_id.startsWith('grades-'));
    expect(grades.filter((e) => e.type === 'ActCorrected').length).toBeGreaterThan(2);
    expect(grades.filter((e) => e.type === 'ImplementationGraded' && e.effective_date < (latestBefore(grades, e) ?? '')).length).toBeGreaterThan(2);
    // Waits of every kind are in it: decided, still open, and cut short without a decision.
    const waits = incremental.step_waits as Array<{ ended_on: string | null; outcome: string | null }>;
    expect(waits.filter((w) => w.outcome !== null).length).toBeGreaterThan(10);
    expect(waits.filter((w) => w.ended_on === null).length).toBeGreaterThan(10);
    expect(waits.filter((w) => w.ended_on !== null && w.outcome === null).length).toBeGreaterThan(0);
    expect((incremental.step_waits as Array<{ due_date: string | null }>).filter((w) => w.due_date !== null).length).toBeGreaterThan(10);
    // Commitments due after an instrument's adoption: some adopted (the date counted from it), some not yet (the date expected).
    const relative = (incremental.commitments as Array<{ state: string }>).map(
      (c) => JSON.parse(c.state) as { dueAfter: object | null; dueAfterActOn: string | null },
    );
    expect(relative.filter((c) => c.dueAfter && c.dueAfterActOn).length).toBeGreaterThan(0);
    expect(relative.filter((c) => c.dueAfter && !c.dueAfterActOn).length).toBeGreaterThan(0);
  });

  it('leaves the served read model as it was when a rebuild fails part way, and the next starts from an empty scratch file', async () => {
    const file = join(dir, 'served.sqlite');
    const dumpOf = () => {
      const db = openReadModel(file, PROJECTIONS);
      try {
        return dumpReadModel(db);
      } finally {
        db.close();
      }
    };
    await rebuildReadModel(store, file, upcasters, () => undefined, 500);
    const before = dumpOf();
    const stopped = rebuildReadModel(
      store,
      file,
      upcasters,
      ({ applied }) => {
        if (applied >= 1_000) throw new Error('stopped part way');
      },
      500,
    );
    await expect(stopped).rejects.toThrow('stopped part way');
    expect(existsSync(`${file}.rebuild`)).toBe(false);
    expect(dumpOf()).toEqual(before);
    // What a rebuild killed part way leaves (written without a journal): not read, started again.
    writeFileSync(`${file}.rebuild`, 'a scratch file cut short');
    await rebuildReadModel(store, file, upcasters, () => undefined, 500);
    const rebuilt = openReadModel(file, PROJECTIONS);
    expect(rebuilt.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(rebuilt.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(dumpReadModel(rebuilt)).toEqual(before);
    rebuilt.close();
  });
});
