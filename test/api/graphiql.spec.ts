import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { startTestServer, type RunningServer } from '../support/server';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The GraphiQL page in headless Chromium with every request off the server's
 * origin refused: it must load, run a query and show the answer offline.
 * (.ci/run installs Debian's chromium.)
 */
describe('GraphiQL, offline', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (as .ci/run does)`);
    server = await startTestServer();
    const cts = server.token('CTS', 'SECRETARIAT');
    const propose = await server.graphql(
      `mutation { proposeInstrument(input: { instrumentId: "redeployment-plan-2019-2021", kind: "PLAN", title: "Redeployment plan 2019-2021",
        leadBody: CTS, pathway: [{ body: SCDS, action: FINAL_ADOPTION }], effectiveDate: "2019-09-25" }) { position } }`,
      undefined,
      cts,
    );
    expect(propose.errors).toBeUndefined();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads with no internet, runs a query and shows the answer', async () => {
    const context = await browser.newContext({ extraHTTPHeaders: { authorization: `Bearer ${server.token('SCDS', 'LIAISON')}` } });
    const page = await context.newPage();
    const refused: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(server.url)) return route.continue();
      refused.push(url);
      return route.abort('internetdisconnected');
    });
    await page.goto(`${server.url}/graphiql`);
    const run = page.locator('.graphiql-execute-button');
    await run.waitFor({ timeout: 30_000 });
    await run.click();
    await page.getByText('redeployment-plan-2019-2021').first().waitFor({ timeout: 30_000 });
    const answer = await page.locator('.result-window').innerText();
    expect(answer).toContain('FINAL_ADOPTION');
    expect(refused).toEqual([]);
    await context.close();
  }, 90_000);
});
