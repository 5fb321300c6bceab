import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { SecretariatsModule } from '@ddr/bodies/all';
import { recordMilestone } from '@ddr/coordination/desk';
import { EVENT_STORE, SqliteEventStore, type EventStore } from '@ddr/event-store';
import { EventStoreModule } from '@ddr/event-store/nest';
import type { Actor } from '@ddr/kernel';
import type { CommandOutcome } from '@ddr/decision-runner';
import { implementedInstrument, milestoneEvent } from './bench-events';
import { compared, absolute, percentile, timed, type Benchmark, type Measure } from './harness';

interface Size {
  prior: number;
  streams: number;
  commands: number;
}

/** Commands spread over streams so each stream stays near its size: 10 prior events, 1,000 and 100,000. */
const SIZES: Size[] = [
  { prior: 10, streams: 400, commands: 2_000 },
  { prior: 1_000, streams: 40, commands: 400 },
  { prior: 100_000, streams: 2, commands: 400 },
];
/** Events per transaction when laying down a long stream. */
const CHUNK = 5_000;
const WARMUP = 200;
const CLERK: Actor = { subject: 'cts-clerk', body: 'CTS', role: 'SECRETARIAT' };

/** Lays down `count` instruments in implementation with `prior` events each, through the bulk path. */
async function prepare(store: SqliteEventStore, label: string, count: number, prior: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `cmd-bench-${label}-${i}`);
  if (prior > CHUNK) {
    for (const id of ids) {
      const { streamId, events } = implementedInstrument(id, prior);
      for (let i = 0; i < events.length; i += CHUNK) {
        await store.append(streamId, events.slice(i, i + CHUNK), { expectedRevision: i === 0 ? 'no_stream' : i - 1 });
      }
    }
    return ids;
  }
  for (let i = 0; i < ids.length; i += 50) {
    await store.appendBatch(ids.slice(i, i + 50).map((id) => ({ ...implementedInstrument(id, prior), expectedRevision: 'no_stream' as const })));
  }
  return ids;
}

export const commandBenchmark: Benchmark = {
  name: 'command',
  title: 'The full command path, in process',
  async run({ scratchDir, log }) {
    const dataDir = scratchDir('command');
    // Streams are laid down by a connection of their own, closed before the desks open the file.
    const setup = new SqliteEventStore({ file: join(dataDir, 'events.sqlite') });
    const streams = new Map<number, string[]>();
    const baselineStreams = new Map<number, string[]>();
    for (const size of SIZES) {
      log(`command: preparing ${size.streams} + ${size.streams} streams of ${size.prior} events`);
      streams.set(size.prior, await prepare(setup, `p${size.prior}`, size.streams, size.prior));
      baselineStreams.set(size.prior, await prepare(setup, `b${size.prior}`, size.streams, size.prior));
    }
    const warmup = await prepare(setup, 'warmup', WARMUP, 10);
    await setup.close();

    const app = await NestFactory.createApplicationContext(
      { module: class CommandBenchModule {}, imports: [EventStoreModule.forRoot({ eventStore: 'sqlite', dataDir }), SecretariatsModule] },
      { logger: ['error'] },
    );
    const bus = app.get(CommandBus);
    const store = app.get<EventStore>(EVENT_STORE);
    let milestone = 0;
    const send = (instrumentId: string) =>
      bus.execute<InstanceType<typeof recordMilestone.busCommand>, CommandOutcome>(
        new recordMilestone.busCommand(
          { instrumentId, effectiveDate: '2020-01-02', milestone: `milestone ${++milestone}`, count: milestone % 500, place: 'Kidal' },
          CLERK,
        ),
      );
    const measures: Measure[] = [];
    const details: Record<string, unknown> = {};
    try {
      log(`command: ${WARMUP} warm-up commands`);
      await timed(WARMUP, (i) => send(warmup[i]));
      for (const size of SIZES) {
        const ids = streams.get(size.prior)!;
        const baseIds = baselineStreams.get(size.prior)!;
        const revisions = new Map(baseIds.map((id) => [id, size.prior - 1]));
        // The first command on a stream after a start folds it whole (or from its stored snapshot): timed apart.
        const first = await timed(ids.length, (i) => send(ids[i]));
        measures.push(
          absolute(`first command on a stream of ${size.prior.toLocaleString('en')} events (p50, whole fold)`, percentile(first.latencies, 50), 'ms'),
        );
        log(`command: ${size.commands} commands on streams of ${size.prior} events, and as many bare appends`);
        // Interleaved halves, so drift in the machine falls on both.
        const half = size.commands / 2;
        const cmdLatencies: number[] = [];
        const appendLatencies: number[] = [];
        let cmdMs = 0;
        let appendMs = 0;
        for (const part of [0, 1]) {
          const commands = await timed(half, (i) => send(ids[(part * half + i) % ids.length]));
          const appends = await timed(half, async (i) => {
            const id = baseIds[(part * half + i) % baseIds.length];
            const revision = revisions.get(id)!;
            await store.append(`instrument-${id}`, [milestoneEvent(id, revision + 1)], { expectedRevision: revision });
            revisions.set(id, revision + 1);
          });
          cmdLatencies.push(...commands.latencies);
          appendLatencies.push(...appends.latencies);
          cmdMs += commands.ms;
          appendMs += appends.ms;
        }
        const perSecond = (size.commands * 1000) / cmdMs;
        const appendPerSecond = (size.commands * 1000) / appendMs;
        measures.push(
          compared(`commands/s, streams of ${size.prior.toLocaleString('en')} events`, perSecond, 'cmd/s', {
            name: 'bare port append of one event',
            value: appendPerSecond,
            unit: 'appends/s',
          }),
          compared(`p50 latency, streams of ${size.prior.toLocaleString('en')}`, percentile(cmdLatencies, 50), 'ms', {
            name: 'bare append p50',
            value: percentile(appendLatencies, 50),
          }),
          compared(`p99 latency, streams of ${size.prior.toLocaleString('en')}`, percentile(cmdLatencies, 99), 'ms', {
            name: 'bare append p99',
            value: percentile(appendLatencies, 99),
          }),
        );
        details[`prior${size.prior}`] = { ...size, perSecond, appendPerSecond, cmdMs, appendMs };
      }
      const [small, ...larger] = SIZES.map((size) => details[`prior${size.prior}`] as { perSecond: number; prior: number });
      for (const large of larger) {
        measures.push(
          absolute(`${large.prior.toLocaleString('en')}-event streams vs 10-event streams (cmd/s ratio)`, large.perSecond / small.perSecond, 'x', {
            text: '>= 0.8x',
            met: (ratio) => ratio >= 0.8,
          }),
        );
      }
    } finally {
      await app.close();
    }
    return {
      workload:
        'RecordMilestone commands sent one at a time on the CommandBus with a CTS secretariat actor, as the GraphQL mutation sends them: ' +
        'input validation (class-validator), authorisation (desk and role), load and fold of the stream, decide, append (SQLite, synchronous=FULL). ' +
        SIZES.map((s) => `${s.commands} commands over ${s.streams} instruments of ${s.prior} prior events`).join('; ') +
        `; after ${WARMUP} warm-up commands, and one command per stream first (the whole fold, reported apart). ` +
        `Streams of 100,000 events are laid down ${CHUNK.toLocaleString('en')} events per append.`,
      baseline:
        'in the same process and file: one pre-built MilestoneReached event appended through the port with its exact expected revision, on streams of the same size, interleaved with the commands.',
      measures,
      details,
    };
  },
};
