import { randomUUID } from 'node:crypto';
import { LogFollower, type EventStore, type EventToAppend, type RecordedEvent } from '@ddr/event-store';
import type { Actor, Body, EventMetadata, Role } from '@ddr/kernel';
import { appendChained } from '@ddr/ledger/live';
import { grantProblem, type TokenService } from '../tokens';
import { ACCOUNTS_STREAM, personTokenIssued, personTokenRevoked, readAccountEvent, type Issuer, type PersonTokenIssued } from './account-events';

/** What the server knows of one token issued over the API; never the token itself. */
export interface PersonToken extends PersonTokenIssued {
  issuedBy: string;
  revoked: boolean;
  revokedAt: string | null;
  revokedBy: string | null;
  reason: string | null;
}

/** An operator's request the accounts refuse; nothing was written. */
export class AccountsError extends Error {
  constructor(
    readonly code: 'BAD_USER_INPUT' | 'FORBIDDEN' | 'NOT_FOUND' | 'READ_MODEL_BEHIND',
    message: string,
  ) {
    super(message);
  }
}

interface PersonTokensOptions {
  /** How long issue and revoke wait for their own event to come back from the log; 5 s by default. */
  ownWriteTimeoutMs?: number;
  onError?(error: unknown): void;
}

/**
 * People's tokens, kept level with the `accounts` stream by a follower of the
 * log: every replica learns an issue or a revocation from the store, so a
 * token revoked through one server is refused by all of them. The state is
 * held in memory and rebuilt from the stream at every start.
 */
export class PersonTokens {
  private readonly tokens = new Map<string, PersonToken>();
  private position: string | undefined;
  readonly follower: LogFollower;

  constructor(
    private readonly store: EventStore,
    /** Signs the tokens issued, and checks every token against the revocations this follows. */
    readonly signer: TokenService,
    private readonly options: PersonTokensOptions = {},
  ) {
    this.follower = new LogFollower(store, {
      checkpoint: () => this.position,
      apply: (events) => events.forEach((event) => this.apply(event)),
      filter: { streamPrefixes: [ACCOUNTS_STREAM] },
      onError: (error) => options.onError?.(error),
    });
  }

  isRevoked(tokenId: string): boolean {
    return this.tokens.get(tokenId)?.revoked === true;
  }

  /** The tokens issued to people of a body, newest first. */
  ofBody(body: Body): PersonToken[] {
    return [...this.tokens.values()].filter((token) => token.body === body).reverse();
  }

  /** Records the issue, then signs the token: a token exists only once its record does. The token is answered once, never kept. */
  async issue(issuer: Issuer, grant: { person: string; body: Body; role: Role; ttlSeconds: number }): Promise<{ token: string; record: PersonToken }> {
    const problem = grantProblem(grant.body, grant.role);
    if (problem) throw new AccountsError('BAD_USER_INPUT', problem);
    if (grant.role === 'OPERATOR') throw new AccountsError('FORBIDDEN', 'operator tokens are issued only on the server machine (npm run ddr -- token)');
    const tokenId = randomUUID();
    const issuedAt = Math.floor(Date.now() / 1000);
    const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
    const event = personTokenIssued(issuer, {
      tokenId,
      person: grant.person,
      body: grant.body,
      role: grant.role,
      issuedAt: iso(issuedAt),
      expiresAt: iso(issuedAt + grant.ttlSeconds),
    });
    await this.appendAndWait(event);
    const token = this.signer.issue({ subject: grant.person, body: grant.body, role: grant.role, ttlSeconds: grant.ttlSeconds, tokenId, issuedAt });
    return { token, record: this.tokens.get(tokenId)! };
  }

  /** Records the revocation; the token is refused from the next request on. Revoking a revoked token writes nothing. */
  async revoke(operator: Actor, tokenId: string, reason: string): Promise<PersonToken> {
    const known = this.tokens.get(tokenId);
    if (!known) throw new AccountsError('NOT_FOUND', `no token ${tokenId} was issued over the API`);
    if (!known.revoked) await this.appendAndWait(personTokenRevoked(operator, { tokenId, reason }));
    return this.tokens.get(tokenId)!;
  }

  private async appendAndWait(event: EventToAppend): Promise<void> {
    const result = await appendChained(this.store, ACCOUNTS_STREAM, () => [event], 5);
    // Read-your-writes: the caller's next request must already see what it did.
    if (!result || !(await this.follower.waitFor(result.position, this.options.ownWriteTimeoutMs ?? 5_000))) {
      throw new AccountsError('READ_MODEL_BEHIND', 'the accounts record was written but is not yet followed; retry the query');
    }
  }

  private apply(event: RecordedEvent): void {
    const change = readAccountEvent(event);
    const { actor, recordedAt } = event.metadata as unknown as EventMetadata;
    if (change && 'issued' in change) {
      this.tokens.set(change.issued.tokenId, {
        ...change.issued,
        issuedBy: actor,
        revoked: false,
        revokedAt: null,
        revokedBy: null,
        reason: null,
      });
    } else if (change) {
      const token = this.tokens.get(change.revoked.tokenId);
      if (token && !token.revoked) {
        Object.assign(token, {
          revoked: true,
          revokedAt: recordedAt,
          revokedBy: actor,
          reason: change.revoked.reason,
        });
      }
    }
    this.position = event.position;
  }
}
