import { isOutsideActor, reject, type Body, type CalendarDate, type Decider, type Decision, type DomainEvent } from '@ddr/kernel';

type Sourced = { commitmentId: string; sourceRef: string | null };

export type CommitmentMade = DomainEvent<
  'CommitmentMade',
  Sourced & { body: Body; description: string; dueDate: CalendarDate; instrumentId: string | null; recordedBy: Body }
>;
export type CommitmentFulfilled = DomainEvent<'CommitmentFulfilled', Sourced & { note: string | null }>;
/** Where a commitment stands when it is neither kept nor given up, e.g. registration still open a year late. */
export type CommitmentProgressNoted = DomainEvent<'CommitmentProgressNoted', Sourced & { note: string }>;
export type CommitmentEvent = CommitmentMade | CommitmentFulfilled | CommitmentProgressNoted;

export type CommitmentCommand =
  | ({ type: 'MakeCommitment'; by: Body; effectiveDate: CalendarDate } & Omit<CommitmentMade['data'], 'recordedBy' | 'effectiveDate'>)
  | { type: 'FulfilCommitment'; by: Body; commitmentId: string; effectiveDate: CalendarDate; sourceRef: string | null; note: string | null }
  | { type: 'NoteCommitmentProgress'; by: Body; commitmentId: string; effectiveDate: CalendarDate; sourceRef: string | null; note: string };

export interface Commitment {
  id: string;
  body: Body;
  description: string;
  dueDate: CalendarDate;
  madeOn: CalendarDate;
  recordedBy: Body;
  instrumentId: string | null;
  fulfilledOn: CalendarDate | null;
  lastNote: string | null;
}

export type CommitmentStatus = 'OPEN' | 'FULFILLED' | 'OVERDUE';

export const commitmentStream = (commitmentId: string) => `commitment-${commitmentId}`;

/** Derived, never stored: a commitment is overdue once its due date has passed unfulfilled. */
export function commitmentStatus(commitment: Commitment, on: CalendarDate): CommitmentStatus {
  if (commitment.fulfilledOn !== null && commitment.fulfilledOn <= on) return 'FULFILLED';
  return commitment.dueDate < on ? 'OVERDUE' : 'OPEN';
}

export function decideCommitment(command: CommitmentCommand, state: Commitment | null): Decision<CommitmentEvent> {
  const { by, commitmentId, effectiveDate, sourceRef } = command;
  if (command.type === 'MakeCommitment') {
    const { body, description, dueDate, instrumentId } = command;
    if (state) return reject('CONFLICT', `commitment ${commitmentId} already exists`);
    if (isOutsideActor(body)) {
      if (!sourceRef) return reject('BAD_USER_INPUT', `a commitment of ${body} must cite a source reference`);
    } else if (by !== body) {
      return reject('FORBIDDEN', `the ${by} secretariat cannot make a commitment for ${body}`);
    }
    if (dueDate < effectiveDate) return reject('BAD_USER_INPUT', `due date ${dueDate} is before the commitment was made (${effectiveDate})`);
    return [
      {
        type: 'CommitmentMade',
        data: { commitmentId, body, description, dueDate, instrumentId, sourceRef, recordedBy: by, effectiveDate },
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
    ? [{ type: 'CommitmentFulfilled', data: { commitmentId, sourceRef, note: command.note, effectiveDate } }]
    : [{ type: 'CommitmentProgressNoted', data: { commitmentId, sourceRef, note: command.note, effectiveDate } }];
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
