import jwt from 'jsonwebtoken';
import { TokenService } from '@ddr/access';
import { EVENT_STORE, type EventStore } from '@ddr/event-store';
import { closeAfter, eventually } from '../support/close-after';
import { ddr } from '../support/ddr';
import { startTestServer, type RunningServer } from '../support/server';

const REVOKE_SUBJECT = `mutation($input: RevokeSubjectInput!) { revokeSubject(input: $input) { subject revokedBy reason revokedAt } }`;
const READ = '{ body(code: MOC) { body } }';

jest.setTimeout(60_000);

const refusal = async (server: RunningServer, token: string) => (await server.graphql(READ, undefined, token)).errors?.[0];

describe('an auditor revokes a subject: its tokens issued until then are refused, its subscription closed, later ones pass', () => {
  let server: RunningServer;
  beforeAll(async () => (server = await startTestServer()));
  afterAll(() => server.close());

  it('refuses the MOC liaison token on its next request and closes its events subscription within a second', async () => {
    const auditor = server.token('CSA', 'AUDITOR');
    const [liaison, later] = [server.token('MOC', 'LIAISON'), server.token('MOC', 'LIAISON')];
    expect(await refusal(server, liaison)).toBeUndefined();
    let answer: { data?: Record<string, any> } | undefined;
    const code = await closeAfter(server, liaison, async () => {
      answer = await server.graphql(REVOKE_SUBJECT, { input: { subject: 'moc-liaison', reason: 'phone seized in Kidal' } }, auditor);
    });
    expect(code).toBe(4403);
    expect(answer?.data?.revokeSubject).toMatchObject({ subject: 'moc-liaison', revokedBy: 'csa-auditor', reason: 'phone seized in Kidal' });
    expect(await refusal(server, liaison)).toMatchObject({ message: 'the token has been revoked', extensions: { code: 'UNAUTHENTICATED' } });
    expect(await refusal(server, later)).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });

    // A token issued to the subject after the revocation's second is valid; another subject was never touched.
    const issuedAfter = Math.floor(Date.parse(answer!.data!.revokeSubject.revokedAt) / 1000) + 1;
    const fresh = server.app.get(TokenService).issue({ subject: 'moc-liaison', body: 'MOC', role: 'LIAISON', ttlSeconds: 3600, issuedAt: issuedAfter });
    expect(await refusal(server, fresh)).toBeUndefined();
    expect(await refusal(server, server.token('MOC', 'AUDITOR'))).toBeUndefined();
  });

  it('a liaison may not revoke, and a revocation without a subject or reason is BAD_USER_INPUT and writes nothing', async () => {
    const accounts = async () => (await server.app.get<EventStore>(EVENT_STORE).readStream('accounts')).length;
    const before = await accounts();
    const denied = await server.graphql(REVOKE_SUBJECT, { input: { subject: 'csa-auditor', reason: 'x' } }, server.token('CTS', 'LIAISON'));
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const empty = await server.graphql(REVOKE_SUBJECT, { input: { subject: ' ', reason: 'x' } }, server.token('CSA', 'AUDITOR'));
    expect(empty.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await accounts()).toBe(before);
  });

  it('ddr revoke --subject records the revocation in the log: the running server refuses the subject and closes its subscription', async () => {
    const token = server.token('CTS', 'LIAISON');
    const code = await closeAfter(server, token, () => ddr(server.settings.dataDir, 'revoke', '--subject', 'cts-liaison', '--reason', 'left the CTS'), 5_000);
    expect(code).toBe(4403);
    expect(await refusal(server, token)).toMatchObject({ message: 'the token has been revoked' });
  });
});

describe('token keys rotate: a new key signs, tokens of the old one pass until it is retired', () => {
  let server: RunningServer;
  beforeAll(async () => (server = await startTestServer()));
  afterAll(() => server.close());
  const kidOf = (token: string) => jwt.decode(token, { complete: true })?.header.kid;

  it('adds k1 with ddr token key add, keeps k0 tokens valid, then refuses them once k0 is retired', async () => {
    const old = server.token('FAMA', 'LIAISON');
    expect(kidOf(old)).toBe('k0');
    const added = await ddr(server.settings.dataDir, 'token', 'key', 'add');
    expect(added).toMatchObject({ code: 0, stdout: ['k0\tchecks\tfirst key', expect.stringMatching(/^k1\tcurrent\t\d{4}-/)] });

    // The running server rereads the keys within a second: what it issues now is signed by k1.
    let fresh = '';
    await eventually(async () => {
      fresh = server.app.get(TokenService).issue({ subject: 'fama-clerk', body: 'FAMA', role: 'LIAISON', ttlSeconds: 600 });
      expect(kidOf(fresh)).toBe('k1');
    });
    expect(await refusal(server, fresh)).toBeUndefined();
    expect(await refusal(server, old)).toBeUndefined();
    // So does ddr token, on the same data directory.
    const printed = await ddr(server.settings.dataDir, 'token', '--body', 'FAMA', '--role', 'LIAISON');
    expect(kidOf(printed.stdout.at(-1)!)).toBe('k1');

    expect(await ddr(server.settings.dataDir, 'token', 'key', 'retire', '--kid', 'k1')).toMatchObject({
      code: 2,
      stderr: expect.arrayContaining([expect.stringMatching(/current key/)]),
    });
    const retired = await ddr(server.settings.dataDir, 'token', 'key', 'retire', '--kid', 'k0');
    expect(retired).toMatchObject({ code: 0, stdout: ['k0\tretired\tfirst key', expect.stringMatching(/^k1\tcurrent/)] });
    await eventually(async () => expect(await refusal(server, old)).toMatchObject({ message: 'the token is signed by a retired or unknown key' }));
    expect(await refusal(server, fresh)).toBeUndefined();
  });

  it('refuses a ttl over TOKEN_MAX_TTL_HOURS in ddr token, and over the API', async () => {
    process.env.TOKEN_MAX_TTL_HOURS = '24';
    try {
      const long = await ddr(server.settings.dataDir, 'token', '--body', 'FAMA', '--role', 'LIAISON', '--ttl', '2d');
      expect(long).toMatchObject({ code: 2, stderr: expect.arrayContaining([expect.stringMatching(/between 1 second and 24 hours \(TOKEN_MAX_TTL_HOURS\)/)]) });
      expect((await ddr(server.settings.dataDir, 'token', '--body', 'FAMA', '--role', 'LIAISON', '--ttl', '24h')).code).toBe(0);
    } finally {
      delete process.env.TOKEN_MAX_TTL_HOURS;
    }
    const issue = `mutation($input: IssuePersonTokenInput!) { issuePersonToken(input: $input) { token } }`;
    // Signed by the server's current key: k0, which signs server.token's, was retired above.
    const operator = server.app.get(TokenService).issue({ subject: 'cnddr-operator', body: 'CNDDR', role: 'OPERATOR', ttlSeconds: 600 });
    const answer = await server.graphql(issue, { input: { person: 'Awa', body: 'CTS', role: 'LIAISON', ttl: '31d' } }, operator);
    expect(answer.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/720 hours/) });
  });

  it('a token carries subject, body, role, issue time, expiry, issuer and id, nothing more', async () => {
    const printed = await ddr(server.settings.dataDir, 'token', '--body', 'CTS', '--role', 'LIAISON', '--subject', 'Awa');
    expect(Object.keys(jwt.decode(printed.stdout.at(-1)!) as object).sort()).toEqual(['body', 'exp', 'iat', 'iss', 'jti', 'role', 'sub']);
  });
});
