import Database from 'better-sqlite3';

/**
 * Preloaded (`node -r dist/bench/sql-timing.js ...`) to see where SQLite time
 * goes, which a CPU profile books to the JavaScript caller: every statement's
 * run/get/all/iterate is timed by its SQL text, and the totals are printed to
 * stderr at exit, largest first.
 */
const totals = new Map<string, { calls: number; ns: bigint }>();
const probe = new Database(':memory:');
const prototype = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, (...args: unknown[]) => unknown>;
probe.close();
for (const method of ['run', 'get', 'all', 'iterate']) {
  const original = prototype[method];
  prototype[method] = function (this: { source: string }, ...args: unknown[]) {
    const started = process.hrtime.bigint();
    try {
      return original.apply(this, args);
    } finally {
      const key = this.source.replace(/\s+/g, ' ').trim().slice(0, 100);
      const total = totals.get(key) ?? { calls: 0, ns: 0n };
      total.calls++;
      total.ns += process.hrtime.bigint() - started;
      totals.set(key, total);
    }
  };
}
process.once('exit', () => {
  const rows = [...totals].sort((a, b) => Number(b[1].ns - a[1].ns)).slice(0, 25);
  process.stderr.write('\nSQLite time by statement (ms, calls, µs per call):\n');
  for (const [sql, { calls, ns }] of rows) {
    const ms = Number(ns) / 1e6;
    process.stderr.write(`${ms.toFixed(0).padStart(8)} ${String(calls).padStart(9)} ${((ms * 1000) / calls).toFixed(1).padStart(9)}  ${sql}\n`);
  }
});
