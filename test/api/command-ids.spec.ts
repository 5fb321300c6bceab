import { EsdbProtocolServer } from '@ddr/event-store/testing';
import { ministersAdopt, rankDecree as decree } from '../support/rank-decree';
import { famaAdopts, plan } from '../support/redeployment-plan';
import { startTestServer, type RunningServer } from '../support/server';

const PROPOSE = `mutation($input: ProposeInstrumentInput!) { proposeInstrument(input: $input) { streamId revision position replayed } }`;
const DECIDE = `mutation($input: RecordStepDecisionInput!) { recordStepDecision(input: $input) { streamId revision position replayed } }`;
const COMMIT = `mutation($input: MakeCommitmentInput!) { makeCommitment(input: $input) { streamId revision position replayed } }`;

/** A command id names one act in the whole log, on both stores: another instrument, another command, is refused. */
describe.each(['sqlite', 'esdb'] as const)('a command id reused for another act over GraphQL, on %s', (eventStore) => {
  let server: RunningServer;
  let esdb: EsdbProtocolServer | undefined;
  let cts: string;
  let commission: string;
  const head = async () => ((await (await fetch(`${server.url}/health`)).json()) as { headPosition: string | null }).headPosition;
  const firstAct = /command id cts-2019-09-10-1 was first used for another act \(StepDecided at revision 1 of instrument-redeployment-plan-2019-2021/;

  beforeAll(async () => {
    esdb = eventStore === 'esdb' ? await EsdbProtocolServer.start() : undefined;
    server = await startTestServer({ EVENT_STORE: eventStore, ...(esdb ? { ESDB_CONNECTION_STRING: esdb.connectionString } : {}) });
    cts = server.token('CTS', 'SECRETARIAT');
    commission = server.token('INTEGRATION_COMMISSION', 'SECRETARIAT');
    for (const [query, input, token] of [
      [PROPOSE, plan, cts],
      [PROPOSE, decree, commission],
      [DECIDE, { ...famaAdopts, commandId: 'cts-2019-09-10-1' }, cts],
    ] as const) {
      const answer = await server.graphql(query, { input }, token);
      if (answer.errors) throw new Error(JSON.stringify(answer.errors));
    }
  });
  afterAll(async () => {
    await server.close();
    await esdb?.close();
  });

  it('recordStepDecision with the same commandId on another instrument is a CONFLICT naming the first act, and records nothing', async () => {
    const before = await head();
    const answer = await server.graphql(DECIDE, { input: { ...ministersAdopt, commandId: 'cts-2019-09-10-1' } }, commission);
    expect(answer.errors?.[0]).toMatchObject({ message: expect.stringMatching(firstAct), extensions: { code: 'CONFLICT' } });
    expect(await head()).toBe(before);
    const { data } = await server.graphql<{ instrument: { revision: number } }>(`{ instrument(id: "${decree.instrumentId}") { revision } }`, {}, commission);
    expect(data?.instrument.revision).toBe(0);
  });

  it('so is any other command given that id (a commitment), while the first act sent again replays', async () => {
    const before = await head();
    const commitment = {
      commitmentId: 'registration-close',
      body: 'CNDDR',
      description: 'close registration',
      dueDate: '2018-04-30',
      effectiveDate: '2018-03-01',
    };
    const refused = await server.graphql(COMMIT, { input: { ...commitment, commandId: 'cts-2019-09-10-1' } }, server.token('CNDDR', 'SECRETARIAT'));
    expect(refused.errors?.[0]).toMatchObject({ message: expect.stringMatching(firstAct), extensions: { code: 'CONFLICT' } });
    expect(await head()).toBe(before);
    const again = await server.graphql(DECIDE, { input: { ...famaAdopts, commandId: 'cts-2019-09-10-1' } }, cts);
    expect(again.data?.recordStepDecision).toMatchObject({ revision: 1, replayed: true });
    expect(await head()).toBe(before);
  });
});
