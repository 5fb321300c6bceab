import { given } from '@ddr/kernel/testing';
import type { Body } from '@ddr/kernel';
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
    pathway: [step('COUNCIL_OF_MINISTERS', 'ADOPT'), step('PRESIDENCY', 'ENDORSE')],
    effectiveDate: '2019-10-01',
    sourceRef: null,
  },
};
const planProposed: InstrumentProposed = {
  type: 'InstrumentProposed',
  data: {
    instrumentId: 'redeployment-plan-2019-2021',
    kind: 'PLAN',
    title: 'Plan for the progressive redeployment of MOC ex-combatants 2019-2021',
    leadBody: 'CTS',
    pathway: [step('FAMA', 'ADOPT'), step('CTS', 'APPROVE'), step('SCDS', 'FINAL_ADOPTION')],
    effectiveDate: '2019-09-01',
    sourceRef: 'Brief, footnote 2',
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
  sourceRef: null,
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
    sourceRef: command.sourceRef,
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
    sourceRef: 'Brief: adopted by the Council of Ministers on 9 October 2019',
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
      .when({ ...councilAdopts, sourceRef: null })
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
      sourceRef: 'decree',
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
      sourceRef: 'hypothetical decree number',
    });
    given(instrumentDecider, [decreeProposed, decided(councilAdopts, 0)])
      .when(endorse)
      .then([decided(endorse, 1), { type: 'InstrumentAdopted', data: { instrumentId: 'decree-ranks-2019', effectiveDate: '2019-11-20' } }]);
  });
});

describe('the 2019-2021 redeployment plan', () => {
  const famaAdopts = decision(planProposed, {
    by: 'CTS',
    body: 'FAMA',
    action: 'ADOPT',
    effectiveDate: '2019-09-10',
    sourceRef: 'Brief, footnote 2: draft adopted by the Malian Armed Forces',
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
      .rejects('FORBIDDEN', /cannot decide a step of SCDS/);
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
  const returned = decision(planProposed, { by: 'CTS', body: 'FAMA', action: 'ADOPT', outcome: 'RETURNED', sourceRef: 'x', effectiveDate: '2019-09-05' });
  const past = [planProposed, decided(returned, 0)];
  const amend: InstrumentCommand = {
    type: 'AmendInstrument',
    instrumentId: planProposed.data.instrumentId,
    by: 'CTS',
    effectiveDate: '2019-09-06',
    sourceRef: null,
    title: 'Plan 2019-2021, revised',
    summary: 'Quotas by region added',
    pathway: [step('FAMA', 'ADOPT'), step('CTS', 'APPROVE'), step('SCDS', 'FINAL_ADOPTION')],
  };

  it('a returned instrument awaits nobody until it is resubmitted', () => {
    expect(state(past).status).toBe('RETURNED');
    expect(awaiting(past)).toEqual([]);
    given(instrumentDecider, past)
      .when(decision(planProposed, { by: 'CTS', body: 'FAMA', action: 'ADOPT', sourceRef: 'x' }))
      .rejects('CONFLICT');
  });

  it('amend then resubmit puts the returned step back in front', () => {
    const amended = given(instrumentDecider, past).when(amend).decision as InstrumentEvent[];
    const resubmitted = given(instrumentDecider, [...past, ...amended]).when({
      type: 'ResubmitInstrument',
      instrumentId: planProposed.data.instrumentId,
      by: 'CTS',
      effectiveDate: '2019-09-07',
      sourceRef: null,
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
      pathway: [step('INTEGRATION_COMMISSION', 'ADOPT'), step('CNDDR', 'REVIEW'), step('CTS', 'REVIEW', true), step('CSA', 'APPROVE')],
      effectiveDate: '2017-01-01',
      sourceRef: null,
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
        sourceRef: null,
        effectiveDate: '2019-12-01',
      },
    },
    { type: 'InstrumentAdopted', data: { instrumentId: 'redeployment-plan-2019-2021', effectiveDate: '2019-12-01' } },
  ];
  const act = <T extends InstrumentCommand['type']>(type: T, fields: object = {}) =>
    ({ type, instrumentId: 'redeployment-plan-2019-2021', by: 'SCDS', effectiveDate: '2020-01-15', sourceRef: null, ...fields }) as InstrumentCommand;

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
    pathway: [step('SCDS', 'FINAL_ADOPTION')],
    effectiveDate: '2019-06-01',
    sourceRef: null,
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

  it('records the contested positions on the quota', () => {
    const proposed = given(instrumentDecider).when(propose).decision as InstrumentEvent[];
    const table = {
      type: 'TablePosition',
      instrumentId: 'quota-integration',
      by: 'SCDS',
      effectiveDate: '2019-06-01',
      sourceRef: 'Brief',
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
            sourceRef: 'Brief',
            party: 'FAMa',
            statement: 'ceiling of around 5,000',
            figure: 5000,
          },
        },
      ]);
  });
});
