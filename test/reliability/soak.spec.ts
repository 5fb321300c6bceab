import { spawnSync } from 'node:child_process';
import { built } from '../support/built';

/** `npm run soak` end to end, briefly: load, one SIGKILL and restart, and its final checks. */
describe('the soak, in brief', () => {
  it('runs, reports every window, and passes its own checks', () => {
    const run = spawnSync(process.execPath, [built('apps/soak/src/main.js'), '--seconds', '12', '--rate', '30', '--kill-every', '5', '--window', '2'], {
      encoding: 'utf8',
      timeout: 90_000,
      env: { ...process.env, NODE_ENV: 'development' },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.match(/requests .* store \d+ events/g)?.length).toBeGreaterThanOrEqual(4);
    // Latency against the store's size: the run in tenths, each with how large the store had grown.
    expect(run.stdout.match(/store up to \d+ events\s+p50 [\d.]+ ms\s+p99 [\d.]+ ms/g)?.length).toBe(10);
    // And each kind of request early against late: the writes and every kind of read in the mix.
    for (const kind of ['write', 'body view', 'awaiting next page', 'instruments next page', 'instrument', 'known at, as of', 'other lists']) {
      expect(run.stdout).toMatch(new RegExp(`\\n  ${kind}: p99 [\\d.]+ ms then [\\d.]+ ms \\([\\d.]+x\\)`));
    }
    expect(run.stdout).toMatch(/every one in the log exactly once; read model equals a rebuild; memory steady/);
  }, 120_000);
});
