import { encodeBase64 } from './base64';
import type { JsonValue } from './canonical-json';
import { eventLeafHash, type LedgerEvent } from './leaf';

/**
 * The hash chain of a stream: every event's metadata carries, under
 * `previousHash`, the leaf hash (standard base64, as in the proof files) of
 * the event before it in the same stream, and null at revision 0. A writer
 * knows its predecessor from the revision it appends against, so the chain
 * needs nothing from the store and works the same on SQLite and EventStoreDB.
 *
 * The leaf hash covers the predecessor's own metadata, previousHash included,
 * so each event commits to its whole stream before it: altering, removing or
 * reordering an event breaks the link of the event after it.
 */
export const PREVIOUS_HASH = 'previousHash';

/** An event as a writer proposes it (structurally the store's EventToAppend). */
export interface ChainableEvent {
  readonly id: string;
  readonly type: string;
  readonly data: JsonValue;
  readonly metadata: { readonly [key: string]: JsonValue };
}

/** Where a stream's chain ends: its last event's revision and leaf hash. */
export interface ChainLink {
  readonly revision: number;
  /** Base64 leaf hash of the event at `revision`. */
  readonly hash: string;
}

export function chainLinkOf(event: LedgerEvent): ChainLink {
  return { revision: event.revision, hash: encodeBase64(eventLeafHash(event)) };
}

/**
 * The events with `previousHash` set, each linked to the one before it: the
 * first to `after` (the stream's last event, undefined for a new stream), the
 * others to their predecessor in the batch. Returns the link the stream ends
 * on once they are appended, for writers that keep it (a generator).
 */
export function chainFrom<E extends ChainableEvent>(
  streamId: string,
  after: ChainLink | undefined,
  events: readonly E[],
): { events: E[]; last: ChainLink | undefined } {
  let last = after;
  const chained = events.map((event) => {
    const linked = { ...event, metadata: { ...event.metadata, [PREVIOUS_HASH]: last?.hash ?? null } };
    last = chainLinkOf({ ...linked, streamId, revision: last === undefined ? 0 : last.revision + 1 });
    return linked;
  });
  return { events: chained, last };
}

/** chainFrom, given the stream's last recorded event (undefined when the stream is new). */
export function chainMetadata<E extends ChainableEvent>(streamId: string, previous: LedgerEvent | undefined, events: readonly E[]): E[] {
  return chainFrom(streamId, previous && chainLinkOf(previous), events).events;
}
