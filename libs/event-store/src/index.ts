export * from './event-store.port';
export * from './errors';
// The port speaks the kernel's JSON type; its users find it here too.
export type { JsonObject } from '@ddr/kernel';
export { validateAppend } from './validate-append';
export { derivedUuid } from './derived-uuid';
export { CatchUpSubscription, type CatchUpSource } from './catch-up-subscription';
export { LogFollower, type LogFollowerOptions, type FollowerProgress } from './follower/log-follower';
export { BATCH_BUDGET_MS } from './follower/batches';
export { pagesOf, type PagesOptions } from './log-pages';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export { eventLogFile, openEventStore, type EventStoreChoice } from './open-event-store';
export { SqliteSnapshotStore, DECIDED_STATE_SNAPSHOTS, snapshotsFile, type Snapshot, type SnapshotStore } from './snapshots/snapshot-store';
