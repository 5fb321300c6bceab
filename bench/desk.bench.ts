import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TokenService } from '@ddr/access';
import { SqliteEventStore } from '@ddr/event-store';
import { writeGeneratedHistory } from '../apps/cli/src/commands/generate';
import { launchBrowser } from '../test/support/browser';
import { SMALL_EVENTS } from './body-view.bench';
import { compared, now, percentile, type Benchmark } from './harness';
import { BENCH_JWT_SECRET, DIST, settled, startApi, type RunningProcess } from './processes';

const ROUNDS = 5;
/** Per store and round: this many navigations to My body, one at a time. */
const ROUND_VISITS = 6;
/** Issue 17: the desk's JavaScript, gzipped, stays under this. */
const BUDGET_BYTES = 300 * 1024;

/**
 * The desk as a clerk opens it: a headless Chromium navigates to My body, signed in, and the time runs until the
 * page's list is rendered (its answer, with the read model's position, is on the page).
 */
export const deskBenchmark: Benchmark = {
  name: 'desk',
  title: 'The desk: My body usable (its list rendered) after navigation on the large history against a small one; its JavaScript gzipped',
  async run({ largeStore, scratchDir, log }) {
    const smallDir = scratchDir('desk-small');
    log(`desk: generating ${SMALL_EVENTS.toLocaleString('en')} events for the small store`);
    const setup = new SqliteEventStore({ file: join(smallDir, 'events.sqlite'), synchronous: 'NORMAL' });
    await writeGeneratedHistory(setup, { events: SMALL_EVENTS, seed: 1 });
    await setup.close();
    const large = await largeStore({ projected: true });
    const token = new TokenService(BENCH_JWT_SECRET).issue({ subject: 'cts-bench', body: 'CTS', role: 'SECRETARIAT', ttlSeconds: 3_600 });
    const stores: Array<{ name: string; events: number; api: RunningProcess; visits: number[] }> = [];
    const browser = await launchBrowser();
    try {
      for (const [name, dataDir, events] of [
        ['small', smallDir, SMALL_EVENTS],
        ['large', large.dataDir, large.events],
      ] as const) {
        log(`desk: starting the API on the ${name} store (${events.toLocaleString('en')} events)`);
        // It projects the small history at its start; on a loaded machine that takes minutes.
        const api = await startApi(dataDir, {}, 600_000);
        await settled(api.child.pid!);
        stores.push({ name, events, api, visits: [] });
      }
      const context = await browser.newContext({ serviceWorkers: 'block' });
      await context.addInitScript((signed) => localStorage.setItem('desk.token', signed), token);
      const page = await context.newPage();
      for (let round = 0; round < ROUNDS; round++) {
        for (const store of stores) {
          for (let i = 0; i < ROUND_VISITS; i++) {
            await page.goto('about:blank');
            const started = now();
            await page.goto(`${store.api.url}/#/body/CTS`);
            await page.locator('main .answered-at').waitFor({ timeout: 30_000 });
            store.visits.push(now() - started);
          }
        }
      }
      await context.close();
    } finally {
      await browser.close();
      await Promise.all(stores.map((store) => store.api.stop()));
    }
    const [small, big] = stores;
    const size = JSON.parse(readFileSync(join(DIST, 'desk', 'size.json'), 'utf8')) as { gzipBytes: number; files: Record<string, number> };
    return {
      workload:
        `Headless Chromium (@sparticuz/chromium) navigates from about:blank to /#/body/CTS, signed in as the CTS secretariat, ${ROUNDS} alternating rounds of ` +
        `${ROUND_VISITS} per store, until the page shows its lists' answer; the API on a generated history of ${small.events.toLocaleString('en')} events and on one of ` +
        `${big.events.toLocaleString('en')}, each projected before its /health answers 200. The desk's JavaScript is measured by the build (dist/desk/size.json).`,
      baseline: `the same navigation on the ${small.events.toLocaleString('en')}-event history, in the same rounds; for the size, the issue's budget.`,
      measures: [
        compared(`My body usable after navigation p99, ${big.events.toLocaleString('en')} events`, percentile(big.visits, 99), 'ms', {
          name: `${small.events.toLocaleString('en')} events p99`,
          value: percentile(small.visits, 99),
        }),
        {
          name: `My body usable after navigation p50, ${big.events.toLocaleString('en')} events`,
          value: percentile(big.visits, 50),
          unit: 'ms',
          target: '<= 1500 ms',
          met: percentile(big.visits, 50) <= 1500,
        },
        { name: "the desk's JavaScript, gzipped", value: size.gzipBytes, unit: 'bytes', target: `< ${BUDGET_BYTES} bytes`, met: size.gzipBytes < BUDGET_BYTES },
      ],
      details: {
        files: size.files,
        ...Object.fromEntries(
          stores.map((store) => [
            store.name,
            { events: store.events, visits: store.visits.length, p50: percentile(store.visits, 50), p99: percentile(store.visits, 99) },
          ]),
        ),
      },
    };
  },
};
