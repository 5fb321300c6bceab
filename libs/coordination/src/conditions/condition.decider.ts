import { chronicled, isCoordinatingBody, reject, type Decision, type Rejection } from '@ddr/kernel';
import { STEP_ACTIONS } from '../instruments/instrument.events';
import { dueAfterProblem, INSTRUMENT_STATUSES } from '../instruments/instrument.state';
import type { ConditionCommand } from './condition.commands';
import type { ConditionEvent, Requirement } from './condition.events';
import type { Condition } from './condition.state';

function requirementProblem(requirement: Requirement): string | undefined {
  switch (requirement.kind) {
    case 'INSTRUMENT_STEP_APPROVED':
      return STEP_ACTIONS.includes(requirement.action) ? undefined : `unknown step action ${requirement.action}`;
    case 'INSTRUMENT_STATUS':
      return INSTRUMENT_STATUSES.includes(requirement.status) ? undefined : `unknown instrument status ${requirement.status}`;
    case 'COMMITMENT_FULFILLED':
      return undefined;
    case 'PROGRAMME_COUNT':
      return Number.isSafeInteger(requirement.atLeast) && requirement.atLeast >= 0 ? undefined : 'atLeast must be a count';
  }
}

/** Decides on the condition as it stood on the command's effective date; `current` holds every act recorded. */
export function decideCondition(command: ConditionCommand, state: Condition | null, current: Condition | null = state): Decision<ConditionEvent> {
  const { by, conditionId, source, effectiveDate } = command;
  if (command.type === 'SetCondition') {
    if (current) return reject('CONFLICT', `condition ${conditionId} already exists`);
    if (!isCoordinatingBody(by)) return reject('FORBIDDEN', `${by} has no secretariat to set conditions`);
    if (command.requires.length === 0) return reject('BAD_USER_INPUT', 'a condition requires at least one thing');
    const problem = command.requires.map(requirementProblem).find(Boolean);
    if (problem) return reject('BAD_USER_INPUT', problem);
    const { title, subject, requires, recommendation, theme, dueDate, dueAfter } = command;
    if (recommendation && !source.ref) return reject('BAD_USER_INPUT', 'a recommendation must cite the source that recommends it');
    if (dueDate && dueAfter) return reject('BAD_USER_INPUT', 'a condition is due by a date or after an act, not both');
    if (dueDate && dueDate < effectiveDate) return reject('BAD_USER_INPUT', `due date ${dueDate} is before the condition was set (${effectiveDate})`);
    const deadline = dueAfterProblem(dueAfter);
    if (deadline) return reject('BAD_USER_INPUT', deadline);
    const due = { ...(dueDate ? { dueDate } : {}), ...(dueAfter ? { dueAfter } : {}) };
    return [{ type: 'ConditionSet', data: { conditionId, body: by, title, subject, requires, recommendation, theme, source, effectiveDate, ...due } }];
  }
  if (!current) return reject('NOT_FOUND', `no condition ${conditionId}`);
  if (!state) return reject('BAD_USER_INPUT', `${effectiveDate} is before condition ${conditionId} was set (${current.setOn})`);
  if (by !== state.body) return reject('FORBIDDEN', `only the ${state.body} secretariat may withdraw condition ${conditionId}`);
  if (state.withdrawnOn) return reject('CONFLICT', `condition ${conditionId} was withdrawn on ${state.withdrawnOn}`);
  return [{ type: 'ConditionWithdrawn', data: { conditionId, reason: command.reason, source, effectiveDate } }];
}

export function evolveCondition(state: Condition | null, event: ConditionEvent): Condition | null {
  if (event.type === 'ConditionSet') {
    const { conditionId, effectiveDate, dueDate, dueAfter, ...set } = event.data;
    return { ...set, id: conditionId, setOn: effectiveDate, withdrawnOn: null, dueDate: dueDate ?? null, dueAfter: dueAfter ?? null };
  }
  return state && { ...state, withdrawnOn: event.data.effectiveDate };
}

/** A condition is set once, before it is withdrawn, and withdrawn once. */
function checkPlace(before: Condition | null, event: ConditionEvent): Rejection | undefined {
  const { conditionId, effectiveDate } = event.data;
  if (event.type === 'ConditionSet') return before ? reject('CONFLICT', `condition ${conditionId} already exists`) : undefined;
  if (!before) return reject('BAD_USER_INPUT', `condition ${conditionId} was not yet set on ${effectiveDate}`);
  return before.withdrawnOn ? reject('CONFLICT', `condition ${conditionId} was withdrawn on ${before.withdrawnOn}`) : undefined;
}

export const conditionDecider = chronicled<ConditionCommand, ConditionEvent, Condition | null>({
  initialState: () => null,
  decide: decideCondition,
  evolve: evolveCondition,
  check: checkPlace,
});
