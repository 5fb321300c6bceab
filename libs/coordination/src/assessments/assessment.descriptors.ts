import { reject, type CalendarDate } from '@ddr/kernel';
import { CommandRejectedError, type DecisionRunner } from '@ddr/decision-runner';
import { correctionCommand, describeCommand, sourceFrom } from '@ddr/desks';
import { commitmentDecider } from '../commitments/commitment.decider';
import { commitmentStream } from '../commitments/commitment.events';
import { conditionDecider } from '../conditions/condition.decider';
import { conditionStream } from '../conditions/condition.events';
import { instrumentDecider } from '../instruments/instrument.decider';
import { instrumentStream } from '../instruments/instrument.events';
import { assessmentDecider } from './assessment.decider';
import { gradesStream, type GradedKind } from './assessment.events';
import { CorrectGradeInput, DefineProvisionInput, GradeImplementationInput } from './assessment.inputs';
import { provisionDecider } from './provision.decider';
import { provisionStream } from './provision.events';

/** The day a graded item came to be (a commitment made, a condition set, a provision defined), or null when there is none. */
async function itemSince(item: GradedKind, itemId: string, runner: DecisionRunner): Promise<CalendarDate | null> {
  switch (item) {
    case 'COMMITMENT':
      return (await runner.load(commitmentDecider, commitmentStream(itemId))).state.state?.madeOn ?? null;
    case 'CONDITION':
      return (await runner.load(conditionDecider, conditionStream(itemId))).state.state?.setOn ?? null;
    case 'PROVISION':
      return (await runner.load(provisionDecider, provisionStream(itemId))).state?.definedOn ?? null;
  }
}

export const gradeImplementation = describeCommand({
  name: 'gradeImplementation',
  description:
    "How far a commitment, condition or provision of the Agreement is implemented, on the Peace Accords Matrix's scale (0 not started to 3 complete): a body's assessment, or an outside actor's (the Independent Observer's) recorded by the CSA with a source.",
  issuedBy: 'EVERY_SECRETARIAT',
  input: GradeImplementationInput,
  decider: assessmentDecider,
  stream: (input) => gradesStream(input.item, input.itemId),
  example: (body, n) => ({ item: 'COMMITMENT', itemId: `example-${n}`, assessor: body, grade: 1, finding: 'started', effectiveDate: '2019-06-01' }),
  command: (i, by) => ({
    type: 'GradeImplementation' as const,
    by,
    item: i.item,
    itemId: i.itemId,
    assessor: i.assessor,
    grade: i.grade,
    finding: i.finding,
    source: sourceFrom(i),
    effectiveDate: i.effectiveDate,
  }),
  // The item is another aggregate's: it must exist, and have existed on the day it is graded for.
  requires: async (input, runner) => {
    const since = await itemSince(input.item, input.itemId, runner);
    if (since === null) throw new CommandRejectedError(reject('NOT_FOUND', `no ${input.item.toLowerCase()} ${input.itemId} to grade`));
    if (input.effectiveDate < since) {
      throw new CommandRejectedError(reject('BAD_USER_INPUT', `${input.itemId} did not exist on ${input.effectiveDate} (since ${since})`));
    }
  },
});

export const correctGrade = correctionCommand({
  name: 'correctGrade',
  what: 'the assessments of an item',
  issuedBy: 'EVERY_SECRETARIAT',
  input: CorrectGradeInput,
  decider: assessmentDecider,
  stream: (input) => gradesStream(input.item, input.itemId),
  subject: (input) => ({ item: input.item, itemId: input.itemId }),
  example: (_, n) => ({
    item: 'COMMITMENT',
    itemId: `example-${n}`,
    revision: 0,
    reason: 'the report grades it otherwise',
    figures: [{ name: 'grade', value: 2 }],
  }),
});

/** The CSA, which monitors the Agreement, records what its provisions are. */
export const defineProvision = describeCommand({
  name: 'defineProvision',
  description: 'A provision of an agreement whose implementation is graded (the Agreement for Peace and Reconciliation: cantonment, DDR, the MOC ...).',
  issuedBy: ['CSA'],
  input: DefineProvisionInput,
  decider: provisionDecider,
  stream: (input) => provisionStream(input.provisionId),
  example: (_, n) => ({
    provisionId: `example-${n}`,
    instrumentId: 'algiers-agreement-2015',
    chapter: 'Defence and security',
    title: 'a provision',
    theme: 'DDR',
    effectiveDate: '2015-01-01',
  }),
  command: (i, by) => ({
    type: 'DefineProvision' as const,
    by,
    provisionId: i.provisionId,
    instrumentId: i.instrumentId,
    chapter: i.chapter,
    article: i.article ?? null,
    title: i.title,
    theme: i.theme,
    source: sourceFrom(i),
    effectiveDate: i.effectiveDate,
  }),
  requires: async (input, runner) => {
    const { state } = await runner.load(instrumentDecider, instrumentStream(input.instrumentId));
    if (!state.state) throw new CommandRejectedError(reject('NOT_FOUND', `no agreement ${input.instrumentId} to define a provision of`));
  },
});

export const ASSESSMENT_COMMANDS = [defineProvision, gradeImplementation, correctGrade];
