import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { startTestServer, type RunningServer } from '../support/server';

/**
 * GraphiQL as a liaison officer uses it, offline: every request off the server's origin is refused; the token
 * is typed into the Headers tab; the default query runs; the docs explorer shows the schema (introspection
 * answers any caller with a valid token).
 */
describe('GraphiQL, offline, driven as a person does', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    const cts = server.token('CTS', 'SECRETARIAT');
    const propose = await server.graphql(
      `mutation { proposeInstrument(input: { instrumentId: "redeployment-plan-2019-2021", kind: "PLAN", title: "Redeployment plan 2019-2021",
        leadBody: CTS, pathway: [{ body: SCDS, action: FINAL_ADOPTION }], effectiveDate: "2019-09-25" }) { position } }`,
      undefined,
      cts,
    );
    expect(propose.errors).toBeUndefined();
    browser = await launchBrowser();
  }, 120_000);
  // Closing Chromium (it runs as one process here) can take a while on a loaded machine.
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, 60_000);

  /** A page whose every request off the server's origin is refused and remembered, as is every CSP violation. */
  async function offlinePage(): Promise<{ page: Page; refused: string[]; violations: () => Promise<string[]> }> {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
    const violations = () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
    const refused: string[] = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(server.url) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
      refused.push(url);
      return route.abort('internetdisconnected');
    });
    return { page, refused, violations };
  }

  it('is served with the security headers of every HTML page, its scripts from this origin only', async () => {
    const response = await fetch(`${server.url}/graphiql`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await response.text();
    expect(html).not.toMatch(/<script>/);
    const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((match) => match[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      const asset = await fetch(`${server.url}${script}`);
      expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
      // Read to the end: a response left half-read keeps its connection busy, and the server's close waits for it.
      expect((await asset.text()).length).toBeGreaterThan(0);
    }
    const missing = await fetch(`${server.url}/graphiql/assets/nothing.js`);
    expect(missing.status).toBe(404);
    await missing.text();
  });

  it('takes a token typed into the Headers tab, runs the default query and browses the schema', async () => {
    const { page, refused, violations } = await offlinePage();
    await page.goto(`${server.url}/graphiql`);
    await page.locator('.graphiql-execute-button').waitFor({ timeout: 30_000 });

    // The Headers tab, as a person fills it: click into its editor, select what is there, paste the header over it
    // (pasting, like a person with a token on the clipboard; typed keys would meet the editor's auto-closing quotes).
    await page.locator('.graphiql-editor-tools button', { hasText: 'Headers' }).click();
    const headers = page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden)');
    await headers.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(`{"Authorization": "Bearer ${server.token('SCDS', 'LIAISON')}"}`);

    await page.locator('.graphiql-execute-button').click();
    await page.getByText('redeployment-plan-2019-2021').first().waitFor({ timeout: 30_000 });
    const answer = await page.locator('.graphiql-response').innerText();
    expect(answer).toContain('FINAL_ADOPTION');

    // The docs explorer: GraphiQL asked for the schema when the page opened, before the token was there,
    // so fetch it again (the toolbar's button, or Shift-Ctrl-R), then open Query and find its fields.
    await page.getByRole('button', { name: /re-fetch graphql schema/i }).click();
    await page.getByRole('button', { name: /show documentation explorer/i }).click();
    await page.screenshot({ path: '/tmp/gq2.png' });
    const explorer = page.locator('.graphiql-doc-explorer');
    await explorer.getByText('Query', { exact: true }).first().click({ timeout: 30_000 });
    for (const field of ['instrument', 'body', 'programme', 'commitments']) {
      await explorer
        .locator('.graphiql-doc-explorer-field-name', { hasText: new RegExp(`^${field}$`) })
        .first()
        .waitFor({ timeout: 10_000 });
    }
    expect(await explorer.innerText()).not.toMatch(/error fetching schema/i);
    expect(refused).toEqual([]);
    expect(await violations()).toEqual([]);
    await page.close();
  }, 120_000);
});
