import { createClient } from 'graphql-ws';
import { TokenService } from '@ddr/access';
import { ddr } from '../support/ddr';
import { startTestServer, type RunningServer } from '../support/server';
import { EVENTS, closeAfter, eventually } from '../support/close-after';
import { subscriptionOptions } from '../support/subscriptions';

const ISSUE = `mutation($input: IssuePersonTokenInput!) { issuePersonToken(input: $input) { token personToken { tokenId } } }`;
const REVOKE = `mutation($input: RevokePersonTokenInput!) { revokePersonToken(input: $input) { tokenId revoked revokedBy } }`;
const LIST = `query($body: Body!) { personTokens(body: $body) { edges { node { tokenId person role issuedBy revoked } } } }`;

jest.setTimeout(60_000);

describe('a revoked token loses its open subscription, and tokens from ddr token are revocable too', () => {
  let server: RunningServer;
  let operator: string;
  const revoke = (tokenId: string, reason: string) => server.graphql(REVOKE, { input: { tokenId, reason } }, operator);
  beforeAll(async () => {
    server = await startTestServer();
    operator = server.token('CNDDR', 'OPERATOR');
  });
  afterAll(() => server.close());

  it("closes a revoked person's events subscription (graphql-ws close 4403) within a second of the revocation", async () => {
    const { token, personToken } = (await server.graphql(ISSUE, { input: { person: 'Awa', body: 'CTS', role: 'LIAISON' } }, operator)).data!.issuePersonToken;
    expect(await closeAfter(server, token, () => revoke(personToken.tokenId, 'phone lost in Gao'))).toBe(4403);
    // A token that is not revoked keeps its subscription.
    const other = (await server.graphql(ISSUE, { input: { person: 'Seydou', body: 'CTS', role: 'LIAISON' } }, operator)).data!.issuePersonToken;
    expect(await closeAfter(server, other.token, () => revoke(personToken.tokenId, 'again'), 300)).toBe('open');
  });

  it('a connection opened before the revocation, with nothing subscribed yet, may subscribe to nothing more', async () => {
    const { token, personToken } = (await server.graphql(ISSUE, { input: { person: 'Fatoumata', body: 'CTS', role: 'LIAISON' } }, operator)).data!
      .issuePersonToken;
    const client = createClient({ ...subscriptionOptions(server.url, token), lazy: false });
    try {
      await new Promise((resolve) => client.on('connected', resolve));
      await revoke(personToken.tokenId, 'left the CTS');
      const refused = new Promise<unknown>((resolve) =>
        client.subscribe({ query: EVENTS }, { next: () => undefined, error: resolve, complete: () => undefined }),
      );
      expect(await refused).toEqual([expect.objectContaining({ message: 'the token has been revoked', extensions: { code: 'UNAUTHENTICATED' } })]);
    } finally {
      await client.dispose();
    }
  });

  it('a token printed by ddr token carries an id, is listed as issued on the server machine, and the API revokes it', async () => {
    const printed = await ddr(server.settings.dataDir, 'token', '--body', 'CTS', '--role', 'LIAISON', '--subject', 'mariam');
    expect(printed.code).toBe(0);
    const token = printed.stdout.at(-1)!;
    const tokenId = /token ([0-9a-f-]{36}) for mariam/.exec(printed.stderr.join('\n'))?.[1];
    expect(server.app.get(TokenService).check(token)).toMatchObject({ actor: { subject: 'mariam' }, tokenId });

    const listed = async () => (await server.graphql(LIST, { body: 'CTS' }, operator)).data!.personTokens.edges.map((edge: { node: unknown }) => edge.node);
    await eventually(async () => expect(await listed()).toContainEqual({ tokenId, person: 'mariam', role: 'LIAISON', issuedBy: 'ddr-cli', revoked: false }));
    expect((await server.graphql('{ body(code: CTS) { body } }', undefined, token)).errors).toBeUndefined();
    expect(await closeAfter(server, token, () => revoke(tokenId!, 'left the CTS'))).toBe(4403);
    expect((await server.graphql('{ body(code: CTS) { body } }', undefined, token)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('ddr token revoke --id records the revocation in the log: the running server refuses the token and closes its subscription', async () => {
    const printed = await ddr(server.settings.dataDir, 'token', '--body', 'MOC', '--role', 'AUDITOR');
    const token = printed.stdout.at(-1)!;
    const tokenId = /token ([0-9a-f-]{36})/.exec(printed.stderr.join('\n'))![1];
    await eventually(async () => expect((await server.graphql('{ body(code: MOC) { body } }', undefined, token)).errors).toBeUndefined());

    const revoked = closeAfter(server, token, () => ddr(server.settings.dataDir, 'token', 'revoke', '--id', tokenId, '--reason', 'audit over'), 5_000);
    expect(await revoked).toBe(4403);
    expect((await server.graphql('{ body(code: MOC) { body } }', undefined, token)).errors?.[0]).toMatchObject({ message: 'the token has been revoked' });
    const again = await ddr(server.settings.dataDir, 'token', 'revoke', '--id', tokenId, '--reason', 'twice');
    expect(again).toMatchObject({ code: 0, stderr: [expect.stringMatching(/revoked already.*nothing written/)] });
    const unknown = await ddr(server.settings.dataDir, 'token', 'revoke', '--id', '00000000-0000-4000-8000-000000000000', '--reason', 'x');
    expect(unknown).toEqual({ code: 1, stdout: [''], stderr: ['error: no live token 00000000-0000-4000-8000-000000000000: never issued, or expired'] });
  });
});
