import { instrumentDecider, type Commitment } from '@ddr/coordination';
import type { Body, JsonObject } from '@ddr/kernel';
import { composeDigest } from './digest';
import { digestContent } from './digest-content';
import type { LoggedFact } from './logged-fact';
import { Watch } from './watch';

let position = 0;
const fact = (streamId: string, type: string, data: JsonObject, effectiveDate = '2019-09-25', recordedBy: Body = 'CTS'): LoggedFact => {
  position++;
  return { id: `event-${position}`, type, streamId, position: String(position), data, effectiveDate, recordedBy };
};
const plan = 'redeployment-plan-2019-2021';
const proposed = (visibility = 'PUBLIC') =>
  fact(
    `instrument-${plan}`,
    'InstrumentProposed',
    {
      instrumentId: plan,
      kind: 'PLAN',
      title: 'Plan for the progressive redeployment of MOC ex-combatants 2019-2021',
      leadBody: 'CTS',
      visibility,
      sourceRef: null,
      pathway: [
        { body: 'FAMA', action: 'ADOPT', parallel: false },
        { body: 'CTS', action: 'APPROVE', parallel: false },
        { body: 'SCDS', action: 'FINAL_ADOPTION', parallel: false },
      ],
    },
    '2019-09-01',
  );
const decided = (step: number, body: string, action: string, on?: string) =>
  fact(`instrument-${plan}`, 'StepDecided', { instrumentId: plan, step, body, action, outcome: 'APPROVED', meeting: null, sourceRef: null }, on);

/** The CNDDR ties further tranches to a step of the plan (by a deadline, with `due`). */
const tranchesAfterPlan = (body: string, action: string, due: JsonObject = {}) =>
  fact('condition-tranches-after-plan', 'ConditionSet', {
    conditionId: 'tranches-after-plan',
    body: 'CNDDR',
    title: 'Further tranches wait for the plan',
    subject: 'ADDR-I',
    sourceRef: null,
    requires: [{ kind: 'INSTRUMENT_STEP_APPROVED', instrumentId: plan, body, action }],
    ...due,
  });

/** The CTS corrects the date of its approval of the plan (revision 2), first recorded as 2019-09-25. */
const approvalCorrected = (on = '2019-09-20') =>
  fact(
    `instrument-${plan}`,
    'ActCorrected',
    {
      instrumentId: plan,
      revision: 2,
      reason: 'the approval was dated from the minutes of CTS-41',
      changes: { effectiveDate: on },
      previous: { effectiveDate: '2019-09-25' },
    },
    on,
  );

