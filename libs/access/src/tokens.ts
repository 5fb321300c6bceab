import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { isBody, isCoordinatingBody, isRole, type Actor, type Body, type Role } from '@ddr/kernel';

const ISSUER = 'ddr-coordination-ledger';
const MAX_TTL_SECONDS = 30 * 24 * 3600;

/** The request carries no valid token; nothing was done. */
export class UnauthenticatedError extends Error {
  readonly code = 'UNAUTHENTICATED';
}

/** "8h", "30m", "7d", "45s" or a number of seconds. */
export function parseTtl(ttl: string): number {
  const match = /^(\d+)\s*([smhd]?)$/.exec(ttl.trim());
  if (!match) throw new Error(`a ttl reads like 8h, 30m, 7d or 3600, not ${ttl}`);
  const seconds = Number(match[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  if (seconds <= 0 || seconds > MAX_TTL_SECONDS) throw new Error(`a ttl must be between 1 second and 30 days`);
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

interface TokenServiceOptions {
  /** Whether the token with this id (`jti`) has been revoked; tokens without an id cannot be. */
  isRevoked?(tokenId: string): boolean;
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

/** Signs and checks bearer tokens: subject, body, role, expiry and an optional id, HS256 only. */
export class TokenService {
  private readonly key: KeyObject;

  constructor(
    secret: string,
    private readonly options: TokenServiceOptions = {},
  ) {
    // A KeyObject, not a string: jsonwebtoken would otherwise try to read the
    // string as a PEM public key on every verify, which costs milliseconds.
    // jsonwebtoken itself, not @nestjs/jwt: `ddr token` would load NestJS for it.
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  issue(grant: Grant): string {
    const problem = grantProblem(grant.body, grant.role);
    if (problem) throw new Error(problem);
    if (!grant.subject.trim()) throw new Error('a token needs a subject');
    const iat = grant.issuedAt ?? Math.floor(Date.now() / 1000);
    return jwt.sign({ body: grant.body, role: grant.role, iat }, this.key, {
      algorithm: 'HS256',
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
  check(token: string): { actor: Actor; tokenId?: string } {
    let claims: { sub?: unknown; body?: unknown; role?: unknown; jti?: unknown };
    try {
      claims = jwt.verify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER });
    } catch (error) {
      const name = (error as Error).name;
      throw new UnauthenticatedError(name === 'TokenExpiredError' ? 'the token has expired' : 'the token is not valid');
    }
    const problem = grantProblem(claims.body, claims.role);
    if (problem) throw new UnauthenticatedError(`the token is not valid: ${problem}`);
    if (typeof claims.sub !== 'string' || claims.sub === '') throw new UnauthenticatedError('the token has no subject');
    const tokenId = typeof claims.jti === 'string' ? claims.jti : undefined;
    if (tokenId && this.options.isRevoked?.(tokenId)) throw new UnauthenticatedError('the token has been revoked');
    return { actor: { subject: claims.sub, body: claims.body as Body, role: claims.role as Role }, tokenId };
  }

  /** The actor (and token id) behind an `Authorization` header value (`Bearer <token>`). */
  fromHeader(header: unknown): { actor: Actor; tokenId?: string } {
    if (typeof header !== 'string' || header === '') throw new UnauthenticatedError('a bearer token is required');
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match) throw new UnauthenticatedError('the Authorization header must read "Bearer <token>"');
    return this.check(match[1]);
  }
}
