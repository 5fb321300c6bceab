import { randomUUID } from 'node:crypto';
import { commitmentStream, conditionStream, gradesStream, provisionStream } from '@ddr/coordination';
import type { RecordedEvent } from '@ddr/event-store';
import { NO_SOURCE, sourceOf, Upcasters, type JsonObject } from '@ddr/kernel';
import { openReadModel } from '../open-read-model';
import { PROJECTIONS } from '../projections';
import { Projector } from '../projector';
import { EVERYTHING } from '../visibility/viewer';
import { assessmentsOf, gradeOn, gradeRollup, gradeTrend } from './assessments.queries';

/** The brief's registration and MOC commitments, a condition set then withdrawn, a provision, and their grades. */
function readModelOf(...acts: Array<[string, string, JsonObject, string?]>) {
  const db = openReadModel(':memory:', PROJECTIONS);
  const projector = new Projector(db, PROJECTIONS, new Upcasters(), (a, b) => Number(a) - Number(b));
  const revisions = new Map<string, number>();
  const events: RecordedEvent[] = acts.map(([streamId, type, data, body = 'CSA'], i) => {
    const revision = revisions.get(streamId) ?? 0;
    revisions.set(streamId, revision + 1);
    return { id: randomUUID(), type, data, metadata: { body }, streamId, revision, position: String(i + 1), committedAt: '2020-01-01T00:00:00.000Z' };
  });
  projector.apply(events);
  return db;
}

const commitment = (id: string, body: string, theme: string, effectiveDate: string): [string, string, JsonObject, string] => [
  commitmentStream(id),
  'CommitmentMade',
  { commitmentId: id, body, description: id, dueDate: '2019-12-31', instrumentId: null, theme, source: NO_SOURCE, recordedBy: 'CSA', effectiveDate },
  'CSA',
];
const graded = (item: string, itemId: string, assessor: string, grade: number, effectiveDate: string, by = assessor): [string, string, JsonObject, string] => [
  gradesStream(item as 'COMMITMENT', itemId),
  'ImplementationGraded',
  { item, itemId, assessor, grade, finding: `graded ${grade}`, source: sourceOf('report'), effectiveDate },
  by,
];

describe('grades in the read model', () => {
  const db = readModelOf(
    commitment('registration-closes-2018', 'CNDDR', 'DDR', '2018-03-01'),
    commitment('cma-heavy-weapons-to-moc', 'CMA', 'MOC', '2016-07-01'),
    [
      conditionStream('ssr'),
      'ConditionSet',
      {
        conditionId: 'ssr',
        body: 'CSA',
        title: 't',
        subject: 's',
        requires: [],
        recommendation: false,
        theme: 'SECURITY_SECTOR_REFORM',
        source: NO_SOURCE,
        effectiveDate: '2019-10-09',
      },
    ],
    [conditionStream('ssr'), 'ConditionWithdrawn', { conditionId: 'ssr', reason: 'met otherwise', source: NO_SOURCE, effectiveDate: '2019-12-01' }],
    [
      provisionStream('moc-secures-cantonment'),
      'ProvisionDefined',
      {
        provisionId: 'moc-secures-cantonment',
        instrumentId: 'a',
        chapter: 'MOC',
        article: null,
        title: 'MOC',
        theme: 'MOC',
        source: NO_SOURCE,
        effectiveDate: '2015-01-01',
      },
    ],
    graded('COMMITMENT', 'registration-closes-2018', 'CNDDR', 2, '2019-09-02'),
    // Recorded after the CNDDR's, dated before it: it takes its place by its date.
    graded('COMMITMENT', 'registration-closes-2018', 'INDEPENDENT_OBSERVER', 1, '2019-04-01', 'CSA'),
    graded('PROVISION', 'moc-secures-cantonment', 'CSA', 0, '2019-10-09'),
    graded('CONDITION', 'ssr', 'CSA', 3, '2019-10-10'),
  );
  afterAll(() => db.close());

  it("an item's history is in effective-date order, and its grade on a date is its latest by then", () => {
    expect(assessmentsOf(db, 'COMMITMENT', 'registration-closes-2018', '2019-12-31').map((a) => [a.assessor, a.grade, a.revision, a.recordedBy])).toEqual([
      ['INDEPENDENT_OBSERVER', 1, 1, 'CSA'],
      ['CNDDR', 2, 0, 'CNDDR'],
    ]);
    expect(gradeOn(db, 'COMMITMENT', 'registration-closes-2018', '2019-03-31')).toBeNull();
    expect(gradeOn(db, 'COMMITMENT', 'registration-closes-2018', '2019-06-01')).toBe(1);
    expect(gradeOn(db, 'COMMITMENT', 'registration-closes-2018', '2019-09-02')).toBe(2);
    expect(gradeOn(db, 'COMMITMENT', 'registration-closes-2018', '2019-12-31', 'INDEPENDENT_OBSERVER')).toBe(1);
  });

  it('by theme: ungraded items counted apart, the mean over the graded; a withdrawn condition no longer counts', () => {
    expect(gradeRollup(db, EVERYTHING, 'THEME', '2019-10-20')).toEqual([
      { key: 'DDR', items: 1, graded: 1, ungraded: 0, atLevel: [0, 0, 1, 0], meanGrade: 2 },
      { key: 'SECURITY_SECTOR_REFORM', items: 1, graded: 1, ungraded: 0, atLevel: [0, 0, 0, 1], meanGrade: 3 },
      { key: 'MOC', items: 2, graded: 1, ungraded: 1, atLevel: [1, 0, 0, 0], meanGrade: 0 },
    ]);
    expect(gradeRollup(db, EVERYTHING, 'THEME', '2019-12-31').map((group) => group.key)).toEqual(['DDR', 'MOC']);
  });

  it('by body leaves provisions out, by chapter counts them only; one assessor only when asked', () => {
    expect(gradeRollup(db, EVERYTHING, 'BODY', '2019-10-20').map(({ key, items }) => [key, items])).toEqual([
      ['CNDDR', 1],
      ['CSA', 1],
      ['CMA', 1],
    ]);
    expect(gradeRollup(db, EVERYTHING, 'CHAPTER', '2019-10-20')).toEqual([
      { key: 'MOC', items: 1, graded: 1, ungraded: 0, atLevel: [1, 0, 0, 0], meanGrade: 0 },
    ]);
    expect(gradeRollup(db, EVERYTHING, 'THEME', '2019-10-20', { assessor: 'INDEPENDENT_OBSERVER' })[0]).toMatchObject({ key: 'DDR', meanGrade: 1 });
  });

  it('the trend gives each group then and now, and the change of its mean', () => {
    const ddr = gradeTrend(db, EVERYTHING, 'THEME', '2019-06-01', '2019-09-30').find((group) => group.key === 'DDR');
    expect(ddr).toMatchObject({ then: { meanGrade: 1 }, now: { meanGrade: 2 }, change: 1 });
    expect(gradeTrend(db, EVERYTHING, 'THEME', '2019-06-01', '2019-09-30').find((group) => group.key === 'MOC')).toMatchObject({ change: null });
  });
});
