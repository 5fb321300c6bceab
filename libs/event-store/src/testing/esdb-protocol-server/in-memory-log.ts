/** One event as the test server keeps it. */
export interface StoredEvent {
  id: string;
  stream: string;
  revision: number;
  type: string;
  contentType: string;
  data: Uint8Array;
  customMetadata: Uint8Array;
  /** .NET ticks (100 ns) since the Unix epoch, as the server reports `created`. */
  createdTicks: bigint;
  /** Log position of the event itself. */
  commit: bigint;
  /** Log position of the first event of its write (the transaction), as a real server reports it. */
  prepare: bigint;
}

export interface ProposedEvent {
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  customMetadata: Uint8Array;
}

export type ExpectedVersion = { kind: 'any' } | { kind: 'no_stream' } | { kind: 'stream_exists' } | { kind: 'revision'; revision: number };

export type AppendOutcome =
  | { kind: 'written' | 'idempotent'; lastRevision: number; logPosition: bigint }
  /** A request without events writes nothing and reports the stream's revision (-1: no stream). */
  | { kind: 'nothing'; currentRevision: number }
  /** `currentRevision` is -1 when the stream does not exist. */
  | { kind: 'wrong_expected_version'; currentRevision: number };

export interface LogPosition {
  commit: bigint;
  prepare: bigint;
}

export function comparePositions(a: LogPosition, b: LogPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  return a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1;
}

/**
 * The events of a test server, in memory: `$all` in append order, each
 * stream's events, and the index of event ids that the server's idempotency
 * check consults (as EventStoreDB's committed-events cache does, but never
 * evicted).
 */
export class InMemoryLog {
  readonly all: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly byEventId = new Map<string, StoredEvent>();
  private readonly waiters = new Set<() => void>();
  private nextLogPosition = 128n;

  stream(name: string): readonly StoredEvent[] | undefined {
    return this.streams.get(name);
  }

  /**
   * EventStoreDB's commit check, with its idempotency rules: `any` and
   * `stream_exists` treat a batch whose ids are all recorded in this stream
   * as already written; an exact revision behind the current one is a retry
   * when the events after it carry the same ids; any other mismatch is a
   * wrong expected version. Event ids are NOT unique across streams.
   */
  append(name: string, expected: ExpectedVersion, proposed: readonly ProposedEvent[]): AppendOutcome {
    const events = this.streams.get(name) ?? [];
    const current = events.length - 1;
    const wrong: AppendOutcome = { kind: 'wrong_expected_version', currentRevision: current };
    if (expected.kind === 'stream_exists' && current < 0) return wrong;
    if (proposed.length === 0) return { kind: 'nothing', currentRevision: current };
    if (expected.kind === 'any' || expected.kind === 'stream_exists') {
      const recorded = proposed.map((event) => this.byEventId.get(event.id));
      if (recorded.every((event) => event?.stream === name)) return this.alreadyWritten(recorded[recorded.length - 1]!);
      if (recorded[0]?.stream === name) return wrong;
      return this.write(name, events, proposed);
    }
    const expectedRevision = expected.kind === 'no_stream' ? -1 : expected.revision;
    if (expectedRevision < current) {
      const same = proposed.every((event, i) => events[expectedRevision + 1 + i]?.id === event.id);
      return same ? this.alreadyWritten(events[expectedRevision + proposed.length]) : wrong;
    }
    if (expectedRevision > current) return wrong;
    return this.write(name, events, proposed);
  }

  /** First index of `$all` whose event is at or after `position`. */
  indexAtOrAfter(position: LogPosition): number {
    return this.search((event) => comparePositions(event, position) >= 0);
  }

  /** First index of `$all` whose event is strictly after `position`. */
  indexAfter(position: LogPosition): number {
    return this.search((event) => comparePositions(event, position) > 0);
  }

  /** Resolves at the next append, or when `signal` aborts. */
  waitForAppend(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.waiters.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.waiters.add(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  private write(name: string, events: StoredEvent[], proposed: readonly ProposedEvent[]): AppendOutcome {
    const transaction = this.nextLogPosition;
    const createdTicks = BigInt(Date.now()) * 10_000n;
    for (const event of proposed) {
      const stored: StoredEvent = {
        ...event,
        stream: name,
        revision: events.length,
        createdTicks,
        commit: this.nextLogPosition,
        prepare: transaction,
      };
      // Positions are byte offsets in a real log: sparse, growing with each record's size.
      this.nextLogPosition += 64n + BigInt(event.data.length + event.customMetadata.length + event.type.length + name.length);
      events.push(stored);
      this.all.push(stored);
      this.byEventId.set(event.id, stored);
    }
    this.streams.set(name, events);
    for (const wake of [...this.waiters]) wake();
    const last = events[events.length - 1];
    return { kind: 'written', lastRevision: last.revision, logPosition: last.commit };
  }

  private alreadyWritten(last: StoredEvent): AppendOutcome {
    return { kind: 'idempotent', lastRevision: last.revision, logPosition: last.commit };
  }

  private search(isAtOrPast: (event: StoredEvent) => boolean): number {
    let low = 0;
    let high = this.all.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (isAtOrPast(this.all[middle])) high = middle;
      else low = middle + 1;
    }
    return low;
  }
}
