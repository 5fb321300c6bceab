export * from './event-store.port';
export * from './errors';
export * from './json';
export { validateAppend } from './validate-append';
export { CatchUpSubscription, consumeInBatches, type CatchUpSource } from './catch-up-subscription';
export { SqliteEventStore, type SqliteEventStoreOptions, type BatchedAppend } from './sqlite/sqlite-event-store';
export { EsdbEventStore, type EsdbEventStoreOptions } from './esdb/esdb-event-store';
export { openEventStore, type EventStoreChoice } from './open-event-store';
export { EventStoreModule } from './event-store.module';
