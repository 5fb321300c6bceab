import type { RecordedEvent } from '@ddr/event-store';
import type { Body, EventMetadata } from '@ddr/kernel';
import type { TokenFacts } from '../tokens';
import { readAccountEvent, type PersonTokenIssued, type SubjectRevoked } from './account-events';

/** What the server knows of one token issued to a person; never the token itself. */
export interface PersonToken extends PersonTokenIssued {
  /** Its issue's revision in the accounts stream: the same on every replica, so a cursor of the list. */
  seq: number;
  issuedBy: string;
  revoked: boolean;
  revokedAt: string | null;
  revokedBy: string | null;
  reason: string | null;
}

/** A subject's revocation as the register keeps it. */
export interface SubjectRevocation extends SubjectRevoked {
  revokedBy: string;
}

/** One page of a body's tokens, newest first. */
export interface PersonTokenPage {
  nodes: PersonToken[];
  hasNextPage: boolean;
  totalCount: number;
}

/** How often, at most, the register looks for expired tokens to let go. */
const PRUNE_EVERY_MS = 60_000;

/**
 * The tokens still alive, folded from the accounts stream. An expired token is dropped, revoked or not: its
 * signature's expiry refuses it already, so the register holds only what the last 30 days (the longest ttl)
 * issued, however long the server runs. The full record stays in the log.
 */
export class TokenRegister {
  private readonly tokens = new Map<string, PersonToken>();
  /** The latest revocation of each subject revoked, kept for as long as the server runs: there are few. */
  private readonly subjects = new Map<string, SubjectRevocation>();
  private prunedAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  get(tokenId: string): PersonToken | undefined {
    return this.tokens.get(tokenId);
  }

  /** The latest revocation of a subject, if it was ever revoked. */
  subjectRevocation(subject: string): SubjectRevocation | undefined {
    return this.subjects.get(subject);
  }

  /** Whether a token is refused: its id revoked, or its subject revoked in or after the second it was issued. */
  isRevoked(token: TokenFacts): boolean {
    if (token.tokenId && this.tokens.get(token.tokenId)?.revoked) return true;
    const cutoff = this.subjects.get(token.subject)?.revokedAt;
    return cutoff !== undefined && token.issuedAt <= Math.floor(Date.parse(cutoff) / 1000);
  }

  /** Applies an event of the log; answers whether it revoked anything. */
  apply(event: RecordedEvent): boolean {
    this.pruneNow(false);
    const change = readAccountEvent(event);
    const { actor } = event.metadata as unknown as EventMetadata;
    if (change && 'subjectRevoked' in change) {
      this.subjects.set(change.subjectRevoked.subject, { ...change.subjectRevoked, revokedBy: actor });
      return true;
    }
    const { recordedAt } = event.metadata as unknown as EventMetadata;
    if (change && 'issued' in change) {
      const issued = change.issued;
      if (Date.parse(issued.expiresAt) > this.now()) {
        this.tokens.set(issued.tokenId, { ...issued, seq: event.revision, issuedBy: actor, revoked: false, revokedAt: null, revokedBy: null, reason: null });
      }
    } else if (change) {
      const token = this.tokens.get(change.revoked.tokenId);
      if (token && !token.revoked) {
        Object.assign(token, { revoked: true, revokedAt: recordedAt, revokedBy: actor, reason: change.revoked.reason });
        return true;
      }
    }
    return false;
  }

  /** A body's live tokens, newest first, `first` of them after the one whose `seq` is `after`. */
  page(body: Body, first: number, after?: number): PersonTokenPage {
    this.pruneNow(true);
    const ofBody = [...this.tokens.values()].filter((token) => token.body === body).reverse();
    const rest = after === undefined ? ofBody : ofBody.filter((token) => token.seq < after);
    return { nodes: rest.slice(0, first), hasNextPage: rest.length > first, totalCount: ofBody.length };
  }

  /** How many tokens the register holds. */
  get size(): number {
    return this.tokens.size;
  }

  private pruneNow(always: boolean): void {
    const now = this.now();
    if (!always && now - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = now;
    for (const [tokenId, token] of this.tokens) if (Date.parse(token.expiresAt) <= now) this.tokens.delete(tokenId);
  }
}
