import { randomUUID } from 'node:crypto';
import { AccessLog, grantProblem } from '@ddr/access';
import { BODIES, OUTSIDE_ACTORS, ROLES, type Body, type Role } from '@ddr/kernel';
import { DeskRegistry } from '@ddr/desks';
import { DESK_COMMANDS as MUTATIONS } from '@ddr/bodies/all';
import { startTestServer, type RunningServer } from '../support/server';
import { mutationArguments } from './mutation-inputs';

/** People's tokens: operators of any coordinating body issue them; operators and auditors revoke them; nobody else may. */
const ACCOUNT_MUTATIONS: Array<{ name: string; example: (body: Body, n: number) => object; roles: Role[] }> = [
  { name: 'issuePersonToken', example: (body, n) => ({ person: `clerk ${n}`, body, role: 'LIAISON' }), roles: ['OPERATOR'] },
  // An id never issued: an operator or auditor is let through and told NOT_FOUND.
  { name: 'revokePersonToken', example: () => ({ tokenId: randomUUID(), reason: 'matrix' }), roles: ['OPERATOR', 'AUDITOR'] },
  // A subject no token of the matrix has: the revocation is written and refuses nothing the matrix uses.
  { name: 'revokeSubject', example: (_, n) => ({ subject: `left-the-programme-${n}`, reason: 'matrix' }), roles: ['OPERATOR', 'AUDITOR'] },
];

const REGISTER = `mutation($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { endpoint { id } } }`;
const SUBSCRIBE = `mutation($input: SubscribeDigestInput!) { subscribeDigest(input: $input) { id } }`;

/**
 * A body's notifications, for its own secretariat. Every body with a
 * secretariat has an endpoint and a digest subscription (made before the
 * matrix) for these to act on; removal and cancellation come last.
 */
const NOTIFICATION_MUTATIONS: Array<{ name: string; variables: (own: Own, n: number) => Record<string, unknown> }> = [
  // A documentation address (TEST-NET-3, no name to resolve) passes the URL policy without WEBHOOK_ALLOW_PRIVATE; and a
  // kind the matrix never causes (no checkpoint is signed): nothing is queued, nothing is sent anywhere.
  { name: 'registerWebhookEndpoint', variables: (_, n) => ({ input: { url: `https://203.0.113.10/hooks/${n}`, kinds: ['CHECKPOINT_SIGNED'] } }) },
  { name: 'pauseWebhookEndpoint', variables: (own) => ({ id: own.endpoint }) },
  { name: 'resumeWebhookEndpoint', variables: (own) => ({ id: own.endpoint }) },
  { name: 'rotateWebhookSecret', variables: (own) => ({ id: own.endpoint }) },
  { name: 'redeliverWebhooks', variables: (own) => ({ id: own.endpoint, fromPosition: '1' }) },
  { name: 'subscribeDigest', variables: (_, n) => ({ input: { email: `clerk${n}@example.org`, frequency: 'WEEKLY', language: 'FR' } }) },
  { name: 'removeWebhookEndpoint', variables: (own) => ({ id: own.endpoint }) },
  { name: 'cancelDigest', variables: (own) => ({ id: own.digest }) },
];
interface Own {
  endpoint: string;
  digest: string;
}

/** Every body, and every role it may hold. */
const GRANTS = BODIES.flatMap((body) => ROLES.filter((role) => grantProblem(body, role) === undefined).map((role) => ({ body, role })));

/**
 * Every role of every body against every mutation: a secretariat may run its
 * own desk's commands and keep its body's notifications, an operator may keep
 * people's tokens, nobody else may run any, and every refusal is recorded in
 * the access log. One test per mutation, so each stays short.
 */
