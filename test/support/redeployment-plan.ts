/**
 * The 2019-2021 redeployment plan of the brief as command inputs: FAMa adopts,
 * the CTS approves at CTS-41, the SCDS gives final adoption. Several suites
 * tell its story; the dates before CTS-41 are the tests' own.
 */
export const plan = {
  instrumentId: 'redeployment-plan-2019-2021',
  kind: 'PLAN',
  title: 'Plan for the progressive redeployment of MOC ex-combatants 2019-2021',
  leadBody: 'CTS',
  pathway: [
    { body: 'FAMA', action: 'ADOPT' },
    { body: 'CTS', action: 'APPROVE' },
    { body: 'SCDS', action: 'FINAL_ADOPTION' },
  ],
  effectiveDate: '2019-09-01',
};

export const famaAdopts = {
  instrumentId: plan.instrumentId,
  body: 'FAMA',
  action: 'ADOPT',
  outcome: 'APPROVED',
  effectiveDate: '2019-09-10',
  sourceRef: 'Brief, footnote 2: draft adopted by the Malian Armed Forces',
};

export const ctsApproves = {
  instrumentId: plan.instrumentId,
  body: 'CTS',
  action: 'APPROVE',
  outcome: 'APPROVED',
  effectiveDate: '2019-09-25',
  meeting: 'CTS-41',
  sourceRef: null,
};
