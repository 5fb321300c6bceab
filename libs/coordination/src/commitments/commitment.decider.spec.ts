import { sourceOf } from '@ddr/kernel';
import { given } from '@ddr/kernel/testing';
import { commitmentDecider } from './commitment.decider';
import type { CommitmentEvent } from './commitment.events';
import { commitmentStatus } from './commitment.state';

// The March 2018 road map: registration to close in April 2018; still open in April 2019.
const registrationCloses: CommitmentEvent = {
  type: 'CommitmentMade',
  data: {
    commitmentId: 'roadmap-2018-registration-closes',
    body: 'CNDDR',
    description: 'Close the registration of combatants',
    dueDate: '2018-04-30',
    instrumentId: 'roadmap-2018',
    theme: 'DDR',
    source: sourceOf('Brief: scheduled to close in April 2018 under the March 2018 road map'),
    recordedBy: 'CNDDR',
    effectiveDate: '2018-03-01',
  },
};
const state = (events: CommitmentEvent[]) => given(commitmentDecider, events).state.state!;

describe('commitments', () => {
  it('given made, it is open until its due date and overdue after it', () => {
    expect(commitmentStatus(state([registrationCloses]), '2018-04-30')).toBe('OPEN');
    expect(commitmentStatus(state([registrationCloses]), '2019-04-01')).toBe('OVERDUE');
  });

  it('when the CNDDR makes it, then it is recorded with who recorded it', () => {
    const { commitmentId, body, description, dueDate, instrumentId, theme, source, effectiveDate } = registrationCloses.data;
    given(commitmentDecider)
      .when({ type: 'MakeCommitment', by: 'CNDDR', commitmentId, body, description, dueDate, instrumentId, theme, source, effectiveDate })
      .then([registrationCloses]);
  });

  const make = {
    type: 'MakeCommitment',
    commitmentId: 'c',
    description: 'd',
    dueDate: '2019-01-01',
    instrumentId: null,
    theme: 'DDR',
    effectiveDate: '2018-01-01',
  } as const;

  it('a body cannot commit another coordinating body; an outside actor commitment needs a source', () => {
    given(commitmentDecider)
      .when({ ...make, by: 'CTS', body: 'CNDDR', source: sourceOf(null) })
      .rejects('FORBIDDEN');
    given(commitmentDecider)
      .when({ ...make, by: 'CTS', body: 'PRESIDENCY', source: sourceOf(null) })
      .rejects('BAD_USER_INPUT', /source/);
    given(commitmentDecider)
      .when({ ...make, by: 'CTS', body: 'CTS', source: sourceOf(null), dueDate: '2017-12-31' })
      .rejects('BAD_USER_INPUT', /before/);
  });

  it("the Agreement's cantonment start date, due within 30 days of its signing: the deadline after the act is kept, a half-named step or negative days refused", () => {
    const dueAfter = { instrumentId: 'algiers-agreement-2015', body: null, action: null, days: 30 };
    const cantonment = { ...make, by: 'CSA', body: 'CSA', source: sourceOf('Brief'), dueDate: '2015-01-31', effectiveDate: '2015-01-01' } as const;
    const [made] = given(commitmentDecider).when({ ...cantonment, dueAfter }).decision as CommitmentEvent[];
    expect(made.data).toMatchObject({ dueDate: '2015-01-31', dueAfter });
    expect(state([made]).dueAfter).toEqual(dueAfter);
    given(commitmentDecider)
      .when({ ...cantonment, dueAfter: { ...dueAfter, body: 'GOVERNMENT_OF_MALI' } })
      .rejects('BAD_USER_INPUT', /both its body and its action/);
    given(commitmentDecider)
      .when({ ...cantonment, dueAfter: { ...dueAfter, days: -1 } })
      .rejects('BAD_USER_INPUT', /0 to 3650 days/);
  });

  it('progress is noted without fulfilling; fulfilment late still counts as fulfilled from its date', () => {
    const noted = given(commitmentDecider, [registrationCloses]).when({
      type: 'NoteCommitmentProgress',
      by: 'CNDDR',
      commitmentId: 'roadmap-2018-registration-closes',
      effectiveDate: '2019-04-01',
      source: sourceOf('Carter Center 2019'),
      note: 'Still ongoing; 63,000 eligible candidates announced',
    }).decision as CommitmentEvent[];
    expect(commitmentStatus(state([registrationCloses, ...noted]), '2019-04-02')).toBe('OVERDUE');
    const fulfilled = given(commitmentDecider, [registrationCloses]).when({
      type: 'FulfilCommitment',
      by: 'CNDDR',
      commitmentId: 'roadmap-2018-registration-closes',
      effectiveDate: '2019-06-01',
      source: sourceOf(null),
      note: null,
    }).decision as CommitmentEvent[];
    const after = state([registrationCloses, ...fulfilled]);
    expect(commitmentStatus(after, '2019-05-01')).toBe('OVERDUE');
    expect(commitmentStatus(after, '2019-06-01')).toBe('FULFILLED');
    given(commitmentDecider, [registrationCloses, ...fulfilled])
      .when({
        type: 'FulfilCommitment',
        by: 'CNDDR',
        commitmentId: 'roadmap-2018-registration-closes',
        effectiveDate: '2019-06-02',
        source: sourceOf(null),
        note: null,
      })
      .rejects('CONFLICT');
  });

  it('another body cannot fulfil it, and an unknown commitment is not found', () => {
    given(commitmentDecider, [registrationCloses])
      .when({
        type: 'FulfilCommitment',
        by: 'MOC',
        commitmentId: 'roadmap-2018-registration-closes',
        effectiveDate: '2019-06-01',
        source: sourceOf(null),
        note: null,
      })
      .rejects('FORBIDDEN');
    given(commitmentDecider)
      .when({ type: 'FulfilCommitment', by: 'MOC', commitmentId: 'nope', effectiveDate: '2019-06-01', source: sourceOf(null), note: null })
      .rejects('NOT_FOUND');
  });
});
