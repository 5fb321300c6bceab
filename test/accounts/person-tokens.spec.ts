import { ACCOUNTS_STREAM } from '@ddr/access';
import { DESK_COMMANDS } from '@ddr/bodies/all';
import { DeskRegistry } from '@ddr/desks';
import { EVENT_STORE, type EventStore } from '@ddr/event-store';
import { startTestServer, type RunningServer } from '../support/server';
import { inputTypes } from '../access/mutation-inputs';

const ISSUE = `mutation($input: IssuePersonTokenInput!) {
  issuePersonToken(input: $input) { token personToken { tokenId person body role expiresAt issuedBy revoked } }
}`;
const REVOKE = `mutation($input: RevokePersonTokenInput!) { revokePersonToken(input: $input) { tokenId revoked reason revokedBy } }`;
const LIST = `query($body: Body!, $first: Int, $after: String) {
  personTokens(body: $body, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { tokenId person role revoked } } }
}`;

/** Clerks get their tokens from an operator over the API, and lose them the same way: no one needs the server's shell. */
describe("an operator keeps people's tokens", () => {
  let server: RunningServer;
  let operator: string;
  let recordAct: (token: string, n: number) => Promise<string | undefined>;
  beforeAll(async () => {
    server = await startTestServer();
    operator = server.token('CNDDR', 'OPERATOR');
    const types = await inputTypes((query) => server.graphql(query, undefined, server.token('CTS', 'AUDITOR')));
    const act = DESK_COMMANDS.find((command) => server.app.get(DeskRegistry).mayIssue('CTS', command.kind))!;
    recordAct = async (token, n) => {
      const answer = await server.graphql(
        `mutation($input: ${types[act.name]}!) { ${act.name}(input: $input) { position } }`,
        { input: act.example('CTS', n) },
        token,
      );
      return answer.errors?.[0]?.extensions?.code;
    };
  });
  afterAll(() => server.close());

  it('issues a token for Awa of the CTS secretariat, with which she records an act; revoked, her next request is UNAUTHENTICATED', async () => {
    const issued = await server.graphql(ISSUE, { input: { person: 'Awa', body: 'CTS', role: 'SECRETARIAT', ttl: '7d' } }, operator);
    expect(issued.errors).toBeUndefined();
    const { token, personToken } = issued.data!.issuePersonToken;
    expect(personToken).toMatchObject({ person: 'Awa', body: 'CTS', role: 'SECRETARIAT', issuedBy: 'cnddr-operator', revoked: false });
    expect(Date.parse(personToken.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);

    expect(await recordAct(token, 1)).toBeUndefined();
    const listed = await server.graphql(LIST, { body: 'CTS' }, operator);
    expect(listed.data!.personTokens).toMatchObject({
      totalCount: 1,
      pageInfo: { hasNextPage: false },
      edges: [{ node: { tokenId: personToken.tokenId, person: 'Awa', role: 'SECRETARIAT', revoked: false } }],
    });
    expect(JSON.stringify(listed)).not.toContain(token);

    const revoked = await server.graphql(REVOKE, { input: { tokenId: personToken.tokenId, reason: 'phone lost in Gao' } }, operator);
    expect(revoked.data!.revokePersonToken).toEqual({ tokenId: personToken.tokenId, revoked: true, reason: 'phone lost in Gao', revokedBy: 'cnddr-operator' });
    expect(await recordAct(token, 2)).toBe('UNAUTHENTICATED');
    const read = await server.graphql('{ body(code: CTS) { body } }', undefined, token);
    expect(read.errors?.[0]).toMatchObject({ message: 'the token has been revoked', extensions: { code: 'UNAUTHENTICATED' } });

    const events = await server.app.get<EventStore>(EVENT_STORE).readStream(ACCOUNTS_STREAM);
    expect(events.filter((e) => e.data.tokenId === personToken.tokenId).map((e) => [e.type, e.data.tokenId, e.metadata.actor, e.metadata.role])).toEqual([
      ['PersonTokenIssued', personToken.tokenId, 'cnddr-operator', 'OPERATOR'],
      ['PersonTokenRevoked', personToken.tokenId, 'cnddr-operator', 'OPERATOR'],
    ]);
    expect(JSON.stringify(events)).not.toContain(token);
  });

  it('another server on the same store knows the revocations before it answers, and learns new ones from the log', async () => {
    const readMoc = (on: RunningServer, token: string) => on.graphql('{ body(code: MOC) { body } }', undefined, token);
    const issue = async (person: string) => (await server.graphql(ISSUE, { input: { person, body: 'MOC', role: 'LIAISON' } }, operator)).data!.issuePersonToken;
    const revoke = (tokenId: string) => server.graphql(REVOKE, { input: { tokenId, reason: 'left the MOC' } }, operator);
    const moussa = await issue('Moussa');
    await revoke(moussa.personToken.tokenId);
    const replica = await startTestServer({ DATA_DIR: server.settings.dataDir });
    try {
      expect((await readMoc(replica, moussa.token)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      const aminata = await issue('Aminata');
      expect((await readMoc(replica, aminata.token)).errors).toBeUndefined();
      await revoke(aminata.personToken.tokenId);
      const deadline = Date.now() + 2_000;
      let code: string | undefined;
      while (code !== 'UNAUTHENTICATED' && Date.now() < deadline) code = (await readMoc(replica, aminata.token)).errors?.[0].extensions?.code;
      expect(code).toBe('UNAUTHENTICATED');
    } finally {
      await replica.close();
    }
  });

  it('revoking a revoked token writes nothing', async () => {
    const { personToken } = (await server.graphql(ISSUE, { input: { person: 'Oumar', body: 'CSA', role: 'AUDITOR' } }, operator)).data!.issuePersonToken;
    const store = server.app.get<EventStore>(EVENT_STORE);
    await server.graphql(REVOKE, { input: { tokenId: personToken.tokenId, reason: 'first' } }, operator);
    const before = (await store.readStream(ACCOUNTS_STREAM)).length;
    const again = await server.graphql(REVOKE, { input: { tokenId: personToken.tokenId, reason: 'second' } }, operator);
    expect(again.data!.revokePersonToken).toMatchObject({ revoked: true, reason: 'first' });
    expect(await store.readStream(ACCOUNTS_STREAM)).toHaveLength(before);
  });

  it('refuses what no operator may do: an operator token, an unknown token, a secretariat for an outside actor', async () => {
    const operatorToken = await server.graphql(ISSUE, { input: { person: 'Ibrahim', body: 'CTS', role: 'OPERATOR' } }, operator);
    expect(operatorToken.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const unknown = await server.graphql(REVOKE, { input: { tokenId: '00000000-0000-4000-8000-000000000000', reason: 'x' } }, operator);
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const outside = await server.graphql(ISSUE, { input: { person: 'Fatou', body: 'FAMA', role: 'SECRETARIAT' } }, operator);
    expect(outside.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const longTtl = await server.graphql(ISSUE, { input: { person: 'Fatou', body: 'CTS', role: 'LIAISON', ttl: '90d' } }, operator);
    expect(longTtl.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it.each(['SECRETARIAT', 'LIAISON', 'AUDITOR'] as const)('the CTS %s may not issue; only an auditor may revoke (else FORBIDDEN)', async (role) => {
    const token = server.token('CTS', role);
    const issue = await server.graphql(ISSUE, { input: { person: 'Awa', body: 'CTS', role: 'SECRETARIAT' } }, token);
    expect(issue.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const revoke = await server.graphql(REVOKE, { input: { tokenId: '00000000-0000-4000-8000-000000000000', reason: 'x' } }, token);
    expect(revoke.errors?.[0].extensions?.code).toBe(role === 'AUDITOR' ? 'NOT_FOUND' : 'FORBIDDEN');
  });

  it("lists a body's tokens a page at a time, newest first, with a default and a maximum page", async () => {
    for (const person of ['Aïcha', 'Bakary', 'Cheick'])
      await server.graphql(ISSUE, { input: { person, body: 'INTEGRATION_COMMISSION', role: 'LIAISON' } }, operator);
    const page = async (first?: number, after?: string) =>
      (await server.graphql(LIST, { body: 'INTEGRATION_COMMISSION', first, after }, operator)).data!.personTokens;
    const first = await page(2);
    expect(first.edges.map((edge: { node: { person: string } }) => edge.node.person)).toEqual(['Cheick', 'Bakary']);
    expect(first).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const rest = await page(2, first.pageInfo.endCursor);
    expect(rest.edges.map((edge: { node: { person: string } }) => edge.node.person)).toEqual(['Aïcha']);
    expect(rest).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: false } });
    expect((await page()).edges).toHaveLength(3);
    for (const [size, cursor] of [[0], [101], [2, 'not-a-cursor']] as const) {
      const refused = await server.graphql(LIST, { body: 'INTEGRATION_COMMISSION', first: size, after: cursor }, operator);
      expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('lists tokens for operators and auditors only', async () => {
    expect((await server.graphql(LIST, { body: 'CTS' }, server.token('CTS', 'AUDITOR'))).errors).toBeUndefined();
    expect((await server.graphql(LIST, { body: 'CTS' }, server.token('CTS', 'SECRETARIAT'))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
