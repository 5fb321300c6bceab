import { rollup } from '@ddr/coordination';
import { seededRandom } from '@ddr/history-generator';
import { addDays } from '@ddr/kernel';
import { generatedReadModel } from '../testing/generated-read-model';
import { streamVisible } from '../visibility/visible';
import { EVERYTHING, type Viewer } from '../visibility/viewer';
import { gradeRollup } from './assessments.queries';

/** Every item in force on the date, with its latest assessment by then read one by one: what the roll-up must agree with. */
const REFERENCE = (viewer: Viewer) => `SELECT items.theme AS key, (SELECT g.grade FROM grades g WHERE g.item_kind = items.kind AND g.item_id = items.id
    AND g.effective_date <= @on ORDER BY g.effective_date DESC, g.revision DESC LIMIT 1) AS grade
  FROM (SELECT 'COMMITMENT' AS kind, id, theme, made_on AS since, NULL AS until FROM commitments
    UNION ALL SELECT 'CONDITION', id, theme, set_on, withdrawn_on FROM conditions
    UNION ALL SELECT 'PROVISION', id, theme, defined_on, NULL FROM provisions) AS items
  WHERE items.since <= @on AND (items.until IS NULL OR items.until > @on) AND ${streamVisible(viewer, "lower(items.kind) || '-' || items.id")}`;

describe('the grades roll-up on a date', () => {
  it('agrees with every item read one by one, for an auditor and for a body that may not read some items', async () => {
    const db = await generatedReadModel(2017, 2_000, true);
    const grades = db.prepare<[], { effective_date: string; until: string | null }>('SELECT effective_date, until FROM grades').all();
    expect(grades.filter((g) => g.until !== null && g.until.slice(0, 7) > g.effective_date.slice(0, 7)).length).toBeGreaterThan(20);
    expect(db.prepare<[], { n: number }>("SELECT count(*) AS n FROM stream_readers WHERE stream_id LIKE 'commitment-%'").get()!.n).toBeGreaterThan(0);
    const rnd = seededRandom(11);
    let graded = 0;
    for (const viewer of [EVERYTHING, { body: 'SCDS', everything: false } as Viewer]) {
      const reference = db.prepare<[{ on: string }], { key: string; grade: number | null }>(REFERENCE(viewer));
      for (let i = 0; i < 60; i++) {
        const grade = rnd.pick(grades);
        for (const on of [addDays(grade.effective_date, -1), grade.effective_date, grade.until ?? grade.effective_date]) {
          const byKey = new Map<string, Array<number | null>>();
          for (const row of reference.all({ on })) (byKey.get(row.key) ?? byKey.set(row.key, []).get(row.key)!).push(row.grade);
          const expected = [...byKey.entries()].map(([key, values]) => ({ key, ...rollup(values) })).sort((a, b) => a.key.localeCompare(b.key));
          const actual = gradeRollup(db, viewer, 'THEME', on).sort((a, b) => a.key.localeCompare(b.key));
          expect(actual).toEqual(expected);
          graded += actual.reduce((n, group) => n + group.graded, 0);
        }
      }
    }
    expect(graded).toBeGreaterThan(1_000);
    db.close();
  });
});
