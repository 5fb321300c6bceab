import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/built';
import { startTestServer, type GraphqlAnswer, type RunningServer } from '../support/server';

const SCENARIO = join(ROOT, 'scenarios', 'mali-2015-2019.yaml');
const list = (selection: string) => `query($first: Int!) { ${selection} }`;

/**
 * Every list the API answers that takes a page size, with a query that reaches it and its maximum.
 * The schema is read too: a list given `first` or `last` without a line here fails the suite.
 */
const PAGED_LISTS: Record<string, { query: string; max: number; argument?: string }> = {
  'Query.instruments': { query: list('instruments(first: $first) { totalCount }'), max: 100 },
  'Query.commitments': { query: list('commitments(first: $first) { id }'), max: 100 },
  'Query.commitmentsPage': { query: list('commitmentsPage(first: $first) { totalCount }'), max: 100 },
  'Query.conditions': { query: list('conditions(first: $first) { id }'), max: 100 },
  'Query.conditionsPage': { query: list('conditionsPage(first: $first) { totalCount }'), max: 100 },
  'Query.meetings': { query: list('meetings(first: $first) { meeting }'), max: 100 },
  'Query.meetingsPage': { query: list('meetingsPage(first: $first) { totalCount }'), max: 100 },
  'Query.programmes': { query: list('programmes(first: $first) { code }'), max: 100 },
  'Query.personTokens': { query: list('personTokens(body: CTS, first: $first) { totalCount }'), max: 100 },
  'Query.timeline': { query: list('timeline(from: "2015-01-01", to: "2019-12-31", first: $first) { hasNextPage }'), max: 500 },
  'Query.streamHistory': { query: list('streamHistory(streamId: "access-log", first: $first) { hasMore }'), max: 500 },
  'Query.globalHistory': { query: list('globalHistory(first: $first) { hasMore }'), max: 500 },
  'Query.accessLog': { query: list('accessLog(first: $first) { hasMore }'), max: 500 },
  'BodyView.awaitingAction': { query: list('body(code: CNDDR) { awaitingAction(first: $first) { id } }'), max: 100 },
  'BodyView.awaiting': { query: list('body(code: CNDDR) { awaiting(first: $first) { totalCount } }'), max: 100 },
  'BodyView.waitingOnOthers': { query: list('body(code: CNDDR) { waitingOnOthers(first: $first) { totalCount } }'), max: 100 },
  'BodyView.decidedRecently': {
    query: `query($first: Int!) { body(code: CTS) { decidedRecently(last: $first) { instrumentId } } }`,
    max: 100,
    argument: 'last',
  },
  'BodyView.decisions': { query: list('body(code: CTS) { decisions(first: $first) { totalCount } }'), max: 100 },
  'BodyView.meetings': { query: list('body(code: CTS) { meetings(first: $first) { meeting } }'), max: 100 },
  'BodyView.meetingsPage': { query: list('body(code: CTS) { meetingsPage(first: $first) { totalCount } }'), max: 100 },
  'BodyView.overdueCommitments': { query: list('body(code: CTS) { overdueCommitments(first: $first) { id } }'), max: 100 },
  'BodyView.overdue': { query: list('body(code: CTS) { overdue(first: $first) { totalCount } }'), max: 100 },
  'BodyView.unmetConditions': { query: list('body(code: CTS) { unmetConditions(first: $first) { id } }'), max: 100 },
  'BodyView.unmet': { query: list('body(code: CTS) { unmet(first: $first) { totalCount } }'), max: 100 },
  'Instrument.history': { query: list('instruments(first: 1) { edges { node { history(first: $first) { type } } } }'), max: 500 },
  'Instrument.milestones': { query: list('instruments(first: 1) { edges { node { milestones(first: $first) { milestone } } } }'), max: 100 },
  'Instrument.positions': { query: list('instruments(first: 1) { edges { node { positions(first: $first) { party } } } }'), max: 100 },
  'Meeting.decisions': { query: list('meeting(meeting: "CTS-41") { decisions(first: $first) { instrumentId } }'), max: 100 },
  'Programme.byCentre': { query: list('programme(code: "ADDR-I") { byCentre(first: $first) { centre } }'), max: 100 },
  'Programme.byRegion': { query: list('programme(code: "ADDR-I") { byRegion(first: $first) { region } }'), max: 100 },
  'Query.webhookAttempts': { query: 'query($first: Int!, $endpoint: ID!) { webhookAttempts(endpointId: $endpoint, first: $first) { totalCount } }', max: 100 },
  'Query.gradedItems': { query: list('gradedItems(first: $first) { totalCount }'), max: 100 },
  'GradedItem.assessments': {
    query: list('gradedItem(kind: COMMITMENT, id: "registration-closes-2018") { assessments(first: $first) { grade } }'),
    max: 100,
  },
  'Delays.byBody': { query: list('delays { byBody(first: $first) { totalCount } }'), max: 100 },
  'Delays.handOffs': { query: list('delays { handOffs(first: $first) { totalCount } }'), max: 100 },
  'Query.ledgerKeyRotations': { query: list('ledgerKeyRotations(first: $first) { size }'), max: 100 },
  'Programme.tranches': { query: list('programme(code: "ADDR-I") { tranches(first: $first) { id } }'), max: 100 },
};

