import { sourceOf } from '@ddr/kernel';
import { summarise } from './summary';

describe('the summary of a correction', () => {
  it('names each change, a source by its reference', () => {
    const data = {
      programme: 'ADDR-I',
      revision: 0,
      reason: 'launched on the 6th',
      changes: { effectiveDate: '2018-11-06', source: sourceOf('CNDDR minutes') },
      previous: { effectiveDate: '2018-11-01', source: sourceOf('Brief') },
    };
    expect(summarise('ActCorrected', data)).toBe(
      'ADDR-I: revision 0 corrected (effectiveDate 2018-11-01 -> 2018-11-06, source Brief -> CNDDR minutes): launched on the 6th',
    );
  });
});
