import { given } from '@ddr/kernel/testing';
import type { Body } from '@ddr/kernel';
import { sourceOf } from '@ddr/kernel';
import type { InstrumentCommand, RecordStepDecision } from './instrument.commands';
import { instrumentDecider } from './instrument.decider';
import type { InstrumentEvent, InstrumentProposed, PathwayStep, StepDecided } from './instrument.events';
import { awaitedSteps } from './instrument.state';

const step = (body: Body, action: PathwayStep['action'], parallel = false): PathwayStep => ({ body, action, parallel });

// The two instruments of the brief, as their lead bodies' secretariats propose them.
const decreeProposed: InstrumentProposed = {
  type: 'InstrumentProposed',
  data: {
    instrumentId: 'decree-ranks-2019',
    kind: 'DECREE',
    title: 'Decree on the allocation of ranks, command functions and reclassification of ex-combatants',
    leadBody: 'INTEGRATION_COMMISSION',
    visibility: 'PUBLIC',
    pathway: [step('COUNCIL_OF_MINISTERS', 'ADOPT'), step('PRESIDENCY', 'ENDORSE')],
    effectiveDate: '2019-10-01',
    source: sourceOf(null),
  },
};
const planProposed: InstrumentProposed = {
  type: 'InstrumentProposed',
  data: {
    instrumentId: 'redeployment-plan-2019-2021',
    kind: 'PLAN',
    title: 'Plan for the progressive redeployment of MOC ex-combatants 2019-2021',
    leadBody: 'CTS',
    visibility: 'PUBLIC',
    pathway: [step('FAMA', 'ADOPT'), step('CTS', 'APPROVE'), step('SCDS', 'FINAL_ADOPTION')],
    effectiveDate: '2019-09-01',
    source: sourceOf('Brief, footnote 2'),
  },
};

const decision = (
  instrument: InstrumentProposed,
  fields: Partial<RecordStepDecision> & Pick<RecordStepDecision, 'by' | 'body' | 'action'>,
): RecordStepDecision => ({
  type: 'RecordStepDecision',
  instrumentId: instrument.data.instrumentId,
  outcome: 'APPROVED',
  effectiveDate: '2019-10-09',
  meeting: null,
  source: sourceOf(null),
  ...fields,
});

const decided = (command: RecordStepDecision, stepIndex: number): StepDecided => ({
  type: 'StepDecided',
  data: {
    instrumentId: command.instrumentId,
    step: stepIndex,
    body: command.body,
    action: command.action,
    outcome: command.outcome,
    meeting: command.meeting,
    source: command.source,
    effectiveDate: command.effectiveDate,
  },
});

const state = (past: InstrumentEvent[]) => given(instrumentDecider, past).state.state!;
const awaiting = (past: InstrumentEvent[]) => awaitedSteps(state(past)).map((i) => `${state(past).pathway[i].body} ${state(past).pathway[i].action}`);

describe('the rank decree', () => {
  const councilAdopts = decision(decreeProposed, {
    by: 'INTEGRATION_COMMISSION',
    body: 'COUNCIL_OF_MINISTERS',
    action: 'ADOPT',
    effectiveDate: '2019-10-09',
    source: sourceOf('Brief: adopted by the Council of Ministers on 9 October 2019'),
  });

  it('given proposed, when the lead secretariat records the Council of Ministers adoption, then it awaits the Presidency', () => {
    given(instrumentDecider, [decreeProposed])
      .when(councilAdopts)
      .then([decided(councilAdopts, 0)]);
    const after = [decreeProposed, decided(councilAdopts, 0)];
    expect(state(after).status).toBe('IN_PROGRESS');
    expect(awaiting(after)).toEqual(['PRESIDENCY ENDORSE']);
  });

  it('an outside actor act without a source reference is refused', () => {
    given(instrumentDecider, [decreeProposed])
      .when({ ...councilAdopts, source: sourceOf(null) })
      .rejects('BAD_USER_INPUT', /source reference/);
  });

  it('another body cannot record an outside actor act on an instrument it does not lead', () => {
    given(instrumentDecider, [decreeProposed])
      .when({ ...councilAdopts, by: 'CNDDR' })
      .rejects('FORBIDDEN');
  });

  it('the Presidency endorsement before the Council adoption is out of order', () => {
    const endorse = decision(decreeProposed, {
      by: 'INTEGRATION_COMMISSION',
      body: 'PRESIDENCY',
      action: 'ENDORSE',
      source: sourceOf('decree'),
    });
    given(instrumentDecider, [decreeProposed])
      .when(endorse)
      .rejects('CONFLICT', /awaiting COUNCIL_OF_MINISTERS ADOPT/);
  });

  it('the endorsement after adoption adopts the decree', () => {
    const endorse = decision(decreeProposed, {
      by: 'INTEGRATION_COMMISSION',
      body: 'PRESIDENCY',
      action: 'ENDORSE',
      effectiveDate: '2019-11-20',
      source: sourceOf('hypothetical decree number'),
    });
    given(instrumentDecider, [decreeProposed, decided(councilAdopts, 0)])
      .when(endorse)
      .then([
        decided(endorse, 1),
        { type: 'InstrumentAdopted', data: { instrumentId: 'decree-ranks-2019', effectiveDate: '2019-11-20', source: endorse.source } },
      ]);
  });
});

