import { existsSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { domainUpcasters } from '@ddr/bodies/all';
import { pagesOf, SqliteEventStore } from '@ddr/event-store';
import { PROJECTIONS, Projector, openReadModel, rebuildReadModel, type AppliedUpTo } from '@ddr/read-model';
import { COMMANDS } from '../apps/cli/src/cli';
import { now, type LargeStore, type ScratchDirs } from './harness';
import { runCli, startApi } from './processes';

export const LARGE_EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
/**
 * Where the generated history lives: tmpfs when there is one, so that the
 * whole run fits in 15 minutes (a rebuild of 1,000,000 events spends about
 * 40 % of its time waiting for this machine's disk; see docs/benchmarks.md).
 * BENCH_LARGE_DIR=/tmp puts it on disk.
 */
export const LARGE_BASE = process.env.BENCH_LARGE_DIR ?? (existsSync('/dev/shm') ? '/dev/shm' : tmpdir());
export const LARGE_SEED = Number(process.env.BENCH_SEED ?? 1);
const PAGE = 2_000;

/**
 * The generated history that projection, time travel and start share: made
 * once per run with `ddr generate` (BENCH_DATA_DIR reuses one made before,
 * for working on the benchmarks themselves).
 */
export class LargeStoreFixture {
  private generating?: Promise<LargeStore>;

  constructor(
    private readonly scratch: ScratchDirs,
    private readonly log: (line: string) => void,
  ) {}

  async get(options: { projected?: boolean } = {}): Promise<LargeStore> {
    this.generating ??= this.generate();
    const store = await this.generating;
    if (options.projected && !isProjected(store)) await projectForReaders(store, this.log);
    if (options.projected) await this.followLedger(store);
    if (options.projected) await this.followNotifier(store);
    return store;
  }

  private notifierFollowed = false;

  /**
   * The notifier is the third follower of the log: a server started on a store it never followed would
   * spend the benchmark catching up behind it. A server is started once and stopped when its notifier is at the head.
   */
  private async followNotifier(store: LargeStore): Promise<void> {
    if (this.notifierFollowed || notifierPosition(store.dataDir) >= store.events) return;
    this.log('large store: bringing the notifier level with the log (a server until notifications.sqlite is at the head)');
    const started = now();
    const server = await startApi(store.dataDir, {}, 15 * 60_000);
    try {
      for (let last = 0; notifierPosition(store.dataDir) < store.events;) {
        await new Promise((resolve) => setTimeout(resolve, 5_000));
        const position = notifierPosition(store.dataDir);
        if (position - last >= 100_000) {
          this.log(`large store: notifier at ${position.toLocaleString('en')} of ${store.events.toLocaleString('en')}`);
          last = position;
        }
        if (now() - started > 60 * 60_000) throw new Error('the notifier did not reach the head within an hour');
      }
    } finally {
      await server.stop();
    }
    this.notifierFollowed = true;
    this.log(`large store: notifier level in ${((now() - started) / 1000).toFixed(0)} s`);
  }

  private ledgerFollowed = false;

  /**
   * The ledger's Merkle tree is the other projection of the log the server
   * keeps: "already projected" includes it, so it is brought level (not
   * timed) with `ddr ledger status` where the CLI has that command.
   */
  private async followLedger(store: LargeStore): Promise<void> {
    if (this.ledgerFollowed || !COMMANDS.some((command) => command.words.join(' ') === 'ledger status')) return;
    this.log('large store: bringing the ledger tree level with the log (ddr ledger status)');
    const started = now();
    await runCli(store.dataDir, ['ledger', 'status'], 15 * 60_000);
    this.ledgerFollowed = true;
    this.log(`large store: ledger level in ${((now() - started) / 1000).toFixed(0)} s`);
  }

  private async generate(): Promise<LargeStore> {
    const reused = process.env.BENCH_DATA_DIR;
    if (reused && existsSync(join(reused, 'events.sqlite'))) {
      const events = eventCount(reused);
      this.log(`large store: reusing ${events.toLocaleString('en')} events in ${reused} (BENCH_DATA_DIR)`);
      return { dataDir: reused, events, seed: LARGE_SEED };
    }
    const dataDir = this.scratch.make('large', LARGE_BASE);
    this.log(`large store: ddr generate --events ${LARGE_EVENTS} --seed ${LARGE_SEED} into ${dataDir}`);
    const started = now();
    const summary = JSON.parse(await runCli(dataDir, ['generate', '--events', String(LARGE_EVENTS), '--seed', String(LARGE_SEED)], 30 * 60_000)) as {
      events: number;
    };
    return { dataDir, events: summary.events, seed: LARGE_SEED, generateSeconds: (now() - started) / 1000 };
  }
}

function eventCount(dataDir: string): number {
  const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
  try {
    return db.prepare<[], { n: number }>('SELECT count(*) AS n FROM events').get()!.n;
  } finally {
    db.close();
  }
}

/** Where the notifier's follower stands in a data directory (0 before its first batch). */
function notifierPosition(dataDir: string): number {
  const file = join(dataDir, 'notifications.sqlite');
  if (!existsSync(file)) return 0;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return Number(db.prepare<[], { position: string }>('SELECT position FROM follower WHERE id = 1').get()?.position ?? 0);
  } catch {
    return 0;
  } finally {
    db.close();
  }
}

