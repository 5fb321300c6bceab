import { chronicled, recordingProblem, reject, type Decision, type Rejection } from '@ddr/kernel';
import type { AssessmentCommand } from './assessment.commands';
import { GRADES, type AssessmentEvent } from './assessment.events';
import type { Assessments } from './assessment.state';

/** The body whose secretariat records outside actors' assessments: the CSA, which monitors the Agreement. */
export const OUTSIDE_ASSESSMENTS_RECORDED_BY = 'CSA';

const gradeProblem = (grade: number): Rejection | undefined =>
  (GRADES as readonly number[]).includes(grade) ? undefined : reject('BAD_USER_INPUT', `grade ${grade} is not on the scale 0 (not started) to 3 (complete)`);

export function decideAssessment(command: AssessmentCommand, _onItsDate: Assessments | null): Decision<AssessmentEvent> {
  const { by, item, itemId, assessor, grade, finding, source, effectiveDate } = command;
  const problem = gradeProblem(grade) ?? recordingProblem(assessor, by, OUTSIDE_ASSESSMENTS_RECORDED_BY, source, `the assessments of ${itemId}`);
  return problem ?? [{ type: 'ImplementationGraded', data: { item, itemId, assessor, grade, finding, source, effectiveDate } }];
}

export function evolveAssessments(state: Assessments | null, event: AssessmentEvent): Assessments {
  const { item, itemId, assessor, grade, finding, source, effectiveDate } = event.data;
  return { item, itemId, history: [...(state?.history ?? []), { assessor, grade, finding, source, effectiveDate }] };
}

/** At its place, a grade is on the scale (a correction may change it) and its assessor's only one that day. */
function checkPlace(before: Assessments | null, event: AssessmentEvent): Rejection | undefined {
  const { assessor, effectiveDate, grade, itemId } = event.data;
  const twice = before?.history.some((earlier) => earlier.assessor === assessor && earlier.effectiveDate === effectiveDate);
  return gradeProblem(grade) ?? (twice ? reject('CONFLICT', `${assessor} already graded ${itemId} on ${effectiveDate}: correct that assessment`) : undefined);
}

export const assessmentDecider = chronicled<AssessmentCommand, AssessmentEvent, Assessments | null>({
  initialState: () => null,
  decide: decideAssessment,
  evolve: evolveAssessments,
  check: checkPlace,
  figures: { ImplementationGraded: ['grade'] },
});
