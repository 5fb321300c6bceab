import { randomUUID } from 'node:crypto';
import { gradesStream, type GradedKind } from '@ddr/coordination';
import { monthsFrom, sourceOf, Upcasters } from '@ddr/kernel';
import { openReadModel } from '../open-read-model';
import { PROJECTIONS } from '../projections';
import { Projector } from '../projector';
import { generatedReadModel } from '../testing/generated-read-model';

interface Grade {
  item_kind: GradedKind;
  item_id: string;
  effective_date: string;
  revision: number;
  grade: number;
  until: string | null;
}

describe("an item's grades, written only where an assessment changed them", () => {
  it('are still one row per assessment, each until the next, and each superseded one in exactly the months it was the grade', async () => {
    const db = await generatedReadModel(2018, 2_000);
    const grades = db.prepare<[], Grade>('SELECT * FROM grades ORDER BY item_kind, item_id, effective_date, revision').all();
    const byItem = new Map<string, Grade[]>();
    for (const grade of grades)
      (
        byItem.get(gradesStream(grade.item_kind, grade.item_id)) ??
        byItem.set(gradesStream(grade.item_kind, grade.item_id), []).get(gradesStream(grade.item_kind, grade.item_id))!
      ).push(grade);
    // As many rows as the item's stream has assessments: a correction moves a row, it leaves none behind.
    const assessed = db
      .prepare<[], { stream_id: string; n: number }>("SELECT stream_id, count(*) AS n FROM events WHERE type = 'ImplementationGraded' GROUP BY stream_id")
      .all();
    expect(new Map([...byItem].map(([stream, rows]) => [stream, rows.length]))).toEqual(new Map(assessed.map((row) => [row.stream_id, row.n])));
    const corrected = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM events WHERE type = 'ActCorrected' AND stream_id LIKE 'grades-%'").get()!.n;
    expect(corrected).toBeGreaterThan(2);
    for (const rows of byItem.values()) expect(rows.map((row) => row.until)).toEqual([...rows.slice(1).map((row) => row.effective_date), null]);

    const months = db
      .prepare<[], { key: string }>(
        "SELECT item_kind || ' ' || item_id || ' ' || effective_date || ' ' || month || ' ' || grade AS key FROM grade_months ORDER BY 1",
      )
      .all()
      .map((row) => row.key);
    const spanned = grades.flatMap((g) =>
      g.until === null || g.until === g.effective_date
        ? []
        : monthsFrom(g.effective_date, g.until).map((month) => `${g.item_kind} ${g.item_id} ${g.effective_date} ${month} ${g.grade}`),
    );
    expect(months).toEqual(spanned.sort());
    db.close();
  });

  it('follow a grade corrected to another day: its row moves, the one it left is gone, and the months are those of the new order', () => {
    const db = openReadModel(':memory:', PROJECTIONS);
    const projector = new Projector(db, PROJECTIONS, new Upcasters(), (a, b) => Number(a) - Number(b));
    const stream = gradesStream('COMMITMENT', 'registration-closes-2018');
    let revision = 0;
    const act = (type: string, data: object) => ({
      id: randomUUID(),
      type,
      data: { item: 'COMMITMENT', itemId: 'registration-closes-2018', ...data },
      metadata: { body: 'CSA' },
      streamId: stream,
      revision,
      position: String(++revision),
      committedAt: '2020-01-01T00:00:00.000Z',
    });
    const graded = (grade: number, effectiveDate: string) =>
      act('ImplementationGraded', { assessor: 'CSA', grade, finding: 'f', source: sourceOf('report'), effectiveDate });
    projector.apply([graded(1, '2019-01-15'), graded(2, '2019-03-10')]);
    // In its own batch, as a secretariat would record it later: the first grade was given on 2019-05-20, not 2019-01-15.
    projector.apply([
      act('ActCorrected', {
        revision: 0,
        reason: 'the report is dated later',
        changes: { effectiveDate: '2019-05-20' },
        previous: { effectiveDate: '2019-01-15' },
      }),
    ]);
    const rows = db.prepare('SELECT effective_date, revision, grade, until FROM grades ORDER BY effective_date').all();
    expect(rows).toEqual([
      { effective_date: '2019-03-10', revision: 1, grade: 2, until: '2019-05-20' },
      { effective_date: '2019-05-20', revision: 0, grade: 1, until: null },
    ]);
    const months = db.prepare("SELECT month || ' ' || effective_date || ' ' || grade FROM grade_months ORDER BY 1").pluck().all();
    expect(months).toEqual(['2019-03 2019-03-10 2', '2019-04 2019-03-10 2', '2019-05 2019-03-10 2']);
    db.close();
  });
});
