import { readFileSync } from 'node:fs';

/** Latencies of one time window, and what went wrong in it. */
export class Window {
  readonly latencies: number[] = [];
  readonly errors = new Map<string, number>();

  record(milliseconds: number, error?: string): void {
    this.latencies.push(milliseconds);
    if (error) this.errors.set(error, (this.errors.get(error) ?? 0) + 1);
  }

  percentile(p: number): number {
    return percentile(this.latencies, p);
  }

  get errorCount(): number {
    return [...this.errors.values()].reduce((a, b) => a + b, 0);
  }
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Every latency of the run with when it was measured, to compare parts of the run afterwards. */
export class Latencies {
  private readonly at: number[] = [];
  private readonly took: number[] = [];
  private readonly kind: string[] = [];

  record(atMs: number, tookMs: number, kind: string): void {
    this.at.push(atMs);
    this.took.push(tookMs);
    this.kind.push(kind);
  }

  /** p99 (ms) of the requests (of one kind, or all) made between two instants of the run, in seconds. */
  p99(fromSeconds: number, toSeconds: number, kind?: string): number {
    const within = (i: number) => this.at[i] >= fromSeconds * 1000 && this.at[i] < toSeconds * 1000 && (kind === undefined || this.kind[i] === kind);
    return round(
      percentile(
        this.took.filter((_, i) => within(i)),
        99,
      ),
    );
  }

  /** Each kind of request's p99 early in the run against late in it: which kind slows down as the store grows. */
  kinds(early: [number, number], late: [number, number]): string[] {
    return [...new Set(this.kind)].map((kind) => {
      const [before, after] = [this.p99(...early, kind), this.p99(...late, kind)];
      return `${kind}: p99 ${before} ms then ${after} ms (${before > 0 ? Math.round((after / before) * 100) / 100 : 0}x)`;
    });
  }

  /** The run cut in `parts`, each with the store's size at its end (from the windows) and its p50 and p99. */
  bands(parts: number, windows: ReadonlyArray<{ at: number; events: number }>): string[] {
    const end = (this.at.at(-1) ?? 0) / 1000;
    return Array.from({ length: parts }, (_, part) => {
      const [from, to] = [(end * part) / parts, (end * (part + 1)) / parts];
      const took = this.took.filter((_, i) => this.at[i] >= from * 1000 && this.at[i] < to * 1000);
      const events = windows.filter((row) => row.at <= Math.ceil(to)).at(-1)?.events ?? 0;
      return `${Math.round(from)}-${Math.round(to)} s  store up to ${events} events  p50 ${round(percentile(took, 50))} ms  p99 ${round(percentile(took, 99))} ms`;
    });
  }

  /** The flatness target of a run of ten minutes or more: p99 of its last five minutes against minutes 2 to 5. */
  flatness(seconds: number): { early: number; late: number; ratio: number } | undefined {
    if (seconds < 600) return undefined;
    const early = this.p99(120, 300);
    const late = this.p99(seconds - 300, seconds + 60);
    return { early, late, ratio: early > 0 ? Math.round((late / early) * 100) / 100 : 0 };
  }
}

/** Resident memory of a process in MiB, from /proc (Linux). */
export function residentMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round((kib / 1024) * 10) / 10;
}

/** Least-squares slope of y over x: how fast memory grows, per unit of x. */
export function slope(points: Array<[number, number]>): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const num = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const den = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}
