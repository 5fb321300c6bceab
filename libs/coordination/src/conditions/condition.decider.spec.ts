import { replay, sourceOf, type ActCorrected, type CorrectAct } from '@ddr/kernel';
import { given, recorded } from '@ddr/kernel/testing';
import { instrumentDecider } from '../instruments/instrument.decider';
import type { InstrumentEvent } from '../instruments/instrument.events';
import type { ConditionCommand } from './condition.commands';
import { conditionDecider } from './condition.decider';
import type { ConditionEvent } from './condition.events';
import { evaluateCondition, type ConditionFacts } from './condition.evaluation';

const furtherTranches: ConditionCommand = {
  type: 'SetCondition',
  by: 'CNDDR',
  conditionId: 'further-tranches-need-decree',
  title: 'Further ADDR-I tranches require the rank decree endorsed',
  subject: 'Processing further tranches of ADDR-I',
  requires: [
    { kind: 'INSTRUMENT_STEP_APPROVED', instrumentId: 'decree-ranks-2019', body: 'PRESIDENCY', action: 'ENDORSE' },
    { kind: 'PROGRAMME_COUNT', programme: 'ADDR-I', measure: 'redeployed', atLeast: 1 },
  ],
  recommendation: false,
  theme: 'DDR',
  source: sourceOf('Brief, policy recommendations'),
  effectiveDate: '2019-10-09',
};

const decree: InstrumentEvent[] = [
  {
    type: 'InstrumentProposed',
    data: {
      instrumentId: 'decree-ranks-2019',
      kind: 'DECREE',
      title: 'Rank decree',
      leadBody: 'INTEGRATION_COMMISSION',
      visibility: 'PUBLIC',
      pathway: [
        { body: 'COUNCIL_OF_MINISTERS', action: 'ADOPT', parallel: false },
        { body: 'PRESIDENCY', action: 'ENDORSE', parallel: false },
      ],
      effectiveDate: '2019-10-01',
      source: sourceOf(null),
    },
  },
  {
    type: 'StepDecided',
    data: {
      instrumentId: 'decree-ranks-2019',
      step: 0,
      body: 'COUNCIL_OF_MINISTERS',
      action: 'ADOPT',
      outcome: 'APPROVED',
      meeting: null,
      source: sourceOf('Brief'),
      effectiveDate: '2019-10-09',
    },
  },
];

const facts = (instrumentEvents: InstrumentEvent[], redeployed: number | null): ConditionFacts => ({
  on: '2019-11-01',
  instrument: (id) => (id === 'decree-ranks-2019' ? replay(instrumentDecider, instrumentEvents).state : null),
  commitment: () => null,
  programmeCount: (code, measure) => (code === 'ADDR-I' && measure === 'redeployed' ? redeployed : null),
});

describe('conditions', () => {
  const set = given(conditionDecider).when(furtherTranches).decision as ConditionEvent[];
  const condition = given(conditionDecider, set).state.state!;

  it('are set by a coordinating body with what they require', () => {
    expect(set).toHaveLength(1);
    expect(condition).toMatchObject({ body: 'CNDDR', requires: furtherTranches.type === 'SetCondition' ? furtherTranches.requires : [] });
  });

  it('are unmet while the decree awaits the Presidency, and say so', () => {
    expect(evaluateCondition(condition, facts(decree, 0))).toEqual({
      met: false,
      blockedBy: ['decree-ranks-2019: PRESIDENCY ENDORSE not approved (IN_PROGRESS, awaiting PRESIDENCY ENDORSE)', 'ADDR-I: redeployed 0 of the 1 required'],
    });
  });

  it('are met once the events say so', () => {
    const endorsed: InstrumentEvent = {
      type: 'StepDecided',
      data: {
        instrumentId: 'decree-ranks-2019',
        step: 1,
        body: 'PRESIDENCY',
        action: 'ENDORSE',
        outcome: 'APPROVED',
        meeting: null,
        source: sourceOf('decree'),
        effectiveDate: '2019-12-01',
      },
    };
    expect(evaluateCondition(condition, facts([...decree, endorsed], 420))).toEqual({ met: true, blockedBy: [] });
  });

  it('an instrument not yet proposed, or a programme not launched, blocks', () => {
    expect(evaluateCondition(condition, facts([], null)).blockedBy).toEqual([
      'instrument decree-ranks-2019 has not been proposed',
      'programme ADDR-I has not been launched',
    ]);
  });

  it('outside actors cannot set conditions, a condition needs a requirement, and it is set once', () => {
    given(conditionDecider)
      .when({ ...furtherTranches, by: 'PRESIDENCY' })
      .rejects('FORBIDDEN');
    given(conditionDecider)
      .when({ ...furtherTranches, requires: [] })
      .rejects('BAD_USER_INPUT');
    given(conditionDecider, set).when(furtherTranches).rejects('CONFLICT');
  });

  it("the brief's recommendation is recorded as the brief's, citing it, not as the recording body's decision", () => {
    const recommended = { ...furtherTranches, by: 'CSA', recommendation: true } as ConditionCommand;
    const [event] = given(conditionDecider).when(recommended).decision as ConditionEvent[];
    expect(event).toMatchObject({ type: 'ConditionSet', data: { body: 'CSA', recommendation: true, source: furtherTranches.source } });
    expect(given(conditionDecider, [event]).state.state).toMatchObject({ recommendation: true, source: furtherTranches.source });
    given(conditionDecider)
      .when({ ...recommended, source: sourceOf(null) })
      .rejects('BAD_USER_INPUT', /must cite the source that recommends it/);
  });

  it("may be due by a date or within days of an instrument's act, not both, and not before it is set", () => {
    const dueAfter = { instrumentId: 'decree-ranks-2019', body: 'PRESIDENCY', action: 'ENDORSE', days: 30 } as const;
    const [set] = given(conditionDecider).when({ ...furtherTranches, dueAfter }).decision as ConditionEvent[];
    expect(set.data).toMatchObject({ dueAfter });
    expect(replay(conditionDecider, [set]).state).toMatchObject({ dueAfter, dueDate: null });
    given(conditionDecider)
      .when({ ...furtherTranches, dueAfter, dueDate: '2020-01-01' })
      .rejects('BAD_USER_INPUT', /not both/);
    given(conditionDecider)
      .when({ ...furtherTranches, dueDate: '2019-01-01' })
      .rejects('BAD_USER_INPUT', /before the condition was set/);
    given(conditionDecider)
      .when({ ...furtherTranches, dueAfter: { ...dueAfter, action: null } })
      .rejects('BAD_USER_INPUT', /both its body and its action/);
  });

  it('only the setting body withdraws it', () => {
    const withdraw: ConditionCommand = {
      type: 'WithdrawCondition',
      by: 'CTS',
      conditionId: 'further-tranches-need-decree',
      reason: 'x',
      source: sourceOf(null),
      effectiveDate: '2020-01-01',
    };
    given(conditionDecider, set).when(withdraw).rejects('FORBIDDEN');
    given(conditionDecider, set)
      .when({ ...withdraw, by: 'CNDDR' })
      .then([
        { type: 'ConditionWithdrawn', data: { conditionId: 'further-tranches-need-decree', reason: 'x', source: sourceOf(null), effectiveDate: '2020-01-01' } },
      ]);
  });
});

