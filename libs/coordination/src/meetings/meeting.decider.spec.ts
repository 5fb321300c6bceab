import { sourceOf } from '@ddr/kernel';
import { given } from '@ddr/kernel/testing';
import { meetingDecider } from './meeting.decider';
import { parseMeetingReference, type MeetingHeld } from './meeting.events';

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
});
