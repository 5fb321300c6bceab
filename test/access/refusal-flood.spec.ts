import { AccessLog } from '@ddr/access';
import { EVENT_STORE, type EventStore } from '@ddr/event-store';
import { startTestServer, type RunningServer } from '../support/server';

const MEETING = `mutation($input: RecordMeetingInput!) { recordMeeting(input: $input) { position } }`;

/**
 * A flood of refused writes beside accepted ones: every accepted write lands,
 * and every refusal is accounted for in the access log, one by one up to the
 * queue's capacity and as a count beyond it. (How little the flood costs
 * accepted traffic is measured by the benchmarks, not asserted here.)
 */
describe('a flood of refusals', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_PER_MINUTE: '100000' });
  });
  afterAll(() => server.close());

  it('does not stop accepted writes, and every refusal is on record', async () => {
    const cts = server.token('CTS', 'SECRETARIAT');
    const liaison = server.token('CTS', 'LIAISON');
    const refusals = 600;
    const accepted = 60;
    const flood = Array.from({ length: refusals }, (_, i) =>
      server.graphql(MEETING, { input: { body: 'CTS', number: i + 1, effectiveDate: '2019-01-01' } }, i % 2 ? liaison : undefined),
    );
    const writes = Array.from({ length: accepted }, (_, i) =>
      server.graphql(MEETING, { input: { body: 'CTS', number: 10_000 + i, effectiveDate: '2019-09-25' } }, cts),
    );
    const [refused, done] = await Promise.all([Promise.all(flood), Promise.all(writes)]);
    expect(refused.every((answer) => ['FORBIDDEN', 'UNAUTHENTICATED'].includes(answer.errors?.[0].extensions?.code ?? ''))).toBe(true);
    expect(done.filter((answer) => answer.errors)).toEqual([]);

    await server.app.get(AccessLog).flush();
    const log = await server.app.get<EventStore>(EVENT_STORE).readStream('access-log');
    const oneByOne = log.filter((event) => event.type === 'AccessRefused').length;
    const counted = log.filter((event) => event.type === 'AccessRefusalsCounted').reduce((n, event) => n + Number(event.data.count), 0);
    expect(oneByOne + counted).toBe(refusals);
    expect((await server.app.get<EventStore>(EVENT_STORE).readStream('meetings-CTS')).length).toBe(accepted);
  }, 60_000);
});
