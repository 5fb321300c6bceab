import { sourceOf, type ActCorrected, type Body, type CorrectAct } from '@ddr/kernel';
import { given, recorded } from '@ddr/kernel/testing';
import type { InstrumentCommand } from './instrument.commands';
import { instrumentDecider } from './instrument.decider';
import type { InstrumentEvent } from './instrument.events';

type Recorded = InstrumentEvent | ActCorrected;

const record = (commands: Array<InstrumentCommand | CorrectAct>, past: Recorded[] = []): Recorded[] => recorded(instrumentDecider, commands, past);

const agreement = 'algiers-agreement-2015';
const csa = { instrumentId: agreement, by: 'CSA' as Body, source: sourceOf('Brief') };
// The Agreement as the scenario records it: concluded and in implementation in 2015, its sites built by 2019.
const agreementIn2019 = record([
  {
    ...csa,
    type: 'ProposeInstrument',
    kind: 'AGREEMENT',
    title: 'Algiers Agreement',
    leadBody: 'CSA',
    visibility: 'PUBLIC',
    pathway: [{ body: 'CSA', action: 'ADOPT', parallel: false }],
    effectiveDate: '2015-01-01',
  },
  { ...csa, type: 'RecordStepDecision', body: 'CSA', action: 'ADOPT', outcome: 'APPROVED', meeting: null, effectiveDate: '2015-01-01' },
  { ...csa, type: 'StartImplementation', effectiveDate: '2015-01-01' },
  { ...csa, type: 'RecordMilestone', milestone: 'Eight cantonment sites fully constructed', count: 8, place: null, effectiveDate: '2019-10-09' },
]);
const firstMoc: InstrumentCommand = {
  ...csa,
  type: 'RecordMilestone',
  milestone: 'First MOC established in Gao',
  count: 1,
  place: 'Gao',
  effectiveDate: '2017-01-01',
  source: sourceOf("Brief, footnote 1: 'the first MOC was established in January 2017 in Gao'", { datePrecision: 'MONTH' }),
};
const correction = (fields: Partial<CorrectAct> & Pick<CorrectAct, 'by' | 'revision'>): CorrectAct => ({
  type: 'CorrectAct',
  subject: { instrumentId: agreement },
  reason: 'the minutes give another day',
  effectiveDate: null,
  source: null,
  note: null,
  figures: null,
  ...fields,
});

describe('late facts on the Agreement', () => {
  it('given its 2019 milestone, when the CSA records the first MOC of January 2017, then it is accepted and stands at its date', () => {
    const history = record([firstMoc], agreementIn2019);
    const chronicle = given(instrumentDecider, history).state;
    expect(history.at(-1)).toMatchObject({ type: 'MilestoneReached', data: { effectiveDate: '2017-01-01' } });
    expect(instrumentDecider.stateOn(chronicle, '2018-01-01')?.status).toBe('IN_IMPLEMENTATION');
  });

  it('a late act that would put a recorded act out of order is refused: a halt in 2016 would leave the 2019 milestone on a halted Agreement', () => {
    given(instrumentDecider, agreementIn2019)
      .when({ ...csa, type: 'HaltImplementation', reason: 'first tranches not integrated', effectiveDate: '2016-01-01' })
      .rejects('CONFLICT', /HALTED on 2019-10-09; MilestoneReached needs it IN_IMPLEMENTATION/);
  });

  it('an act dated before the instrument was proposed is refused', () => {
    given(instrumentDecider, agreementIn2019)
      .when({ ...firstMoc, effectiveDate: '2014-06-01' })
      .rejects('BAD_USER_INPUT', /proposed on 2015-01-01, after 2014-06-01/);
  });
});