describe('what is worth telling', () => {
  it("tells the lead body (CTS) that FAMa's step awaits, FAMa having no desk; then the CTS, then the SCDS", () => {
    const watch = new Watch(['CTS', 'SCDS']);
    expect(watch.tell(proposed()).map((n) => [n.kind, n.body, n.details.stepBody])).toEqual([['STEP_AWAITED', 'CTS', 'FAMA']]);
    expect(watch.tell(decided(0, 'FAMA', 'ADOPT')).map((n) => [n.kind, n.body])).toEqual([['STEP_AWAITED', 'CTS']]);
    const [toScds] = watch.tell(decided(1, 'CTS', 'APPROVE'));
    expect(toScds).toMatchObject({ kind: 'STEP_AWAITED', body: 'SCDS', link: `/#/instruments/${plan}`, details: { action: 'FINAL_ADOPTION' } });
    expect(watch.tell(decided(2, 'SCDS', 'FINAL_ADOPTION'))).toEqual([]);
  });

  it("tells the SCDS, which relies on the plan, that the CTS corrected its approval's date; the CTS, which corrected it, is not told", () => {
    const watch = new Watch(['CTS', 'SCDS']);
    [proposed(), decided(0, 'FAMA', 'ADOPT'), decided(1, 'CTS', 'APPROVE')].forEach((f) => watch.tell(f));
    const notices = watch.tell(approvalCorrected());
    expect(notices.map((n) => [n.kind, n.body, n.link])).toEqual([['ACT_CORRECTED', 'SCDS', `/#/instruments/${plan}`]]);
    expect(notices[0].details).toMatchObject({
      subjectKind: 'instrument',
      subjectId: plan,
      revision: 2,
      act: 'StepDecided',
      correctedBy: 'CTS',
      changes: { effectiveDate: '2019-09-20' },
      previous: { effectiveDate: '2019-09-25' },
    });
  });

  it("sees the plan as its decider does after a correction, and the digest says the SCDS's step waits since the corrected date", () => {
    const facts = [proposed(), decided(0, 'FAMA', 'ADOPT', '2019-09-10'), decided(1, 'CTS', 'APPROVE'), approvalCorrected()];
    const watch = new Watch(['CTS', 'SCDS']);
    facts.forEach((f) => watch.tell(f));
    const events = facts.map((f) => ({ type: f.type, data: { effectiveDate: f.effectiveDate, ...f.data }, recordedBy: f.recordedBy }));
    expect(watch.instrumentOf(`instrument-${plan}`)).toEqual(instrumentDecider.fold!(events as never).state);
    const digest = digestContent(watch, { body: 'SCDS', language: 'EN', period: '2019-10-01' }, '2019-10-01', []);
    expect(digest.awaiting.map((a) => a.since)).toEqual(['2019-09-20']);
  });

  it('folds a late act at its place: a note dated 2018 recorded after the 2019 one does not become the last word on the registration', () => {
    const watch = new Watch([]);
    const stream = 'commitment-registration-closes-2018';
    const note = (text: string, on: string) =>
      fact(stream, 'CommitmentProgressNoted', { commitmentId: 'registration-closes-2018', note: text, source: { ref: null } }, on, 'CNDDR');
    watch.tell(
      fact(
        stream,
        'CommitmentMade',
        {
          commitmentId: 'registration-closes-2018',
          body: 'CNDDR',
          description: 'Close the registration',
          dueDate: '2018-04-30',
          instrumentId: null,
          recordedBy: 'CNDDR',
        },
        '2018-03-01',
        'CNDDR',
      ),
    );
    watch.tell(note('registration still open in April 2019', '2019-04-01'));
    watch.tell(note('registration extended', '2018-05-15'));
    const [[, stored]] = watch.changed();
    expect((stored.state as Commitment).lastNote).toBe('registration still open in April 2019');
    expect(stored.entries.map((e) => e.revision)).toEqual([0, 1, 2]);
  });

  it('tells a condition met when the step it waits on is approved, to the body that set it and the body it waited on', () => {
    const watch = new Watch([]);
    watch.tell(proposed());
    const set = watch.tell(tranchesAfterPlan('FAMA', 'ADOPT'));
    expect(set.map((n) => [n.kind, n.body])).toEqual([
      ['CONDITION_UNMET', 'CNDDR'],
      ['CONDITION_UNMET', 'FAMA'],
    ]);
    const met = watch.tell(decided(0, 'FAMA', 'ADOPT')).filter((n) => n.kind === 'CONDITION_MET');
    expect(met.map((n) => n.body)).toEqual(['CNDDR', 'FAMA']);
    expect(met[0].link).toBe('/#/conditions/tranches-after-plan');
  });

  it('never tells a body of what it may not read: the plan kept to the CTS tells the SCDS nothing, and its condition only the CNDDR that set it', () => {
    const watch = new Watch([]);
    watch.tell(proposed('LEAD'));
    watch.tell(decided(0, 'FAMA', 'ADOPT'));
    expect(watch.tell(decided(1, 'CTS', 'APPROVE'))).toEqual([]);
    const set = watch.tell(tranchesAfterPlan('SCDS', 'FINAL_ADOPTION'));
    expect(set.map((n) => [n.kind, n.body])).toEqual([['CONDITION_UNMET', 'CNDDR']]);
    const digest = digestContent(watch, { body: 'SCDS', language: 'EN', period: 'DAILY' }, '2019-10-01', []);
    expect(digest.awaiting).toEqual([]);
    expect(digestContent(watch, { body: 'CTS', language: 'EN', period: 'DAILY' }, '2019-10-01', []).awaiting).toEqual([]);
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

describe('deadlines of steps, of commitments due after an act, and grades', () => {
  // The SCDS has 30 days from the CTS's approval to adopt the plan finally.
  const withDeadline = (dues: JsonObject[] = [{}, {}, { dueWithinDays: 30 }]) => {
    const f = proposed();
    return { ...f, data: { ...f.data, pathway: (f.data.pathway as JsonObject[]).map((step, i) => ({ ...step, ...dues[i] })) } };
  };
  const awaitingScds = () => {
    const watch = new Watch([]);
    [withDeadline(), decided(0, 'FAMA', 'ADOPT', '2019-09-10'), decided(1, 'CTS', 'APPROVE', '2019-09-25')].forEach((f) => watch.tell(f));
    return watch;
  };
  const stepNotices = (watch: Watch, today: string) => watch.deadlines(today, 7).filter((n) => n.kind.startsWith('STEP_'));

  it("tells the SCDS its final adoption is due 30 days after the CTS's approval: near within 7 days, then passed, each under one id", () => {
    const watch = awaitingScds();
    expect(stepNotices(watch, '2019-10-17')).toEqual([]);
    const [near] = stepNotices(watch, '2019-10-18');
    expect(near).toMatchObject({
      kind: 'STEP_DEADLINE_NEAR',
      body: 'SCDS',
      position: null,
      effectiveDate: '2019-10-18',
      link: `/#/instruments/${plan}`,
      details: { instrumentId: plan, step: 2, stepBody: 'SCDS', action: 'FINAL_ADOPTION', awaitedSince: '2019-09-25', dueDate: '2019-10-25' },
    });
    expect(stepNotices(watch, '2019-10-25')[0].id).toBe(near.id);
    const [overdue] = stepNotices(watch, '2019-10-26');
    expect(overdue).toMatchObject({ kind: 'STEP_OVERDUE', body: 'SCDS', effectiveDate: '2019-10-26', details: { dueDate: '2019-10-25' } });
    expect(stepNotices(watch, '2020-06-01')[0].id).toBe(overdue.id);
  });

  it("tells an outside actor's step deadline to the lead body, and tells nothing once the step is decided", () => {
    const watch = new Watch([]);
    watch.tell(withDeadline([{ dueDate: '2019-09-20' }]));
    expect(stepNotices(watch, '2019-09-21').map((n) => [n.kind, n.body, n.details.stepBody])).toEqual([['STEP_OVERDUE', 'CTS', 'FAMA']]);
    watch.tell(decided(0, 'FAMA', 'ADOPT', '2019-09-15'));
    expect(stepNotices(watch, '2019-09-21')).toEqual([]);
  });

  it("moves the step's deadline when the approval it counts from is corrected: a new notice, on the new date", () => {
    const watch = awaitingScds();
    const [before] = stepNotices(watch, '2019-10-26');
    watch.tell(approvalCorrected('2019-09-20'));
    const [after] = stepNotices(watch, '2019-10-26');
    expect(after).toMatchObject({ kind: 'STEP_OVERDUE', details: { awaitedSince: '2019-09-20', dueDate: '2019-10-20' }, effectiveDate: '2019-10-21' });
    expect(after.id).not.toBe(before.id);
  });

  it('lists the step awaited past its deadline in the digest of its body, in French and in English', () => {
    const content = digestContent(awaitingScds(), { body: 'SCDS', language: 'FR', period: '2019-11-01' }, '2019-11-01', []);
    expect(content.overdueSteps).toEqual([
      {
        title: expect.stringContaining('redeployment') as string,
        action: 'FINAL_ADOPTION',
        since: '2019-09-25',
        dueDate: '2019-10-25',
        link: `/#/instruments/${plan}`,
      },
    ]);
    expect(composeDigest(content, 'https://ddr.example').text).toContain(
      'Étapes en attente au-delà de leur échéance (1)\n  - Plan for the progressive redeployment of MOC ex-combatants 2019-2021: adoption finale, depuis le 2019-09-25 (échéance 2019-10-25)',
    );
    expect(composeDigest({ ...content, language: 'EN' }, 'https://ddr.example').text).toContain('Steps awaited past their deadline (1)');
  });

  const dueAfterAdoption = () =>
    fact(
      'commitment-first-tranche-redeployed',
      'CommitmentMade',
      {
        commitmentId: 'first-tranche-redeployed',
        body: 'MOC',
        description: 'Redeploy the first tranche within 60 days of the plan',
        dueDate: '2019-12-31',
        dueAfter: { instrumentId: plan, body: null, action: null, days: 60 },
        instrumentId: plan,
        recordedBy: 'MOC',
        source: { ref: null },
      },
      '2019-09-01',
      'MOC',
    );
  const commitmentNotices = (watch: Watch, today: string) => watch.deadlines(today, 7).filter((n) => n.kind.startsWith('COMMITMENT_'));

  it('reminds a commitment due 60 days after the adoption on the date its recorder expected until then, then on the counted date', () => {
    const watch = awaitingScds();
    watch.tell(dueAfterAdoption());
    expect(commitmentNotices(watch, '2019-12-25')).toMatchObject([{ kind: 'COMMITMENT_DEADLINE_NEAR', body: 'MOC', details: { dueDate: '2019-12-31' } }]);
    // Adopted by the SCDS on 2019-10-01: due 60 days later, on 2019-11-30.
    watch.tell(decided(2, 'SCDS', 'FINAL_ADOPTION', '2019-10-01'));
    watch.tell(fact(`instrument-${plan}`, 'InstrumentAdopted', { instrumentId: plan, source: { ref: null } }, '2019-10-01', 'SCDS'));
    expect(commitmentNotices(watch, '2019-11-23')).toMatchObject([{ kind: 'COMMITMENT_DEADLINE_NEAR', details: { dueDate: '2019-11-30' } }]);
    expect(commitmentNotices(watch, '2019-12-01')).toMatchObject([
      { kind: 'COMMITMENT_OVERDUE', effectiveDate: '2019-12-01', details: { dueDate: '2019-11-30' } },
    ]);
    const digest = digestContent(watch, { body: 'MOC', language: 'EN', period: '2019-12-01' }, '2019-12-01', []);
    expect(digest.overdue).toMatchObject([{ dueDate: '2019-11-30' }]);
  });

  const conditionNotices = (watch: Watch, today: string) => watch.deadlines(today, 7).filter((n) => n.kind.startsWith('CONDITION_'));

  it('reminds the bodies of a condition of its deadline while it is not met, near then passed, each under one id; met, of nothing more', () => {
    const watch = new Watch([]);
    watch.tell(proposed());
    watch.tell(tranchesAfterPlan('FAMA', 'ADOPT', { dueDate: '2019-12-31' }));
    expect(conditionNotices(watch, '2019-12-20')).toEqual([]);
    const near = conditionNotices(watch, '2019-12-25');
    expect(near.map((n) => [n.kind, n.body])).toEqual([
      ['CONDITION_DEADLINE_NEAR', 'CNDDR'],
      ['CONDITION_DEADLINE_NEAR', 'FAMA'],
    ]);
    expect(near[0]).toMatchObject({
      link: '/#/conditions/tranches-after-plan',
      details: { conditionId: 'tranches-after-plan', setBy: 'CNDDR', dueDate: '2019-12-31', blockedBy: [expect.stringContaining('FAMA')] },
    });
    expect(conditionNotices(watch, '2019-12-26').map((n) => n.id)).toEqual(near.map((n) => n.id));
    expect(conditionNotices(watch, '2020-01-02')).toMatchObject([
      { kind: 'CONDITION_OVERDUE', body: 'CNDDR', effectiveDate: '2020-01-01' },
      { kind: 'CONDITION_OVERDUE', body: 'FAMA', effectiveDate: '2020-01-01' },
    ]);
    watch.tell(decided(0, 'FAMA', 'ADOPT', '2020-01-05'));
    expect(conditionNotices(watch, '2020-01-06')).toEqual([]);
  });

  it('counts a condition due 30 days after an approval from the approval, lists it overdue in the digests, and forgets it once withdrawn', () => {
    const watch = awaitingScds();
    watch.tell(tranchesAfterPlan('SCDS', 'FINAL_ADOPTION', { dueAfter: { instrumentId: plan, body: 'CTS', action: 'APPROVE', days: 30 } }));
    // Approved by the CTS on 2019-09-25: due on 2019-10-25.
    expect(conditionNotices(watch, '2019-11-01')).toMatchObject([
      { kind: 'CONDITION_OVERDUE', body: 'CNDDR', details: { dueDate: '2019-10-25' } },
      { kind: 'CONDITION_OVERDUE', body: 'SCDS', details: { dueDate: '2019-10-25' } },
    ]);
    const digest = digestContent(watch, { body: 'SCDS', language: 'FR', period: '2019-11-01' }, '2019-11-01', []);
    expect(digest.overdueConditions).toEqual([
      { title: 'Further tranches wait for the plan', dueDate: '2019-10-25', link: '/#/conditions/tranches-after-plan' },
    ]);
    expect(composeDigest(digest, 'https://ddr.example').text).toContain(
      'Conditions non remplies à leur échéance (1)\n  - Further tranches wait for the plan (échéance 2019-10-25)\n    https://ddr.example/#/conditions/tranches-after-plan',
    );
    expect(composeDigest({ ...digest, language: 'EN' }, 'https://ddr.example').text).toContain('Conditions unmet past their deadline (1)');
    watch.tell(
      fact(
        'condition-tranches-after-plan',
        'ConditionWithdrawn',
        { conditionId: 'tranches-after-plan', reason: 'superseded', sourceRef: null },
        '2019-11-02',
        'CNDDR',
      ),
    );
    expect(conditionNotices(watch, '2019-11-03')).toEqual([]);
  });

  it("tells the MOC the CNDDR's grade of its commitment, with its assessor, finding and source; a grade of a provision tells no one", () => {
    const watch = new Watch([]);
    watch.tell(dueAfterAdoption());
    const graded = (item: string, itemId: string) =>
      fact(
        `grades-${item.toLowerCase()}-${itemId}`,
        'ImplementationGraded',
        {
          item,
          itemId,
          assessor: 'CNDDR',
          grade: 1,
          finding: 'a first group reached Gao',
          source: { ref: 'CNDDR report' },
        },
        '2019-12-15',
        'CNDDR',
      );
    const [told] = watch.tell(graded('COMMITMENT', 'first-tranche-redeployed'));
    expect(told).toMatchObject({
      kind: 'COMMITMENT_GRADED',
      body: 'MOC',
      effectiveDate: '2019-12-15',
      link: '/#/commitments/first-tranche-redeployed',
      details: {
        itemId: 'first-tranche-redeployed',
        grade: 1,
        level: 'MINIMAL',
        assessor: 'CNDDR',
        finding: 'a first group reached Gao',
        source: { ref: 'CNDDR report' },
      },
    });
    expect(watch.tell(graded('PROVISION', 'art-18'))).toEqual([]);
  });
});
