import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../event-store.port';
import { openEventStore, type EventStoreChoice } from '../open-event-store';

/** Closes the store when the application shuts down, after everything that uses it. */
class EventStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  onApplicationShutdown(): Promise<void> {
    return this.store.close();
  }
}

/**
 * Provides the one event store of the process under the `EVENT_STORE` token; `wrap` decorates it once for
 * everyone (the API's metrics and traces time its appends).
 */
@Global()
@Module({})
export class EventStoreModule {
  static forRoot(choice: EventStoreChoice, wrap: (store: EventStore) => EventStore = (store) => store): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [{ provide: EVENT_STORE, useFactory: () => wrap(openEventStore(choice)) }, EventStoreCloser],
      exports: [EVENT_STORE],
    };
  }
}
