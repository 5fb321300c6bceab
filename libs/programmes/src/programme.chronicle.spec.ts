import { sourceOf, type ActCorrected, type CorrectAct } from '@ddr/kernel';
import { given, recorded } from '@ddr/kernel/testing';
import type { ProgrammeCommand } from './programme.commands';
import { programmeDecider } from './programme.decider';
import type { ProgrammeEvent } from './programme.events';
import { programmeTotals } from './programme.state';

type Recorded = ProgrammeEvent | ActCorrected;

const record = (commands: Array<ProgrammeCommand | CorrectAct>, past: Recorded[] = []): Recorded[] => recorded(programmeDecider, commands, past);

const act = (fields: Partial<ProgrammeCommand> & Pick<ProgrammeCommand, 'type'>): ProgrammeCommand =>
  ({
    programme: 'ADDR-I',
    by: 'CNDDR',
    effectiveDate: '2018-11-01',
    source: sourceOf('Brief'),
    tranche: 'T1',
    breakdown: [],
    ...fields,
  }) as unknown as ProgrammeCommand;
const correction = (fields: Partial<CorrectAct> & Pick<CorrectAct, 'revision'>): CorrectAct => ({
  type: 'CorrectAct',
  by: 'CNDDR',
  subject: { programme: 'ADDR-I' },
  reason: 'the launch was a few days after the date recorded',
  effectiveDate: null,
  source: null,
  note: null,
  figures: null,
  ...fields,
});

// ADDR-I as the scenario records it: launched in November 2018 (dated the 1st), its first tranche the same day.
const addrI = record([
  act({ type: 'LaunchProgramme', title: 'ADDR-I', target: 4900, targetDeserters: 900, supportedBy: [] }),
  act({ type: 'RegisterTranche', count: 1840, deserters: 0 }),
  act({ type: 'ScreenTranche', fit: 1830, unfit: 10 }),
  act({ type: 'StartTraining', centre: 'Tiby', count: 1830 }),
  act({ type: 'CompleteTraining', centre: 'Tiby', count: 1006, effectiveDate: '2019-09-02' }),
]);
const totals = (history: Recorded[]) => programmeTotals(given(programmeDecider, history).state.state!);

describe('ADDR-I corrected', () => {
  it('moving the launch after its first tranche is refused: the tranche would be registered before the programme existed', () => {
    given(programmeDecider, addrI)
      .when(correction({ revision: 0, effectiveDate: '2018-11-06' }))
      .rejects('BAD_USER_INPUT', /ADDR-I was not yet launched on 2018-11-01/);
  });

  it('moved in order, training, screening, registration and then the launch, every act keeps its place and the launch reads the new day', () => {
    const moved = record(
      [4, 2, 1, 0].map((revision) => correction({ revision, effectiveDate: '2018-11-06' })),
      addrI,
    );
    const chronicle = given(programmeDecider, moved).state;
    expect(chronicle.state?.launchedOn).toBe('2018-11-06');
    expect(programmeDecider.stateOn(chronicle, '2018-11-03')).toBeNull();
    // The referral of the unfit is part of the screening: it moved with it.
    expect(chronicle.entries[3].act?.data.effectiveDate).toBe('2018-11-06');
  });

  it('a registration corrected below those already screened is refused with the numbers', () => {
    given(programmeDecider, addrI)
      .when(correction({ revision: 1, figures: { count: 1500 } }))
      .rejects('BAD_USER_INPUT', /1840 screened exceed the 1500 registered in T1/);
  });

  it('the screening corrected refers as many unfit as it now counts', () => {
    const corrected = record([correction({ revision: 2, figures: { fit: 1835, unfit: 5 } })], addrI);
    expect(totals(corrected)).toMatchObject({ screenedFit: 1835, screenedUnfit: 5, referredToReinsertion: 5 });
  });

  it('a figure a report may leave unknown is corrected to unreported; one it may not, is refused', () => {
    const unknown = record([correction({ revision: 2, figures: { unfit: null } })], addrI);
    expect(given(programmeDecider, unknown).state.state!.tranches.T1.unreported).toEqual(['referredToReinsertion', 'screenedUnfit']);
    given(programmeDecider, addrI)
      .when(correction({ revision: 2, figures: { fit: null } }))
      .rejects('BAD_USER_INPUT', /fit of TrancheScreened cannot be unreported/);
  });

  it("a new source replaces the act's whole source, and the correction keeps the one it replaced", () => {
    const minutes = sourceOf('CNDDR minutes', { note: 'the launch ceremony', datePrecision: 'DAY' });
    const [event] = given(programmeDecider, addrI).when(correction({ revision: 0, source: minutes })).decision as ActCorrected[];
    expect(event.data).toMatchObject({ changes: { source: minutes }, previous: { source: sourceOf('Brief') } });
    expect(given(programmeDecider, [...addrI, event]).state.state!.source).toEqual(minutes);
  });

  it('is refused from the Integration Commission, which did not record it', () => {
    given(programmeDecider, addrI)
      .when(correction({ revision: 0, by: 'INTEGRATION_COMMISSION', figures: { target: 5000 } }))
      .rejects('FORBIDDEN', /CNDDR secretariat/);
  });
});

describe('ADDR-I recorded late', () => {
  it('a second registration dated before the screening, recorded after the training, is accepted and counted', () => {
    const late = record([act({ type: 'RegisterTranche', count: 160, deserters: 0, effectiveDate: '2018-11-01' })], addrI);
    expect(totals(late)).toMatchObject({ registered: 2000, trained: 1006 });
  });

  it('a training start dated before any screening is refused', () => {
    given(programmeDecider, addrI)
      .when(act({ type: 'RegisterTranche', tranche: 'T2', count: 100, deserters: 0, effectiveDate: '2019-01-01' }))
      .then([
        {
          type: 'TrancheRegistered',
          data: { programme: 'ADDR-I', tranche: 'T2', count: 100, deserters: 0, breakdown: {}, effectiveDate: '2019-01-01', source: sourceOf('Brief') },
        },
      ]);
    const withT2 = record([act({ type: 'RegisterTranche', tranche: 'T2', count: 100, deserters: 0, effectiveDate: '2019-01-01' })], addrI);
    given(programmeDecider, withT2)
      .when(act({ type: 'StartTraining', tranche: 'T2', centre: 'Tiby', count: 10, effectiveDate: '2018-12-01' }))
      .rejects('BAD_USER_INPUT', /before tranche T2 was registered \(2019-01-01\)/);
  });
});