describe('the 2019-2021 redeployment plan', () => {
  const famaAdopts = decision(planProposed, {
    by: 'CTS',
    body: 'FAMA',
    action: 'ADOPT',
    effectiveDate: '2019-09-10',
    source: sourceOf('Brief, footnote 2: draft adopted by the Malian Armed Forces'),
  });
  const ctsApproves = decision(planProposed, {
    by: 'CTS',
    body: 'CTS',
    action: 'APPROVE',
    effectiveDate: '2019-09-25',
    meeting: 'CTS-41',
  });

  it('runs FAMa adopt, then CTS approve at CTS-41, and then awaits the SCDS final adoption', () => {
    given(instrumentDecider, [planProposed])
      .when(famaAdopts)
      .then([decided(famaAdopts, 0)]);
    given(instrumentDecider, [planProposed, decided(famaAdopts, 0)])
      .when(ctsApproves)
      .then([decided(ctsApproves, 1)]);
    const after = [planProposed, decided(famaAdopts, 0), decided(ctsApproves, 1)];
    expect(awaiting(after)).toEqual(['SCDS FINAL_ADOPTION']);
    expect(state(after).pathway[1]).toMatchObject({ status: 'APPROVED', meeting: 'CTS-41', effectiveDate: '2019-09-25' });
  });

  it('the CTS cannot decide the SCDS step', () => {
    const past = [planProposed, decided(famaAdopts, 0), decided(ctsApproves, 1)];
    given(instrumentDecider, past)
      .when(decision(planProposed, { by: 'CTS', body: 'SCDS', action: 'FINAL_ADOPTION', effectiveDate: '2019-10-01' }))
      .rejects('FORBIDDEN', /cannot record an act of SCDS/);
  });

  it('the SCDS cannot decide before the CTS has approved', () => {
    given(instrumentDecider, [planProposed, decided(famaAdopts, 0)])
      .when(decision(planProposed, { by: 'SCDS', body: 'SCDS', action: 'FINAL_ADOPTION' }))
      .rejects('CONFLICT', /awaiting CTS APPROVE/);
  });

  it('a step decided twice is a conflict', () => {
    given(instrumentDecider, [planProposed, decided(famaAdopts, 0), decided(ctsApproves, 1)])
      .when(ctsApproves)
      .rejects('CONFLICT', /already decided/);
  });

  it('a meeting of another body is refused', () => {
    given(instrumentDecider, [planProposed, decided(famaAdopts, 0)])
      .when({ ...ctsApproves, meeting: 'SCDS-3' })
      .rejects('BAD_USER_INPUT', /not a session of CTS/);
  });

  it('a step dated before the step it follows is out of order, even when recorded after it', () => {
    given(instrumentDecider, [planProposed, decided(famaAdopts, 0)])
      .when({ ...ctsApproves, effectiveDate: '2019-09-02' })
      .rejects('CONFLICT', /awaiting FAMA ADOPT/);
  });

  it('a step not on the pathway is refused', () => {
    given(instrumentDecider, [planProposed])
      .when(decision(planProposed, { by: 'MOC', body: 'MOC', action: 'REVIEW' }))
      .rejects('BAD_USER_INPUT', /no step MOC REVIEW/);
  });
});

