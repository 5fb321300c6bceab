import { GRADED_KINDS, rollup, THEMES, type GradedKind } from '@ddr/coordination';
import { seededRandom } from '@ddr/history-generator';
import { addDays, BODIES } from '@ddr/kernel';
import { openReadModel } from '../open-read-model';
import { PROJECTIONS } from '../projections';
import { generatedReadModel } from '../testing/generated-read-model';
import { streamVisible } from '../visibility/visible';
import { EVERYTHING, type Viewer } from '../visibility/viewer';
import type { ReadModelDb } from '../read-model-db';
import { gradeRollup, ROLLUP_DIMENSIONS, type RollupDimension } from './assessments.queries';

/** Every item in force on the date, with its latest assessment by then read one by one: what the roll-up must agree with. */
const REFERENCE = (viewer: Viewer, by: RollupDimension) => `SELECT items.${by.toLowerCase()} AS key, (SELECT g.grade FROM grades g
    WHERE g.item_kind = items.kind AND g.item_id = items.id AND g.effective_date <= @on ORDER BY g.effective_date DESC, g.revision DESC LIMIT 1) AS grade
  FROM (SELECT 'COMMITMENT' AS kind, id, body, theme, NULL AS chapter, made_on AS since, NULL AS until FROM commitments
    UNION ALL SELECT 'CONDITION', id, body, theme, NULL, set_on, withdrawn_on FROM conditions
    UNION ALL SELECT 'PROVISION', id, NULL, theme, chapter, defined_on, NULL FROM provisions) AS items
  WHERE items.since <= @on AND (items.until IS NULL OR items.until > @on) AND items.${by.toLowerCase()} IS NOT NULL
    AND ${streamVisible(viewer, "lower(items.kind) || '-' || items.id")}`;

/** The roll-up of the reference's rows, in key order. */
function expectedRollup(db: ReadModelDb, viewer: Viewer, by: RollupDimension, on: string) {
  const byKey = new Map<string, Array<number | null>>();
  for (const row of db.prepare<[{ on: string }], { key: string; grade: number | null }>(REFERENCE(viewer, by)).all({ on }))
    (byKey.get(row.key) ?? byKey.set(row.key, []).get(row.key)!).push(row.grade);
  return [...byKey.entries()].map(([key, values]) => ({ key, ...rollup(values) })).sort((a, b) => a.key.localeCompare(b.key));
}

const actualRollup = (db: ReadModelDb, viewer: Viewer, by: RollupDimension, on: string) =>
  gradeRollup(db, viewer, by, on).sort((a, b) => a.key.localeCompare(b.key));

const SCDS = { body: 'SCDS', everything: false } as Viewer;

