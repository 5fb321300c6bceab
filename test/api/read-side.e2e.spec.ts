import { EsdbProtocolServer } from '@ddr/event-store/testing';
import { ctsApproves, famaAdopts, plan } from '../support/redeployment-plan';
import { startTestServer, type RunningServer } from '../support/server';
import { collect, subscriptionClient } from '../support/subscriptions';

const PROPOSE = `mutation($input: ProposeInstrumentInput!) { proposeInstrument(input: $input) { streamId revision position } }`;
const DECIDE = `mutation($input: RecordStepDecisionInput!) { recordStepDecision(input: $input) { streamId revision position } }`;
const EVENTS = `subscription($body: Body!, $after: String) { events(body: $body, afterPosition: $after) { type streamId position effectiveDate body data } }`;

/** The same end-to-end story on the embedded store and on EventStoreDB (over the protocol test server). */
describe.each(['sqlite', 'esdb'] as const)('read side over real HTTP and WebSocket, on %s', (eventStore) => {
  let server: RunningServer;
  let esdb: EsdbProtocolServer | undefined;
  let cts: string;
  let scdsLiaison: string;
  let positions: string[] = [];

  beforeAll(async () => {
    esdb = eventStore === 'esdb' ? await EsdbProtocolServer.start() : undefined;
    server = await startTestServer({
      CONSISTENCY_WAIT_MS: '300',
      EVENT_STORE: eventStore,
      ...(esdb ? { ESDB_CONNECTION_STRING: esdb.connectionString } : {}),
    });
    cts = server.token('CTS', 'SECRETARIAT');
    scdsLiaison = server.token('SCDS', 'LIAISON');
    const proposed = await server.graphql(PROPOSE, { input: plan }, cts);
    const adopted = await server.graphql(DECIDE, { input: famaAdopts }, cts);
    const approved = await server.graphql(DECIDE, { input: ctsApproves }, cts);
    positions = [proposed, adopted, approved].map((answer) => {
      const result = Object.values(answer.data ?? {})[0] as { position?: string } | undefined;
      if (!result?.position) throw new Error(JSON.stringify(answer.errors));
      return result.position;
    });
  });
  afterAll(async () => {
    await server.close();
    await esdb?.close();
  });

  it('lists the plan in what awaits the SCDS, reading its own write through minPosition', async () => {
    const answer = await server.graphql(
      `query($position: String) { body(code: SCDS, minPosition: $position) { body awaitingAction { id status awaiting { body action } } } }`,
      { position: positions[2] },
      scdsLiaison,
    );
    expect(answer.data?.body).toEqual({
      body: 'SCDS',
      awaitingAction: [{ id: plan.instrumentId, status: 'IN_PROGRESS', awaiting: { body: 'SCDS', action: 'FINAL_ADOPTION' } }],
    });
    expect(answer.extensions?.readModel?.position).toBe(positions[2]);
  });

  it('shows the plan as of 2019-09-01, not yet approved by the CTS', async () => {
    const answer = await server.graphql(
      `{ instrument(id: "${plan.instrumentId}", asOf: "2019-09-01") { status revision pathway { body status meeting } awaiting { body } } }`,
      undefined,
      scdsLiaison,
    );
    expect(answer.data?.instrument).toEqual({
      status: 'DRAFT',
      revision: 0,
      pathway: [
        { body: 'FAMA', status: 'PENDING', meeting: null },
        { body: 'CTS', status: 'PENDING', meeting: null },
        { body: 'SCDS', status: 'PENDING', meeting: null },
      ],
      awaiting: { body: 'FAMA' },
    });
    const now = await server.graphql(
      `{ instrument(id: "${plan.instrumentId}") { pathway { status meeting effectiveDate } history { type } } }`,
      undefined,
      scdsLiaison,
    );
    expect(now.data?.instrument.pathway[1]).toEqual({ status: 'APPROVED', meeting: 'CTS-41', effectiveDate: '2019-09-25' });
    expect(now.data?.instrument.history.map((e: { type: string }) => e.type)).toEqual(['InstrumentProposed', 'StepDecided', 'StepDecided']);
  });

  it('answers as known at an instant before the CTS decision was recorded', async () => {
    const history = await server.graphql(`{ instrument(id: "${plan.instrumentId}") { history { recordedAt } } }`, undefined, scdsLiaison);
    const [, adoptedAt] = history.data!.instrument.history.map((e: { recordedAt: string }) => e.recordedAt);
    const answer = await server.graphql(
      `query($at: DateTime) { instrument(id: "${plan.instrumentId}", knownAt: $at) { revision pathway { status } } }`,
      { at: adoptedAt },
      scdsLiaison,
    );
    expect(answer.data?.instrument).toEqual({ revision: 1, pathway: [{ status: 'APPROVED' }, { status: 'PENDING' }, { status: 'PENDING' }] });
  });

  it('tells what the CTS decided at its 41st meeting', async () => {
    const answer = await server.graphql(
      `{ meeting(meeting: "CTS-41") { body number effectiveDate decisions { instrumentId action outcome } } }`,
      undefined,
      scdsLiaison,
    );
    expect(answer.data?.meeting).toEqual({
      body: 'CTS',
      number: 41,
      effectiveDate: '2019-09-25',
      decisions: [{ instrumentId: plan.instrumentId, action: 'APPROVE', outcome: 'APPROVED' }],
    });
  });

  it('fails with READ_MODEL_BEHIND when minPosition is not reached in time, and BAD_USER_INPUT for a foreign position', async () => {
    const far = eventStore === 'esdb' ? '999999999:999999999' : '999999';
    const behind = await server.graphql(`{ body(code: SCDS, minPosition: "${far}") { body } }`, undefined, scdsLiaison);
    expect(behind.errors?.[0].extensions?.code).toBe('READ_MODEL_BEHIND');
    const foreign = await server.graphql(`{ body(code: SCDS, minPosition: "not-a-position") { body } }`, undefined, scdsLiaison);
    expect(foreign.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('an impossible date is BAD_USER_INPUT', async () => {
    const answer = await server.graphql(`{ instrument(id: "x", asOf: "2019-02-30") { id } }`, undefined, scdsLiaison);
    expect(answer.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('streams the events that concern the SCDS over graphql-ws: history after a position, then live', async () => {
    const client = subscriptionClient(server.url, scdsLiaison);
    try {
      const { done } = collect<{ events: { type: string; position: string; body: string } }>(client, EVENTS, { body: 'SCDS', after: positions[0] }, 4);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const scds = server.token('SCDS', 'SECRETARIAT');
      const final = await server.graphql(
        DECIDE,
        { input: { ...ctsApproves, body: 'SCDS', action: 'FINAL_ADOPTION', meeting: null, effectiveDate: '2019-12-10' } },
        scds,
      );
      const events = (await done).map((r) => r.events);
      // The CTS-41 meeting record in between concerns the CTS only; the SCDS decision adopts the plan.
      expect(events.map((e) => e.type)).toEqual(['StepDecided', 'StepDecided', 'StepDecided', 'InstrumentAdopted']);
      expect(events.slice(0, 2).map((e) => e.position)).toEqual([positions[1], positions[2]]);
      expect(events[3].position).toBe(final.data?.recordStepDecision.position);
    } finally {
      await client.dispose();
    }
  });

  it('refuses a subscription without a token, and a secretariat following another body', async () => {
    const anonymous = subscriptionClient(server.url, null);
    await expect(collect(anonymous, EVENTS, { body: 'SCDS' }, 1, 2_000).done).rejects.toBeDefined();
    await anonymous.dispose();
    const client = subscriptionClient(server.url, cts);
    await expect(collect(client, EVENTS, { body: 'SCDS' }, 1, 2_000).done).rejects.toEqual([
      expect.objectContaining({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('follows its own body') }),
    ]);
    await client.dispose();
  });
});
