import { BODIES } from '@ddr/kernel';
import { Global, Inject, Logger, Module, type DynamicModule, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@ddr/event-store';
import { Ledger } from '@ddr/ledger/live';
import type { Settings } from '@ddr/settings';
import { CheckpointSchedule } from './checkpoint-schedule';
import { LedgerResolver } from './ledger.resolver';

/**
 * Follows the log into the Merkle tree in the background (a large log must
 * not hold the server's start), and signs checkpoints on a schedule.
 */
class LedgerLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    @Inject(Ledger) private readonly ledger: Ledger,
    @Inject(CheckpointSchedule) private readonly schedule: CheckpointSchedule,
  ) {}

  onApplicationBootstrap(): void {
    this.ledger.follower
      .start()
      .catch((error: unknown) => Logger.error(`the ledger cannot follow the log, retrying: ${(error as Error).message}`, 'Ledger'))
      // Each tick proves the log consistent before it signs: a ledger that cannot follow refuses there, loudly.
      .finally(() => this.schedule.start());
  }

  async onModuleDestroy(): Promise<void> {
    await this.schedule.stop();
    await this.ledger.close();
  }
}

@Global()
@Module({})
export class LedgerModule {
  static forRoot(settings: Settings): DynamicModule {
    return {
      module: LedgerModule,
      providers: [
        {
          provide: Ledger,
          inject: [EVENT_STORE],
          useFactory: (store: EventStore) =>
            new Ledger(store, settings, {
              witnesses: BODIES,
              onError: (error) => Logger.error(`following the log failed, retrying: ${(error as Error).message}`, 'Ledger'),
            }),
        },
        { provide: CheckpointSchedule, inject: [Ledger], useFactory: (ledger: Ledger) => new CheckpointSchedule(ledger, settings.ledgerCheckpointIntervalMs) },
        LedgerLifecycle,
        LedgerResolver,
      ],
      exports: [Ledger],
    };
  }
}
