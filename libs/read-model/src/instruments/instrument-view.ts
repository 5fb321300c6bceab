import { withFields, type Body, type CalendarDate, type ChronicleFold, type Source } from '@ddr/kernel';
import { evolveInstrument, instrumentDecider, type Instrument, type InstrumentEvent } from '@ddr/coordination';
import { nextWaits, stepOn, stepsWithWaits, waitOn, type StepReading, type StepView, type StepWait, type WaitReading } from './step-waits';

/** What readers see of an instrument: its decided state plus the record of its implementation and debate. */
export interface InstrumentView extends Instrument {
  pathway: StepView[];
  /** Every wait of its steps, in the order they began: how long each body kept it waiting. */
  waits: StepWait[];
  revision: number;
  adoptedOn: CalendarDate | null;
  /** `sourceRef` repeats `source.ref`, the field these facts had before sources. */
  milestones: Array<{ milestone: string; count: number | null; place: string | null; effectiveDate: CalendarDate; sourceRef: string | null; source: Source }>;
  positions: Array<{ party: string; statement: string; figure: number | null; effectiveDate: CalendarDate; sourceRef: string | null; source: Source }>;
  findings: Array<{ body: Body; finding: string; effectiveDate: CalendarDate; source: Source }>;
  haltReason: string | null;
  withdrawnReason: string | null;
}

/** A view as the read model stores it (JSON in a `view` column), parsed; null for no row. */
export const parseView = (row: { view: string } | undefined): InstrumentView | null => (row ? (JSON.parse(row.view) as InstrumentView) : null);

/** The domain's own evolve, then the reader's extras: the view can never disagree with what the deciders see. */
export function evolveInstrumentView(view: InstrumentView | null, event: InstrumentEvent): InstrumentView | null {
  const next = evolveInstrument(view, event);
  if (!next) return null;
  const waits = nextWaits(view?.waits ?? [], next, event);
  const extras = view ?? { revision: 0, adoptedOn: null, milestones: [], positions: [], findings: [], haltReason: null, withdrawnReason: null };
  const updated: InstrumentView = { ...extras, ...next, pathway: stepsWithWaits(next.pathway, waits), waits };
  const { data } = event;
  switch (event.type) {
    case 'InstrumentAdopted':
      return { ...updated, adoptedOn: data.effectiveDate };
    case 'MilestoneReached': {
      const { milestone, count, place, effectiveDate, source } = event.data;
      return { ...updated, milestones: [...updated.milestones, { milestone, count, place, effectiveDate, sourceRef: source.ref, source }] };
    }
    case 'PositionTabled': {
      const { party, statement, figure, effectiveDate, source } = event.data;
      return { ...updated, positions: [...updated.positions, { party, statement, figure, effectiveDate, sourceRef: source.ref, source }] };
    }
    case 'FindingRecorded': {
      const { body, finding, effectiveDate, source } = event.data;
      return { ...updated, findings: [...updated.findings, { body, finding, effectiveDate, source }] };
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

/** An instrument read on a date (the `asOf` asked, else today): its steps and waits with their days waited and deadlines. */
export interface InstrumentReading extends Omit<InstrumentView, 'pathway' | 'waits'> {
  on: CalendarDate;
  pathway: StepReading[];
  waits: WaitReading[];
}

export const instrumentOn = (view: InstrumentView, on: CalendarDate): InstrumentReading =>
  withFields(view, {
    on,
    pathway: view.pathway.map((step) => stepOn(step, on)),
    waits: view.waits.filter((wait) => wait.since <= on).map((wait) => waitOn(wait, on)),
  });
