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

  private stopping = false;
  private starting?: Promise<void>;

  onApplicationBootstrap(): void {
    this.starting = this.ledger.follower
      .start()
      .catch((error: unknown) => Logger.error(`the ledger cannot follow the log, retrying: ${(error as Error).message}`, 'Ledger'))
      // Each tick proves the log consistent before it signs: a ledger that cannot follow refuses there, loudly.
      .finally(() => {
        // Stopped while catching up: a schedule started now would outlive the server.
        if (!this.stopping) this.schedule.start();
      });
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    await this.schedule.stop();
    // Stops the follower, which settles its start.
    await this.ledger.close();
    await this.starting;
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
