import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenService } from '@ddr/access';
import { plan } from '../support/redeployment-plan';
import { ServerProcess } from '../support/server-process';

type Line = { level: string; msg: string; requestId?: string; correlationId?: string; body?: string; subject?: string; context?: string };

describe("the server's logs", () => {
  const secret = randomBytes(36).toString('base64url');
  const tokens = new TokenService(secret);
  const server = new ServerProcess({ DATA_DIR: mkdtempSync(join(tmpdir(), 'ddr-logs-')), JWT_SECRET: secret, LOG_LEVEL: 'debug' });
  const used: string[] = [];
  const token = (grant: Parameters<TokenService['issue']>[0]) => {
    const issued = tokens.issue(grant);
    used.push(issued);
    return issued;
  };
  const graphql = async (query: string, variables: object, bearer: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}`, ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
  };
  let lines: string[];

  beforeAll(async () => {
    await server.start();
    const clerk = token({ subject: 'Awa (CTS secretariat)', body: 'CTS', role: 'SECRETARIAT', ttlSeconds: 600 });
    const liaison = token({ subject: 'scds-liaison', body: 'SCDS', role: 'LIAISON', ttlSeconds: 600 });
    const operator = token({ subject: 'Ibrahim (CNDDR IT)', body: 'CNDDR', role: 'OPERATOR', ttlSeconds: 600 });
    const propose = 'mutation ($input: ProposeInstrumentInput!) { proposeInstrument(input: $input) { position } }';
    await graphql(propose, { input: plan }, clerk, { 'x-correlation-id': 'cts-session-41' });
    await graphql(propose, { input: { ...plan, instrumentId: 'refused' } }, liaison);
    await graphql('{ instrument(id: "redeployment-plan-2019-2021") { status } }', {}, liaison);
    const issued = await graphql(
      'mutation { issuePersonToken(input: { person: "Fatoumata", body: MOC, role: LIAISON, ttl: "1h" }) { token personToken { tokenId } } }',
      {},
      operator,
    );
    const personal = issued.data!.issuePersonToken.token as string;
    used.push(personal);
    await graphql('{ logHead { position } }', {}, personal);
    await graphql(
      `mutation { revokePersonToken(input: { tokenId: "${issued.data!.issuePersonToken.personToken.tokenId}", reason: "phone lost" }) { tokenId } }`,
      {},
      operator,
    );
    await graphql('{ logHead { position } }', {}, personal);
    // A token that is not one, and one signed with another secret.
    await graphql('{ logHead { position } }', {}, `${clerk.slice(0, -4)}AAAA`);
    await graphql(
      '{ logHead { position } }',
      {},
      new TokenService(randomBytes(36).toString('base64url')).issue({ subject: 'x', body: 'CTS', role: 'LIAISON', ttlSeconds: 60 }),
    );
    await server.waitFor(/POST \/graphql 200/);
    // The child's own array: the lines written while it shuts down land in it too.
    lines = server.output;
    expect(await server.stop('SIGTERM')).toBe(0);
  }, 60_000);
  afterAll(() => server.dispose());

  it('are JSON lines', () => {
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
  });

  it('never hold a token or the signing secret', () => {
    const output = lines.join('\n');
    for (const secretText of [...used, secret]) expect(output).not.toContain(secretText);
    // Nor a JWT of any kind, nor the Authorization header.
    expect(output).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/);
    expect(output.toLowerCase()).not.toContain('bearer');
  });

  it("carry the request id, correlation id, body and subject on every line of a caller's request", () => {
    const requests = lines.map((line) => JSON.parse(line) as Line).filter((line) => line.requestId);
    const graphqlRequests = requests.filter((line) => line.msg.startsWith('POST /graphql'));
    expect(graphqlRequests).toHaveLength(9);
    for (const line of requests) expect(line.correlationId).toMatch(/^[\w.-]+$/);
    expect(graphqlRequests[0]).toMatchObject({ correlationId: 'cts-session-41', body: 'CTS', subject: 'Awa (CTS secretariat)', level: 'debug' });
    expect(graphqlRequests[0].requestId).not.toBe(graphqlRequests[1].requestId);
    expect(graphqlRequests[1]).toMatchObject({ body: 'SCDS', subject: 'scds-liaison' });
    expect(graphqlRequests[1].correlationId).toBe(graphqlRequests[1].requestId);
    expect(graphqlRequests.filter((line) => line.subject === 'Fatoumata')).toHaveLength(1);
    // Refused tokens (revoked, altered, signed elsewhere) name no caller.
    expect(graphqlRequests.slice(-3).every((line) => line.subject === undefined && line.body === undefined)).toBe(true);
  });

  it('keep lines outside any request free of request fields', () => {
    const banner = lines.map((line) => JSON.parse(line) as Line).find((line) => line.msg.startsWith('GraphQL at'))!;
    expect(banner).toMatchObject({ level: 'info', context: 'Server' });
    expect(banner).not.toHaveProperty('requestId');
  });
});
