import { ACTS, inputOf, problemsOf } from './acts';

const stepDecision = ACTS.find((act) => act.mutation === 'recordStepDecision')!;
const tranche = ACTS.find((act) => act.mutation === 'registerTranche')!;
const complete = {
  instrumentId: 'decree-ranks-2019',
  body: 'PRESIDENCY',
  action: 'ENDORSE',
  outcome: 'APPROVED',
  effectiveDate: '2019-11-15',
  sourceRef: 'Decree 2019-0915',
};

describe('the forms validate as the API does', () => {
  it('accept a complete step decision and send only what was filled', () => {
    expect(problemsOf(stepDecision, complete)).toEqual({});
    expect(inputOf(stepDecision, { ...complete, meeting: '  ' })).toEqual(complete);
  });

  it('refuse what the API refuses: missing values, impossible dates, meetings not cited as BODY-number', () => {
    expect(problemsOf(stepDecision, {})).toEqual({
      instrumentId: 'form.required',
      body: 'form.required',
      action: 'form.required',
      outcome: 'form.required',
      effectiveDate: 'form.required',
    });
    expect(problemsOf(stepDecision, { ...complete, effectiveDate: '2019-02-30' })).toEqual({ effectiveDate: 'form.badDate' });
    expect(problemsOf(stepDecision, { ...complete, meeting: 'CTS 41' })).toEqual({ meeting: 'form.badMeeting' });
  });

  it("ask a source for an outside actor's act", () => {
    expect(problemsOf(stepDecision, { ...complete, sourceRef: '' })).toEqual({ sourceRef: 'form.sourceRequired' });
    expect(problemsOf(stepDecision, { ...complete, body: 'CTS', sourceRef: '' })).toEqual({});
  });

  it('send counts as numbers, and leave an unreported count out rather than sending 0', () => {
    const figures = { programme: 'ADDR-I', tranche: 'T2', count: '600', effectiveDate: '2019-12-01' };
    expect(problemsOf(tranche, { ...figures, count: '-3' })).toEqual({ count: 'form.badCount' });
    expect(inputOf(tranche, { ...figures, deserters: '' })).toEqual({ programme: 'ADDR-I', tranche: 'T2', count: 600, effectiveDate: '2019-12-01' });
  });
});
