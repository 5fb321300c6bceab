import { randomUUID } from 'node:crypto';
import type { EventToAppend, RecordedEvent } from '@ddr/event-store';
import { envelope, type Body, type Role } from '@ddr/kernel';

/** Every token issued to a named person (over the API or by `ddr token`), and every revocation, in the order they happened. */
export const ACCOUNTS_STREAM = 'accounts';
const PERSON_TOKEN_ISSUED = 'PersonTokenIssued';
const PERSON_TOKEN_REVOKED = 'PersonTokenRevoked';
const SUBJECT_REVOKED = 'SubjectRevoked';

export interface PersonTokenIssued {
  tokenId: string;
  person: string;
  body: Body;
  role: Role;
  issuedAt: string;
  expiresAt: string;
}

export interface PersonTokenRevoked {
  tokenId: string;
  reason: string;
}

/** Every token of a subject issued up to this moment (by `iat`, to the second) is refused; tokens issued after are not. */
export interface SubjectRevoked {
  subject: string;
  reason: string;
  /** ISO time of the revocation: tokens issued in or before its second are refused. */
  revokedAt: string;
}

/** Who issues a token: an operator, the identity provider a person signed in through, or the server machine (no body, no role). */
export interface Issuer {
  subject: string;
  body: Body | null;
  role: Role | null;
}

/** Who issues and revokes from the server machine itself (`npm run ddr -- token`): no body, no role. */
export const SERVER_MACHINE: Issuer = { subject: 'ddr-cli', body: null, role: null };

export const personTokenIssued = (issuer: Issuer, data: PersonTokenIssued): EventToAppend => accountEvent(issuer, PERSON_TOKEN_ISSUED, { ...data });

export const personTokenRevoked = (operator: Issuer, data: PersonTokenRevoked): EventToAppend => accountEvent(operator, PERSON_TOKEN_REVOKED, { ...data });

export const subjectRevoked = (by: Issuer, data: SubjectRevoked): EventToAppend => accountEvent(by, SUBJECT_REVOKED, { ...data });

/** The issue or revocation an event of the accounts stream records; undefined for any other event. */
export function readAccountEvent(
  event: RecordedEvent,
): { issued: PersonTokenIssued } | { revoked: PersonTokenRevoked } | { subjectRevoked: SubjectRevoked } | undefined {
  if (event.streamId !== ACCOUNTS_STREAM) return undefined;
  const data = event.data as unknown;
  if (event.type === PERSON_TOKEN_ISSUED) return { issued: data as PersonTokenIssued };
  if (event.type === PERSON_TOKEN_REVOKED) return { revoked: data as PersonTokenRevoked };
  if (event.type === SUBJECT_REVOKED) return { subjectRevoked: data as SubjectRevoked };
  return undefined;
}

function accountEvent(by: Issuer, type: string, data: Record<string, string>): EventToAppend {
  const commandId = randomUUID();
  const metadata = envelope({ actor: by.subject, body: by.body, role: by.role, commandId, recordedAt: new Date().toISOString() });
  return { id: commandId, type, data: { ...data, effectiveDate: metadata.effectiveDate }, metadata };
}
