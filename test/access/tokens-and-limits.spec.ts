import { JwtService } from '@nestjs/jwt';
import { AccessLog, signingSecret } from '@ddr/access';
import { EVENT_STORE, type EventStore } from '@ddr/event-store';
import { MAX_BODY_BYTES } from '../../apps/api/src/server';
import { startTestServer, type RunningServer } from '../support/server';
import { rankDecree } from '../support/rank-decree';

const PROPOSE = `mutation($input: ProposeInstrumentInput!) { proposeInstrument(input: $input) { position } }`;

describe('tokens and API limits', () => {
  let server: RunningServer;
  let store: EventStore;
  const sign = (claims: object, secret: string, options: object = {}) =>
    new JwtService({ secret }).sign(claims, { algorithm: 'HS256', issuer: 'ddr-coordination-ledger', ...options });

  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_PER_MINUTE: '40' });
    store = server.app.get(EVENT_STORE);
  });
  afterAll(() => server.close());

  const refusedUnauthenticated = async (token: string | undefined) => {
    const answer = await server.graphql(PROPOSE, { input: rankDecree }, token);
    expect(answer.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(answer.data).toBeNull();
  };

  it('refuses an anonymous request, an expired token, a token signed with another secret and a body that does not exist', async () => {
    const secret = signingSecret(server.settings.dataDir);
    const valid = { body: 'INTEGRATION_COMMISSION', role: 'SECRETARIAT' };
    await refusedUnauthenticated(undefined);
    await refusedUnauthenticated(sign(valid, secret, { subject: 'clerk', expiresIn: -10 }));
    await refusedUnauthenticated(sign(valid, 'another-secret-of-at-least-thirty-two-chars', { subject: 'clerk', expiresIn: 60 }));
    await refusedUnauthenticated(sign({ body: 'ATLANTIS', role: 'SECRETARIAT' }, secret, { subject: 'clerk', expiresIn: 60 }));
    await refusedUnauthenticated(sign({ body: 'CTS', role: 'GENERAL' }, secret, { subject: 'clerk', expiresIn: 60 }));
    await refusedUnauthenticated(sign({ body: 'PRESIDENCY', role: 'SECRETARIAT' }, secret, { subject: 'clerk', expiresIn: 60 }));
    await refusedUnauthenticated('not.a.token');
    const written = await store.readAll();
    expect(written.filter((event) => event.streamId !== 'access-log')).toEqual([]);

    // The refused writes themselves are on record.
    await server.app.get(AccessLog).flush();
    const recorded = await store.readStream('access-log');
    expect(recorded.map((e) => e.data.code)).toEqual(Array(7).fill('UNAUTHENTICATED'));
    expect(recorded[1].data.reason).toMatch(/expired/);

    const ok = await server.graphql(PROPOSE, { input: rankDecree }, sign(valid, secret, { subject: 'clerk', expiresIn: 60 }));
    expect(ok.errors).toBeUndefined();
  });

  it('refuses a request body over the limit with 413', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token('CTS', 'LIAISON')}` },
      body: JSON.stringify({ query: `{ logHead { position } }`, variables: { padding: 'x'.repeat(MAX_BODY_BYTES) } }),
    });
    expect(response.status).toBe(413);
  });

  it('refuses queries too deep or with too many aliases', async () => {
    const token = server.token('CTS', 'LIAISON');
    const fine = await server.graphql(`{ meeting(meeting: "CTS-41") { decisions { instrumentId } } }`, undefined, token);
    expect(fine.errors).toBeUndefined();
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: logHead { position }`).join(' ');
    const tooMany = await server.graphql(`{ ${aliases} }`, undefined, token);
    expect(tooMany.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const nested = `{ __typename ${'... on Query { '.repeat(12)}logHead { position }${' }'.repeat(12)} }`;
    const tooDeep = await server.graphql(
      `{ body(code: CTS) { awaitingAction { history { type } pathway { body } } unmetConditions { requires { kind } } } ${nested.slice(1, -1)} }`,
      undefined,
      token,
    );
    expect(tooDeep.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(tooDeep.errors?.[0].message).toMatch(/depth/i);
  });

  describe('introspection', () => {
    const SCHEMA = '{ __schema { queryType { fields { name } } } }';
    const TYPE = '{ __type(name: "Instrument") { fields { name } } }';

    it('answers any caller with a valid token, and no caller without one, even for a query already answered', async () => {
      for (const role of ['LIAISON', 'SECRETARIAT', 'AUDITOR'] as const) {
        const answer = await server.graphql<{ __schema: { queryType: { fields: Array<{ name: string }> } } }>(SCHEMA, undefined, server.token('CNDDR', role));
        expect(answer.errors).toBeUndefined();
        expect(answer.data?.__schema.queryType.fields.map((field) => field.name)).toEqual(expect.arrayContaining(['instrument', 'body', 'programme']));
      }
      // The same text again, now without a token (Mercurius answers a repeated query from its cache).
      for (const query of [SCHEMA, TYPE, `query Named { a: __typename ...F } fragment F on Query { __type(name: "Body") { name } }`]) {
        const anonymous = await server.graphql(query);
        expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
        expect(anonymous.data).toBeUndefined();
        const forged = await server.graphql(query, undefined, 'not.a.token');
        expect(forged.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      }
      // __typename alone is data, not the schema; it still needs a token like any other query, at field level.
      const typename = await server.graphql('{ __typename }', undefined, server.token('CTS', 'LIAISON'));
      expect(typename.data).toEqual({ __typename: 'Query' });
    });

    it('is off for everyone with GRAPHQL_INTROSPECTION=false', async () => {
      const closed = await startTestServer({ GRAPHQL_INTROSPECTION: 'false' });
      try {
        const answer = await closed.graphql(SCHEMA, undefined, closed.token('CTS', 'AUDITOR'));
        expect(answer.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
        expect(answer.errors?.[0].message).toMatch(/introspection/i);
        expect((await closed.graphql(TYPE)).errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      } finally {
        await closed.close();
      }
    });
  });

  it('limits each subject to its rate and says so', async () => {
    const token = server.token('MOC', 'LIAISON');
    // The limiter's windows are the clock's minutes: begin early in one, so that the 45 requests share it.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 40_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoMinute + 100));
    const codes: Array<string | undefined> = [];
    for (let i = 0; i < 45; i++) codes.push((await server.graphql('{ logHead { position } }', undefined, token)).errors?.[0].extensions?.code);
    expect(codes.slice(0, 40).every((code) => code === undefined)).toBe(true);
    expect(codes.slice(40)).toEqual(Array(5).fill('RATE_LIMITED'));
    const other = await server.graphql('{ logHead { position } }', undefined, server.token('CTS', 'LIAISON'));
    expect(other.errors).toBeUndefined();
  }, 60_000);

  it('errors carry a code and no stack trace', async () => {
    const answer = await server.graphql(`{ instrument(id: 5) { id } nope }`, undefined, server.token('CTS', 'LIAISON'));
    for (const error of answer.errors ?? []) {
      expect(typeof error.extensions?.code).toBe('string');
      expect(JSON.stringify(error)).not.toMatch(/at .*\.(js|ts):\d+/);
    }
  });
});