describe('a condition corrected by the body that recorded it', () => {
  // The brief's recommendation, recorded by the CSA's secretariat and dated to the latest date the brief gives.
  const recommendation = { ...furtherTranches, by: 'CSA', recommendation: true } as ConditionCommand;
  const history = recorded(conditionDecider, [recommendation]);
  const correction = (fields: Partial<CorrectAct>): CorrectAct => ({
    type: 'CorrectAct',
    by: 'CSA',
    subject: { conditionId: 'further-tranches-need-decree' },
    revision: 0,
    reason: 'the brief was published in November 2019',
    effectiveDate: null,
    source: null,
    note: null,
    figures: null,
    ...fields,
  });

  it('moves its date and replaces its source, the original kept as it was recorded', () => {
    const source = sourceOf('Brief, publication date (illustrative)', { datePrecision: 'MONTH', assumption: true });
    const decision = given(conditionDecider, history).when(correction({ effectiveDate: '2019-11-01', source })).decision as ActCorrected[];
    expect(decision).toEqual([
      {
        type: 'ActCorrected',
        data: {
          conditionId: 'further-tranches-need-decree',
          revision: 0,
          reason: 'the brief was published in November 2019',
          changes: { effectiveDate: '2019-11-01', source },
          previous: { effectiveDate: '2019-10-09', source: furtherTranches.source },
          effectiveDate: '2019-11-01',
        },
      },
    ]);
    const after = given(conditionDecider, [...history, ...decision]).state;
    expect(after.state).toMatchObject({ setOn: '2019-11-01', source });
    expect(conditionDecider.stateOn(after, '2019-10-15')).toBeNull();
    expect(after.entries[0].act).toMatchObject({ data: { effectiveDate: '2019-11-01' } });
  });

  it('is refused to another body, for an unknown act, for a change of nothing, and where it would put the withdrawal before the setting', () => {
    given(conditionDecider, history)
      .when(correction({ by: 'CNDDR', effectiveDate: '2019-11-01' }))
      .rejects('FORBIDDEN');
    given(conditionDecider, history)
      .when(correction({ revision: 7, effectiveDate: '2019-11-01' }))
      .rejects('NOT_FOUND');
    given(conditionDecider, history)
      .when(correction({ effectiveDate: '2019-10-09' }))
      .rejects('BAD_USER_INPUT', /changes nothing/);
    given(conditionDecider, history)
      .when(correction({ figures: { atLeast: 2 } }))
      .rejects('BAD_USER_INPUT', /not a figure of ConditionSet/);
    const withdrawn = recorded(
      conditionDecider,
      [
        {
          type: 'WithdrawCondition',
          by: 'CSA',
          conditionId: 'further-tranches-need-decree',
          reason: 'met otherwise',
          source: sourceOf(null),
          effectiveDate: '2019-12-01',
        },
      ],
      history,
    );
    given(conditionDecider, withdrawn)
      .when(correction({ effectiveDate: '2020-01-15' }))
      .rejects('BAD_USER_INPUT', /not yet set on 2019-12-01/);
  });
});
