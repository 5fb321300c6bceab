/** The bodies of the Body enum, coordinating bodies first, as the navigation lists them. */
export const BODIES = [
  'CNDDR',
  'INTEGRATION_COMMISSION',
  'CSA',
  'SCDS',
  'CTS',
  'MOC',
  'COUNCIL_OF_MINISTERS',
  'PRESIDENCY',
  'FAMA',
  'MINUSMA',
  'GOVERNMENT_OF_MALI',
  'CMA',
  'PLATFORM',
  'INTERNATIONAL_MEDIATION',
  'INDEPENDENT_OBSERVER',
] as const;
