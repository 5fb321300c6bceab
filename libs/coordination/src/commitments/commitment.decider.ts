import { chronicled, isOutsideActor, reject, type Decision, type Rejection } from '@ddr/kernel';
import type { CommitmentCommand } from './commitment.commands';
import type { CommitmentEvent } from './commitment.events';
import type { Commitment } from './commitment.state';
import { dueAfterProblem } from '../instruments/instrument.state';

/** Decides on the commitment as it stood on the command's effective date; `current` holds every act recorded. */
export function decideCommitment(command: CommitmentCommand, state: Commitment | null, current: Commitment | null = state): Decision<CommitmentEvent> {
  const { by, commitmentId, effectiveDate, source } = command;
  if (command.type === 'MakeCommitment') {
    const { body, description, dueDate, instrumentId, dueAfter, theme } = command;
    if (current) return reject('CONFLICT', `commitment ${commitmentId} already exists`);
    if (isOutsideActor(body)) {
      if (!source.ref) return reject('BAD_USER_INPUT', `a commitment of ${body} must cite a source reference`);
    } else if (by !== body) {
      return reject('FORBIDDEN', `the ${by} secretariat cannot make a commitment for ${body}`);
    }
    if (dueDate < effectiveDate) return reject('BAD_USER_INPUT', `due date ${dueDate} is before the commitment was made (${effectiveDate})`);
    const problem = dueAfterProblem(dueAfter);
    if (problem) return reject('BAD_USER_INPUT', problem);
    return [
      {
        type: 'CommitmentMade',
        data: { commitmentId, body, description, dueDate, instrumentId, theme, source, recordedBy: by, effectiveDate, ...(dueAfter ? { dueAfter } : {}) },
      },
    ];
  }
  if (!current) return reject('NOT_FOUND', `no commitment ${commitmentId}`);
  if (by !== current.body && by !== current.recordedBy) {
    return reject('FORBIDDEN', `only the ${current.recordedBy} secretariat records on commitment ${commitmentId}`);
  }
  if (!state) return reject('BAD_USER_INPUT', `${effectiveDate} is before the commitment was made (${current.madeOn})`);
  if (state.fulfilledOn) return reject('CONFLICT', `commitment ${commitmentId} was fulfilled on ${state.fulfilledOn}`);
  return command.type === 'FulfilCommitment'
    ? [{ type: 'CommitmentFulfilled', data: { commitmentId, source, note: command.note, effectiveDate } }]
    : [{ type: 'CommitmentProgressNoted', data: { commitmentId, source, note: command.note, effectiveDate } }];
}

export function evolveCommitment(state: Commitment | null, event: CommitmentEvent): Commitment | null {
  switch (event.type) {
    case 'CommitmentMade': {
      const { commitmentId, effectiveDate, dueAfter, source: _source, ...made } = event.data;
      return { ...made, id: commitmentId, dueAfter: dueAfter ?? null, madeOn: effectiveDate, fulfilledOn: null, lastNote: null };
    }
    case 'CommitmentFulfilled':
      return state && { ...state, fulfilledOn: event.data.effectiveDate, lastNote: event.data.note ?? state.lastNote };
    case 'CommitmentProgressNoted':
      return state && { ...state, lastNote: event.data.note };
  }
}

/** A commitment is made once, before anything is recorded on it, and kept once. */
function checkPlace(before: Commitment | null, event: CommitmentEvent): Rejection | undefined {
  const { commitmentId, effectiveDate } = event.data;
  if (event.type === 'CommitmentMade') return before ? reject('CONFLICT', `commitment ${commitmentId} already exists`) : undefined;
  if (!before) return reject('BAD_USER_INPUT', `commitment ${commitmentId} was not yet made on ${effectiveDate}`);
  return before.fulfilledOn ? reject('CONFLICT', `commitment ${commitmentId} was fulfilled on ${before.fulfilledOn}`) : undefined;
}

export const commitmentDecider = chronicled<CommitmentCommand, CommitmentEvent, Commitment | null>({
  initialState: () => null,
  decide: decideCommitment,
  evolve: evolveCommitment,
  check: checkPlace,
});
