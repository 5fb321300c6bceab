import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/**
 * One figure of a benchmark: an absolute value, the baseline it is compared
 * with (measured in the same run), the ratio between them, and the target
 * when the issue sets one.
 */
export interface Measure {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number; unit: string };
  /** value / baseline, or as the measure defines it (say so in its name). */
  ratio?: number;
  target?: string;
  met?: boolean;
}

export interface BenchReport {
  /** What was run, in a sentence or two. */
  workload: string;
  /** What it is compared with. */
  baseline: string;
  measures: Measure[];
  /** Anything else worth keeping: settings, counts, sub-figures. */
  details?: Record<string, unknown>;
}

export interface BenchResult extends BenchReport {
  name: string;
  title: string;
  measuredAt: string;
  seconds: number;
}

export interface Benchmark {
  name: string;
  title: string;
  run(context: BenchContext): Promise<BenchReport>;
}

export interface BenchContext {
  /** The shared generated history (generated on first use in this run), projected or not. */
  largeStore: (options?: { projected?: boolean }) => Promise<LargeStore>;
  /** A fresh directory removed at the end of the run. */
  scratchDir: (label: string) => string;
  /** Progress on stderr: stdout carries only the table. */
  log: (line: string) => void;
}

export interface LargeStore {
  dataDir: string;
  events: number;
  seed: number;
  /** Seconds the generator took, when this run generated it. */
  generateSeconds?: number;
}

/** Milliseconds, monotonic, sub-millisecond resolution. */
export const now = (): number => performance.now();

/** Nearest-rank percentile of values (sorted here, not in place). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export const median = (values: readonly number[]): number => percentile(values, 50);
export const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

/** Runs `operation` `count` times one after another; returns the rate and each call's latency. */
export async function timed(count: number, operation: (i: number) => unknown): Promise<{ perSecond: number; latencies: number[]; ms: number }> {
  const latencies = new Array<number>(count);
  const started = now();
  for (let i = 0; i < count; i++) {
    const t = now();
    await operation(i);
    latencies[i] = now() - t;
  }
  const ms = now() - started;
  return { perSecond: (count * 1000) / ms, latencies, ms };
}

/** A measure compared with its baseline: the ratio is value / baseline, for rates and times alike (the name says which). */
export function compared(
  name: string,
  value: number,
  unit: string,
  baseline: { name: string; value: number; unit?: string },
  target?: { text: string; met: (ratio: number, value: number) => boolean },
): Measure {
  const ratio = value / baseline.value;
  return {
    name,
    value,
    unit,
    baseline: { name: baseline.name, value: baseline.value, unit: baseline.unit ?? unit },
    ratio,
    ...(target ? { target: target.text, met: target.met(ratio, value) } : {}),
  };
}

export function absolute(name: string, value: number, unit: string, target?: { text: string; met: (value: number) => boolean }): Measure {
  return { name, value, unit, ...(target ? { target: target.text, met: target.met(value) } : {}) };
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

const formatRatio = (ratio: number | undefined) => (ratio === undefined ? '' : ratio >= 10 ? `${ratio.toFixed(1)}x` : `${ratio.toFixed(2)}x`);

/** The table as plain text (stdout) or as Markdown (docs). */
export function table(results: readonly BenchResult[], markdown = false): string {
  const head = ['benchmark', 'measure', 'value', 'baseline', 'ratio', 'target', 'met'];
  const rows = results.flatMap((result) =>
    result.measures.map((m) => [
      result.name,
      m.name,
      `${formatNumber(m.value)} ${m.unit}`,
      m.baseline ? `${formatNumber(m.baseline.value)} ${m.baseline.unit} (${m.baseline.name})` : '',
      formatRatio(m.ratio),
      m.target ?? '',
      m.met === undefined ? '' : m.met ? 'yes' : 'NO',
    ]),
  );
  if (markdown) {
    const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
    return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const numeric = (i: number) => i === 2 || i === 4;
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Temporary directories of this run, removed at its end unless BENCH_KEEP is set. */
export class ScratchDirs {
  private readonly dirs: string[] = [];

  make(label: string, base = tmpdir()): string {
    const dir = mkdtempSync(join(base, `ddr-bench-${label}-`));
    this.dirs.push(dir);
    return dir;
  }

  removeAll(): void {
    if (process.env.BENCH_KEEP) return;
    for (const dir of this.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}
