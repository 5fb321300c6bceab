import { replay, sourceOf, type ActCorrected } from '@ddr/kernel';
import { given } from '@ddr/kernel/testing';
import type { ProgrammeCommand } from './programme.commands';
import { programmeDecider } from './programme.decider';
import type { ProgrammeEvent } from './programme.events';
import { programmeTotals } from './programme.state';

type Recorded = ProgrammeEvent | ActCorrected;

const act = (fields: Partial<ProgrammeCommand> & Pick<ProgrammeCommand, 'type'>): ProgrammeCommand =>
  ({
    programme: 'ADDR-I',
    by: 'CNDDR',
    effectiveDate: '2019-01-15',
    source: sourceOf(null),
    tranche: 'T1',
    breakdown: [],
    ...fields,
  }) as unknown as ProgrammeCommand;

/** Runs commands one after another like secretariats would, failing on the first refusal. */
function record(commands: ProgrammeCommand[], history: Recorded[] = []): Recorded[] {
  return commands.reduce((past, command) => {
    const decision = given(programmeDecider, past).when(command).decision;
    if (!Array.isArray(decision)) throw new Error(`${command.type} refused: ${decision.message}`);
    return [...past, ...decision];
  }, history);
}
const totals = (events: Recorded[]) => programmeTotals(replay(programmeDecider, events).state!);

const launch = act({
  type: 'LaunchProgramme',
  title: 'Accelerated DDR-Integration',
  target: 4900,
  targetDeserters: 900,
  supportedBy: ['MINUSMA'],
  effectiveDate: '2018-11-06',
  source: sourceOf('Brief'),
});

