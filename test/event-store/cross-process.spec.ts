import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@ddr/event-store';
import { take } from '@ddr/event-store/testing';
import { type Decider, type DomainEvent } from '@ddr/kernel';
import { DecisionRunner } from '@ddr/decision-runner';
import { built } from '../support/built';
import { Child } from '../support/child-process';

type Noted = DomainEvent<'MeetingNoted', { number: number }>;
const notes: Decider<{ number: number }, Noted, null> = {
  initialState: () => null,
  decide: ({ number }) => [{ type: 'MeetingNoted', data: { number, effectiveDate: '2019-09-25' } }],
  evolve: (state) => state,
};
const clerk = { subject: 'cts-clerk', body: 'CTS', role: 'SECRETARIAT' } as const;

describe('two processes sharing one DATA_DIR', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ddr-cross-'));
  const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite') });
  afterAll(() => store.close());

  it('a command appended here is seen by a subscription in another process', async () => {
    const tail = new Child(process.execPath, [built('apps/cli/src/main.js'), 'events', 'tail', '--count', '1'], {
      DATA_DIR: dataDir,
    });
    await tail.waitFor(/caught up/);
    const outcome = await new DecisionRunner(store).run(notes, 'meetings-CTS', { number: 41 }, { actor: clerk });
    const line = await tail.waitFor(/MeetingNoted/);
    expect(JSON.parse(line)).toMatchObject({
      type: 'MeetingNoted',
      streamId: 'meetings-CTS',
      position: outcome.position,
      data: { number: 41 },
      metadata: { actor: 'cts-clerk', body: 'CTS' },
    });
    expect(await tail.exited).toBe(0);
  });

  it('a command appended by another process reaches a subscription here', async () => {
    const subscription = store.subscribeToAll({ after: await store.headPosition(), filter: { eventTypes: ['Appended'] } });
    const next = take(subscription, 1);
    const writer = new Child(process.execPath, [join(__dirname, 'append-in-child.js')], {
      DATA_DIR: dataDir,
      DDR_DIST: built('libs/event-store/src/index.js'),
    });
    expect(await writer.exited).toBe(0);
    const [event] = await next;
    expect(event).toMatchObject({ type: 'Appended', streamId: 'from-child', data: { pid: expect.any(Number) } });
    await subscription.close();
  });
});
