import { randomUUID } from 'node:crypto';
import { meetingStream } from '@ddr/coordination';
import type { RecordedEvent } from '@ddr/event-store';
import { sourceOf, Upcasters } from '@ddr/kernel';
import { openReadModel } from '../open-read-model';
import { Projector } from '../projector';
import { meetingsProjection } from './meetings.projection';
import { findMeeting } from './meetings.queries';

describe('the meetings projection, opened alone', () => {
  it('given the CTS held its 41st meeting, the register shows it, and the file holds no other projection', () => {
    const db = openReadModel(':memory:', [meetingsProjection]);
    const projector = new Projector(db, [meetingsProjection], new Upcasters(), (a, b) => Number(a) - Number(b));
    const held: RecordedEvent = {
      id: randomUUID(),
      type: 'MeetingHeld',
      data: {
        body: 'CTS',
        number: 41,
        meeting: 'CTS-41',
        title: '41st CTS meeting',
        establishedBy: 'RECORD',
        effectiveDate: '2019-09-25',
        source: sourceOf('Minutes of the 41st CTS meeting'),
      },
      metadata: {},
      streamId: meetingStream('CTS'),
      revision: 0,
      position: '1',
      committedAt: '2019-09-25T17:00:00.000Z',
    };

    expect(projector.apply([held])).toEqual({ position: '1', seq: 1 });

    expect(findMeeting(db, 'CTS-41')).toEqual({
      meeting: 'CTS-41',
      body: 'CTS',
      number: 41,
      effectiveDate: '2019-09-25',
      title: '41st CTS meeting',
      establishedBy: 'RECORD',
      source: sourceOf('Minutes of the 41st CTS meeting'),
    });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(['meetings', 'read_model']);
    db.close();
  });
});
