import { parseArgs } from 'node:util';
import { openEventStore, type BatchedAppend, type EventStore } from '@ddr/event-store';
import { generateHistory } from '@ddr/history-generator';
import { UsageError, type CliCommand } from '../cli-command';
import { Progress } from '../progress';

/** Events written per transaction by the bulk path: one commit (one fsync) per batch. */
const BATCH_EVENTS = 10_000;

export interface GeneratedSummary {
  events: number;
  appends: number;
  streams: number;
  seed: number;
  head: string | null;
}

/**
 * Writes the history `generateHistory` makes from `seed` until at least
 * `events` events are stored (a command's events are never split, so the
 * count may pass `events` by one). Every append carries the exact revision
 * it expects; on SQLite, appends go in large batches, each one transaction
 * that checks every append as a single append would be checked. The history
 * is planned for `events` commands (a few more than it takes): its calendar
 * ends by 2026 however large it is.
 */
export async function writeGeneratedHistory(
  store: EventStore,
  options: { events: number; seed: number },
  onProgress: (written: number) => void = () => undefined,
): Promise<GeneratedSummary> {
  const revisions = new Map<string, number>();
  let pending: BatchedAppend[] = [];
  let pendingEvents = 0;
  let written = 0;
  let appends = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    await store.appendBatch(pending);
    written += pendingEvents;
    pending = [];
    pendingEvents = 0;
    onProgress(written);
  };
  for (const append of generateHistory({ seed: options.seed, commands: Number.MAX_SAFE_INTEGER, planned: options.events })) {
    if (written + pendingEvents >= options.events) break;
    const revision = revisions.get(append.streamId);
    pending.push({ ...append, expectedRevision: revision === undefined ? 'no_stream' : revision });
    revisions.set(append.streamId, (revision ?? -1) + append.events.length);
    pendingEvents += append.events.length;
    appends++;
    if (pendingEvents >= BATCH_EVENTS) await flush();
  }
  await flush();
  return { events: written, appends, streams: revisions.size, seed: options.seed, head: (await store.headPosition()) ?? null };
}

export const generate: CliCommand = {
  words: ['generate'],
  usage:
    'generate --events N [--seed S]     write a synthetic history of N events (the real deciders, reproducible from the\n' +
    '                                   seed, default 1) into an empty store; acts are whole, so the last may carry the\n' +
    '                                   count a few events past N; prints what it wrote',
  async run(args, settings, io) {
    const { values } = parseArgs({ args, options: { events: { type: 'string' }, seed: { type: 'string', default: '1' } } });
    if (values.events === undefined) throw new UsageError('--events is required');
    const events = Number(values.events.replace(/[_,]/g, ''));
    const seed = Number(values.seed);
    if (!Number.isSafeInteger(events) || events < 1) throw new UsageError(`--events must be a positive whole number, got ${values.events}`);
    if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff)
      throw new UsageError(`--seed must be a whole number from 0 to 4294967295, got ${values.seed}`);
    const store = openEventStore(settings);
    try {
      // Generated streams (meetings of each body, above all) would collide with a history already there.
      const head = await store.headPosition();
      if (head !== undefined) throw new Error(`the store in ${settings.dataDir} is not empty (head ${head}); generate writes into an empty one`);
      const progress = new Progress('generating history', (text) => process.stderr.write(text));
      const summary = await writeGeneratedHistory(store, { events, seed }, (written) => progress.update(written, events));
      progress.finish(summary.events);
      io.out(JSON.stringify(summary));
      return 0;
    } finally {
      await store.close();
    }
  },
};
