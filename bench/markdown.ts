import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { table, type BenchResult } from './harness';

/** Prints bench/results/latest.json as the Markdown table docs/benchmarks.md carries. */
const file = join(__dirname, '..', '..', 'bench', 'results', 'latest.json');
const latest = JSON.parse(readFileSync(file, 'utf8')) as {
  updatedAt: string;
  commit: string | null;
  machine: Record<string, unknown>;
  results: Record<string, BenchResult>;
};
process.stdout.write(`${table(Object.values(latest.results), true)}\n`);
