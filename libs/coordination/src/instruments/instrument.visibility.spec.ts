import { given, recorded } from '@ddr/kernel/testing';
import { sourceOf } from '@ddr/kernel';
import type { ChangeVisibility, ProposeInstrument } from './instrument.commands';
import { instrumentDecider } from './instrument.decider';
import { readersOf } from './instrument.state';

// Quota positions are sensitive between the armed movements and the State: the SCDS keeps its quota to itself
// while it negotiates, and the CTS shares its redeployment plan only with the bodies that must decide it.
const quota: ProposeInstrument = {
  type: 'ProposeInstrument',
  instrumentId: 'quota-integration',
  by: 'SCDS',
  kind: 'QUOTA',
  title: 'Final quota of fighters to be integrated',
  leadBody: 'SCDS',
  pathway: [{ body: 'SCDS', action: 'FINAL_ADOPTION', parallel: false }],
  visibility: 'LEAD',
  effectiveDate: '2019-06-01',
  source: sourceOf(null),
};
const plan: ProposeInstrument = {
  ...quota,
  instrumentId: 'redeployment-plan-2019-2021',
  by: 'CTS',
  kind: 'PLAN',
  title: 'Plan for the progressive redeployment of MOC ex-combatants 2019-2021',
  leadBody: 'CTS',
  pathway: [
    { body: 'FAMA', action: 'ADOPT', parallel: false },
    { body: 'CTS', action: 'APPROVE', parallel: false },
    { body: 'SCDS', action: 'FINAL_ADOPTION', parallel: false },
  ],
  visibility: 'PATHWAY',
};
const publish: ChangeVisibility = {
  type: 'ChangeVisibility',
  instrumentId: 'quota-integration',
  by: 'SCDS',
  visibility: 'PUBLIC',
  reason: 'the quota was agreed and may be published',
  effectiveDate: '2019-07-01',
  source: sourceOf(null),
};

const proposed = (command: ProposeInstrument) => recorded(instrumentDecider, [command]);
const instrumentAfter = (history: ReturnType<typeof proposed>) => given(instrumentDecider, history).state.state!;

describe('who may read an instrument', () => {
  it('the quota the SCDS proposes for itself alone is read by the SCDS alone', () => {
    const history = proposed(quota);
    expect(history[0].data).toMatchObject({ visibility: 'LEAD' });
    expect(readersOf(instrumentAfter(history))).toEqual(['SCDS']);
  });

  it('the redeployment plan restricted to its pathway is read by the CTS and the bodies that decide it', () => {
    expect(readersOf(instrumentAfter(proposed(plan)))).toEqual(['CTS', 'FAMA', 'SCDS']);
  });

  it('an instrument proposed without restriction is read by every body', () => {
    expect(readersOf(instrumentAfter(proposed({ ...plan, visibility: 'PUBLIC' })))).toBeNull();
  });

  it('given the quota kept to the SCDS, when the SCDS publishes it with a reason, then every body may read it', () => {
    given(instrumentDecider, proposed(quota))
      .when(publish)
      .then([
        {
          type: 'InstrumentVisibilityChanged',
          data: {
            instrumentId: 'quota-integration',
            visibility: 'PUBLIC',
            reason: 'the quota was agreed and may be published',
            effectiveDate: '2019-07-01',
            source: sourceOf(null),
          },
        },
      ]);
    const after = recorded(instrumentDecider, [publish], proposed(quota));
    expect(instrumentAfter(after).visibility).toBe('PUBLIC');
  });

  it('only the lead body changes who may read it: the SCDS, on the pathway of the plan, may not publish the CTS plan', () => {
    given(instrumentDecider, proposed(plan))
      .when({ ...publish, instrumentId: plan.instrumentId, by: 'SCDS' })
      .rejects('FORBIDDEN', /only the CTS secretariat/);
  });

  it('a change to the visibility it already has is refused, and so is one on an instrument never proposed', () => {
    given(instrumentDecider, proposed(quota))
      .when({ ...publish, visibility: 'LEAD' })
      .rejects('CONFLICT', /already LEAD/);
    given(instrumentDecider).when(publish).rejects('NOT_FOUND');
  });

  it('a body that may not read the instrument is answered exactly as if it did not exist, whatever it tries', () => {
    const missing = given(instrumentDecider).when({ ...publish, by: 'CTS' }).decision;
    const hidden = given(instrumentDecider, proposed(quota)).when({ ...publish, by: 'CTS' }).decision;
    expect(hidden).toEqual(missing);
    const mocReviews = {
      type: 'RecordStepDecision',
      instrumentId: plan.instrumentId,
      by: 'MOC',
      body: 'MOC',
      action: 'REVIEW',
      outcome: 'APPROVED',
      meeting: null,
    } as const;
    given(instrumentDecider, proposed(plan))
      .when({ ...mocReviews, effectiveDate: '2019-09-10', source: sourceOf(null) })
      .rejects('NOT_FOUND', /^no instrument redeployment-plan-2019-2021$/);
  });

  it('a withdrawn plan may still be narrowed to its lead: need to know outlives the instrument', () => {
    const withdrawn = recorded(
      instrumentDecider,
      [{ type: 'WithdrawInstrument', instrumentId: plan.instrumentId, by: 'CTS', reason: 'replaced', effectiveDate: '2019-08-01', source: sourceOf(null) }],
      proposed(plan),
    );
    given(instrumentDecider, withdrawn)
      .when({ ...publish, instrumentId: plan.instrumentId, by: 'CTS', visibility: 'LEAD', effectiveDate: '2019-08-02' })
      .then([expect.objectContaining({ type: 'InstrumentVisibilityChanged' }) as ReturnType<typeof proposed>[number]]);
  });
});
