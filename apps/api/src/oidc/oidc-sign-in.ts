import * as oidc from 'openid-client';
import { PersonTokens, grantProblem, type PersonToken } from '@ddr/access';
import type { Body, Role } from '@ddr/kernel';
import type { OidcSettings } from '@ddr/settings';
import type { PendingSignIn } from './sign-in-cookie';

const SIGN_IN_TTL_MS = 10 * 60_000;
const TOKEN_TTL_SECONDS = 8 * 3600;

/** The provider's answer does not name a person of a body with a role we grant. */
export class SignInRefusedError extends Error {}

/**
 * Sign-in through the institutions' identity provider: the authorization code
 * flow with PKCE, state and nonce (openid-client checks the ID token against
 * the issuer's keys), then one of our own tokens, recorded and revocable like
 * an operator's.
 */
export class OidcSignIn {
  private configuration?: Promise<oidc.Configuration>;

  constructor(
    private readonly settings: OidcSettings,
    private readonly personTokens: PersonTokens,
  ) {}

  /** Where to send the browser, and what its callback must match. */
  async start(redirectUri: string, now = Date.now()): Promise<{ url: URL; pending: PendingSignIn }> {
    const config = await this.config();
    const pending = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier(), expiresAt: now + SIGN_IN_TTL_MS };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid profile',
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url, pending };
  }

  /** Exchanges the code the provider sent back for one of our tokens. */
  async finish(callbackUrl: URL, pending: PendingSignIn): Promise<{ token: string; record: PersonToken }> {
    const config = await this.config();
    const answer = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const claims = answer.claims()!;
    const body = claims[this.settings.bodyClaim];
    const role = claims[this.settings.roleClaim];
    const problem = grantProblem(body, role);
    if (problem) throw new SignInRefusedError(`the identity provider's ${this.settings.bodyClaim} and ${this.settings.roleClaim} claims: ${problem}`);
    if (role === 'OPERATOR') throw new SignInRefusedError('operators sign in with a token from the server machine');
    const person = [claims.name, claims.preferred_username, claims.sub].find((value): value is string => typeof value === 'string' && value.trim() !== '')!;
    return this.personTokens.issue(
      { subject: `oidc:${claims.iss}`, body: null, role: null },
      { person, body: body as Body, role: role as Role, ttlSeconds: TOKEN_TTL_SECONDS },
    );
  }

  private config(): Promise<oidc.Configuration> {
    this.configuration ??= this.discover().catch((error: unknown) => {
      // A provider that was down is asked again on the next sign-in.
      this.configuration = undefined;
      throw error;
    });
    return this.configuration;
  }

  private discover(): Promise<oidc.Configuration> {
    const issuer = new URL(this.settings.issuer);
    // Plain HTTP only to a provider on this machine (tests, a local gateway); anything else must be HTTPS.
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
    return oidc.discovery(
      issuer,
      this.settings.clientId,
      this.settings.clientSecret,
      undefined,
      loopback ? { execute: [oidc.allowInsecureRequests] } : undefined,
    );
  }
}
