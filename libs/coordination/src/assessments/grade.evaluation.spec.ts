import { gradeChange, rollup } from './grade.evaluation';

describe('a roll-up of grades', () => {
  it('counts each level, averages the graded items only and counts the ungraded apart', () => {
    expect(rollup([0, 2, 2, null, 3])).toEqual({ items: 5, graded: 4, ungraded: 1, atLevel: [1, 0, 2, 1], meanGrade: 1.75 });
  });

  it('has no mean when nothing is graded', () => {
    expect(rollup([null, null])).toEqual({ items: 2, graded: 0, ungraded: 2, atLevel: [0, 0, 0, 0], meanGrade: null });
    expect(rollup([])).toMatchObject({ items: 0, meanGrade: null });
  });

  it('keeps two decimals in means and changes', () => {
    expect(rollup([1, 1, 2]).meanGrade).toBe(1.33);
    expect(gradeChange(1.33, 2)).toBe(0.67);
    expect(gradeChange(null, 2)).toBeNull();
  });
});
