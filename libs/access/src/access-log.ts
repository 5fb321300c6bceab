import { randomUUID } from 'node:crypto';
import type { EventStore, EventToAppend } from '@ddr/event-store';
import { envelope, type Body, type JsonObject, type Role } from '@ddr/kernel';
import { appendChained } from '@ddr/ledger/live';

export const ACCESS_LOG_STREAM = 'access-log';

/** Who tried what, and why it was refused. */
export interface Refusal {
  subject: string | null;
  body: Body | null;
  role: Role | null;
  operation: string;
  code: 'UNAUTHENTICATED' | 'FORBIDDEN';
  reason: string;
}

/** Who read restricted streams (an instrument, or what hangs off it), by which operation: recorded whoever it is. */
export interface RestrictedRead {
  subject: string;
  body: Body;
  role: Role;
  operation: string;
  streams: string[];
}

type Entry = { type: 'AccessRefused'; who: Refusal } | { type: 'RestrictedRead'; who: RestrictedRead };

export interface AccessLogOptions {
  /** Refusals held at most between two writes; beyond it they are counted, not kept one by one. */
  capacity?: number;
  flushIntervalMs?: number;
  onError?: (error: unknown) => void;
  /** Attempts when another process appended to the log between our read and our write. */
  maxConflictRetries?: number;
}

/**
 * Records every refused write attempt, and every read of a restricted item, in the `access-log` stream, off the
 * request path: refusals queue in memory and are written in one append per
 * interval, so a flood of refusals costs accepted traffic one small write per
 * interval. Past the queue's capacity, refusals are counted and the count is
 * written instead, so none goes unrecorded.
 */
export class AccessLog {
  private queue: Entry[] = [];
  private dropped = 0;
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    private readonly options: AccessLogOptions = {},
  ) {
    this.timer = setInterval(() => void this.flush(), options.flushIntervalMs ?? 250);
    this.timer.unref();
  }

  record(refusal: Refusal): void {
    this.enqueue({ type: 'AccessRefused', who: refusal });
  }

  recordRead(read: RestrictedRead): void {
    if (read.streams.length > 0) this.enqueue({ type: 'RestrictedRead', who: read });
  }

  private enqueue(entry: Entry): void {
    if (this.queue.length < (this.options.capacity ?? 1_000)) this.queue.push(entry);
    else this.dropped++;
  }

  /** Writes what is queued; resolves once it is in the store. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write());
    return this.flushing;
  }

  private async write(): Promise<void> {
    if (this.queue.length === 0 && this.dropped === 0) return;
    const [entries, dropped] = [this.queue, this.dropped];
    this.queue = [];
    this.dropped = 0;
    const events: EventToAppend[] = entries.map(({ type, who }) => event(type, { ...who }, who));
    if (dropped > 0) events.push(event('AccessRefusalsCounted', { count: dropped }, null));
    try {
      // Another server on the same store may append in between: the chain then links to its event.
      await appendChained(this.store, ACCESS_LOG_STREAM, () => events, (this.options.maxConflictRetries ?? 5) + 1);
    } catch (error) {
      // Keep them for the next attempt rather than lose the record.
      this.queue = [...entries, ...this.queue].slice(0, this.options.capacity ?? 1_000);
      this.dropped += dropped;
      this.options.onError?.(error);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}

function event(type: string, data: JsonObject, refusal: Pick<Refusal, 'subject' | 'body' | 'role'> | null): EventToAppend {
  const recordedAt = new Date().toISOString();
  const metadata = envelope({
    actor: refusal?.subject ?? 'access-log',
    body: refusal?.body ?? null,
    role: refusal?.role ?? null,
    commandId: randomUUID(),
    recordedAt,
  });
  return { id: randomUUID(), type, data: { ...data, effectiveDate: metadata.effectiveDate }, metadata };
}
