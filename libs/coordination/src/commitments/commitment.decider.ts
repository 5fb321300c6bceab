import { isOutsideActor, reject, type Decider, type Decision } from '@ddr/kernel';
import type { CommitmentCommand } from './commitment.commands';
import type { CommitmentEvent } from './commitment.events';
import type { Commitment } from './commitment.state';

export function decideCommitment(command: CommitmentCommand, state: Commitment | null): Decision<CommitmentEvent> {
  const { by, commitmentId, effectiveDate, source } = command;
  if (command.type === 'MakeCommitment') {
    const { body, description, dueDate, instrumentId } = command;
    if (state) return reject('CONFLICT', `commitment ${commitmentId} already exists`);
    if (isOutsideActor(body)) {
      if (!source.ref) return reject('BAD_USER_INPUT', `a commitment of ${body} must cite a source reference`);
    } else if (by !== body) {
      return reject('FORBIDDEN', `the ${by} secretariat cannot make a commitment for ${body}`);
    }
    if (dueDate < effectiveDate) return reject('BAD_USER_INPUT', `due date ${dueDate} is before the commitment was made (${effectiveDate})`);
    return [
      {
        type: 'CommitmentMade',
        data: { commitmentId, body, description, dueDate, instrumentId, source, recordedBy: by, effectiveDate },
      },
    ];
  }
  if (!state) return reject('NOT_FOUND', `no commitment ${commitmentId}`);
  if (by !== state.body && by !== state.recordedBy) {
    return reject('FORBIDDEN', `only the ${state.recordedBy} secretariat records on commitment ${commitmentId}`);
  }
  if (effectiveDate < state.madeOn) return reject('BAD_USER_INPUT', `${effectiveDate} is before the commitment was made (${state.madeOn})`);
  if (state.fulfilledOn) return reject('CONFLICT', `commitment ${commitmentId} was fulfilled on ${state.fulfilledOn}`);
  return command.type === 'FulfilCommitment'
    ? [{ type: 'CommitmentFulfilled', data: { commitmentId, source, note: command.note, effectiveDate } }]
    : [{ type: 'CommitmentProgressNoted', data: { commitmentId, source, note: command.note, effectiveDate } }];
}

export function evolveCommitment(state: Commitment | null, event: CommitmentEvent): Commitment | null {
  switch (event.type) {
    case 'CommitmentMade': {
      const { commitmentId, body, description, dueDate, instrumentId, recordedBy, effectiveDate } = event.data;
      return { id: commitmentId, body, description, dueDate, instrumentId, recordedBy, madeOn: effectiveDate, fulfilledOn: null, lastNote: null };
    }
    case 'CommitmentFulfilled':
      return state && { ...state, fulfilledOn: event.data.effectiveDate, lastNote: event.data.note ?? state.lastNote };
    case 'CommitmentProgressNoted':
      return state && { ...state, lastNote: event.data.note };
  }
}

export const commitmentDecider: Decider<CommitmentCommand, CommitmentEvent, Commitment | null> = {
  initialState: () => null,
  decide: decideCommitment,
  evolve: evolveCommitment,
};
