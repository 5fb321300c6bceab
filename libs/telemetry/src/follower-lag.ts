import type { EventFilter, EventStore } from '@ddr/event-store';

/** How far a follower of the log (projections, the ledger's tree, later deliveries) is behind the head. */
export interface FollowerLag {
  /** Events in the log after the follower's checkpoint, counted up to `cap` (then `cap`). */
  events: number;
  /** Age of the oldest event not yet applied; 0 when level with the head. */
  seconds: number;
}

/**
 * Counts at most `cap` events after the checkpoint: bounded work however far behind the follower is.
 * A follower of some streams only (the notifier) passes its `filter`: the others are not its lag.
 */
export async function followerLag(
  store: EventStore,
  checkpoint: string | null | undefined,
  cap: number,
  now = Date.now(),
  filter?: EventFilter,
): Promise<FollowerLag> {
  const { events, firstCommittedAt } = await store.countAfter(checkpoint ?? undefined, cap, filter);
  return { events, seconds: firstCommittedAt ? Math.max(0, (now - Date.parse(firstCommittedAt)) / 1000) : 0 };
}
