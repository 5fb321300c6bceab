import { createHmac, timingSafeEqual } from 'node:crypto';

/** What the callback must check against the provider's answer: carried by the browser, signed by us. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export const SIGN_IN_COOKIE = 'ddr_oidc';

/**
 * The pending sign-in travels in a signed cookie rather than in server memory,
 * so that the callback may reach any replica.
 */
export class SignInCookie {
  constructor(private readonly secret: string) {}

  seal(pending: PendingSignIn): string {
    const payload = Buffer.from(JSON.stringify(pending)).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /** The pending sign-in in a Cookie header, or undefined when absent, forged or expired. */
  open(cookieHeader: string | undefined, now = Date.now()): PendingSignIn | undefined {
    const value = cookieHeader
      ?.split(';')
      .map((part) => part.trim())
      .find((part) => part.startsWith(`${SIGN_IN_COOKIE}=`))
      ?.slice(SIGN_IN_COOKIE.length + 1);
    const [payload, mac] = value?.split('.') ?? [];
    if (!payload || !mac) return undefined;
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    const pending = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as PendingSignIn;
    return pending.expiresAt > now ? pending : undefined;
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.secret).update(`oidc-sign-in:${payload}`).digest('base64url');
  }
}