describe('every list is bounded', () => {
  let server: RunningServer;
  let auditor: string;
  let endpoint: string;

  beforeAll(async () => {
    server = await startTestServer({ FIRST_START_SCENARIO: SCENARIO, RATE_LIMIT_PER_MINUTE: '100000' });
    auditor = server.token('CNDDR', 'AUDITOR');
    const registered = await server.graphql(
      'mutation($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { endpoint { id } } }',
      // A documentation address and a kind this suite never triggers: nothing is sent.
      { input: { url: 'https://203.0.113.10/hooks/lists', kinds: ['CHECKPOINT_SIGNED'] } },
      server.token('CTS', 'SECRETARIAT'),
    );
    endpoint = registered.data!.registerWebhookEndpoint.endpoint.id;
  }, 60_000);
  afterAll(() => server.close());

  it('covers every field of the schema that takes a page size', async () => {
    const answer = await server.graphql<{
      __schema: { types: Array<{ name: string; fields: Array<{ name: string; args: Array<{ name: string }> }> | null }> };
    }>('{ __schema { types { name fields { name args { name } } } } }', undefined, auditor);
    const paged = answer.data!.__schema.types.flatMap((type) =>
      (type.fields ?? []).filter((field) => field.args.some((arg) => arg.name === 'first' || arg.name === 'last')).map((field) => `${type.name}.${field.name}`),
    );
    expect(paged.sort()).toEqual(Object.keys(PAGED_LISTS).sort());
  });

  it.each(Object.entries(PAGED_LISTS))(
    '%s answers its maximum and refuses more, zero or a negative size with BAD_USER_INPUT',
    async (_name, { query, max, argument }) => {
      const fine = await server.graphql(query, { first: max, endpoint }, auditor);
      expect(fine.errors).toBeUndefined();
      for (const first of [max + 1, 0, -1, 1_000_000]) {
        const refused = await server.graphql(query, { first, endpoint }, auditor);
        expect(refused.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
        expect(refused.errors?.[0].message).toContain(`${argument ?? 'first'} must be between 1 and ${max}`);
      }
    },
  );

  it("runs docs/api.md's example of a desk, and pages on with its cursor", async () => {
    const docs = readFileSync(join(ROOT, 'docs', 'api.md'), 'utf8');
    const example = /```graphql\n(query Desk[\s\S]*?)```/.exec(docs)![1];
    // The body that the most instruments of the Mali history await, so that its desk has pages to turn.
    const instruments = await server.graphql('{ instruments(first: 100) { edges { node { awaiting { body } } } } }', undefined, auditor);
    const awaited = instruments.data!.instruments.edges.flatMap((edge: { node: { awaiting: { body: string } | null } }) => edge.node.awaiting?.body ?? []);
    const body = awaited.sort((a: string, b: string) => awaited.filter((x: string) => x === b).length - awaited.filter((x: string) => x === a).length)[0];
    const first = await server.graphql(example, { body }, auditor);
    expect(first.errors).toBeUndefined();
    const { awaiting, waitingOnOthers, overdue } = first.data!.body;
    expect(awaiting.totalCount).toBeGreaterThan(0);
    expect(awaiting.edges.length).toBe(Math.min(20, awaiting.totalCount));
    expect(typeof waitingOnOthers.totalCount).toBe('number');
    expect(overdue.edges.length).toBe(Math.min(20, overdue.totalCount));
    const next = await server.graphql(example, { body, after: awaiting.pageInfo.endCursor }, auditor);
    expect(next.errors).toBeUndefined();
    expect(next.data!.body.awaiting.edges.length).toBe(Math.min(20, awaiting.totalCount - awaiting.edges.length));
  });

  it('refuses a cursor that is not one of the list', async () => {
    const refused = await server.graphql('{ body(code: CTS) { awaiting(after: "bm90IGEgY3Vyc29y") { totalCount } } }', undefined, auditor);
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('counts the page sizes asked for in the query cost, given literally, through variables or by default', async () => {
    const nested = (size: string) => `query($n: Int!) { instruments(first: $n) { edges { node { history(first: ${size}) { type data } } } } }`;
    expect((await server.graphql(nested('5'), { n: 5 }, auditor)).errors).toBeUndefined();
    // 100 instruments of 500 events each: the sizes come from a variable and a literal.
    const tooLarge = await server.graphql(nested('500'), { n: 100 }, auditor);
    expect(tooLarge.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(tooLarge.errors?.[0].message).toMatch(/cost limit of 50000 exceeded/i);
    // The same shape with the defaults (20 instruments of a body's queue, 100 events of history) is counted too.
    const byDefault = await server.graphql(
      '{ body(code: CTS) { awaiting { edges { node { history { type data } pathway { body } } } } overdue { edges { node { id description } } } } }',
      undefined,
      auditor,
    );
    expect(byDefault.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const small = await server.graphql('{ body(code: CTS) { awaiting(first: 5) { edges { node { history(first: 10) { type } } } } } }', undefined, auditor);
    expect(small.errors).toBeUndefined();
  });

  it('counts the same query anew for each page size given through its variables (the verdicts are remembered per size)', async () => {
    const query = 'query($n: Int!, $m: Int) { instruments(first: $n) { edges { node { history(first: $m) { type } } } } }';
    const codes = [];
    for (const [n, m] of [
      [5, 10],
      [100, 500],
      [5, 10],
      [100, 500],
      [100, 10],
    ]) {
      codes.push((await server.graphql(query, { n, m }, auditor)).errors?.[0].extensions?.code ?? 'OK');
    }
    expect(codes).toEqual(['OK', 'QUERY_TOO_COMPLEX', 'OK', 'QUERY_TOO_COMPLEX', 'OK']);
  });
});

const PROPOSE = `mutation($input: ProposeInstrumentInput!) { proposeInstrument(input: $input) { position } }`;
const DECIDE = `mutation($input: RecordStepDecisionInput!) { recordStepDecision(input: $input) { position } }`;
const PAGE = `query($body: Body!, $after: String, $position: String) { body(code: $body, minPosition: $position) {
  awaiting(first: 2, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } }
  awaitingAction(first: 2, after: $after) { id } } }`;

interface QueuePage {
  awaiting: { totalCount: number; edges: Array<{ cursor: string; node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  awaitingAction: Array<{ id: string }>;
}

describe("a body's queues, paged oldest waiting first", () => {
  let server: RunningServer;
  let cts: string;
  let position: string;
  // Proposed out of date order; the FAMA adopts two, which then await the CTS from the date it did.
  const proposals = [
    { id: 'plan-c', on: '2019-03-01' },
    { id: 'plan-a', on: '2019-01-01' },
    { id: 'plan-e', on: '2019-05-01' },
    { id: 'plan-b', on: '2019-02-01' },
    { id: 'plan-d', on: '2019-04-01' },
  ];
  const adopted = [
    { id: 'plan-e', on: '2019-06-01' },
    { id: 'plan-a', on: '2019-07-01' },
  ];

  beforeAll(async () => {
    server = await startTestServer();
    cts = server.token('CTS', 'SECRETARIAT');
    const send = async (mutation: string, input: object) => {
      const answer = await server.graphql<Record<string, { position: string }>>(mutation, { input }, cts);
      if (answer.errors) throw new Error(JSON.stringify(answer.errors));
      position = Object.values(answer.data!)[0].position;
    };
    for (const { id, on } of proposals) {
      await send(PROPOSE, {
        instrumentId: id,
        kind: 'PLAN',
        title: `Plan ${id}`,
        leadBody: 'CTS',
        pathway: [
          { body: 'FAMA', action: 'ADOPT' },
          { body: 'CTS', action: 'APPROVE' },
        ],
        effectiveDate: on,
      });
    }
    for (const { id, on } of adopted) {
      await send(DECIDE, { instrumentId: id, body: 'FAMA', action: 'ADOPT', outcome: 'APPROVED', effectiveDate: on, sourceRef: 'Brief, footnote 2' });
    }
  });
  afterAll(() => server.close());

  const readAll = async (body: string) => {
    const ids: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const answer: GraphqlAnswer<{ body: QueuePage }> = await server.graphql(PAGE, { body, after, position }, server.token('CTS', 'LIAISON'));
      expect(answer.errors).toBeUndefined();
      const { awaiting, awaitingAction } = answer.data!.body;
      expect(awaitingAction.map((i) => i.id)).toEqual(awaiting.edges.map((e) => e.node.id));
      ids.push(...awaiting.edges.map((e) => e.node.id));
      expect(awaiting.totalCount).toBe(body === 'FAMA' ? 3 : 2);
      if (!awaiting.pageInfo.hasNextPage) return ids;
      after = awaiting.pageInfo.endCursor;
    }
    throw new Error('the pages never ended');
  };

  it('answers what awaits a body a page at a time, oldest waiting first, each once', async () => {
    expect(await readAll('FAMA')).toEqual(['plan-b', 'plan-c', 'plan-d']);
    expect(await readAll('CTS')).toEqual(['plan-e', 'plan-a']);
  });

  it("answers what the lead waits for from others, since they began to wait, and not what awaits the lead's own step", async () => {
    const answer = await server.graphql(
      `{ body(code: CTS) { waitingOnOthers { totalCount edges { node { id awaiting { body } } } } } fama: body(code: FAMA) { waitingOnOthers { totalCount } } }`,
      undefined,
      server.token('CTS', 'LIAISON'),
    );
    expect(answer.data!.body.waitingOnOthers).toEqual({
      totalCount: 3,
      edges: ['plan-b', 'plan-c', 'plan-d'].map((id) => ({ node: { id, awaiting: { body: 'FAMA' } } })),
    });
    // The FAMA approved plan-a and plan-e, which now await the CTS: they wait on others for the FAMA too.
    expect(answer.data!.fama.waitingOnOthers.totalCount).toBe(2);
  });
});
