import { sourceOf, type ActCorrected, type CorrectAct } from '@ddr/kernel';
import { given, recorded } from '@ddr/kernel/testing';
import type { CategoryCount } from './programme-breakdown.state';
import type { ProgrammeCommand } from './programme.commands';
import { programmeDecider } from './programme.decider';
import type { ProgrammeEvent } from './programme.events';
import { splitOf } from './programme.state';

type Recorded = ProgrammeEvent | ActCorrected;

const on = '2019-09-02';
const act = (fields: Partial<ProgrammeCommand> & Pick<ProgrammeCommand, 'type'>): ProgrammeCommand =>
  ({ programme: 'ADDR-I', by: 'CNDDR', effectiveDate: on, source: sourceOf('Brief'), tranche: 'T1', breakdown: [], ...fields }) as unknown as ProgrammeCommand;
const byRank = (officers: number, ncos: number, rankAndFile?: number): CategoryCount[] => [
  { by: 'RANK', category: 'OFFICERS', count: officers },
  { by: 'RANK', category: 'NCOS', count: ncos },
  ...(rankAndFile === undefined ? [] : [{ by: 'RANK' as const, category: 'RANK_AND_FILE', count: rankAndFile }]),
];
const integrate = (count: number, breakdown: CategoryCount[]) => act({ type: 'IntegrateTranche', by: 'INTEGRATION_COMMISSION', count, breakdown });

// ADDR-I on 2 September 2019: 1,840 registered, 1,006 trained (at centres the brief does not name).
const trained = recorded(programmeDecider, [
  act({ type: 'LaunchProgramme', title: 'ADDR-I', target: 4900, targetDeserters: 900, supportedBy: ['MINUSMA'], effectiveDate: '2018-11-01' }),
  act({ type: 'DesignateTrainingCentre', centre: 'Tiby', region: 'Ségou', effectiveDate: '2018-11-01' }),
  act({ type: 'RegisterTranche', count: 1840, deserters: null }),
  act({ type: 'ScreenTranche', fit: 1840, unfit: null }),
  act({ type: 'StartTraining', centre: null, count: null }),
  act({ type: 'CompleteTraining', centre: null, count: 1006 }),
]);
const tranche = (history: Recorded[]) => splitOf(given(programmeDecider, history).state.state!.tranches.T1);

describe('ADDR-I broken down', () => {
  it('given 1,006 trained, when the Integration Commission integrates them as 66 officers, 221 NCOs and 719 rank and file, then the integration carries its breakdown', () => {
    given(programmeDecider, trained)
      .when(integrate(1006, byRank(66, 221, 719)))
      .then([
        {
          type: 'TrancheIntegrated',
          data: {
            programme: 'ADDR-I',
            tranche: 'T1',
            count: 1006,
            breakdown: { RANK: { OFFICERS: 66, NCOS: 221, RANK_AND_FILE: 719 } },
            effectiveDate: on,
            source: sourceOf('Brief'),
          },
        },
      ]);
  });

  it('a breakdown need not be whole: what its categories leave is unreported, and other dimensions stay unreported', () => {
    const split = tranche(recorded(programmeDecider, [integrate(1006, byRank(66, 221))], trained));
    expect(split.categories('integrated', 'RANK')).toEqual({ OFFICERS: 66, NCOS: 221 });
    expect(split.total('integrated')).toBe(1006);
    expect(split.categories('integrated', 'MOVEMENT')).toEqual({});
  });

  it('integration by centre counts the trained of a designated centre', () => {
    const done = recorded(
      programmeDecider,
      [
        act({ type: 'RegisterTranche', tranche: 'T2', count: 10, deserters: 0 }),
        act({ type: 'ScreenTranche', tranche: 'T2', fit: 10, unfit: 0 }),
        act({ type: 'StartTraining', tranche: 'T2', centre: 'Tiby', count: 5 }),
        act({ type: 'CompleteTraining', tranche: 'T2', centre: 'Tiby', count: 5 }),
      ],
      trained,
    );
    given(programmeDecider, done)
      .when(act({ type: 'IntegrateTranche', by: 'INTEGRATION_COMMISSION', tranche: 'T2', count: 5, breakdown: [{ by: 'CENTRE', category: 'Tiby', count: 5 }] }))
      .then([expect.objectContaining({ type: 'TrancheIntegrated', data: expect.objectContaining({ breakdown: { CENTRE: { Tiby: 5 } } }) })]);
  });

  describe('refuses a bad breakdown with BAD_USER_INPUT', () => {
    it.each([
      ['more than the total', integrate(1006, byRank(66, 221, 720)), /RANK breakdown sums to 1007, more than the 1006 of the act/],
      ['a negative count', integrate(1006, byRank(-1, 221)), /count of OFFICERS must be a whole number/],
      ['an unknown category', integrate(1006, [{ by: 'RANK', category: 'GENERALS', count: 1 }]), /GENERALS is not a known RANK category/],
      ['an unknown movement', integrate(1006, [{ by: 'MOVEMENT', category: 'MNLA', count: 1 }]), /MNLA is not a known MOVEMENT category/],
      ['a centre not designated', integrate(1006, [{ by: 'CENTRE', category: 'Kati', count: 1 }]), /Kati is not a known CENTRE category/],
      ['a category given twice', integrate(1006, [...byRank(1, 1), ...byRank(1, 1)]), /OFFICERS is given twice/],
      [
        'a centre before training',
        act({ type: 'RegisterTranche', tranche: 'T2', count: 5, deserters: null, breakdown: [{ by: 'CENTRE', category: 'Tiby', count: 5 }] }),
        /cannot be broken down by CENTRE/,
      ],
    ])('%s', (_, command, message) => {
      given(programmeDecider, trained).when(command).rejects('BAD_USER_INPUT', message);
    });

    it('more trained than registered in a category', () => {
      const registered = recorded(
        programmeDecider,
        [
          act({ type: 'RegisterTranche', tranche: 'T2', count: 100, deserters: null, breakdown: byRank(10, 20, 70) }),
          act({ type: 'ScreenTranche', tranche: 'T2', fit: 100, unfit: 0 }),
          act({ type: 'StartTraining', tranche: 'T2', centre: 'Tiby', count: 100 }),
        ],
        trained,
      );
      given(programmeDecider, registered)
        .when(act({ type: 'CompleteTraining', tranche: 'T2', centre: 'Tiby', count: 50, breakdown: byRank(11, 0) }))
        .rejects('BAD_USER_INPUT', /11 trained OFFICERS exceed the 10 registered who could be OFFICERS in T2/);
    });

    it('a correction that leaves a breakdown larger than its count', () => {
      const integrated = recorded(programmeDecider, [integrate(1006, byRank(66, 221, 719))], trained);
      const correction: CorrectAct = {
        type: 'CorrectAct',
        by: 'INTEGRATION_COMMISSION',
        subject: { programme: 'ADDR-I' },
        reason: 'fewer were integrated',
        effectiveDate: null,
        source: null,
        note: null,
        figures: { count: 1000 },
        revision: integrated.length - 1,
      };
      given(programmeDecider, integrated)
        .when(correction)
        .rejects('BAD_USER_INPUT', /RANK breakdown of integrated sums to 1006, more than the 1000 integrated/);
    });
  });
});
