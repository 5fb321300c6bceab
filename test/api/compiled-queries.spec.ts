import { join } from 'node:path';
import { ROOT } from '../support/built';
import { startTestServer, type GraphqlAnswer, type RunningServer } from '../support/server';

const SCENARIO = join(ROOT, 'scenarios', 'mali-2015-2019.yaml');

/**
 * Queries of every kind the API answers, with the role that asks: Mercurius runs a query's first execution with
 * graphql-js and compiles it (graphql-jit) for the next ones, so each is asked twice and must be answered the same.
 */
const ASKED: Array<{ name: string; query: string; variables?: object; role?: 'LIAISON' | 'SECRETARIAT' | 'AUDITOR'; refused?: string }> = [
  {
    name: 'an instrument, its steps, waits and sources',
    query: `query($id: ID!) { instrument(id: $id) { id kind title leadBody status revision proposedOn lastActOn visibility
      awaiting { body action status } pathway { body action status awaitedSince } milestones { milestone count place source { ref } } } }`,
    variables: { id: 'algiers-agreement-2015' },
  },
  {
    name: 'the same instrument as of a date and as known at an instant',
    query: `query($id: ID!) { then: instrument(id: $id, asOf: "2016-01-01") { status revision } before: instrument(id: $id, knownAt: "2000-01-01T00:00:00Z") { status } known: instrument(id: $id, knownAt: "2100-01-01T00:00:00Z") { status } }`,
    variables: { id: 'algiers-agreement-2015' },
  },
  {
    name: 'a page of instruments with cursors and a count',
    query: `query($first: Int!) { instruments(first: $first) { totalCount edges { cursor node { id status } } pageInfo { hasNextPage endCursor } } }`,
    variables: { first: 5 },
  },
  {
    name: "a body's desk: queues, decisions, overdue commitments",
    query: `{ body(code: CTS) { awaiting(first: 3) { totalCount edges { node { id } } } waitingOnOthers(first: 3) { totalCount }
      decisions(first: 3) { totalCount } overdueCommitments(first: 3) { id } } }`,
  },
  {
    name: 'a programme and its breakdown',
    query: `{ programme(code: "ADDR-I", asOf: "2019-12-31") { code breakdown(by: REGION) { stage total unreported } } }`,
  },
  { name: 'delays by body', query: `{ delays { byBody(first: 5) { totalCount } } }` },
  { name: 'the access log, for an auditor', query: `{ accessLog(first: 3) { hasMore } }`, role: 'AUDITOR' },
  { name: 'the access log, refused to a liaison (FORBIDDEN)', query: `{ accessLog(first: 3) { hasMore } }`, refused: 'FORBIDDEN' },
  { name: 'an instrument that does not exist (null)', query: `{ instrument(id: "no-such-plan") { id } }` },
  {
    name: 'a page too large (BAD_USER_INPUT)',
    query: `query($first: Int!) { instruments(first: $first) { totalCount } }`,
    variables: { first: 1_000 },
    refused: 'BAD_USER_INPUT',
  },
  {
    name: 'a variable of the wrong type',
    query: `query($first: Int!) { instruments(first: $first) { totalCount } }`,
    variables: { first: 'five' },
    refused: 'BAD_USER_INPUT',
  },
  { name: 'a required variable left out', query: `query($id: ID!) { instrument(id: $id) { id } }`, variables: {}, refused: 'BAD_USER_INPUT' },
  { name: 'a date that is not one', query: `{ instrument(id: "algiers-agreement-2015", asOf: "2016-02-30") { id } }`, refused: 'BAD_USER_INPUT' },
  {
    name: 'a mutation refused by the decider',
    query: `mutation($input: RecordMilestoneInput!) { recordMilestone(input: $input) { position } }`,
    variables: { input: { instrumentId: 'no-such-plan', effectiveDate: '2019-01-01', milestone: 'never' } },
    role: 'SECRETARIAT',
    refused: 'NOT_FOUND',
  },
];

describe('a query compiled after its first execution answers as before', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startTestServer({ FIRST_START_SCENARIO: SCENARIO, RATE_LIMIT_PER_MINUTE: '100000' });
  }, 60_000);
  afterAll(() => server.close());

  // The read model's position moves with the access log between two askings: data, errors and status are the answer.
  const answer = ({ status, data, errors }: GraphqlAnswer<unknown>) => ({ status, data, errors });

  it.each(ASKED)('$name', async ({ query, variables, role, refused }) => {
    const token = server.token('CTS', role ?? 'LIAISON');
    const [first, second, third] = [
      await server.graphql(query, variables, token),
      await server.graphql(query, variables, token),
      await server.graphql(query, variables, token),
    ];
    expect(first.errors?.[0]?.extensions?.code).toBe(refused);
    expect(answer(second)).toEqual(answer(first));
    expect(answer(third)).toEqual(answer(first));
  });
});
