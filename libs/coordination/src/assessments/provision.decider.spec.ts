import { sourceOf } from '@ddr/kernel';
import { given } from '@ddr/kernel/testing';
import { provisionDecider } from './provision.decider';
import type { ProvisionEvent } from './provision.events';

const cantonmentStart: ProvisionEvent = {
  type: 'ProvisionDefined',
  data: {
    provisionId: 'cantonment-start-date',
    instrumentId: 'algiers-agreement-2015',
    chapter: 'Defence and security: cantonment, DDR and integration',
    article: null,
    title: 'A start date for the cantonment process within 30 days of signing',
    theme: 'CANTONMENT',
    source: sourceOf('Brief', { assumption: true }),
    effectiveDate: '2015-01-01',
  },
};

describe('provisions of the Agreement', () => {
  it('when the CSA defines one, then it is recorded as given, once', () => {
    given(provisionDecider)
      .when({ type: 'DefineProvision', by: 'CSA', ...cantonmentStart.data })
      .then([cantonmentStart]);
    given(provisionDecider, [cantonmentStart])
      .when({ type: 'DefineProvision', by: 'CSA', ...cantonmentStart.data })
      .rejects('CONFLICT');
  });
});
