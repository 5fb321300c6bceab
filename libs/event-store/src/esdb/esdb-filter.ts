import { eventTypeFilter, excludeSystemEvents, streamNameFilter, type Filter } from '@eventstore/db-client';
import type { EventFilter } from '../event-store.port';

/** Events whose type starts with `$` are EventStoreDB's own (stream metadata, statistics). */
export function isSystemEvent(type: string, streamName: string): boolean {
  return type.startsWith('$') || streamName.startsWith('$');
}

/** The exact selection of our port: any listed type OR any listed stream prefix; no filter selects all. */
export function matchesFilter(filter: EventFilter | undefined, type: string, streamId: string): boolean {
  const types = filter?.eventTypes ?? [];
  const prefixes = filter?.streamPrefixes ?? [];
  if (types.length === 0 && prefixes.length === 0) return true;
  return types.includes(type) || prefixes.some((prefix) => streamId.startsWith(prefix));
}

/**
 * The server-side filter for a subscription: as narrow as one EventStoreDB
 * filter can be. A server filter looks at either the event type or the stream
 * name, never both, so a filter on types AND prefixes (an OR across the two)
 * and a namespaced store with a type filter fall back to a coarser server
 * filter; the adapter then applies `matchesFilter` to every event anyway.
 */
export function serverFilter(filter: EventFilter | undefined, namespace: string, onCheckpoint: CheckpointHandler): Filter {
  const types = filter?.eventTypes ?? [];
  const prefixes = filter?.streamPrefixes ?? [];
  const checkpoint = { checkpointInterval: 1, checkpointReached: onCheckpoint };
  if (prefixes.length > 0 && types.length === 0) {
    return streamNameFilter({ prefixes: prefixes.map((prefix) => namespace + prefix), ...checkpoint });
  }
  if (namespace !== '') return streamNameFilter({ prefixes: [namespace], ...checkpoint });
  if (types.length > 0 && prefixes.length === 0) {
    return eventTypeFilter({ regex: `^(?:${types.map(escapeRegex).join('|')})$`, ...checkpoint });
  }
  return excludeSystemEvents(checkpoint);
}

type CheckpointHandler = NonNullable<Filter['checkpointReached']>;

/** Escapes what both .NET (the server) and JavaScript regular expressions treat as special. */
function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}
