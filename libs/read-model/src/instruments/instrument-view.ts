import type { CalendarDate, ChronicleFold } from '@ddr/kernel';
import { evolveInstrument, instrumentDecider, type Instrument, type InstrumentEvent } from '@ddr/coordination';

/** What readers see of an instrument: its decided state plus the record of its implementation and debate. */
export interface InstrumentView extends Instrument {
  revision: number;
  adoptedOn: CalendarDate | null;
  milestones: Array<{ milestone: string; count: number | null; place: string | null; effectiveDate: CalendarDate; sourceRef: string | null }>;
  positions: Array<{ party: string; statement: string; figure: number | null; effectiveDate: CalendarDate; sourceRef: string | null }>;
  haltReason: string | null;
  withdrawnReason: string | null;
}

/** The domain's own evolve, then the reader's extras: the view can never disagree with what the deciders see. */
export function evolveInstrumentView(view: InstrumentView | null, event: InstrumentEvent): InstrumentView | null {
  const next = evolveInstrument(view, event);
  if (!next) return null;
  const updated: InstrumentView = view
    ? { ...view, ...next }
    : { ...next, revision: 0, adoptedOn: null, milestones: [], positions: [], haltReason: null, withdrawnReason: null };
  const { data } = event;
  switch (event.type) {
    case 'InstrumentAdopted':
      return { ...updated, adoptedOn: data.effectiveDate };
    case 'MilestoneReached': {
      const { milestone, count, place, effectiveDate, sourceRef } = event.data;
      return { ...updated, milestones: [...updated.milestones, { milestone, count, place, effectiveDate, sourceRef }] };
    }
    case 'PositionTabled': {
      const { party, statement, figure, effectiveDate, sourceRef } = event.data;
      return { ...updated, positions: [...updated.positions, { party, statement, figure, effectiveDate, sourceRef }] };
    }
    case 'ImplementationHalted':
      return { ...updated, haltReason: event.data.reason };
    case 'ImplementationResumed':
      return { ...updated, haltReason: null };
    case 'InstrumentWithdrawn':
      return { ...updated, withdrawnReason: event.data.reason };
    default:
      return updated;
  }
}

/** The instrument's acts fold into the reader's view as they fold into the deciders' state: in effective-date order. */
export const instrumentViewFold: ChronicleFold<InstrumentEvent, InstrumentView | null> = {
  ...instrumentDecider.spec,
  initialState: () => null,
  evolve: evolveInstrumentView,
};
