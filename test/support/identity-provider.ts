import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Provider } from 'oidc-provider';

export interface IdentityProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Registers the relying party's callback (the provider refuses any other) and starts answering. */
  allowRedirect(uri: string): void;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (oidc-provider, with its development sign-in
 * pages) on 127.0.0.1 and a port of its own. Every account it signs in carries
 * the claims `people` gives for its login.
 */
export async function startIdentityProvider(people: Record<string, Record<string, string>>): Promise<IdentityProvider> {
  let handle: (request: IncomingMessage, response: ServerResponse) => void = (_, response) => response.writeHead(503).end();
  const server = createServer((request, response) => handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'ddr-ledger';
  const clientSecret = randomBytes(32).toString('base64url');
  // The relying party's callback is known only once it listens: the provider starts answering then.
  const allowRedirect = (redirectUri: string) => {
    const provider = new Provider(issuer, {
      clients: [
        { client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] },
      ],
      claims: { openid: ['sub'], profile: ['name', 'ddr_body', 'ddr_role'] },
      // Custom claims in the ID token itself, as the institutions' provider is configured to send them.
      conformIdTokenClaims: false,
      findAccount: (_: unknown, login: string) => ({ accountId: login, claims: () => ({ sub: login, ...people[login] }) }),
      cookies: { keys: [randomBytes(32).toString('base64url')] },
      ttl: { Session: 600, Grant: 600, Interaction: 600, AuthorizationCode: 60, AccessToken: 600, IdToken: 600 },
    });
    handle = provider.callback();
  };
  return {
    issuer,
    clientId,
    clientSecret,
    allowRedirect,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * What a person does in a browser: opens `start`, follows redirects, signs in
 * as `login` on the provider's pages and accepts what they ask; answers the
 * response of the first URL whose path is `until`.
 */
export async function signInAsBrowser(start: string, login: string, until: string): Promise<Response> {
  const jars = new Map<string, Map<string, string>>();
  let url = new URL(start);
  let form: URLSearchParams | undefined;
  for (let step = 0; step < 20; step++) {
    const jar = jars.get(url.origin) ?? new Map<string, string>();
    jars.set(url.origin, jar);
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      body: form,
      redirect: 'manual',
      headers: { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    if (url.pathname === until) return response;
    form = undefined;
    if (response.status >= 300 && response.status < 400) {
      url = new URL(response.headers.get('location')!, url);
      continue;
    }
    const page = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(page);
    const prompt = /name="prompt" value="([^"]+)"/.exec(page);
    if (!action || !prompt) throw new Error(`no form to fill at ${url.href} (${response.status}): ${page.slice(0, 300)}`);
    url = new URL(action[1], url);
    form = new URLSearchParams({ prompt: prompt[1], login, password: 'any' });
  }
  throw new Error(`no answer from ${until} after 20 steps`);
}
