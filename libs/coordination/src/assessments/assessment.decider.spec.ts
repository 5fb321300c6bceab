import { sourceOf, type CorrectAct } from '@ddr/kernel';
import { given, recorded } from '@ddr/kernel/testing';
import type { AssessmentCommand } from './assessment.commands';
import { assessmentDecider } from './assessment.decider';

// The March 2018 road map's registration, due to close in April 2018: still open in April 2019 (Carter Center), and by
// September 2019 1,840 registered in the ADDR-I pilot. The grades are a reader's, on the Peace Accords Matrix's scale.
const carterCenter = sourceOf('Carter Center 2019, cited by the brief', { datePrecision: 'MONTH' });
const observerGrade: AssessmentCommand = {
  type: 'GradeImplementation',
  by: 'CSA',
  item: 'COMMITMENT',
  itemId: 'registration-closes-2018',
  assessor: 'INDEPENDENT_OBSERVER',
  grade: 1,
  finding: 'Registration still ongoing a year after it was due to close',
  source: carterCenter,
  effectiveDate: '2019-04-01',
};
const cnddrGrade: AssessmentCommand = {
  ...observerGrade,
  by: 'CNDDR',
  assessor: 'CNDDR',
  grade: 2,
  finding: '1,840 registered in the ADDR-I pilot; registration not closed',
  source: sourceOf('Brief: 1,006 out of 1,840'),
  effectiveDate: '2019-09-02',
};
const history = (...commands: AssessmentCommand[]) => recorded(assessmentDecider, commands);
const grades = (events: ReturnType<typeof history>) => given(assessmentDecider, events).state.state?.history.map((a) => [a.assessor, a.grade, a.effectiveDate]);

describe('grading how far an item is implemented', () => {
  it('given the Observer graded it, when the CNDDR grades it, then both assessments are kept in date order', () => {
    expect(grades(history(observerGrade, cnddrGrade))).toEqual([
      ['INDEPENDENT_OBSERVER', 1, '2019-04-01'],
      ['CNDDR', 2, '2019-09-02'],
    ]);
  });

  it('a grade recorded late takes its place by its effective date', () => {
    expect(grades(history(cnddrGrade, observerGrade))).toEqual([
      ['INDEPENDENT_OBSERVER', 1, '2019-04-01'],
      ['CNDDR', 2, '2019-09-02'],
    ]);
  });

  it("the Observer's grade is recorded by the CSA secretariat, with a source", () => {
    given(assessmentDecider)
      .when({ ...observerGrade, by: 'CNDDR' })
      .rejects('FORBIDDEN', /CSA/);
    given(assessmentDecider)
      .when({ ...observerGrade, source: sourceOf(null) })
      .rejects('BAD_USER_INPUT', /source/);
  });

  it("a body grades through its own secretariat only, and only on the scale's four levels", () => {
    given(assessmentDecider)
      .when({ ...cnddrGrade, by: 'CTS' })
      .rejects('FORBIDDEN');
    given(assessmentDecider)
      .when({ ...cnddrGrade, grade: 4 })
      .rejects('BAD_USER_INPUT', /scale/);
    given(assessmentDecider)
      .when({ ...cnddrGrade, grade: -1 })
      .rejects('BAD_USER_INPUT', /scale/);
  });

  it('an assessor grades an item once a day: a second grade that day is a correction', () => {
    given(assessmentDecider, history(cnddrGrade))
      .when(cnddrGrade)
      .rejects('CONFLICT', /correct/);
  });

  it('the recording secretariat corrects a grade; the original stays and a grade off the scale is refused', () => {
    const correct = (change: Partial<CorrectAct>): CorrectAct => ({
      type: 'CorrectAct',
      by: 'CNDDR',
      subject: { item: 'COMMITMENT', itemId: 'registration-closes-2018' },
      revision: 1,
      reason: 'the CNDDR graded intermediate on 2 September',
      effectiveDate: null,
      source: null,
      note: null,
      figures: null,
      ...change,
    });
    const past = history(observerGrade, cnddrGrade);
    const corrected = given(assessmentDecider, past).when(correct({ figures: { grade: 3 } })).decision;
    expect(corrected).toEqual([
      expect.objectContaining({ type: 'ActCorrected', data: expect.objectContaining({ changes: { grade: 3 }, previous: { grade: 2 } }) }),
    ]);
    given(assessmentDecider, past)
      .when(correct({ figures: { grade: 7 } }))
      .rejects('BAD_USER_INPUT', /scale/);
    given(assessmentDecider, past)
      .when(correct({ by: 'CSA', figures: { grade: 3 } }))
      .rejects('FORBIDDEN');
  });
});
