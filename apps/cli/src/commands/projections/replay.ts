import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { awaitedSteps } from '@ddr/coordination';
import { openEventStore, pagesOf, type EventStore, type RecordedEvent } from '@ddr/event-store';
import type { Upcasters } from '@ddr/kernel';
import {
  findProgramme,
  listCommitments,
  listInstruments,
  listProgrammes,
  openReadModel,
  PROJECTIONS,
  Projector,
  readModelFile,
  today,
  type ReadModelDb,
  EVERYTHING,
} from '@ddr/read-model';
import { UsageError, type CliCommand } from '../../cli-command';
import { loadDesks } from '../../load-desks';
import { refuseOverwrite } from '../../out-file';
import { Progress } from '../../progress';

/** Where a replay stops: a calendar date (effective), an instant (recorded) or a log position. */
type Until = { kind: 'effective'; date: string } | { kind: 'recorded'; instant: string } | { kind: 'position'; position: string };

export const projectionsReplay: CliCommand = {
  words: ['projections', 'replay'],
  usage:
    'projections replay --until DATE|INSTANT|POSITION [--stream PREFIX] [--out FILE [--force]]\n' +
    '                                   rebuild the state as of that point: DATE (2019-10-09) keeps each stream up to\n' +
    '                                   its acts effective by then, INSTANT (2024-03-04T09:00:00Z) the events recorded\n' +
    '                                   by then, POSITION the log up to it; into a fresh read model FILE, or printed',
  async run(args, settings, io) {
    const { values } = parseArgs({
      args,
      options: { until: { type: 'string' }, stream: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } },
    });
    if (!values.until) throw new UsageError('--until is required');
    const out = values.out === undefined ? undefined : resolve(values.out);
    if (out === readModelFile(settings.dataDir)) throw new UsageError(`${values.out} is the server's read model: a replay never writes over it`);
    if (out) {
      refuseOverwrite(out, values.force);
      // A replay writes a fresh read model: an old file's rows (and its journal) must not leak into it.
      for (const file of [out, `${out}-wal`, `${out}-shm`]) rmSync(file, { force: true });
    }
    const { domainUpcasters } = await loadDesks();
    const store = openEventStore(settings);
    const db = openReadModel(out ?? ':memory:', PROJECTIONS);
    try {
      const until = parseUntil(values.until, store);
      const progress = new Progress('replaying', (text) => process.stderr.write(text));
      const checkpoint = await replayInto(db, store, domainUpcasters(), until, values.stream, (n) => progress.update(n, 0));
      progress.finish(checkpoint.seq);
      if (out)
        io.out(JSON.stringify({ until: values.until, stream: values.stream ?? null, applied: checkpoint.seq, position: checkpoint.position, readModel: out }));
      else io.out(JSON.stringify(stateOf(db, until, checkpoint), null, 2));
      return 0;
    } finally {
      db.close();
      await store.close();
    }
  },
};

function parseUntil(text: string, store: EventStore): Until {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    if (Number.isNaN(Date.parse(`${text}T00:00:00Z`)) || new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) !== text) {
      throw new UsageError(`${text} is not a calendar date`);
    }
    return { kind: 'effective', date: text };
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(text)) {
    const instant = new Date(text);
    if (Number.isNaN(instant.getTime())) throw new UsageError(`${text} is not an ISO instant`);
    return { kind: 'recorded', instant: instant.toISOString() };
  }
  try {
    store.comparePositions(text, text);
  } catch {
    throw new UsageError(`--until takes a date (2019-10-09), an instant (2024-03-04T09:00:00Z) or a position of this store, not ${text}`);
  }
  return { kind: 'position', position: text };
}

async function replayInto(db: ReadModelDb, store: EventStore, upcasters: Upcasters, until: Until, prefix: string | undefined, onProgress: (n: number) => void) {
  const projector = new Projector(db, PROJECTIONS, upcasters, (a, b) => store.comparePositions(a, b));
  // With a date, a stream stops at its first act effective later: what follows it builds on it.
  const closed = new Set<string>();
  const keep = (event: RecordedEvent): boolean | 'stop' => {
    switch (until.kind) {
      case 'position':
        return store.comparePositions(event.position, until.position) <= 0 || 'stop';
      case 'recorded':
        return (typeof event.metadata.recordedAt === 'string' ? event.metadata.recordedAt : event.committedAt) <= until.instant;
      case 'effective': {
        const effective = event.metadata.effectiveDate;
        if (closed.has(event.streamId) || (typeof effective === 'string' && effective > until.date)) {
          closed.add(event.streamId);
          return false;
        }
        return true;
      }
    }
  };
  let checkpoint = projector.appliedUpTo();
  for await (const page of pagesOf(store, { filter: prefix ? { streamPrefixes: [prefix] } : undefined })) {
    const kept: RecordedEvent[] = [];
    for (const event of page) {
      const verdict = keep(event);
      if (verdict === 'stop') return kept.length ? projector.apply(kept) : checkpoint;
      if (verdict) kept.push(event);
    }
    if (kept.length) checkpoint = projector.apply(kept);
    onProgress(checkpoint.seq);
  }
  return checkpoint;
}

/** The replayed state in brief: each instrument's status and what it awaits, each programme's figures, each commitment. */
function stateOf(db: ReadModelDb, until: Until, checkpoint: { seq: number; position: string | null }) {
  const on = until.kind === 'effective' ? until.date : until.kind === 'recorded' ? until.instant.slice(0, 10) : today();
  const instruments = listInstruments(db, EVERYTHING, {}, { first: 100_000, after: null }).nodes.map(({ node }) => ({
    id: node.id,
    kind: node.kind,
    title: node.title,
    status: node.status,
    awaiting: awaitedSteps(node).map((i) => `${node.pathway[i].body} ${node.pathway[i].action}`),
  }));
  const programmes = listProgrammes(db).map((code) => ({ code, figures: findProgramme(db, code)?.figures.totals ?? {} }));
  const commitments = listCommitments(db, on).map(({ id, body, description, dueDate, status }) => ({ id, body, description, dueDate, status }));
  return {
    until: until.kind === 'effective' ? until.date : until.kind === 'recorded' ? until.instant : until.position,
    applied: checkpoint.seq,
    position: checkpoint.position,
    instruments,
    programmes,
    commitments,
  };
}