describe('returned, amended, resubmitted', () => {
  const returned = decision(planProposed, {
    by: 'CTS',
    body: 'FAMA',
    action: 'ADOPT',
    outcome: 'RETURNED',
    source: sourceOf('x'),
    effectiveDate: '2019-09-05',
  });
  const past = [planProposed, decided(returned, 0)];
  const amend: InstrumentCommand = {
    type: 'AmendInstrument',
    instrumentId: planProposed.data.instrumentId,
    by: 'CTS',
    effectiveDate: '2019-09-06',
    source: sourceOf(null),
    title: 'Plan 2019-2021, revised',
    summary: 'Quotas by region added',
    pathway: [step('FAMA', 'ADOPT'), step('CTS', 'APPROVE'), step('SCDS', 'FINAL_ADOPTION')],
  };

  it('a returned instrument awaits nobody until it is resubmitted', () => {
    expect(state(past).status).toBe('RETURNED');
    expect(awaiting(past)).toEqual([]);
    given(instrumentDecider, past)
      .when(decision(planProposed, { by: 'CTS', body: 'FAMA', action: 'ADOPT', source: sourceOf('x') }))
      .rejects('CONFLICT');
  });

  it('amend then resubmit puts the returned step back in front', () => {
    const amended = given(instrumentDecider, past).when(amend).decision as InstrumentEvent[];
    const resubmitted = given(instrumentDecider, [...past, ...amended]).when({
      type: 'ResubmitInstrument',
      instrumentId: planProposed.data.instrumentId,
      by: 'CTS',
      effectiveDate: '2019-09-07',
      source: sourceOf(null),
    }).decision as InstrumentEvent[];
    const after = [...past, ...amended, ...resubmitted];
    expect(state(after)).toMatchObject({ status: 'IN_PROGRESS', title: 'Plan 2019-2021, revised' });
    expect(awaiting(after)).toEqual(['FAMA ADOPT']);
  });

  it('only the lead body may amend', () => {
    given(instrumentDecider, past)
      .when({ ...amend, by: 'SCDS' })
      .rejects('FORBIDDEN');
  });
});

describe('parallel steps', () => {
  const proposed: InstrumentProposed = {
    type: 'InstrumentProposed',
    data: {
      instrumentId: 'eligibility-criteria',
      kind: 'CRITERIA',
      title: 'Eligibility criteria for the DDR process',
      leadBody: 'INTEGRATION_COMMISSION',
      visibility: 'PUBLIC',
      pathway: [step('INTEGRATION_COMMISSION', 'ADOPT'), step('CNDDR', 'REVIEW'), step('CTS', 'REVIEW', true), step('CSA', 'APPROVE')],
      effectiveDate: '2017-01-01',
      source: sourceOf(null),
    },
  };
  const adopt = decision(proposed, { by: 'INTEGRATION_COMMISSION', body: 'INTEGRATION_COMMISSION', action: 'ADOPT', effectiveDate: '2017-02-01' });
  const ctsReview = decision(proposed, { by: 'CTS', body: 'CTS', action: 'REVIEW', effectiveDate: '2017-03-01' });

  it('steps of one stage may be decided in any order, and the next stage waits for both', () => {
    const past = [proposed, decided(adopt, 0)];
    expect(awaiting(past)).toEqual(['CNDDR REVIEW', 'CTS REVIEW']);
    given(instrumentDecider, past)
      .when(ctsReview)
      .then([decided(ctsReview, 2)]);
    expect(awaiting([...past, decided(ctsReview, 2)])).toEqual(['CNDDR REVIEW']);
  });
});

