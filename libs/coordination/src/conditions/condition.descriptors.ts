import { reject } from '@ddr/kernel';
import { CommandRejectedError } from '@ddr/decision-runner';
import { aggregateCommands, sourceFrom } from '@ddr/desks';
import { themeOfWords } from '../assessments/theme.state';
import { dueAfterFrom } from '../instruments/instrument.inputs';
import { conditionDecider } from './condition.decider';
import { conditionStream, type Requirement } from './condition.events';
import { SetConditionInput, WithdrawConditionInput, type ConditionActInput, type RequirementInput } from './condition.inputs';

function requirement(input: RequirementInput): Requirement {
  const need = <T>(value: T | null | undefined, field: string): T => {
    if (value === null || value === undefined) {
      throw new CommandRejectedError(reject('BAD_USER_INPUT', `a ${input.kind} requirement needs ${field}`));
    }
    return value;
  };
  switch (input.kind) {
    case 'INSTRUMENT_STEP_APPROVED':
      return { kind: input.kind, instrumentId: need(input.instrumentId, 'instrumentId'), body: need(input.body, 'body'), action: need(input.action, 'action') };
    case 'INSTRUMENT_STATUS':
      return { kind: input.kind, instrumentId: need(input.instrumentId, 'instrumentId'), status: need(input.status, 'status') };
    case 'COMMITMENT_FULFILLED':
      return { kind: input.kind, commitmentId: need(input.commitmentId, 'commitmentId') };
    case 'PROGRAMME_COUNT':
      return {
        kind: input.kind,
        programme: need(input.programme, 'programme'),
        measure: need(input.measure, 'measure'),
        atLeast: need(input.atLeast, 'atLeast'),
      };
  }
}

/** Every secretariat sets conditions; the decider says who may withdraw one. */
const conditionCommand = aggregateCommands({
  decider: conditionDecider,
  stream: (input: ConditionActInput) => conditionStream(input.conditionId),
  issuedBy: 'EVERY_SECRETARIAT',
});

export const setCondition = conditionCommand({
  name: 'setCondition',
  description: 'A body sets a rule "X requires Y".',
  input: SetConditionInput,
  example: (_, n) => ({
    conditionId: `example-${n}`,
    title: 'A rule',
    subject: 'what it holds back',
    requires: [{ kind: 'COMMITMENT_FULFILLED', commitmentId: 'c' }],
    effectiveDate: '2019-10-09',
  }),
  command: (i, by) => ({
    type: 'SetCondition' as const,
    by,
    conditionId: i.conditionId,
    title: i.title,
    subject: i.subject,
    requires: i.requires.map(requirement),
    recommendation: i.recommendation === true,
    theme: i.theme ?? themeOfWords(i.title, i.subject),
    dueDate: i.dueDate ?? undefined,
    dueAfter: dueAfterFrom(i.dueAfter),
    source: sourceFrom(i),
    effectiveDate: i.effectiveDate,
  }),
});

export const withdrawCondition = conditionCommand({
  name: 'withdrawCondition',
  description: 'The setting body withdraws a condition.',
  input: WithdrawConditionInput,
  example: (_, n) => ({ conditionId: `example-${n}`, reason: 'met otherwise', effectiveDate: '2019-10-09' }),
  command: (i, by) => ({
    type: 'WithdrawCondition' as const,
    by,
    conditionId: i.conditionId,
    reason: i.reason,
    source: sourceFrom(i),
    effectiveDate: i.effectiveDate,
  }),
});

export const CONDITION_COMMANDS = [setCondition, withdrawCondition];
