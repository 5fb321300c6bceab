import { join } from 'node:path';
import type { EventStore } from './event-store.port';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

export interface EventStoreChoice {
  eventStore: 'sqlite' | 'esdb';
  dataDir: string;
  sqliteSynchronous?: 'FULL' | 'NORMAL';
}

/** The store the settings name: the embedded SQLite file under the data directory by default. */
export function openEventStore(choice: EventStoreChoice): EventStore {
  if (choice.eventStore === 'esdb') {
    throw new Error('EVENT_STORE=esdb: the EventStoreDB adapter is not built yet (see docs/architecture.md)');
  }
  return new SqliteEventStore({ file: join(choice.dataDir, 'events.sqlite'), synchronous: choice.sqliteSynchronous });
}
