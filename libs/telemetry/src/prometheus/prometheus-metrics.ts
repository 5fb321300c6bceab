import { statfsSync, statSync } from 'node:fs';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { FollowerLag } from '../follower-lag';
import type { OperationsMetrics } from '../metrics';

/** Latency buckets in seconds: a query answers in a millisecond or two, a command with a FULL fsync in ten or so. */
const LATENCY = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
/** Events beyond this many after a follower's checkpoint are not counted at each scrape. */
export const LAG_COUNT_CAP = 10_000;

/** An EventStoreDB client's connection as the adapter saw it last. */
export interface ConnectionState {
  connected: boolean;
  reconnects: number;
}

/**
 * Every family of docs/operations.md in one Prometheus registry. Gauges that describe state (lag, WAL size,
 * the EventStoreDB connection) are measured at scrape time from what was registered with `watch...`, so that
 * a new follower of the log (notification deliveries) is one `watchFollower` call.
 */
export class PrometheusMetrics implements OperationsMetrics {
  readonly registry = new Registry();
  private readonly followers = new Map<string, (cap: number) => Promise<FollowerLag>>();
  private readonly walFiles = new Map<string, string>();

  private readonly commands = new Counter({
    name: 'ddr_commands_total',
    help: 'Desk commands by command, body and outcome (accepted, replayed, or the refusal code).',
    labelNames: ['command', 'body', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly commandSeconds = new Histogram({
    name: 'ddr_command_duration_seconds',
    help: 'Time from the bus to the acknowledged append (or refusal), by command.',
    labelNames: ['command'] as const,
    buckets: LATENCY,
    registers: [this.registry],
  });
  private readonly querySeconds = new Histogram({
    name: 'ddr_query_duration_seconds',
    help: 'Time to resolve a root query field, by field.',
    labelNames: ['field'] as const,
    buckets: LATENCY,
    registers: [this.registry],
  });
  private readonly appendSeconds = new Histogram({
    name: 'ddr_append_duration_seconds',
    help: 'Time for the event store to acknowledge an append or a batch of appends.',
    buckets: LATENCY,
    registers: [this.registry],
  });
  private readonly appendEvents = new Histogram({
    name: 'ddr_append_batch_events',
    help: 'Events per acknowledged append or batch.',
    buckets: [1, 2, 3, 5, 10, 20, 50, 100, 500],
    registers: [this.registry],
  });
  private readonly refusals = new Counter({
    name: 'ddr_access_refusals_total',
    help: 'Callers refused, by code: UNAUTHENTICATED, FORBIDDEN, RATE_LIMITED.',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  private readonly notifications = new Counter({
    name: 'ddr_notification_deliveries_total',
    help: 'Webhook attempts and digests, by channel and outcome: delivered, failed (tried again later), gave_up (endpoint marked FAILING).',
    labelNames: ['channel', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly subscriptions = new Gauge({ name: 'ddr_subscriptions_open', help: 'GraphQL subscriptions open now.', registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    // collect() runs with the gauge as `this`; these arrows keep ours.
    const lags = () => this.lags();
    const walFiles = () => this.walFiles;
    new Gauge({
      name: 'ddr_follower_lag_events',
      help: `Events in the log not yet applied by a follower (projections, ledger-tree, notifications), counted up to ${LAG_COUNT_CAP}.`,
      labelNames: ['follower'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const [name, lag] of await lags()) this.set({ follower: name }, lag.events);
      },
    });
    new Gauge({
      name: 'ddr_follower_lag_seconds',
      help: 'Age of the oldest event a follower has not applied yet; 0 when it is level with the head.',
      labelNames: ['follower'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const [name, lag] of await lags()) this.set({ follower: name }, lag.seconds);
      },
    });
    new Gauge({
      name: 'ddr_sqlite_wal_bytes',
      help: 'Size of the write-ahead log of each SQLite file (events, read-model, ledger).',
      labelNames: ['file'] as const,
      registers: [this.registry],
      collect() {
        for (const [name, path] of walFiles()) this.set({ file: name }, walSize(path));
      },
    });
  }

  command(kind: string, body: string, outcome: string, seconds: number): void {
    this.commands.inc({ command: kind, body, outcome });
    this.commandSeconds.observe({ command: kind }, seconds);
  }

  query(field: string, seconds: number): void {
    this.querySeconds.observe({ field }, seconds);
  }

  append(events: number, seconds: number): void {
    this.appendSeconds.observe(seconds);
    this.appendEvents.observe(events);
  }

  refusal(code: string): void {
    this.refusals.inc({ code });
  }

  notification(channel: string, outcome: string): void {
    this.notifications.inc({ channel, outcome });
  }

  subscriptionOpened(): () => void {
    this.subscriptions.inc();
    let open = true;
    return () => {
      if (open) this.subscriptions.dec();
      open = false;
    };
  }

  /** Reports the lag of a follower of the log (see `followerLag`): one call per follower. */
  watchFollower(name: string, lag: (cap: number) => Promise<FollowerLag>): void {
    this.followers.set(name, lag);
  }

  /** Reports the size of an SQLite file's write-ahead log (`<file>-wal`). */
  watchSqliteFile(name: string, file: string): void {
    this.walFiles.set(name, `${file}-wal`);
  }

  /** Reports the space left on the file system that holds `dir` (DATA_DIR): the log, the read model, the tree, the keys. */
  watchDataDir(dir: string): void {
    const space = () => statfsSync(dir);
    new Gauge({
      name: 'ddr_data_dir_free_bytes',
      help: 'Bytes free for the server on the file system of DATA_DIR.',
      registers: [this.registry],
      collect() {
        const { bavail, bsize } = space();
        this.set(bavail * bsize);
      },
    });
    new Gauge({
      name: 'ddr_data_dir_size_bytes',
      help: 'Size of the file system of DATA_DIR.',
      registers: [this.registry],
      collect() {
        const { blocks, bsize } = space();
        this.set(blocks * bsize);
      },
    });
  }

  /** Reports an EventStoreDB client's connection state and reconnections. */
  watchConnection(state: () => ConnectionState): void {
    new Gauge({
      name: 'ddr_esdb_connected',
      help: '1 when the last call to EventStoreDB reached it, 0 when it was unreachable.',
      registers: [this.registry],
      collect() {
        this.set(state().connected ? 1 : 0);
      },
    });
    let counted = 0;
    new Counter({
      name: 'ddr_esdb_reconnects_total',
      help: 'Times EventStoreDB was reached again after it had been unreachable (calls and subscriptions).',
      registers: [this.registry],
      collect() {
        const { reconnects } = state();
        this.inc(reconnects - counted);
        counted = reconnects;
      },
    });
  }

  /** The exposition text, as Prometheus scrapes it. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  // One read per follower per scrape, shared by the two lag families. A store that does not answer leaves the
  // followers out of the scrape (the rest of it still answers: that is when an operator needs it most).
  private pending?: Promise<Array<[string, FollowerLag]>>;
  private async lags(): Promise<Array<[string, FollowerLag]>> {
    this.pending ??= Promise.all(
      [...this.followers].map(([name, lag]) =>
        lag(LAG_COUNT_CAP).then(
          (measured): Array<[string, FollowerLag]> => [[name, measured]],
          () => [],
        ),
      ),
    )
      .then((measured) => measured.flat())
      .finally(() => setImmediate(() => (this.pending = undefined)));
    return this.pending;
  }
}

function walSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    // No WAL file: nothing written since the last checkpoint truncated it, or the file is not in WAL mode.
    return 0;
  }
}
