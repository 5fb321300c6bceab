/**
 * The decree on ranks and command positions of the brief, as command inputs: the Council of Ministers
 * adopted it on 9 October 2019; it awaits the Presidency's endorsement. The Integration Commission leads it.
 */
export const rankDecree = {
  instrumentId: 'decree-ranks-2019',
  kind: 'DECREE',
  title: 'Rank decree',
  leadBody: 'INTEGRATION_COMMISSION',
  pathway: [
    { body: 'COUNCIL_OF_MINISTERS', action: 'ADOPT' },
    { body: 'PRESIDENCY', action: 'ENDORSE' },
  ],
  effectiveDate: '2019-10-01',
};

export const ministersAdopt = {
  instrumentId: rankDecree.instrumentId,
  body: 'COUNCIL_OF_MINISTERS',
  action: 'ADOPT',
  outcome: 'APPROVED',
  effectiveDate: '2019-10-09',
  sourceRef: 'Brief: decree adopted by the Council of Ministers on 9 October 2019',
};
