import { Global, Inject, Module, type DynamicModule, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ddr/event-store';
import { Upcasters } from '@ddr/kernel';
import type { Settings } from '@ddr/settings';
import { ReadModelAccess, readModelFile } from '@ddr/read-model';
import { ReadSide } from './read-side';

/** Starts projecting, which catches up behind the server's start, and checkpoints on shutdown. */
class ReadSideLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(@Inject(ReadSide) private readonly readSide: ReadSide) {}
  onApplicationBootstrap(): Promise<void> {
    return this.readSide.startProjecting();
  }
  onModuleDestroy(): Promise<void> {
    return this.readSide.close();
  }
}

@Global()
@Module({})
export class ReadSideModule {
  static forRoot(settings: Settings): DynamicModule {
    return {
      module: ReadSideModule,
      providers: [
        {
          provide: ReadSide,
          inject: [EVENT_STORE, Upcasters],
          useFactory: (store: EventStore, upcasters: Upcasters) => new ReadSide(store, readModelFile(settings.dataDir), upcasters, settings.consistencyWaitMs),
        },
        { provide: ReadModelAccess, useExisting: ReadSide },
        ReadSideLifecycle,
      ],
      exports: [ReadSide, ReadModelAccess],
    };
  }
}
