import { startTestServer, type RunningServer } from '../support/server';
import { collect, subscriptionClient } from '../support/subscriptions';

const MEETING = `mutation($input: RecordMeetingInput!) { recordMeeting(input: $input) { position } }`;
const EVENTS = `subscription($after: String) { events(body: CTS, afterPosition: $after) { position data } }`;
type Delivered = { events: { position: string; data: { number: number } } };

/** A client that drops its connection and comes back from its last position misses nothing and gets nothing twice. */
describe('a subscription resumed from its last position', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('delivers every event once across a disconnection', async () => {
    const cts = server.token('CTS', 'SECRETARIAT');
    const liaison = server.token('CTS', 'LIAISON');
    const meeting = async (number: number) => {
      const answer = await server.graphql(MEETING, { input: { body: 'CTS', number, effectiveDate: '2019-09-25' } }, cts);
      return answer.data?.recordMeeting.position as string;
    };
    for (const number of [1, 2, 3]) await meeting(number);

    const first = subscriptionClient(server.url, liaison);
    const before = (await collect<Delivered>(first, EVENTS, { after: null }, 3).done).map((r) => r.events);
    await first.dispose();

    // Written while the client is away.
    for (const number of [4, 5]) await meeting(number);

    const second = subscriptionClient(server.url, liaison);
    const resumed = collect<Delivered>(second, EVENTS, { after: before.at(-1)!.position }, 4);
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const number of [6, 7]) await meeting(number);
    const after = (await resumed.done).map((r) => r.events);
    await second.dispose();

    expect([...before, ...after].map((event) => event.data.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const positions = [...before, ...after].map((event) => event.position);
    expect(new Set(positions).size).toBe(positions.length);
  });
});
