import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { appendBenchmark } from './append.bench';
import { bodyViewBenchmark } from './body-view.bench';
import { commandBenchmark } from './command.bench';
import { deskBenchmark } from './desk.bench';
import { graphqlBenchmark } from './graphql.bench';
import { ScratchDirs, now, table, type BenchContext, type BenchResult, type Benchmark } from './harness';
import { LargeStoreFixture } from './large-store';
import { notificationsBenchmark } from './notifications.bench';
import { projectionBenchmark } from './projection.bench';
import { startBenchmark } from './start.bench';
import { timeTravelBenchmark } from './time-travel.bench';

/** In running order: the three that read the generated history come last and share it. */
const BENCHMARKS: Benchmark[] = [
  appendBenchmark,
  commandBenchmark,
  graphqlBenchmark,
  notificationsBenchmark,
  projectionBenchmark,
  timeTravelBenchmark,
  bodyViewBenchmark,
  deskBenchmark,
  startBenchmark,
];
const ALIASES: Record<string, string> = { timetravel: 'time-travel', time_travel: 'time-travel', bodyview: 'body-view' };

/** Source checkout root: dist/bench/run.js is two levels below it. */
const ROOT = join(__dirname, '..', '..');
const RESULTS = join(ROOT, 'bench', 'results', 'latest.json');

function commit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** Merges this run's results into bench/results/latest.json: a benchmark run alone replaces only its own entry. */
function writeResults(
  results: BenchResult[],
  run: { startedAt: string; seconds: number; benchmarks: string[]; loadAverage: { start: number[]; end: number[] } },
): void {
  const previous = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as { results?: Record<string, BenchResult> }) : {};
  const merged = { ...(previous.results ?? {}), ...Object.fromEntries(results.map((r) => [r.name, r])) };
  const ordered = Object.fromEntries(BENCHMARKS.filter((b) => merged[b.name]).map((b) => [b.name, merged[b.name]]));
  const document = {
    updatedAt: new Date().toISOString(),
    commit: commit(),
    machine: {
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      cpus: cpus().length,
      cpu: cpus()[0]?.model ?? null,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
    },
    lastRun: run,
    results: ordered,
  };
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  // Written beside, then renamed: an interrupted run never leaves half a file.
  writeFileSync(`${RESULTS}.tmp`, `${JSON.stringify(document, null, 2)}\n`);
  renameSync(`${RESULTS}.tmp`, RESULTS);
}

async function main(): Promise<number> {
  const names = process.argv.slice(2).map((name) => ALIASES[name] ?? name);
  const unknown = names.filter((name) => !BENCHMARKS.some((b) => b.name === name));
  if (unknown.length > 0) {
    process.stderr.write(`unknown benchmark ${unknown.join(', ')}; usage: npm run bench [-- ${BENCHMARKS.map((b) => b.name).join('|')} ...]\n`);
    return 2;
  }
  const selected = names.length === 0 ? BENCHMARKS : BENCHMARKS.filter((b) => names.includes(b.name));
  const runStarted = now();
  const startedAt = new Date().toISOString();
  // Other work on the machine moves the absolute figures (not the ratios): the load average says how busy it was.
  const loadAtStart = loadavg();
  const log = (line: string) => process.stderr.write(`[bench ${((now() - runStarted) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
  const scratch = new ScratchDirs();
  const fixture = new LargeStoreFixture(scratch, log);
  const context: BenchContext = { largeStore: (options) => fixture.get(options), scratchDir: (label) => scratch.make(label), log };
  const results: BenchResult[] = [];
  const failed: string[] = [];
  try {
    for (const benchmark of selected) {
      const started = now();
      log(`${benchmark.name}: ${benchmark.title}`);
      try {
        const report = await benchmark.run(context);
        results.push({ name: benchmark.name, title: benchmark.title, measuredAt: new Date().toISOString(), seconds: (now() - started) / 1000, ...report });
        log(`${benchmark.name}: done in ${((now() - started) / 1000).toFixed(0)} s`);
      } catch (error) {
        failed.push(benchmark.name);
        log(`${benchmark.name} FAILED: ${(error as Error).stack ?? String(error)}`);
      }
    }
  } finally {
    scratch.removeAll();
  }
  const seconds = (now() - runStarted) / 1000;
  process.stdout.write(`${table(results)}\n\n`);
  process.stdout.write(
    `${results.length} benchmark(s) in ${seconds.toFixed(0)} s${failed.length ? `; FAILED: ${failed.join(', ')}` : ''}; results in ${RESULTS}\n`,
  );
  const loadAverage = { start: loadAtStart.map((l) => Number(l.toFixed(2))), end: loadavg().map((l) => Number(l.toFixed(2))) };
  process.stdout.write(`load average (1, 5, 15 min) at start ${loadAverage.start.join(', ')}, at end ${loadAverage.end.join(', ')}\n`);
  writeResults(results, { startedAt, seconds, benchmarks: results.map((r) => r.name), loadAverage });
  return failed.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
