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

describe('the summary of a grade', () => {
  it('names the assessor, the item, the grade on the scale and the finding', () => {
    const data = { item: 'COMMITMENT', itemId: 'registration-closes-2018', assessor: 'CNDDR', grade: 2, finding: 'registration not closed' };
    expect(summarise('ImplementationGraded', data)).toBe('CNDDR graded registration-closes-2018 2 of 3: registration not closed');
    expect(summarise('ActCorrected', { itemId: 'registration-closes-2018', revision: 1, reason: 'r', changes: { grade: 1 }, previous: { grade: 2 } })).toBe(
      'registration-closes-2018: revision 1 corrected (grade 2 -> 1): r',
    );
  });
});
