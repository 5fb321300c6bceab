import type { Body, CalendarDate, DomainEvent, Source } from '@ddr/kernel';
import type { Theme } from '../assessments/theme.state';

type Sourced = { commitmentId: string; source: Source };

export type CommitmentMade = DomainEvent<
  'CommitmentMade',
  /** `theme` since schema version 3: before it, the theme its description's words name. */
  Sourced & { body: Body; description: string; dueDate: CalendarDate; instrumentId: string | null; recordedBy: Body; theme: Theme }
>;
export type CommitmentFulfilled = DomainEvent<'CommitmentFulfilled', Sourced & { note: string | null }>;
/** Where a commitment stands when it is neither kept nor given up, e.g. registration still open a year late. */
export type CommitmentProgressNoted = DomainEvent<'CommitmentProgressNoted', Sourced & { note: string }>;
export type CommitmentEvent = CommitmentMade | CommitmentFulfilled | CommitmentProgressNoted;

export const commitmentStream = (commitmentId: string) => `commitment-${commitmentId}`;

/** The commitment event types that carry a `source` since schema version 2. */
export const COMMITMENT_EVENT_TYPES: readonly CommitmentEvent['type'][] = ['CommitmentMade', 'CommitmentFulfilled', 'CommitmentProgressNoted'];