/** True when the data directory's read model has applied every event. */
function isProjected(store: LargeStore): boolean {
  const file = join(store.dataDir, 'read-model.sqlite');
  if (!existsSync(file)) return false;
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare<[], { seq: number }>('SELECT seq FROM read_model WHERE id = 1').get()?.seq ?? 0) >= store.events;
  } catch {
    return false;
  } finally {
    db.close();
  }
}

/**
 * Hot spot found by the projection benchmark: the instruments projection
 * deletes `instrument_awaiting` rows by instrument id, a column no index
 * starts with, so every instrument event scans the whole table and a rebuild
 * is quadratic. True while the read model's own schema still lacks that index.
 */
export function awaitingScanHotSpot(): boolean {
  const db = openReadModel(':memory:', PROJECTIONS);
  try {
    const indexes = db.prepare<[], { name: string }>("PRAGMA index_list('instrument_awaiting')").all();
    return !indexes.some((index) => db.prepare<[], { name: string }>(`PRAGMA index_info('${index.name}')`).all()[0]?.name === 'instrument_id');
  } finally {
    db.close();
  }
}

/** The index the benchmark adds to its own read model while the hot spot is there (see docs/benchmarks.md). */
export const PROPOSED_INDEX = 'CREATE INDEX IF NOT EXISTS bench_instrument_awaiting_by_instrument ON instrument_awaiting (instrument_id)';

/**
 * What `rebuildReadModel` does (a scratch file from position 0, pages of
 * 2,000 events, each page one transaction with its checkpoint, then a swap),
 * with the proposed index added first.
 */
export async function rebuildWithProposedIndex(
  store: SqliteEventStore,
  file: string,
  onPage: (checkpoint: AppliedUpTo) => void = () => undefined,
): Promise<AppliedUpTo> {
  const scratch = `${file}.bench-rebuild`;
  const remove = (path: string) => ['', '-wal', '-shm'].forEach((suffix) => rmSync(`${path}${suffix}`, { force: true }));
  remove(scratch);
  const db = openReadModel(scratch, PROJECTIONS);
  db.exec(PROPOSED_INDEX);
  const projector = new Projector(db, PROJECTIONS, domainUpcasters(), (a, b) => store.comparePositions(a, b));
  let checkpoint = projector.appliedUpTo();
  for await (const page of pagesOf(store, { pageSize: PAGE })) {
    checkpoint = projector.apply(page);
    onPage(checkpoint);
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  remove(file);
  renameSync(scratch, file);
  return checkpoint;
}

/** Projects the large store for the benchmarks that read it (not timed): the read model as it is, or with the proposed index while the hot spot is there. */
async function projectForReaders(store: LargeStore, log: (line: string) => void): Promise<void> {
  const events = new SqliteEventStore({ file: join(store.dataDir, 'events.sqlite') });
  const file = join(store.dataDir, 'read-model.sqlite');
  const started = now();
  let last = started;
  const progress = (checkpoint: AppliedUpTo) => {
    if (now() - last < 10_000) return;
    last = now();
    log(`large store: projected ${checkpoint.seq.toLocaleString('en')} events`);
  };
  try {
    if (awaitingScanHotSpot()) {
      log('large store: projecting for the readers, with the proposed instrument_awaiting index');
      await rebuildWithProposedIndex(events, file, progress);
    } else {
      log('large store: projecting for the readers');
      await rebuildReadModel(events, file, domainUpcasters(), ({ applied }) => progress({ seq: applied, position: null }));
    }
    log(`large store: projected in ${((now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await events.close();
  }
}
