import { commitmentDecider, evolveCommitment, type Commitment, type CommitmentEvent } from '@ddr/coordination';
import type { CalendarDate, ChronicleFold, Source } from '@ddr/kernel';

/** One note on a commitment: progress noted, or the note given when it was kept. */
export interface CommitmentNote {
  note: string;
  effectiveDate: CalendarDate;
  fulfilment: boolean;
  source: Source;
}

/** What readers see of a commitment: the domain's state, where it comes from, and every note in the order recorded. */
export interface CommitmentView extends Commitment {
  source: Source;
  notes: CommitmentNote[];
  /** With a deadline after an act: that act's date once known (and `dueDate` counted from it), else null. */
  dueAfterActOn: CalendarDate | null;
  /** The due date as the commitment stated it: with a deadline after an act, the date expected until the act is known. */
  statedDueDate: CalendarDate;
}

export function evolveCommitmentView(view: CommitmentView | null, event: CommitmentEvent): CommitmentView | null {
  const next = evolveCommitment(view, event);
  if (!next) return null;
  const { effectiveDate, source } = event.data;
  switch (event.type) {
    case 'CommitmentMade':
      return { ...next, source, notes: [], dueAfterActOn: null, statedDueDate: next.dueDate };
    case 'CommitmentFulfilled':
    case 'CommitmentProgressNoted': {
      const note = event.data.note;
      const notes = view?.notes ?? [];
      return {
        ...view!,
        ...next,
        notes: note === null ? notes : [...notes, { note, effectiveDate, fulfilment: event.type === 'CommitmentFulfilled', source }],
      };
    }
  }
}

/** The commitment's acts fold into the reader's view as they fold into the deciders' state: in effective-date order. */
export const commitmentViewFold: ChronicleFold<CommitmentEvent, CommitmentView | null> = {
  ...commitmentDecider.spec,
  initialState: () => null,
  evolve: evolveCommitmentView,
};
