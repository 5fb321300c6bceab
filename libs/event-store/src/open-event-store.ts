import { join } from 'node:path';
import type { EventStore } from './event-store.port';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

export interface EventStoreChoice {
  eventStore: 'sqlite' | 'esdb';
  dataDir: string;
  sqliteSynchronous?: 'FULL' | 'NORMAL';
  sqliteBusyTimeoutMs?: number;
  /** Required with `eventStore: 'esdb'`, e.g. `esdb://localhost:2113?tls=false`. */
  esdbConnectionString?: string;
}

/** The embedded store's file in a data directory. */
export const eventLogFile = (dataDir: string) => join(dataDir, 'events.sqlite');

/** The store the settings name: the embedded SQLite file under the data directory by default. */
export function openEventStore(choice: EventStoreChoice): EventStore {
  if (choice.eventStore === 'esdb') {
    if (!choice.esdbConnectionString) throw new Error('EVENT_STORE=esdb needs ESDB_CONNECTION_STRING');
    // Loaded only when chosen: the EventStoreDB client takes longer to load than `ddr token` takes to run.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { EsdbEventStore } = require('./esdb/esdb-event-store') as typeof import('./esdb/esdb-event-store');
    return new EsdbEventStore(choice.esdbConnectionString);
  }
  return new SqliteEventStore({
    file: eventLogFile(choice.dataDir),
    synchronous: choice.sqliteSynchronous,
    busyTimeoutMs: choice.sqliteBusyTimeoutMs,
  });
}