describe('the grades roll-up on a date', () => {
  it('agrees with every item read one by one, for an auditor and for a body that may not read some items', async () => {
    const db = await generatedReadModel(2017, 2_000, true);
    const grades = db.prepare<[], { effective_date: string; until: string | null }>('SELECT effective_date, until FROM grades').all();
    expect(grades.filter((g) => g.until !== null && g.until.slice(0, 7) > g.effective_date.slice(0, 7)).length).toBeGreaterThan(20);
    expect(db.prepare<[], { n: number }>("SELECT count(*) AS n FROM stream_readers WHERE stream_id LIKE 'commitment-%'").get()!.n).toBeGreaterThan(0);
    const rnd = seededRandom(11);
    let graded = 0;
    for (const viewer of [EVERYTHING, SCDS]) {
      for (let i = 0; i < 60; i++) {
        const grade = rnd.pick(grades);
        // The day before, the day of and the day a grade ends, and a day inside its month: read from the month's changes.
        const within = addDays(grade.effective_date, rnd.int(28) - 14);
        for (const on of [addDays(grade.effective_date, -1), grade.effective_date, grade.until ?? grade.effective_date, within]) {
          for (const by of ROLLUP_DIMENSIONS) {
            const actual = actualRollup(db, viewer, by, on);
            expect(actual).toEqual(expectedRollup(db, viewer, by, on));
            graded += actual.reduce((n, group) => n + group.graded, 0);
          }
        }
      }
    }
    expect(graded).toBeGreaterThan(1_000);
    db.close();
  });

  it('keeps its counts right through every write the tables may see: moved dates, withdrawals, deletions, grades placed again', () => {
    const db = openReadModel(':memory:', PROJECTIONS);
    const rnd = seededRandom(5);
    const day = () => addDays('2020-01-01', rnd.int(730));
    const later = (from: string) => addDays(from, rnd.int(120) - 20);
    const theme = () => (rnd.int(8) === 0 ? null : rnd.pick(THEMES));
    const id = (kind: GradedKind) => `${kind[0]}${rnd.int(40)}`;
    const write = {
      COMMITMENT: (itemId: string) =>
        db
          .prepare(
            `INSERT INTO commitments (id, body, due_date, made_on, seq, state, theme) VALUES (?, ?, '2030-01-01', ?, 0, '{}', ?)
             ON CONFLICT (id) DO UPDATE SET made_on = excluded.made_on, theme = excluded.theme`,
          )
          .run(itemId, rnd.pick(BODIES), day(), theme()),
      CONDITION: (itemId: string) => {
        const setOn = day();
        db.prepare(
          `INSERT INTO conditions (id, body, set_on, withdrawn_on, seq, state, theme) VALUES (?, ?, ?, ?, 0, '{}', ?)
           ON CONFLICT (id) DO UPDATE SET set_on = excluded.set_on, withdrawn_on = excluded.withdrawn_on, theme = excluded.theme`,
        ).run(itemId, rnd.pick(BODIES), setOn, rnd.int(2) ? later(setOn) : null, theme());
      },
      PROVISION: (itemId: string) =>
        db
          .prepare(
            `INSERT INTO provisions (id, instrument_id, chapter, theme, defined_on, seq, state) VALUES (?, 'i', ?, ?, ?, 0, '{}')
             ON CONFLICT (id) DO UPDATE SET chapter = excluded.chapter, theme = excluded.theme, defined_on = excluded.defined_on`,
          )
          .run(itemId, rnd.pick(['II', 'IV', 'VI']), rnd.pick(THEMES), day()),
    };
    // As the assessments projection does: an item's grades placed again, each until the next one's date, only the changed
    // rows written. Mostly a new assessment; now and then a grade corrected, or every assessment gone.
    const grade = (kind: GradedKind, itemId: string) => {
      const before = db
        .prepare<[string, string], { on: string; grade: number }>(
          'SELECT effective_date AS "on", grade FROM grades WHERE item_kind = ? AND item_id = ? ORDER BY revision',
        )
        .all(kind, itemId);
      const corrected = before.map((g) => ({ ...g, grade: rnd.int(4) ? g.grade : rnd.int(4) }));
      const placed = (rnd.int(6) ? [...corrected, { on: later(before.at(-1)?.on ?? day()), grade: rnd.int(4) }] : [])
        .map((g, revision) => ({ ...g, revision }))
        .sort((a, b) => a.on.localeCompare(b.on) || a.revision - b.revision);
      db.prepare(
        'DELETE FROM grades WHERE item_kind = ? AND item_id = ? AND (effective_date, revision) NOT IN (SELECT value ->> 0, value ->> 1 FROM json_each(?))',
      ).run(kind, itemId, JSON.stringify(placed.map((g) => [g.on, g.revision])));
      placed.forEach((g, i) =>
        db
          .prepare(
            `INSERT INTO grades (item_kind, item_id, effective_date, revision, grade, assessor, state, until) VALUES (?, ?, ?, ?, ?, 'CTS', '{}', ?)
             ON CONFLICT (item_kind, item_id, effective_date, revision) DO UPDATE SET grade = excluded.grade, until = excluded.until
             WHERE grade IS NOT excluded.grade OR until IS NOT excluded.until`,
          )
          .run(kind, itemId, g.on, g.revision, g.grade, placed[i + 1]?.on ?? null),
      );
    };
    for (let i = 0; i < 3_000; i++) {
      const kind = rnd.pick(GRADED_KINDS);
      const itemId = id(kind);
      const roll = rnd.int(10);
      if (roll < 4) write[kind](itemId);
      else if (roll < 9) grade(kind, itemId);
      else db.prepare(`DELETE FROM ${kind.toLowerCase()}s WHERE id = ?`).run(itemId);
    }
    // Some items restricted to SCDS, some to others only.
    for (let i = 0; i < 30; i++) {
      const kind = rnd.pick(GRADED_KINDS);
      db.prepare('INSERT OR IGNORE INTO stream_readers (stream_id, body) VALUES (?, ?)').run(`${kind.toLowerCase()}-${id(kind)}`, rnd.pick(['SCDS', 'CTS']));
    }
    expect(db.prepare<[], { n: number }>('SELECT count(*) AS n FROM conditions WHERE withdrawn_on IS NOT NULL').get()!.n).toBeGreaterThan(5);
    for (let i = 0; i < 150; i++) {
      const on = i % 3 ? day() : `${day().slice(0, 7)}-01`;
      for (const viewer of [EVERYTHING, SCDS])
        for (const by of ROLLUP_DIMENSIONS) expect([by, on, actualRollup(db, viewer, by, on)]).toEqual([by, on, expectedRollup(db, viewer, by, on)]);
    }
    db.close();
  });
});