describe('corrections on the Agreement', () => {
  it('given the milestone of 2019, when the CSA corrects its count and source, then the correction names what it replaced', () => {
    given(instrumentDecider, agreementIn2019)
      .when(correction({ by: 'CSA', revision: 4, figures: { count: 9 }, source: { ref: 'CSA minutes', note: null, datePrecision: 'DAY', assumption: false } }))
      .then([
        {
          type: 'ActCorrected',
          data: {
            instrumentId: agreement,
            revision: 4,
            reason: 'the minutes give another day',
            changes: { source: sourceOf('CSA minutes'), count: 9 },
            previous: { source: sourceOf('Brief'), count: 8 },
            effectiveDate: '2019-10-09',
          },
        },
      ]);
  });

  it('moving the adoption moves the adoption it caused, and the state reads the corrected dates', () => {
    const moved = record(
      [correction({ by: 'CSA', revision: 3, effectiveDate: '2015-06-01' }), correction({ by: 'CSA', revision: 1, effectiveDate: '2015-03-01' })],
      agreementIn2019,
    );
    const chronicle = given(instrumentDecider, moved).state;
    expect(instrumentDecider.stateOn(chronicle, '2015-02-01')?.status).toBe('DRAFT');
    expect(instrumentDecider.stateOn(chronicle, '2015-04-01')?.status).toBe('ADOPTED');
    expect(instrumentDecider.stateOn(chronicle, '2015-04-01')?.pathway[0].effectiveDate).toBe('2015-03-01');
    expect(chronicle.entries.map((entry) => entry.correctedBy)).toEqual([[], [6], [], [5], [], [], []]);
  });

  it('is refused from another body, for an unknown act, for the adoption itself, and when it changes nothing', () => {
    given(instrumentDecider, agreementIn2019)
      .when(correction({ by: 'CTS', revision: 4, figures: { count: 9 } }))
      .rejects('FORBIDDEN', /CSA secretariat/);
    given(instrumentDecider, agreementIn2019)
      .when(correction({ by: 'CSA', revision: 40, figures: { count: 9 } }))
      .rejects('NOT_FOUND');
    given(instrumentDecider, agreementIn2019)
      .when(correction({ by: 'CSA', revision: 2, effectiveDate: '2015-02-01' }))
      .rejects('BAD_USER_INPUT', /follows from/);
    given(instrumentDecider, agreementIn2019)
      .when(correction({ by: 'CSA', revision: 4, figures: { count: 8 } }))
      .rejects('BAD_USER_INPUT', /changes nothing/);
    given(instrumentDecider, agreementIn2019)
      .when(correction({ by: 'CSA', revision: 4, figures: { place: 3 } }))
      .rejects('BAD_USER_INPUT', /not a figure/);
  });

  it('that would break the order of its acts is refused: the adoption moved after the milestone it allowed', () => {
    given(instrumentDecider, agreementIn2019)
      .when(correction({ by: 'CSA', revision: 1, effectiveDate: '2019-12-01' }))
      .rejects('CONFLICT', /ADOPTED|DRAFT/);
  });
});

describe('a chronicle kept as a stored snapshot', () => {
  it('read back from JSON, it is the chronicle folded from the events, and decides as it does', () => {
    const moved = record([correction({ by: 'CSA', revision: 3, effectiveDate: '2015-06-01' }), firstMoc], agreementIn2019);
    const chronicle = given(instrumentDecider, moved).state;
    const readBack = JSON.parse(JSON.stringify(chronicle)) as typeof chronicle;
    expect(readBack).toEqual(chronicle);
    const halt: InstrumentCommand = { ...csa, type: 'HaltImplementation', reason: 'first tranches not integrated', effectiveDate: '2016-01-01' };
    for (const command of [halt, { ...firstMoc, effectiveDate: '2019-11-01' }, correction({ by: 'CSA', revision: 4, figures: { count: 9 } })]) {
      expect(instrumentDecider.decide(command, readBack)).toEqual(instrumentDecider.decide(command, chronicle));
    }
    expect(instrumentDecider.version).toMatch(/^instrument@/);
  });
});
