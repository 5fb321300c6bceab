import { Global, Logger, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { eventLogFile, type EventStore } from '@ddr/event-store';
import type { EsdbEventStore } from '@ddr/event-store/esdb';
import { Ledger, ledgerFile } from '@ddr/ledger/live';
import { notificationsFile } from '@ddr/notifications';
import { readModelFile } from '@ddr/read-model';
import type { Settings } from '@ddr/settings';
import { instrumentedEventStore, METRICS, NO_METRICS, type OperationsMetrics } from '@ddr/telemetry';
import type { PrometheusMetrics } from '@ddr/telemetry/prometheus';
import { Notifier } from '../notifications/notifier';
import { ReadSide } from '../read-side/read-side';
import { LogFollowers } from './log-followers';
import { MetricsServer } from './metrics-server';

/** The process's metrics (when METRICS_PORT is set) and how the event store is wrapped for them and for traces. */
export class Operations {
  readonly metrics: OperationsMetrics;

  private constructor(
    private readonly settings: Settings,
    readonly prometheus?: PrometheusMetrics,
  ) {
    this.metrics = prometheus ?? NO_METRICS;
  }

  /** prom-client is loaded only when METRICS_PORT is set: a server without metrics never pays for it. */
  static async create(settings: Settings): Promise<Operations> {
    if (!settings.metrics) return new Operations(settings);
    const { PrometheusMetrics } = await import('@ddr/telemetry/prometheus');
    return new Operations(settings, new PrometheusMetrics());
  }

  get observed(): boolean {
    return !!this.prometheus || this.settings.tracing;
  }

  /** The store as the rest of the server sees it: as opened when neither metrics nor tracing is on. */
  wrapStore = (store: EventStore): EventStore => {
    // The EventStoreDB adapter is loaded only when chosen, so it is told apart by the settings, not by its class.
    if (this.settings.eventStore === 'esdb') this.prometheus?.watchConnection(() => (store as EsdbEventStore).connection);
    else this.prometheus?.watchSqliteFile('events', eventLogFile(this.settings.dataDir));
    return this.observed ? instrumentedEventStore(store, this.metrics) : store;
  };
}

/** Registers the followers and the derived SQLite files, then serves /metrics on its own port. */
export class MetricsLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: MetricsServer;
  url?: string;

  constructor(
    private readonly settings: Settings,
    private readonly operations: Operations,
    private readonly followers: LogFollowers,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { prometheus } = this.operations;
    if (!prometheus || !this.settings.metrics) return;
    for (const [name, lag] of Object.entries(this.followers.lags)) prometheus.watchFollower(name, lag);
    prometheus.watchSqliteFile('notifications', notificationsFile(this.settings.dataDir));
    prometheus.watchSqliteFile('read-model', readModelFile(this.settings.dataDir));
    prometheus.watchSqliteFile('ledger', ledgerFile(this.settings.dataDir));
    prometheus.watchDataDir(this.settings.dataDir);
    this.server = new MetricsServer(prometheus);
    this.url = await this.server.listen(this.settings.metrics.port, this.settings.metrics.host);
    Logger.log(`metrics at ${this.url}`, 'Server');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.close();
  }
}

@Global()
@Module({})
export class OperationsModule {
  static forRoot(settings: Settings, operations: Operations): DynamicModule {
    return {
      module: OperationsModule,
      providers: [
        { provide: Operations, useValue: operations },
        { provide: METRICS, useValue: operations.metrics },
        {
          provide: LogFollowers,
          inject: [ReadSide, Ledger, Notifier],
          useFactory: (readSide: ReadSide, ledger: Ledger, notifier: Notifier) => new LogFollowers(readSide, ledger, notifier),
        },
        {
          provide: MetricsLifecycle,
          inject: [LogFollowers],
          useFactory: (followers: LogFollowers) => new MetricsLifecycle(settings, operations, followers),
        },
      ],
      exports: [METRICS, Operations, MetricsLifecycle, LogFollowers],
    };
  }
}
