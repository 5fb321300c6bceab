import { chronicleOf, sourceOf, type ActCorrected, type Recorded } from '@ddr/kernel';
import type { InstrumentEvent } from '@ddr/coordination';
import { instrumentOn, instrumentViewFold } from './instrument-view';

const source = sourceOf(null);
// The CTS leads a plan the FAMa adopts, then the SCDS reviews with the CSA alongside it (parallel), each with a deadline.
const proposed: InstrumentEvent = {
  type: 'InstrumentProposed',
  data: {
    instrumentId: 'plan',
    kind: 'PLAN',
    title: 'plan',
    leadBody: 'CTS',
    visibility: 'PUBLIC',
    pathway: [
      { body: 'FAMA', action: 'ADOPT', parallel: false, dueWithinDays: 10 },
      { body: 'SCDS', action: 'REVIEW', parallel: false, dueDate: '2019-03-01' },
      { body: 'CSA', action: 'REVIEW', parallel: true },
    ],
    effectiveDate: '2019-01-01',
    source,
  },
};
const decided = (step: number, body: 'FAMA' | 'SCDS' | 'CSA', outcome: 'APPROVED' | 'RETURNED', on: string): InstrumentEvent => ({
  type: 'StepDecided',
  data: { instrumentId: 'plan', step, body, action: step === 0 ? 'ADOPT' : 'REVIEW', outcome, meeting: null, effectiveDate: on, source },
});
const resubmitted: InstrumentEvent = { type: 'InstrumentResubmitted', data: { instrumentId: 'plan', effectiveDate: '2019-04-01', source } };
const view = (events: Array<Recorded<InstrumentEvent | ActCorrected>>) => chronicleOf(instrumentViewFold, events).state!;
const waits = (events: Array<Recorded<InstrumentEvent | ActCorrected>>, on: string) =>
  instrumentOn(view(events), on).waits.map(({ body, handedOverBy, since, endedOn, outcome, dueDate, daysWaited, overdue }) => ({
    body,
    handedOverBy,
    since,
    endedOn,
    outcome,
    dueDate,
    daysWaited,
    overdue,
  }));

describe("a pathway's waits, folded with the instrument", () => {
  it('given proposed, the first step waits from the proposal, handed over by the lead body, due ten days later and overdue after', () => {
    expect(waits([proposed], '2019-01-11')).toEqual([
      { body: 'FAMA', handedOverBy: 'CTS', since: '2019-01-01', endedOn: null, outcome: null, dueDate: '2019-01-11', daysWaited: 10, overdue: false },
    ]);
    expect(waits([proposed], '2019-01-12')[0]).toMatchObject({ daysWaited: 11, overdue: true });
  });

  it('when the FAMa adopts, its wait ends, and both parallel reviews wait from its decision, handed over by it', () => {
    const events = [proposed, decided(0, 'FAMA', 'APPROVED', '2019-02-01')];
    expect(waits(events, '2019-03-02')).toEqual([
      {
        body: 'FAMA',
        handedOverBy: 'CTS',
        since: '2019-01-01',
        endedOn: '2019-02-01',
        outcome: 'APPROVED',
        dueDate: '2019-01-11',
        daysWaited: 31,
        overdue: false,
      },
      { body: 'SCDS', handedOverBy: 'FAMA', since: '2019-02-01', endedOn: null, outcome: null, dueDate: '2019-03-01', daysWaited: 29, overdue: true },
      { body: 'CSA', handedOverBy: 'FAMA', since: '2019-02-01', endedOn: null, outcome: null, dueDate: null, daysWaited: 29, overdue: false },
    ]);
    expect(instrumentOn(view(events), '2019-03-02').pathway.map((step) => [step.awaitedSince, step.daysWaited])).toEqual([
      ['2019-01-01', 31],
      ['2019-02-01', 29],
      ['2019-02-01', 29],
    ]);
  });

  it('when the SCDS returns it, the CSA wait is cut short without an outcome; the resubmission begins new waits, handed over by the lead', () => {
    const events = [proposed, decided(0, 'FAMA', 'APPROVED', '2019-02-01'), decided(1, 'SCDS', 'RETURNED', '2019-03-01'), resubmitted];
    expect(waits(events, '2019-04-11').slice(1)).toEqual([
      {
        body: 'SCDS',
        handedOverBy: 'FAMA',
        since: '2019-02-01',
        endedOn: '2019-03-01',
        outcome: 'RETURNED',
        dueDate: '2019-03-01',
        daysWaited: 28,
        overdue: false,
      },
      { body: 'CSA', handedOverBy: 'FAMA', since: '2019-02-01', endedOn: '2019-03-01', outcome: null, dueDate: null, daysWaited: 28, overdue: false },
      { body: 'SCDS', handedOverBy: 'CTS', since: '2019-04-01', endedOn: null, outcome: null, dueDate: '2019-03-01', daysWaited: 10, overdue: true },
      { body: 'CSA', handedOverBy: 'CTS', since: '2019-04-01', endedOn: null, outcome: null, dueDate: null, daysWaited: 10, overdue: false },
    ]);
  });

  it("a correction of the FAMa's adoption date moves the wait it ended and the waits it began", () => {
    const adopted = [proposed, decided(0, 'FAMA', 'APPROVED', '2019-02-01')];
    const corrected: Recorded<ActCorrected> = {
      type: 'ActCorrected',
      data: {
        instrumentId: 'plan',
        revision: 1,
        reason: 'adopted earlier',
        changes: { effectiveDate: '2019-01-20' },
        previous: { effectiveDate: '2019-02-01' },
        effectiveDate: '2019-01-20',
      },
    };
    expect(waits([...adopted, corrected], '2019-02-10').map((wait) => [wait.body, wait.since, wait.endedOn, wait.daysWaited])).toEqual([
      ['FAMA', '2019-01-01', '2019-01-20', 19],
      ['SCDS', '2019-01-20', null, 21],
      ['CSA', '2019-01-20', null, 21],
    ]);
  });
});
