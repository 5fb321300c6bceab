export * from './event-store.port';
export * from './errors';
// The JSON types and checks are the kernel's; the port's users find them here too.
export { isJsonObject, jsonProblem, type JsonObject, type JsonPrimitive, type JsonValue } from '@ddr/kernel';
export { validateAppend } from './validate-append';
export { CatchUpSubscription, type CatchUpSource } from './catch-up-subscription';
export { LogFollower, type LogFollowerOptions, type FollowerProgress } from './follower/log-follower';
export { pagesOf, type PagesOptions } from './log-pages';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export { EsdbEventStore, type EsdbEventStoreOptions } from './esdb/esdb-event-store';
export { openEventStore, type EventStoreChoice } from './open-event-store';
export { EventStoreModule } from './event-store.module';