describe('who may write what', () => {
  let server: RunningServer;
  let args: Awaited<ReturnType<typeof mutationArguments>>;
  const own = new Map<Body, Own>();
  let n = 0;
  let refused = 0;
  beforeAll(async () => {
    server = await startTestServer();
    args = await mutationArguments((query) => server.graphql(query, undefined, server.token('CTS', 'AUDITOR')));
    for (const { body } of GRANTS.filter((g) => g.role === 'SECRETARIAT')) {
      const token = server.token(body, 'SECRETARIAT');
      const endpoint = await server.graphql(REGISTER, NOTIFICATION_MUTATIONS[0].variables({ endpoint: '', digest: '' }, ++n), token);
      const digest = await server.graphql(SUBSCRIBE, NOTIFICATION_MUTATIONS[5].variables({ endpoint: '', digest: '' }, ++n), token);
      own.set(body, { endpoint: endpoint.data!.registerWebhookEndpoint.endpoint.id, digest: digest.data!.subscribeDigest.id });
    }
  });
  afterAll(() => server.close());

  const matrix = [
    ...MUTATIONS.map((m) => ({
      name: m.name,
      variables: (body: Body) => ({ input: m.example(body, ++n) }),
      allowed: (desks: DeskRegistry, body: Body, role: Role) => role === 'SECRETARIAT' && desks.mayIssue(body, m.kind),
      mustSucceed: false,
    })),
    ...ACCOUNT_MUTATIONS.map((m) => ({
      name: m.name,
      variables: (body: Body) => ({ input: m.example(body, ++n) }),
      allowed: (_: DeskRegistry, __: Body, role: Role) => m.roles.includes(role),
      mustSucceed: false,
    })),
    ...NOTIFICATION_MUTATIONS.map((m) => ({
      name: m.name,
      // A body without a secretariat has nothing of its own: an id it cannot reach is enough to be refused.
      variables: (body: Body) => m.variables(own.get(body) ?? { endpoint: 'none', digest: 'none' }, ++n),
      allowed: (_: DeskRegistry, __: Body, role: Role) => role === 'SECRETARIAT',
      // Acting on its own body's endpoint and digest, a secretariat is not merely let through: the change is made.
      mustSucceed: true,
    })),
  ];

  it('the matrix covers every mutation of the schema', () => {
    // The one mutation that is no desk command: witnesses' co-signatures, for auditors (test/ledger/ledger-api.spec.ts).
    const ledgerMutations = ['cosignCheckpoint'];
    expect(
      Object.keys(args)
        .filter((name) => !ledgerMutations.includes(name))
        .sort(),
    ).toEqual(matrix.map((m) => m.name).sort());
  });

  it.each(matrix.map((m) => [m.name, m] as const))('%s: allowed to exactly its roles, refused to every other with FORBIDDEN', async (name, mutation) => {
    const desks = server.app.get(DeskRegistry);
    const unexpected: string[] = [];
    for (const { body, role } of GRANTS) {
      const answer = await server.graphql(
        `mutation(${args[name].declared}) { ${name}(${args[name].passed}) { __typename } }`,
        mutation.variables(body),
        server.token(body, role),
      );
      const code = answer.errors?.[0]?.extensions?.code;
      const allowed = mutation.allowed(desks, body, role);
      if (allowed === (code === 'FORBIDDEN') || (allowed && mutation.mustSucceed && answer.errors)) {
        unexpected.push(`${role} of ${body}: ${code ?? 'succeeded'} ${answer.errors?.[0]?.message ?? ''}`);
      }
      if (code === 'FORBIDDEN') refused++;
    }
    expect(unexpected).toEqual([]);
  });

  it('records every refusal of the matrix in the access log', async () => {
    expect(refused).toBeGreaterThan(0);
    await server.app.get(AccessLog).flush();
    const auditor = server.token('CSA', 'AUDITOR');
    const recorded: Array<{ type: string; data: { code: string; operation: string } }> = [];
    for (let from = 0, more = true; more;) {
      const page = (await server.graphql(`{ accessLog(fromRevision: ${from}, first: 500) { events { type data } hasMore } }`, undefined, auditor)).data
        ?.accessLog;
      recorded.push(...page.events);
      from += page.events.length;
      more = page.hasMore;
    }
    expect(recorded.filter((e) => e.type === 'AccessRefused' && e.data.code === 'FORBIDDEN')).toHaveLength(refused);
    // One request per mutation, role and body: it grows with every command, and took 27 s on a loaded two-core machine.
  }, 120_000);

  const READS = [
    { name: 'webhookEndpoints', query: `query($of: Body) { webhookEndpoints(body: $of) { id } }`, mine: (of: Own) => of.endpoint, stranger: 'FORBIDDEN' },
    { name: 'digestSubscriptions', query: `query($of: Body) { digestSubscriptions(body: $of) { id } }`, mine: (of: Own) => of.digest, stranger: 'FORBIDDEN' },
    // Another body's secretariat is not told the endpoint exists.
    { name: 'webhookAttempts', query: `query($id: ID!) { webhookAttempts(endpointId: $id) { totalCount } }`, mine: null, stranger: 'NOT_FOUND' },
  ];
  it.each(READS.map((r) => [r.name, r] as const))("%s: a body's own secretariat and every auditor read it, nobody else", async (_, read) => {
    const unexpected: string[] = [];
    for (const { body, role } of GRANTS) {
      for (const [of, ids] of own) {
        const answer = await server.graphql(read.query, { of, id: ids.endpoint }, server.token(body, role));
        const code = answer.errors?.[0]?.extensions?.code;
        const expected = role === 'AUDITOR' || (role === 'SECRETARIAT' && body === of) ? undefined : role === 'SECRETARIAT' ? read.stranger : 'FORBIDDEN';
        const found = !read.mine || (Object.values(answer.data ?? {})[0] as Array<{ id: string }> | undefined)?.some((e) => e.id === read.mine(ids));
        if (code !== expected || (!expected && !found)) unexpected.push(`${role} of ${body} reading ${of}'s: ${code ?? (found ? 'read' : 'not listed')}`);
      }
    }
    expect(unexpected).toEqual([]);
  });

  it.each([...OUTSIDE_ACTORS])('%s has no secretariat and no operator: no such token is issued', (body) => {
    expect(() => server.token(body, 'SECRETARIAT')).toThrow(/no secretariat/);
    expect(() => server.token(body, 'OPERATOR')).toThrow(/no operator/);
  });

  it('the history and the access log are for auditors only', async () => {
    for (const role of ['SECRETARIAT', 'LIAISON'] as Role[]) {
      const answer = await server.graphql('{ globalHistory { hasMore } }', undefined, server.token('CTS', role));
      expect(answer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const auditor = await server.graphql('{ globalHistory(first: 1) { hasMore events { type } } }', undefined, server.token('CTS', 'AUDITOR'));
    expect(auditor.errors).toBeUndefined();
  });
});
