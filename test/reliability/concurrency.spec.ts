import { EVENT_STORE, type EventStore } from '@ddr/event-store';
import { startTestServer, type RunningServer } from '../support/server';

const DECIDE = `mutation($input: RecordStepDecisionInput!) { recordStepDecision(input: $input) { revision position replayed } }`;
const MEETING = `mutation($input: RecordMeetingInput!) { recordMeeting(input: $input) { streamId revision position replayed } }`;

describe('concurrent clients over HTTP', () => {
  let server: RunningServer;
  let store: EventStore;
  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_PER_MINUTE: '1000000' });
    store = server.app.get(EVENT_STORE);
  });
  afterAll(() => server.close());

  it('many clients deciding the same step at once: one succeeds, the others get CONFLICT with the current revision', async () => {
    const cts = server.token('CTS', 'SECRETARIAT');
    const propose = await server.graphql(
      `mutation { proposeInstrument(input: { instrumentId: "contested-plan", kind: "PLAN", title: "A plan", leadBody: CTS,
        pathway: [{ body: CTS, action: APPROVE }, { body: SCDS, action: FINAL_ADOPTION }], effectiveDate: "2019-09-01" }) { revision } }`,
      undefined,
      cts,
    );
    expect(propose.errors).toBeUndefined();
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, client) =>
        server.graphql(
          DECIDE,
          {
            input: {
              instrumentId: 'contested-plan',
              body: 'CTS',
              action: 'APPROVE',
              outcome: client % 2 ? 'APPROVED' : 'RETURNED',
              effectiveDate: '2019-09-25',
            },
          },
          cts,
        ),
      ),
    );
    const won = answers.filter((answer) => !answer.errors);
    const lost = answers.filter((answer) => answer.errors);
    expect(won).toHaveLength(1);
    expect(won[0].data?.recordStepDecision.revision).toBe(1);
    for (const answer of lost) expect(answer.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentRevision: 1 });
    const events = await store.readStream('instrument-contested-plan');
    expect(events.map((event) => event.type)).toEqual(['InstrumentProposed', 'StepDecided']);
  });

  it('the same commandId ten times at once and ten times in sequence appends once, every answer the same position', async () => {
    const moc = server.token('MOC', 'SECRETARIAT');
    const input = { body: 'MOC', number: 7, effectiveDate: '2019-05-01', commandId: 'moc-2019-05-01-session-7' };
    const together = await Promise.all(Array.from({ length: 10 }, () => server.graphql(MEETING, { input }, moc)));
    const inTurn = [];
    for (let i = 0; i < 10; i++) inTurn.push(await server.graphql(MEETING, { input }, moc));
    const results = [...together, ...inTurn].map((answer) => answer.data?.recordMeeting);
    expect(results.every(Boolean)).toBe(true);
    expect(new Set(results.map((result) => result.position)).size).toBe(1);
    expect(results.filter((result) => !result.replayed)).toHaveLength(1);
    expect(await store.readStream('meetings-MOC')).toHaveLength(1);
  });
});