describe('implementation', () => {
  const adopted: InstrumentEvent[] = [
    { ...planProposed, data: { ...planProposed.data, pathway: [step('SCDS', 'FINAL_ADOPTION')], leadBody: 'SCDS' } },
    {
      type: 'StepDecided',
      data: {
        instrumentId: 'redeployment-plan-2019-2021',
        step: 0,
        body: 'SCDS',
        action: 'FINAL_ADOPTION',
        outcome: 'APPROVED',
        meeting: null,
        source: sourceOf(null),
        effectiveDate: '2019-12-01',
      },
    },
    { type: 'InstrumentAdopted', data: { instrumentId: 'redeployment-plan-2019-2021', effectiveDate: '2019-12-01', source: sourceOf(null) } },
  ];
  const act = <T extends InstrumentCommand['type']>(type: T, fields: object = {}) =>
    ({ type, instrumentId: 'redeployment-plan-2019-2021', by: 'SCDS', effectiveDate: '2020-01-15', source: sourceOf(null), ...fields }) as InstrumentCommand;

  it('starts, reaches a milestone, halts with a reason, resumes and completes', () => {
    let history = [...adopted];
    const run = (command: InstrumentCommand) => {
      const events = given(instrumentDecider, history).when(command).decision as InstrumentEvent[];
      history = [...history, ...events];
      return state(history).status;
    };
    expect(run(act('StartImplementation'))).toBe('IN_IMPLEMENTATION');
    expect(run(act('RecordMilestone', { milestone: 'First battalion redeployed', count: 420, place: 'Gao' }))).toBe('IN_IMPLEMENTATION');
    expect(run(act('HaltImplementation', { reason: 'First tranches not successfully redeployed' }))).toBe('HALTED');
    given(instrumentDecider, history)
      .when(act('RecordMilestone', { milestone: 'x', count: null, place: null }))
      .rejects('CONFLICT');
    expect(run(act('ResumeImplementation'))).toBe('IN_IMPLEMENTATION');
    expect(run(act('CompleteImplementation'))).toBe('IMPLEMENTED');
  });

  it('implementation cannot start before adoption', () => {
    given(instrumentDecider, [planProposed])
      .when(act('StartImplementation', { by: 'CTS' }))
      .rejects('CONFLICT', /DRAFT/);
  });

  it('is withdrawn or superseded only by its lead body, and never supersedes itself', () => {
    given(instrumentDecider, adopted)
      .when(act('WithdrawInstrument', { by: 'CTS', reason: 'x' }))
      .rejects('FORBIDDEN');
    given(instrumentDecider, adopted)
      .when(act('SupersedeInstrument', { supersededBy: 'redeployment-plan-2019-2021' }))
      .rejects('BAD_USER_INPUT');
    const superseded = given(instrumentDecider, adopted).when(act('SupersedeInstrument', { supersededBy: 'redeployment-plan-2020' }))
      .decision as InstrumentEvent[];
    expect(state([...adopted, ...superseded])).toMatchObject({ status: 'SUPERSEDED', supersededBy: 'redeployment-plan-2020' });
  });
});

