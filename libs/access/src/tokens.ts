import type { KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { isBody, isCoordinatingBody, isRole, type Actor, type Body, type Role } from '@ddr/kernel';
import { fixedKey, type KeyRing } from './signing-keys';

const ISSUER = 'ddr-coordination-ledger';
/** The longest a token may live unless TOKEN_MAX_TTL_HOURS says otherwise: 30 days. */
export const DEFAULT_MAX_TTL_SECONDS = 30 * 24 * 3600;

/** The request carries no valid token; nothing was done. */
export class UnauthenticatedError extends Error {
  readonly code = 'UNAUTHENTICATED';
}

/** "8h", "30m", "7d", "45s" or a number of seconds, at most `maxSeconds`. */
export function parseTtl(ttl: string, maxSeconds = DEFAULT_MAX_TTL_SECONDS): number {
  const match = /^(\d+)\s*([smhd]?)$/.exec(ttl.trim());
  if (!match) throw new Error(`a ttl reads like 8h, 30m, 7d or 3600, not ${ttl}`);
  const seconds = Number(match[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  if (seconds <= 0 || seconds > maxSeconds) throw new Error(`a ttl must be between 1 second and ${maxSeconds / 3600} hours (TOKEN_MAX_TTL_HOURS)`);
  return seconds;
}

/** Why a body and role may not hold a token, or undefined when they may. */
export function grantProblem(body: unknown, role: unknown): string | undefined {
  if (!isBody(body)) return `unknown body ${String(body)}`;
  if (!isRole(role)) return `unknown role ${String(role)}`;
  if (role === 'SECRETARIAT' && !isCoordinatingBody(body)) return `${body} has no secretariat: its acts are recorded by the lead body`;
  if (role === 'OPERATOR' && !isCoordinatingBody(body)) return `${body} keeps no operator: operators belong to a coordinating body`;
  return undefined;
}

/** What a revocation can name of a token: its id (`jti`, when it has one), its subject, and when it was issued. */
export interface TokenFacts {
  tokenId?: string;
  subject: string;
  /** `iat`, seconds since the epoch. */
  issuedAt: number;
}

interface TokenServiceOptions {
  /** Whether the token was revoked, by its id or by a revocation of its subject after it was issued. */
  isRevoked?(token: TokenFacts): boolean;
}

/** A grant to sign; a token with a `tokenId` can be revoked by it. */
export interface Grant {
  subject: string;
  body: Body;
  role: Role;
  ttlSeconds: number;
  tokenId?: string;
  /** Seconds since the epoch; now by default. The token expires ttlSeconds after it. */
  issuedAt?: number;
}

/** What a checked token speaks for. */
export interface CheckedToken {
  actor: Actor;
  tokenId?: string;
  issuedAt: number;
}

/** How many checked tokens are remembered before the memory is emptied: far more than the clients of one server. */
const CHECKED_TOKENS = 10_000;

/**
 * Signs and checks bearer tokens: subject, body, role, expiry, issue time and an optional id, HS256 only,
 * signed by the key ring's current key and named by it in the header's `kid`.
 */
export class TokenService {
  private readonly keys: KeyRing;
  /**
   * Tokens already checked, by their text, with the key that checked them and their expiry: a client sends the same
   * token with every request, and its signature and claims need checking once. Its expiry, its key (not retired nor
   * replaced) and its revocation are still checked at every use.
   */
  private readonly checked = new Map<string, { token: CheckedToken; key: KeyObject; kid: string | undefined; expiresAt: number }>();

  constructor(
    keys: KeyRing | string,
    private readonly options: TokenServiceOptions = {},
  ) {
    // Keys are KeyObjects, not strings: jsonwebtoken would otherwise try to read a
    // string as a PEM public key on every verify, which costs milliseconds.
    // jsonwebtoken itself, not @nestjs/jwt: `ddr token` would load NestJS for it.
    this.keys = typeof keys === 'string' ? fixedKey(keys) : keys;
  }

  issue(grant: Grant): string {
    const problem = grantProblem(grant.body, grant.role);
    if (problem) throw new Error(problem);
    if (!grant.subject.trim()) throw new Error('a token needs a subject');
    const iat = grant.issuedAt ?? Math.floor(Date.now() / 1000);
    const { kid, key } = this.keys.current();
    return jwt.sign({ body: grant.body, role: grant.role, iat }, key, {
      algorithm: 'HS256',
      keyid: kid,
      issuer: ISSUER,
      subject: grant.subject,
      expiresIn: grant.ttlSeconds,
      ...(grant.tokenId ? { jwtid: grant.tokenId } : {}),
    });
  }

  /** The actor a token speaks for; refuses expired, forged or malformed tokens and unknown bodies or roles. */
  verify(token: string): Actor {
    return this.check(token).actor;
  }

  /** The actor a token speaks for and the token's id (`jti`), when it has one: what a revocation names. */
  check(token: string): CheckedToken {
    const known = this.checked.get(token);
    if (known && Date.now() / 1000 < known.expiresAt && this.keys.find(known.kid) === known.key) return this.unlessRevoked(known.token);
    let claims: { sub?: unknown; body?: unknown; role?: unknown; jti?: unknown; iat?: unknown; exp?: unknown };
    let kid: string | undefined;
    let key: KeyObject | undefined;
    try {
      kid = jwt.decode(token, { complete: true })?.header.kid;
      key = this.keys.find(kid);
      if (!key) throw new UnauthenticatedError('the token is signed by a retired or unknown key');
      claims = jwt.verify(token, key, { algorithms: ['HS256'], issuer: ISSUER });
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw error;
      const name = (error as Error).name;
      throw new UnauthenticatedError(name === 'TokenExpiredError' ? 'the token has expired' : 'the token is not valid');
    }
    const problem = grantProblem(claims.body, claims.role);
    if (problem) throw new UnauthenticatedError(`the token is not valid: ${problem}`);
    if (typeof claims.sub !== 'string' || claims.sub === '') throw new UnauthenticatedError('the token has no subject');
    if (typeof claims.iat !== 'number') throw new UnauthenticatedError('the token has no issue time');
    // Frozen: every request with this token is handed the same object.
    const checked: CheckedToken = Object.freeze({
      actor: Object.freeze({ subject: claims.sub, body: claims.body as Body, role: claims.role as Role }),
      tokenId: typeof claims.jti === 'string' ? claims.jti : undefined,
      issuedAt: claims.iat,
    });
    if (typeof claims.exp === 'number') {
      if (this.checked.size >= CHECKED_TOKENS) this.checked.clear();
      this.checked.set(token, { token: checked, key, kid, expiresAt: claims.exp });
    }
    return this.unlessRevoked(checked);
  }

  private unlessRevoked(checked: CheckedToken): CheckedToken {
    const facts: TokenFacts = { subject: checked.actor.subject, issuedAt: checked.issuedAt, tokenId: checked.tokenId };
    if (this.options.isRevoked?.(facts)) throw new UnauthenticatedError('the token has been revoked');
    return checked;
  }

  /** The actor (and token id) behind an `Authorization` header value (`Bearer <token>`). */
  fromHeader(header: unknown): CheckedToken {
    if (typeof header !== 'string' || header === '') throw new UnauthenticatedError('a bearer token is required');
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match) throw new UnauthenticatedError('the Authorization header must read "Bearer <token>"');
    return this.check(match[1]);
  }
}
