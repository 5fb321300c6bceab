import type { JsonObject } from '@ddr/kernel';
import { Watch, type LoggedFact } from './watch';

let position = 0;
const fact = (streamId: string, type: string, data: JsonObject, effectiveDate = '2019-09-25'): LoggedFact => {
  position++;
  return { id: `event-${position}`, type, streamId, position: String(position), data, effectiveDate };
};
const plan = 'redeployment-plan-2019-2021';
const proposed = () =>
  fact(
    `instrument-${plan}`,
    'InstrumentProposed',
    {
      instrumentId: plan,
      kind: 'PLAN',
      title: 'Plan for the progressive redeployment of MOC ex-combatants 2019-2021',
      leadBody: 'CTS',
      sourceRef: null,
      pathway: [
        { body: 'FAMA', action: 'ADOPT', parallel: false },
        { body: 'CTS', action: 'APPROVE', parallel: false },
        { body: 'SCDS', action: 'FINAL_ADOPTION', parallel: false },
      ],
    },
    '2019-09-01',
  );
const decided = (step: number, body: string, action: string) =>
  fact(`instrument-${plan}`, 'StepDecided', { instrumentId: plan, step, body, action, outcome: 'APPROVED', meeting: null, sourceRef: null });

describe('what is worth telling', () => {
  it("tells the lead body (CTS) that FAMa's step awaits, FAMa having no desk; then the CTS, then the SCDS", () => {
    const watch = new Watch(['CTS', 'SCDS']);
    expect(watch.tell(proposed()).map((n) => [n.kind, n.body, n.details.stepBody])).toEqual([['STEP_AWAITED', 'CTS', 'FAMA']]);
    expect(watch.tell(decided(0, 'FAMA', 'ADOPT')).map((n) => [n.kind, n.body])).toEqual([['STEP_AWAITED', 'CTS']]);
    const [toScds] = watch.tell(decided(1, 'CTS', 'APPROVE'));
    expect(toScds).toMatchObject({ kind: 'STEP_AWAITED', body: 'SCDS', link: `/#/instruments/${plan}`, details: { action: 'FINAL_ADOPTION' } });
    expect(watch.tell(decided(2, 'SCDS', 'FINAL_ADOPTION'))).toEqual([]);
  });

  it("goes on past a correction of an act: the CTS's approval corrected, the SCDS is still told its step awaits", () => {
    const watch = new Watch(['CTS', 'SCDS']);
    watch.tell(proposed());
    watch.tell(decided(0, 'FAMA', 'ADOPT'));
    const corrected = fact(`instrument-${plan}`, 'ActCorrected', {
      instrumentId: plan,
      revision: 1,
      reason: 'the adoption was dated from the minutes',
      changes: { effectiveDate: '2019-09-20' },
      previous: { effectiveDate: '2019-09-25' },
    });
    expect(watch.tell(corrected)).toEqual([]);
    expect(watch.tell(decided(1, 'CTS', 'APPROVE')).map((n) => [n.kind, n.body])).toEqual([['STEP_AWAITED', 'SCDS']]);
  });

  it('tells a condition met when the step it waits on is approved, to the body that set it and the body it waited on', () => {
    const watch = new Watch([]);
    watch.tell(proposed());
    const set = watch.tell(
      fact('condition-tranches-after-plan', 'ConditionSet', {
        conditionId: 'tranches-after-plan',
        body: 'CNDDR',
        title: 'Further tranches wait for the plan',
        subject: 'ADDR-I',
        sourceRef: null,
        requires: [{ kind: 'INSTRUMENT_STEP_APPROVED', instrumentId: plan, body: 'FAMA', action: 'ADOPT' }],
      }),
    );
    expect(set.map((n) => [n.kind, n.body])).toEqual([
      ['CONDITION_UNMET', 'CNDDR'],
      ['CONDITION_UNMET', 'FAMA'],
    ]);
    const met = watch.tell(decided(0, 'FAMA', 'ADOPT')).filter((n) => n.kind === 'CONDITION_MET');
    expect(met.map((n) => n.body)).toEqual(['CNDDR', 'FAMA']);
    expect(met[0].link).toBe('/#/conditions/tranches-after-plan');
  });

  it('tells deadlines near and passed with ids that stay the same from day to day', () => {
    const watch = new Watch([]);
    watch.tell(
      fact(
        'commitment-registration-closes-2018',
        'CommitmentMade',
        {
          commitmentId: 'registration-closes-2018',
          body: 'CNDDR',
          description: 'Close the registration of combatants',
          dueDate: '2018-04-30',
          instrumentId: null,
          recordedBy: 'CNDDR',
          sourceRef: null,
        },
        '2018-03-01',
      ),
    );
    expect(watch.deadlines('2018-04-01', 7)).toEqual([]);
    const [near] = watch.deadlines('2018-04-25', 7);
    expect(near).toMatchObject({ kind: 'COMMITMENT_DEADLINE_NEAR', body: 'CNDDR' });
    expect(watch.deadlines('2018-04-26', 7)[0].id).toBe(near.id);
    const [overdue] = watch.deadlines('2019-04-01', 7);
    expect(overdue).toMatchObject({ kind: 'COMMITMENT_OVERDUE', effectiveDate: '2018-05-01', link: '/#/commitments/registration-closes-2018' });
  });

  it('tells every witness that a checkpoint was signed, and gives a replayed event the same notice ids', () => {
    const signed = fact('ledger-checkpoints', 'CheckpointSigned', { origin: 'ddr', size: 42, root: 'cm9vdA==' });
    const first = new Watch(['CTS', 'MOC']).tell(signed);
    expect(first.map((n) => [n.kind, n.body, n.link])).toEqual([
      ['CHECKPOINT_SIGNED', 'CTS', '/#/ledger/checkpoints/42'],
      ['CHECKPOINT_SIGNED', 'MOC', '/#/ledger/checkpoints/42'],
    ]);
    expect(new Watch(['CTS', 'MOC']).tell(signed).map((n) => n.id)).toEqual(first.map((n) => n.id));
  });
});
