import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../event-store.port';
import { openEventStore, type EventStoreChoice } from '../open-event-store';
import { DECIDED_STATE_SNAPSHOTS, snapshotsFile, SqliteSnapshotStore, type SnapshotStore } from '../snapshots/snapshot-store';

/** Closes the store (and the snapshots beside it) when the application shuts down, after everything that uses them. */
class EventStoreCloser implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(DECIDED_STATE_SNAPSHOTS) private readonly snapshots: SnapshotStore,
  ) {}
  onApplicationShutdown(): Promise<void> {
    this.snapshots.close();
    return this.store.close();
  }
}

/**
 * Provides the one event store of the process under the `EVENT_STORE` token, and the stored snapshots of decided
 * states under `DECIDED_STATE_SNAPSHOTS`; `wrap` decorates it once for
 * everyone (the API's metrics and traces time its appends).
 */
@Global()
@Module({})
export class EventStoreModule {
  static forRoot(choice: EventStoreChoice, wrap: (store: EventStore) => EventStore = (store) => store): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [
        { provide: EVENT_STORE, useFactory: () => wrap(openEventStore(choice)) },
        // Beside the log whichever store holds it: with EventStoreDB, each replica keeps its own.
        { provide: DECIDED_STATE_SNAPSHOTS, useFactory: () => new SqliteSnapshotStore(snapshotsFile(choice.dataDir)) },
        EventStoreCloser,
      ],
      exports: [EVENT_STORE, DECIDED_STATE_SNAPSHOTS],
    };
  }
}
