import { sourceOf } from '@ddr/kernel';
import { given } from '@ddr/kernel/testing';
import { meetingDecider } from './meeting.decider';
import { parseMeetingReference, type MeetingHeld } from './meeting.events';
import { heldMeeting, type MeetingRegister } from './meeting.state';

const minutes = sourceOf('Minutes of the 41st CTS meeting');
const cts41: MeetingHeld = {
  type: 'MeetingHeld',
  data: { body: 'CTS', number: 41, meeting: 'CTS-41', title: '41st CTS meeting', establishedBy: 'RECORD', effectiveDate: '2019-09-25', source: minutes },
};

describe('a body register of meetings', () => {
  it('given nothing, when the CTS records its 41st meeting, then it is held on its date', () => {
    given(meetingDecider)
      .when({ type: 'RecordMeeting', by: 'CTS', body: 'CTS', number: 41, effectiveDate: '2019-09-25', title: '41st CTS meeting', source: minutes })
      .then([cts41]);
  });

  it('a meeting number cannot be reused', () => {
    given(meetingDecider, [cts41])
      .when({ type: 'RecordMeeting', by: 'CTS', body: 'CTS', number: 41, effectiveDate: '2019-10-30', title: null, source: minutes })
      .rejects('CONFLICT', /cannot be reused/);
  });

  it('only the body itself records its meetings', () => {
    given(meetingDecider)
      .when({ type: 'RecordMeeting', by: 'SCDS', body: 'CTS', number: 42, effectiveDate: '2019-10-30', title: null, source: minutes })
      .rejects('FORBIDDEN');
  });

  it('the first citation establishes a meeting; a citation with the same date adds nothing; another date is refused', () => {
    given(meetingDecider)
      .when({ type: 'CiteMeeting', body: 'CTS', number: 41, effectiveDate: '2019-09-25', source: minutes })
      .then([{ type: 'MeetingHeld', data: { ...cts41.data, title: null, establishedBy: 'CITATION' } }]);
    given(meetingDecider, [cts41]).when({ type: 'CiteMeeting', body: 'CTS', number: 41, effectiveDate: '2019-09-25', source: minutes }).then([]);
    given(meetingDecider, [cts41])
      .when({ type: 'CiteMeeting', body: 'CTS', number: 41, effectiveDate: '2019-09-26', source: minutes })
      .rejects('BAD_USER_INPUT', /held on 2019-09-25/);
  });

  it('reads meeting references', () => {
    expect(parseMeetingReference('CTS-41')).toEqual({ body: 'CTS', number: 41 });
    expect(parseMeetingReference('INTEGRATION_COMMISSION-3')).toEqual({ body: 'INTEGRATION_COMMISSION', number: 3 });
    for (const bad of ['CTS41', 'CTS-0', 'cts-41', 'CTS-', '-41', 'CTS-41a']) expect(parseMeetingReference(bad)).toBeUndefined();
  });

  describe('the register grows without copying, and each register reads as it did', () => {
    const held = (number: number): MeetingHeld => ({
      type: 'MeetingHeld',
      data: { ...cts41.data, number, meeting: `CTS-${number}`, effectiveDate: `2019-09-${String((number % 28) + 1).padStart(2, '0')}` },
    });
    const fold = (from: MeetingRegister, numbers: number[]) => numbers.reduce((register, n) => meetingDecider.evolve(register, held(n)), from);
    const knows = (register: MeetingRegister, ...numbers: number[]) => numbers.map((n) => heldMeeting(register, `CTS-${n}`) !== undefined);

    it('folding a session adds to the one shared object, not a copy of every session before it', () => {
      const before = fold(meetingDecider.initialState(), [1, 2, 3]);
      const after = meetingDecider.evolve(before, held(4));
      expect(after.held).toBe(before.held);
      expect(knows(after, 1, 2, 3, 4)).toEqual([true, true, true, true]);
      // The earlier register still reads as it did.
      expect(knows(before, 1, 2, 3, 4)).toEqual([true, true, true, false]);
    });

    it('two registers grown from one earlier register keep their own sessions apart', () => {
      const start = fold(meetingDecider.initialState(), [1]);
      const [left, right] = [fold(start, [2, 3]), fold(start, [5])];
      expect(right.held).not.toBe(left.held);
      expect(knows(left, 1, 2, 3, 5)).toEqual([true, true, true, false]);
      expect(knows(right, 1, 2, 3, 5)).toEqual([true, false, false, true]);
    });

    it('a register read back from a stored snapshot (JSON) decides as the register it was, and grows from there', () => {
      const register = fold(meetingDecider.initialState(), [1, 2, 3]);
      const stored = fold(register, [4]);
      const readBack = JSON.parse(JSON.stringify(register)) as MeetingRegister;
      expect(knows(readBack, 1, 2, 3, 4)).toEqual([true, true, true, false]);
      const cite = { type: 'CiteMeeting', body: 'CTS', number: 2, effectiveDate: '2019-09-01', source: minutes } as const;
      expect(meetingDecider.decide(cite, readBack)).toEqual(meetingDecider.decide(cite, register));
      expect(knows(fold(readBack, [7]), 3, 4, 7)).toEqual([true, false, true]);
      expect(knows(stored, 4, 7)).toEqual([true, false]);
    });
  });
});
