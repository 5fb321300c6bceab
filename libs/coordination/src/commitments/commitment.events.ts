import type { Body, CalendarDate, DomainEvent, Source } from '@ddr/kernel';
import type { Theme } from '../assessments/theme.state';
import type { DueAfter } from '../instruments/instrument.events';

type Sourced = { commitmentId: string; source: Source };

export type CommitmentMade = DomainEvent<
  'CommitmentMade',
  Sourced & {
    body: Body;
    description: string;
    /** With `dueAfter`: the date expected until the act it counts from is known. */
    dueDate: CalendarDate;
    instrumentId: string | null;
    recordedBy: Body;
    /** Absent when the due date is a date only (and on every commitment made before relative deadlines). */
    dueAfter?: DueAfter;
    /** Since schema version 3: before it, the theme its description's words name. */
    theme: Theme;
  }
>;
export type CommitmentFulfilled = DomainEvent<'CommitmentFulfilled', Sourced & { note: string | null }>;
/** Where a commitment stands when it is neither kept nor given up, e.g. registration still open a year late. */
export type CommitmentProgressNoted = DomainEvent<'CommitmentProgressNoted', Sourced & { note: string }>;
export type CommitmentEvent = CommitmentMade | CommitmentFulfilled | CommitmentProgressNoted;

export const commitmentStream = (commitmentId: string) => `commitment-${commitmentId}`;

/** The commitment event types that carry a `source` since schema version 2. */
export const COMMITMENT_EVENT_TYPES: readonly CommitmentEvent['type'][] = ['CommitmentMade', 'CommitmentFulfilled', 'CommitmentProgressNoted'];