describe('proposal', () => {
  const propose: InstrumentCommand = {
    type: 'ProposeInstrument',
    instrumentId: 'quota-integration',
    by: 'SCDS',
    kind: 'QUOTA',
    title: 'Final quota of fighters to be integrated',
    leadBody: 'SCDS',
    visibility: 'PUBLIC',
    pathway: [step('SCDS', 'FINAL_ADOPTION')],
    effectiveDate: '2019-06-01',
    source: sourceOf(null),
  };

  it('is refused from a body that would not lead it, for an outside lead, for an empty or repeated pathway, and twice', () => {
    given(instrumentDecider)
      .when({ ...propose, by: 'CTS' })
      .rejects('FORBIDDEN');
    given(instrumentDecider)
      .when({ ...propose, leadBody: 'FAMA', by: 'FAMA' })
      .rejects('BAD_USER_INPUT');
    given(instrumentDecider)
      .when({ ...propose, pathway: [] })
      .rejects('BAD_USER_INPUT');
    given(instrumentDecider)
      .when({ ...propose, pathway: [step('SCDS', 'APPROVE'), step('SCDS', 'APPROVE')] })
      .rejects('BAD_USER_INPUT', /twice/);
    const proposed = given(instrumentDecider).when(propose).decision as InstrumentEvent[];
    given(instrumentDecider, proposed)
      .when(propose)
      .rejects('CONFLICT', /already exists/);
  });

  it("keeps a step's deadline, a date or days after it becomes awaited, and refuses a step given both", () => {
    const withDeadlines = {
      ...propose,
      pathway: [
        { ...step('SCDS', 'REVIEW'), dueWithinDays: 30 },
        { ...step('SCDS', 'FINAL_ADOPTION'), dueDate: '2019-12-31' },
      ],
    };
    const [proposed] = given(instrumentDecider).when(withDeadlines).decision as InstrumentProposed[];
    expect(proposed.data.pathway).toEqual([
      { body: 'SCDS', action: 'REVIEW', parallel: false, dueWithinDays: 30 },
      { body: 'SCDS', action: 'FINAL_ADOPTION', parallel: false, dueDate: '2019-12-31' },
    ]);
    given(instrumentDecider)
      .when({ ...propose, pathway: [{ ...step('SCDS', 'FINAL_ADOPTION'), dueDate: '2019-12-31', dueWithinDays: 30 }] })
      .rejects('BAD_USER_INPUT', /both a due date and a number of days/);
  });

  it('records the contested positions on the quota', () => {
    const proposed = given(instrumentDecider).when(propose).decision as InstrumentEvent[];
    const table = {
      type: 'TablePosition',
      instrumentId: 'quota-integration',
      by: 'SCDS',
      effectiveDate: '2019-06-01',
      source: sourceOf('Brief'),
      party: 'FAMa',
      statement: 'ceiling of around 5,000',
      figure: 5000,
    } as InstrumentCommand;
    given(instrumentDecider, proposed)
      .when(table)
      .then([
        {
          type: 'PositionTabled',
          data: {
            instrumentId: 'quota-integration',
            effectiveDate: '2019-06-01',
            source: sourceOf('Brief'),
            party: 'FAMa',
            statement: 'ceiling of around 5,000',
            figure: 5000,
          },
        },
      ]);
  });
});

describe('the 2015 Agreement, signed by its parties', () => {
  const concluded = sourceOf("Brief: 'The Algiers Peace Agreement concluded in 2015'", { datePrecision: 'YEAR' });
  const agreementProposed: InstrumentProposed = {
    type: 'InstrumentProposed',
    data: {
      instrumentId: 'algiers-agreement-2015',
      kind: 'AGREEMENT',
      title: 'Agreement for Peace and Reconciliation in Mali',
      leadBody: 'CSA',
      visibility: 'PUBLIC',
      pathway: [step('GOVERNMENT_OF_MALI', 'SIGN'), step('CMA', 'SIGN', true), step('PLATFORM', 'SIGN', true)],
      effectiveDate: '2015-01-01',
      source: concluded,
    },
  };
  const signs = (body: Body, fields: Partial<RecordStepDecision> = {}) =>
    decision(agreementProposed, { by: 'CSA', body, action: 'SIGN', effectiveDate: '2015-01-01', source: concluded, ...fields });
  const signed = (body: Body, at: number) => decided(signs(body), at);

  it('given proposed, the CSA records the CMA signing with a source known to the year, in any order of the parties', () => {
    given(instrumentDecider, [agreementProposed])
      .when(signs('CMA'))
      .then([signed('CMA', 1)]);
    expect(state([agreementProposed, signed('CMA', 1)]).pathway[1]).toMatchObject({ status: 'APPROVED', source: { datePrecision: 'YEAR' } });
  });

  it('the last party to sign adopts the Agreement, the adoption citing that signature', () => {
    given(instrumentDecider, [agreementProposed, signed('GOVERNMENT_OF_MALI', 0), signed('CMA', 1)])
      .when(signs('PLATFORM'))
      .then([
        signed('PLATFORM', 2),
        { type: 'InstrumentAdopted', data: { instrumentId: 'algiers-agreement-2015', effectiveDate: '2015-01-01', source: concluded } },
      ]);
  });

  it("a party's signature without a source reference is refused", () => {
    given(instrumentDecider, [agreementProposed])
      .when(signs('PLATFORM', { source: sourceOf(null, { datePrecision: 'YEAR' }) }))
      .rejects('BAD_USER_INPUT', /PLATFORM must cite a source reference/);
  });

  it('only the lead body, the CSA, records the parties signing', () => {
    given(instrumentDecider, [agreementProposed])
      .when(signs('CMA', { by: 'SCDS' }))
      .rejects('FORBIDDEN', /recorded by the CSA secretariat/);
  });

  describe("the Independent Observer's findings", () => {
    const inForce = [agreementProposed, signed('GOVERNMENT_OF_MALI', 0), signed('CMA', 1), signed('PLATFORM', 2)];
    const carterCenter = sourceOf('Brief, citing Carter Center 2019', { datePrecision: 'YEAR' });
    const finding = (fields: Partial<Extract<InstrumentCommand, { type: 'RecordFinding' }>> = {}): InstrumentCommand => ({
      type: 'RecordFinding',
      instrumentId: 'algiers-agreement-2015',
      by: 'CSA',
      body: 'INDEPENDENT_OBSERVER',
      finding: 'The erosion of trust has contributed to the parties lack of follow-through on commitments',
      effectiveDate: '2019-01-01',
      source: carterCenter,
      ...fields,
    });

    it('are recorded by the CSA with their source', () => {
      given(instrumentDecider, inForce)
        .when(finding())
        .then([
          {
            type: 'FindingRecorded',
            data: {
              instrumentId: 'algiers-agreement-2015',
              effectiveDate: '2019-01-01',
              source: carterCenter,
              body: 'INDEPENDENT_OBSERVER',
              finding: 'The erosion of trust has contributed to the parties lack of follow-through on commitments',
            },
          },
        ]);
    });

    it('need a source and the lead body; a coordinating body records only its own', () => {
      given(instrumentDecider, inForce)
        .when(finding({ source: sourceOf(null) }))
        .rejects('BAD_USER_INPUT', /source reference/);
      given(instrumentDecider, inForce)
        .when(finding({ by: 'CNDDR' }))
        .rejects('FORBIDDEN');
      given(instrumentDecider, inForce)
        .when(finding({ by: 'CNDDR', body: 'CTS' }))
        .rejects('FORBIDDEN', /cannot record an act of CTS/);
    });
  });
});

