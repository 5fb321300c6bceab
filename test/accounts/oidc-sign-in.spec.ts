import { ACCOUNTS_STREAM } from '@ddr/access';
import { DESK_COMMANDS } from '@ddr/bodies/all';
import { DeskRegistry } from '@ddr/desks';
import { EVENT_STORE, type EventStore } from '@ddr/event-store';
import { readSettings } from '@ddr/settings';
import { startIdentityProvider, signInAsBrowser, type IdentityProvider } from '../support/identity-provider';
import { startTestServer, type RunningServer } from '../support/server';
import { inputTypes } from '../access/mutation-inputs';

const CALLBACK = '/auth/oidc/callback';

/** A clerk signs in at the institutions' identity provider and gets one of our tokens: no shell, no operator. */
describe('sign-in through the identity provider (OpenID Connect)', () => {
  let provider: IdentityProvider;
  let server: RunningServer;
  beforeAll(async () => {
    provider = await startIdentityProvider({
      awa: { name: 'Awa', ddr_body: 'CTS', ddr_role: 'SECRETARIAT' },
      moussa: { name: 'Moussa', ddr_body: 'FAMA', ddr_role: 'SECRETARIAT' },
    });
    server = await startTestServer({
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_BODY_CLAIM: 'ddr_body',
      OIDC_ROLE_CLAIM: 'ddr_role',
    });
    provider.allowRedirect(`${server.url}${CALLBACK}`);
  });
  afterAll(async () => {
    await server?.close();
    await provider?.close();
  });

  it('Awa signs in, gets a CTS secretariat token, and records an act with it; the issue is on record', async () => {
    const answer = await signInAsBrowser(`${server.url}/auth/oidc/login`, 'awa', CALLBACK);
    expect(answer.status).toBe(200);
    const signedIn = (await answer.json()) as { token: string; tokenId: string; person: string; body: string; role: string };
    expect(signedIn).toMatchObject({ person: 'Awa', body: 'CTS', role: 'SECRETARIAT' });

    const types = await inputTypes((query) => server.graphql(query, undefined, signedIn.token));
    const act = DESK_COMMANDS.find((command) => server.app.get(DeskRegistry).mayIssue('CTS', command.kind))!;
    const recorded = await server.graphql(
      `mutation($input: ${types[act.name]}!) { ${act.name}(input: $input) { position } }`,
      { input: act.example('CTS', 1) },
      signedIn.token,
    );
    expect(recorded.errors).toBeUndefined();
    const events = await server.app.get<EventStore>(EVENT_STORE).readAll({ direction: 'backwards', maxCount: 10 });
    expect(events.find((event) => event.position === recorded.data![act.name].position)!.metadata).toMatchObject({
      actor: 'Awa',
      body: 'CTS',
      role: 'SECRETARIAT',
    });

    const [issued] = await server.app.get<EventStore>(EVENT_STORE).readStream(ACCOUNTS_STREAM);
    expect(issued).toMatchObject({
      type: 'PersonTokenIssued',
      data: { tokenId: signedIn.tokenId, person: 'Awa' },
      metadata: { actor: `oidc:${provider.issuer}` },
    });
  });

  it('refuses a person whose claims name no secretariat we grant (FAMA has none)', async () => {
    const answer = await signInAsBrowser(`${server.url}/auth/oidc/login`, 'moussa', CALLBACK);
    expect(answer.status).toBe(403);
    expect(await answer.text()).toMatch(/no secretariat/);
  });

  it('refuses a callback without the sign-in this browser started', async () => {
    const answer = await fetch(`${server.url}${CALLBACK}?code=forged&state=forged`);
    expect(answer.status).toBe(400);
  });

  it('is off when OIDC_ISSUER is unset, and refuses to start half-configured', async () => {
    const plain = await startTestServer();
    try {
      expect((await fetch(`${plain.url}/auth/oidc/login`, { redirect: 'manual' })).status).toBe(404);
    } finally {
      await plain.close();
    }
    expect(() => readSettings({ OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: 'ddr' })).toThrow(/OIDC_CLIENT_SECRET, OIDC_BODY_CLAIM, OIDC_ROLE_CLAIM/);
  });
});
