import type { Body, CalendarDate, DomainEvent } from '@ddr/kernel';

type Sourced = { commitmentId: string; sourceRef: string | null };

export type CommitmentMade = DomainEvent<
  'CommitmentMade',
  Sourced & { body: Body; description: string; dueDate: CalendarDate; instrumentId: string | null; recordedBy: Body }
>;
export type CommitmentFulfilled = DomainEvent<'CommitmentFulfilled', Sourced & { note: string | null }>;
/** Where a commitment stands when it is neither kept nor given up, e.g. registration still open a year late. */
export type CommitmentProgressNoted = DomainEvent<'CommitmentProgressNoted', Sourced & { note: string }>;
export type CommitmentEvent = CommitmentMade | CommitmentFulfilled | CommitmentProgressNoted;

export const commitmentStream = (commitmentId: string) => `commitment-${commitmentId}`;