describe("the rank decree's official reference", () => {
  const councilAdopts = decision(decreeProposed, { by: 'INTEGRATION_COMMISSION', body: 'COUNCIL_OF_MINISTERS', action: 'ADOPT', source: sourceOf('Brief') });
  const endorses = decision(decreeProposed, { by: 'INTEGRATION_COMMISSION', body: 'PRESIDENCY', action: 'ENDORSE', source: sourceOf('Journal officiel') });
  const adopted = [
    decreeProposed,
    decided(councilAdopts, 0),
    decided(endorses, 1),
    { type: 'InstrumentAdopted', data: { instrumentId: 'decree-ranks-2019', effectiveDate: '2019-10-09', source: endorses.source } },
  ] as InstrumentEvent[];
  // The brief gives no decree number: this one is the test's own.
  const give = (fields: Partial<Extract<InstrumentCommand, { type: 'GiveOfficialReference' }>> = {}): InstrumentCommand => ({
    type: 'GiveOfficialReference',
    instrumentId: 'decree-ranks-2019',
    by: 'INTEGRATION_COMMISSION',
    reference: 'Decree No. 2019-0000/P-RM',
    effectiveDate: '2019-11-01',
    source: sourceOf('Journal officiel'),
    ...fields,
  });

  it('once endorsed, the decree is given its number; its title stays as proposed', () => {
    given(instrumentDecider, adopted)
      .when(give())
      .then([
        {
          type: 'OfficialReferenceGiven',
          data: {
            instrumentId: 'decree-ranks-2019',
            effectiveDate: '2019-11-01',
            source: sourceOf('Journal officiel'),
            reference: 'Decree No. 2019-0000/P-RM',
          },
        },
      ]);
    const numbered = state([...adopted, ...(given(instrumentDecider, adopted).when(give()).decision as InstrumentEvent[])]);
    expect(numbered).toMatchObject({ officialReference: 'Decree No. 2019-0000/P-RM', title: decreeProposed.data.title });
  });

  it('is refused before the decree is adopted, and to any body but the lead', () => {
    given(instrumentDecider, [decreeProposed, decided(councilAdopts, 0)])
      .when(give())
      .rejects('CONFLICT', /IN_PROGRESS/);
    given(instrumentDecider, adopted)
      .when(give({ by: 'CTS' }))
      .rejects('FORBIDDEN');
  });
});
