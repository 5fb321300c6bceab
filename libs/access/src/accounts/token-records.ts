import { randomUUID } from 'node:crypto';
import type { AppendResult, EventStore } from '@ddr/event-store';
import type { Body, Role } from '@ddr/kernel';
import { appendChained } from '@ddr/ledger/live';
import type { TokenService } from '../tokens';
import { ACCOUNTS_STREAM, personTokenIssued, personTokenRevoked, subjectRevoked, type Issuer, type PersonTokenIssued } from './account-events';

/** A token to issue to a named person. */
export interface PersonGrant {
  person: string;
  body: Body;
  role: Role;
  ttlSeconds: number;
}

/**
 * Records the issue of a token in the accounts stream, with the id (`jti`) that revokes it; the token is
 * signed only after this, so no token exists without its record. Used by operators over the API, by
 * sign-in, and by `ddr token` on the server machine.
 */
export async function recordIssue(store: EventStore, issuer: Issuer, grant: PersonGrant): Promise<{ issued: PersonTokenIssued; written: AppendResult }> {
  const issuedAt = Math.floor(Date.now() / 1000);
  const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
  const issued: PersonTokenIssued = {
    tokenId: randomUUID(),
    person: grant.person,
    body: grant.body,
    role: grant.role,
    issuedAt: iso(issuedAt),
    expiresAt: iso(issuedAt + grant.ttlSeconds),
  };
  return { issued, written: (await appendChained(store, ACCOUNTS_STREAM, () => [personTokenIssued(issuer, issued)], 5))! };
}

/** Records a revocation: every server following the log refuses the token from then on. */
export async function recordRevocation(store: EventStore, by: Issuer, tokenId: string, reason: string): Promise<AppendResult> {
  return (await appendChained(store, ACCOUNTS_STREAM, () => [personTokenRevoked(by, { tokenId, reason })], 5))!;
}

/** Records a subject's revocation: every server following the log refuses the subject's tokens issued until now. */
export async function recordSubjectRevocation(store: EventStore, by: Issuer, subject: string, reason: string): Promise<AppendResult> {
  return (await appendChained(store, ACCOUNTS_STREAM, () => [subjectRevoked(by, { subject, reason, revokedAt: new Date().toISOString() })], 5))!;
}

/** The bearer token a recorded issue grants, expiring when the record says. */
export function signIssued(signer: TokenService, issued: PersonTokenIssued): string {
  const [issuedAt, expiresAt] = [issued.issuedAt, issued.expiresAt].map((iso) => Date.parse(iso) / 1000);
  return signer.issue({ subject: issued.person, body: issued.body, role: issued.role, ttlSeconds: expiresAt - issuedAt, tokenId: issued.tokenId, issuedAt });
}
