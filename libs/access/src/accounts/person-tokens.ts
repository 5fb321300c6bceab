import { LogFollower, type AppendResult, type EventStore, type RecordedEvent } from '@ddr/event-store';
import type { Body } from '@ddr/kernel';
import { DEFAULT_MAX_TTL_SECONDS, grantProblem, type TokenFacts, type TokenService } from '../tokens';
import { ACCOUNTS_STREAM, type Issuer } from './account-events';
import { TokenRegister, type PersonToken, type PersonTokenPage, type SubjectRevocation } from './token-register';
import { recordIssue, recordRevocation, recordSubjectRevocation, signIssued, type PersonGrant } from './token-records';

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
  /** The longest ttl issued; 30 days by default (TOKEN_MAX_TTL_HOURS). */
  maxTtlSeconds?: number;
  /** How long issue and revoke wait for their own event to come back from the log; 5 s by default. */
  ownWriteTimeoutMs?: number;
  onError?(error: unknown): void;
  now?: () => number;
}

/**
 * People's tokens, kept level with the `accounts` stream by a follower of the
 * log: every replica learns an issue or a revocation from the store, so a
 * token revoked through one server (or by `ddr token revoke`) is refused by
 * all of them. The live tokens are held in memory, rebuilt from the stream at
 * every start; expired ones are let go.
 */
export class PersonTokens {
  private readonly register: TokenRegister;
  /** The open subscriptions' tokens, each with what to do once it is revoked: few, and revocations are rare. */
  private readonly revocationWatchers = new Set<{ token: TokenFacts; revoked: () => void }>();
  private position: string | undefined;
  readonly follower: LogFollower;

  constructor(
    private readonly store: EventStore,
    /** Signs the tokens issued, and checks every token against the revocations this follows. */
    readonly signer: TokenService,
    private readonly options: PersonTokensOptions = {},
  ) {
    this.register = new TokenRegister(options.now);
    this.follower = new LogFollower(store, {
      checkpoint: () => this.position,
      apply: (events) => events.forEach((event) => this.apply(event)),
      filter: { streamPrefixes: [ACCOUNTS_STREAM] },
      onError: (error) => options.onError?.(error),
    });
  }

  /**
   * Reads the accounts stream as it stands and follows the log from there; resolves once that history is in.
   * Following the log from its start with a stream filter would read the whole log at every start (half a second
   * at a million events), where the stream alone is a lookup by its key.
   */
  async start(): Promise<void> {
    const head = await this.store.headPosition();
    if (head !== undefined) {
      for (const event of await this.store.readStream(ACCOUNTS_STREAM)) {
        // Beyond the head read first, an event comes through the follower, in its order.
        if (this.store.comparePositions(event.position, head) <= 0) this.apply(event);
      }
      this.position = head;
    }
    await this.follower.start();
  }

  /** The longest a token may be issued for. */
  get maxTtlSeconds(): number {
    return this.options.maxTtlSeconds ?? DEFAULT_MAX_TTL_SECONDS;
  }

  isRevoked(token: TokenFacts): boolean {
    return this.register.isRevoked(token);
  }

  /** A page of the live tokens of a body's people, newest first. */
  ofBody(body: Body, first: number, after?: number): PersonTokenPage {
    return this.register.page(body, first, after);
  }

  /** Calls `revoked` once, when this follower learns that the token is revoked (by id or subject); answers how to stop watching. */
  watchRevocation(token: TokenFacts, revoked: () => void): () => void {
    const watcher = { token, revoked };
    this.revocationWatchers.add(watcher);
    return () => this.revocationWatchers.delete(watcher);
  }

  /** Records the issue, then signs the token: a token exists only once its record does. The token is answered once, never kept. */
  async issue(issuer: Issuer, grant: PersonGrant): Promise<{ token: string; record: PersonToken }> {
    const problem = grantProblem(grant.body, grant.role);
    if (problem) throw new AccountsError('BAD_USER_INPUT', problem);
    if (grant.role === 'OPERATOR') throw new AccountsError('FORBIDDEN', 'operator tokens are issued only on the server machine (npm run ddr -- token)');
    const { issued, written } = await recordIssue(this.store, issuer, grant);
    await this.waitFor(written);
    return { token: signIssued(this.signer, issued), record: this.register.get(issued.tokenId)! };
  }

  /** Records the revocation; the token is refused from the next request on. Revoking a revoked token writes nothing. */
  async revoke(operator: Issuer, tokenId: string, reason: string): Promise<PersonToken> {
    const known = this.register.get(tokenId);
    if (!known) throw new AccountsError('NOT_FOUND', `no live token ${tokenId}: never issued, or expired`);
    if (!known.revoked) await this.waitFor(await recordRevocation(this.store, operator, tokenId, reason));
    return known;
  }

  /** Records that every token of the subject issued until now is refused; tokens issued to it later are not. */
  async revokeSubject(by: Issuer, subject: string, reason: string): Promise<SubjectRevocation> {
    if (!subject.trim()) throw new AccountsError('BAD_USER_INPUT', 'a revocation names a subject');
    await this.waitFor(await recordSubjectRevocation(this.store, by, subject, reason));
    return this.register.subjectRevocation(subject)!;
  }

  /** Read-your-writes: the caller's next request must already see what it did. */
  private async waitFor(written: AppendResult): Promise<void> {
    if (!(await this.follower.waitFor(written.position, this.options.ownWriteTimeoutMs ?? 5_000))) {
      throw new AccountsError('READ_MODEL_BEHIND', 'the accounts record was written but is not yet followed; retry the query');
    }
  }

  private apply(event: RecordedEvent): void {
    const revoked = this.register.apply(event);
    this.position = event.position;
    if (!revoked) return;
    for (const watcher of this.revocationWatchers) {
      if (this.register.isRevoked(watcher.token)) {
        this.revocationWatchers.delete(watcher);
        watcher.revoked();
      }
    }
  }
}