describe('ADDR-I', () => {
  it('given nothing, when the CNDDR launches it, then it targets 4,900 including 900 deserters', () => {
    given(programmeDecider)
      .when(launch)
      .then([
        {
          type: 'ProgrammeLaunched',
          data: {
            programme: 'ADDR-I',
            title: 'Accelerated DDR-Integration',
            leadBody: 'CNDDR',
            target: 4900,
            targetDeserters: 900,
            supportedBy: ['MINUSMA'],
            effectiveDate: '2018-11-06',
            source: sourceOf('Brief'),
          },
        },
      ]);
  });

  it('reaches the figures of 2 September 2019: 1,006 of 1,840 trained and integrated, the rest unreported, never 0', () => {
    const asOf = { effectiveDate: '2019-09-02' };
    const history = record([
      launch,
      act({ type: 'RegisterTranche', count: 1840, deserters: null, ...asOf }),
      act({ type: 'ScreenTranche', fit: 1840, unfit: null, ...asOf }),
      act({ type: 'StartTraining', centre: null, count: null, ...asOf }),
      act({ type: 'CompleteTraining', centre: null, count: 1006, ...asOf }),
      act({ type: 'IntegrateTranche', by: 'INTEGRATION_COMMISSION', count: 1006, ...asOf }),
    ]);
    expect(totals(history)).toMatchObject({
      registered: 1840,
      trained: 1006,
      integrated: 1006,
      redeployed: 0,
      unreported: ['deserters', 'inTraining', 'referredToReinsertion', 'screenedUnfit'],
    });
  });

  it('with the number in training unreported, graduates are bounded by the screened fit not yet trained', () => {
    const history = record([
      launch,
      act({ type: 'RegisterTranche', count: 1840, deserters: null }),
      act({ type: 'ScreenTranche', fit: 1840, unfit: null }),
      act({ type: 'StartTraining', centre: null, count: null }),
      act({ type: 'CompleteTraining', centre: null, count: 1006 }),
    ]);
    given(programmeDecider, history)
      .when(act({ type: 'CompleteTraining', centre: 'Tiby', count: 835 }))
      .rejects('BAD_USER_INPUT', /graduates 835 exceeds the 834 screened fit and not yet trained/);
  });

  it("the five training centres are the programme's, each with its region, once", () => {
    const tiby = act({ type: 'DesignateTrainingCentre', centre: 'Tiby', region: 'Segou', effectiveDate: '2018-11-06' });
    const history = record([launch, tiby]);
    expect(replay(programmeDecider, history).state!.trainingCentres).toEqual({ Tiby: { region: 'Segou', source: sourceOf(null) } });
    given(programmeDecider, history)
      .when(tiby)
      .rejects('CONFLICT', /already a training centre/);
  });

  it('the CNDDR launches it with the support of MINUSMA, not of itself', () => {
    given(programmeDecider)
      .when({ ...launch, supportedBy: ['CNDDR'] } as ProgrammeCommand)
      .rejects('BAD_USER_INPUT', /supportedBy/);
  });

  it('refers the medically unfit to socio-economic reinsertion', () => {
    const history = record([launch, act({ type: 'RegisterTranche', count: 100, deserters: 10 })]);
    given(programmeDecider, history)
      .when(act({ type: 'ScreenTranche', fit: 90, unfit: 10 }))
      .then([
        {
          type: 'TrancheScreened',
          data: { programme: 'ADDR-I', tranche: 'T1', fit: 90, unfit: 10, breakdown: {}, effectiveDate: '2019-01-15', source: sourceOf(null) },
        },
        { type: 'UnfitReferredToReinsertion', data: { programme: 'ADDR-I', tranche: 'T1', count: 10, effectiveDate: '2019-01-15', source: sourceOf(null) } },
      ]);
  });

  describe('refuses any command that would break a count invariant', () => {
    const history = record([
      launch,
      act({ type: 'RegisterTranche', count: 100, deserters: 0 }),
      act({ type: 'ScreenTranche', fit: 80, unfit: 10 }),
      act({ type: 'StartTraining', centre: 'Tiby', count: 50 }),
      act({ type: 'CompleteTraining', centre: 'Tiby', count: 40 }),
      act({ type: 'IntegrateTranche', by: 'INTEGRATION_COMMISSION', count: 30 }),
      act({ type: 'RedeployTranche', by: 'INTEGRATION_COMMISSION', region: 'Gao', count: 20 }),
    ]);
    const refusals: Array<[string, ProgrammeCommand, RegExp]> = [
      ['screened beyond registered', act({ type: 'ScreenTranche', fit: 11, unfit: 0 }), /screened 11 exceeds the 10/],
      ['training beyond the screened fit', act({ type: 'StartTraining', centre: 'Mapho', count: 31 }), /trainees 31 exceeds the 30/],
      ['graduates beyond those in training at the centre', act({ type: 'CompleteTraining', centre: 'Tiby', count: 11 }), /graduates 11 exceeds the 10/],
      ['graduates of a centre with no trainees', act({ type: 'CompleteTraining', centre: 'Banokoro', count: 1 }), /exceeds the 0/],
      ['integrated beyond trained', act({ type: 'IntegrateTranche', by: 'INTEGRATION_COMMISSION', count: 11 }), /integrations 11 exceeds the 10/],
      [
        'redeployed beyond integrated',
        act({ type: 'RedeployTranche', by: 'INTEGRATION_COMMISSION', region: 'Kidal', count: 11 }),
        /redeployments 11 exceeds the 10/,
      ],
      ['a negative count', act({ type: 'RegisterTranche', count: -5, deserters: 0 }), /whole numbers/],
      ['a fractional count', act({ type: 'ScreenTranche', fit: 1.5, unfit: 0 }), /whole numbers/],
      ['deserters beyond the registered', act({ type: 'RegisterTranche', tranche: 'T2', count: 5, deserters: 6 }), /deserters 6 exceeds/],
      [
        'a date before the launch',
        act({ type: 'RegisterTranche', tranche: 'T2', count: 5, deserters: 0, effectiveDate: '2018-10-01' }),
        /before ADDR-I was launched/,
      ],
    ];
    it.each(refusals)('%s', (_, command, message) => {
      given(programmeDecider, history).when(command).rejects('BAD_USER_INPUT', message);
    });

    it('and the totals keep every invariant', () => {
      const t = totals(history);
      expect(t.trained).toBeLessThanOrEqual(t.screenedFit);
      expect(t.screenedFit).toBeLessThanOrEqual(t.registered);
      expect(t.integrated).toBeLessThanOrEqual(t.trained);
      expect(t.redeployed).toBeLessThanOrEqual(t.integrated);
    });
  });

  it('each command belongs to one desk', () => {
    const history = record([launch, act({ type: 'RegisterTranche', count: 10, deserters: 0 })]);
    given(programmeDecider, history)
      .when(act({ type: 'RegisterTranche', by: 'MOC', count: 5, deserters: 0 }))
      .rejects('FORBIDDEN');
    given(programmeDecider, history)
      .when(act({ type: 'IntegrateTranche', by: 'CNDDR', count: 1 }))
      .rejects('FORBIDDEN');
  });

  it('an unknown tranche or programme is not found; a second launch is a conflict', () => {
    given(programmeDecider)
      .when(act({ type: 'RegisterTranche', count: 5, deserters: 0 }))
      .rejects('NOT_FOUND');
    given(programmeDecider, record([launch]))
      .when(act({ type: 'ScreenTranche', tranche: 'T9', fit: 1, unfit: 0 }))
      .rejects('NOT_FOUND');
    given(programmeDecider, record([launch]))
      .when(launch)
      .rejects('CONFLICT');
  });

  it('records the eligible candidates the CNDDR announced', () => {
    const history = record([launch, act({ type: 'AnnounceEligibleCandidates', count: 63000, effectiveDate: '2019-04-01' })]);
    expect(replay(programmeDecider, history).state!.eligibleCandidates).toBe(63000);
  });
});
