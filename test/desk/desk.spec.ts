import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { ROOT } from '../support/built';
import { startTestServer, type RunningServer } from '../support/server';

/** Screenshots of every page in both languages, for review (gitignored). */
const SHOTS = join(ROOT, 'test/desk/screenshots');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const PAGES = [
  'body',
  'body/CNDDR',
  'body/INTEGRATION_COMMISSION',
  'body/MOC',
  'instrument/redeployment-plan-2019-2021',
  'programme',
  'commitments',
  'grades',
  'meetings',
  'timeline',
  'delays',
  'record',
  'verification',
];

/**
 * The desk in a real browser, driven as a clerk does, on a server that loaded the brief's history at its first
 * start. Service workers are blocked except in the offline test, so that every request the page makes passes the
 * route below, which refuses and remembers anything off the server's origin.
 */
describe('the desk, in a browser, in French first', () => {
  let server: RunningServer;
  let browser: Browser;
  const offOrigin: string[] = [];
  const cspViolations: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startTestServer({ FIRST_START_SCENARIO: join(ROOT, 'scenarios/mali-2015-2019.yaml'), LEDGER_CHECKPOINT_INTERVAL_MS: '1000' });
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, 60_000);
  afterEach(() => {
    expect(offOrigin).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  async function open(
    options: { bypassCSP?: boolean; width?: number; serviceWorkers?: 'allow' | 'block' } = {},
  ): Promise<{ context: BrowserContext; page: Page; sockets: string[] }> {
    const context = await browser.newContext({
      viewport: { width: options.width ?? 1280, height: 900 },
      serviceWorkers: options.serviceWorkers ?? 'block',
      bypassCSP: options.bypassCSP ?? false,
    });
    const origin = new URL(server.url);
    context.on('request', (request) => {
      const url = new URL(request.url());
      if (url.host !== origin.host && !['data:', 'blob:'].includes(url.protocol)) offOrigin.push(request.url());
    });
    await context.route('**/*', (route) => (new URL(route.request().url()).host === origin.host ? route.continue() : route.abort('internetdisconnected')));
    const page = await context.newPage();
    // The events subscription's WebSocket is no `request`: its address is checked on its own.
    const sockets: string[] = [];
    page.on('websocket', (socket) => {
      sockets.push(socket.url());
      if (new URL(socket.url()).host !== origin.host) offOrigin.push(socket.url());
    });
    // Chromium reports what the page's Content-Security-Policy refused on the console.
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/.test(message.text())) cspViolations.push(message.text());
    });
    return { context, page, sockets };
  }

  async function signIn(page: Page, body: string, role: string): Promise<void> {
    await page.goto(server.url);
    await page.getByLabel(/^(Jeton|Token)$/).fill(server.token(body as never, role as never));
    await page.getByRole('button', { name: /^(Se connecter|Sign in)$/ }).click();
    await page.getByRole('navigation').waitFor();
  }

  /** Until every part of the page has its answer: a page may read more than one query (a breakdown, a body's own view). */
  async function loaded(page: Page): Promise<void> {
    await page.waitForFunction(
      () => ![...document.querySelectorAll('main [role="status"]')].some((status) => /Chargement|Loading/.test(status.textContent ?? '')),
    );
  }

  it('is served at / with the security headers of every HTML page, its script from this origin', async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'.*script-src 'self';.*frame-ancestors 'none'/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await response.text();
    expect(html).toContain('<script type="module" src="/desk/desk.js">');
    expect(html).not.toMatch(/<script>|https?:\/\//);
    const script = await fetch(`${server.url}/desk/desk.js`);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await script.text()).length).toBeGreaterThan(1000);
    const missing = await fetch(`${server.url}/desk/nothing.js`);
    expect(missing.status).toBe(404);
    await missing.text();
  });

  it("after a fresh start, the SCDS's page shows the redeployment plan awaited since 25 September 2019, in French", async () => {
    const { context, page } = await open();
    await signIn(page, 'SCDS', 'SECRETARIAT');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.getByRole('heading', { name: 'Ce qui attend SCDS' }).waitFor();
    const plan = page.getByRole('listitem').filter({ hasText: 'Plan (2019-2021) for the progressive redeployment of MOC ex-combatants' });
    await expect(plan.innerText()).resolves.toMatch(/SCDS · adoption finale · en attente depuis le 25 septembre 2019 \(\d[\d\s\u202f]* jours\)/);
    // Who is signed in, and what the role may do: a secretariat records, only an auditor verifies.
    await expect(page.locator('.who').innerText()).resolves.toContain('scds-secretariat · SCDS · secrétariat');
    await expect(page.getByRole('link', { name: 'Enregistrer un acte' }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'Vérification' }).count()).resolves.toBe(0);
    await expect(page.locator('.answered-at').innerText()).resolves.toMatch(/^Modèle de lecture à la position \d+ · situation au \d+ \S+ \d{4}$/);
    await context.close();
  }, 120_000);

  it('writes a date the brief gives only as a month or a year as the brief gives it, not as its first day', async () => {
    const { context, page } = await open();
    await signIn(page, 'CSA', 'SECRETARIAT');
    await page.goto(`${server.url}/#/instrument/moc-deployment-agreement-2016`);
    await loaded(page);
    // The summary and the pathway, where the acts are read; the history below lists the dates as stored.
    const read = page.locator('main h1 + p, main .pathway');
    const text = async () => (await read.allInnerTexts()).join('\n');
    await expect(text()).resolves.toContain('proposé en juillet 2016 · ');
    await expect(page.locator('.pathway .step').first().innerText()).resolves.toMatch(/\bjuillet 2016\b/);
    await expect(text()).resolves.not.toContain('1 juillet 2016');
    await page.goto(`${server.url}/#/instrument/algiers-agreement-2015`);
    await loaded(page);
    await expect(text()).resolves.toContain('proposé en 2015 · ');
    await expect(text()).resolves.not.toContain('1 janvier 2015');
    await context.close();
  }, 120_000);

  it("shows a condition's deadline, and that it passed unmet", async () => {
    const set = await server.graphql(
      'mutation($input: SetConditionInput!) { setCondition(input: $input) { position } }',
      {
        input: {
          conditionId: 'desk-tranche-3-after-decree',
          title: 'The third tranche waits for the decree',
          subject: 'ADDR-I T3',
          requires: [{ kind: 'INSTRUMENT_STATUS', instrumentId: 'algiers-agreement-2015', status: 'IMPLEMENTED' }],
          dueDate: '2019-12-31',
          effectiveDate: '2019-10-09',
          sourceRef: 'test',
        },
      },
      server.token('CNDDR', 'SECRETARIAT'),
    );
    expect(set.errors).toBeUndefined();
    const { context, page } = await open();
    await signIn(page, 'CNDDR', 'SECRETARIAT');
    await page.goto(`${server.url}/#/commitments`);
    await loaded(page);
    const condition = page.getByRole('listitem').filter({ hasText: 'The third tranche waits for the decree' });
    await expect(condition.innerText()).resolves.toContain('non remplie · en retard : échéance le 31 décembre 2019');
    await context.close();
  }, 120_000);

  it('signs out, and a liaison officer sees no form', async () => {
    const { context, page } = await open();
    await signIn(page, 'CTS', 'LIAISON');
    await expect(page.getByRole('link', { name: 'Enregistrer un acte' }).count()).resolves.toBe(0);
    await page.goto(`${server.url}/#/record`);
    await page.getByRole('heading', { name: 'Ce qui attend CTS' }).waitFor();
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('heading', { name: 'Se connecter' }).waitFor();
    await expect(page.evaluate(() => localStorage.getItem('desk.token'))).resolves.toBeNull();
    await context.close();
  }, 120_000);

  it('signs in from the link `ddr token` prints, and takes the token out of the address at once', async () => {
    const { context, page } = await open();
    await page.goto(`${server.url}/#token=${server.token('CSA', 'LIAISON')}`);
    await page.getByRole('heading', { name: 'Ce qui attend CSA' }).waitFor();
    expect(page.url()).toBe(`${server.url}/`);
    await context.close();
  }, 120_000);

  it('signs in from the keyboard alone', async () => {
    const { context, page } = await open();
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Se connecter' }).waitFor();
    for (let tab = 0; tab < 6 && (await page.evaluate(() => document.activeElement?.id)) !== 'token'; tab++) await page.keyboard.press('Tab');
    await page.keyboard.insertText(server.token('MOC', 'LIAISON'));
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Ce qui attend MOC' }).waitFor();
    // The new page's heading has the focus, so a screen reader announces where the reader is.
    await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('H1');
    await context.close();
  }, 120_000);

  it('shows what another body records, live, without a reload', async () => {
    const { context, page, sockets } = await open();
    await signIn(page, 'SCDS', 'LIAISON');
    await page.locator('.answered-at').waitFor();
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    const proposed = await server.graphql(
      `mutation { proposeInstrument(input: { instrumentId: "moc-camp-roster-2019", kind: "PLAN", title: "MOC camp roster for Gao", leadBody: CTS,
        pathway: [{ body: SCDS, action: FINAL_ADOPTION }], effectiveDate: "2019-11-04", sourceRef: "CTS secretariat" }) { position } }`,
      undefined,
      server.token('CTS', 'SECRETARIAT'),
    );
    expect(proposed.errors).toBeUndefined();
    await page.getByRole('link', { name: 'MOC camp roster for Gao' }).waitFor({ timeout: 20_000 });
    await expect(page.locator('.live').innerText()).resolves.toMatch(/^Mis à jour en direct \(position \d+\)$/);
    await expect(page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).resolves.toBe(true);
    expect(sockets).toEqual([`${server.url.replace('http', 'ws')}/graphql`]);
    await context.close();
  }, 120_000);

  it('switches to English and remembers it; dates and numbers follow the language', async () => {
    const { context, page } = await open();
    await signIn(page, 'SCDS', 'LIAISON');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'What awaits SCDS' }).waitFor();
    await expect(page.locator('.queue').first().innerText()).resolves.toContain('waiting since 25 September 2019');
    await page.reload();
    await page.getByRole('heading', { name: 'What awaits SCDS' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.goto(`${server.url}/#/programme`);
    await page.locator('.figures').waitFor();
    await expect(page.locator('.figures').innerText()).resolves.toMatch(/Trained\s+1,006/);
    // The chart's time axis ends at the last report, not today: the 2018-2019 points are not squeezed.
    await expect(page.locator('.chart svg text.axis').last().textContent()).resolves.toMatch(/ 2019$/);
    await page.getByRole('button', { name: 'Français' }).click();
    await expect(page.locator('.figures').innerText()).resolves.toMatch(/Formés\s+1\u202f006/);
    await context.close();
  }, 120_000);

  it('opens a page as of a past date, and says the date it answers for', async () => {
    const { context, page } = await open();
    await signIn(page, 'CNDDR', 'LIAISON');
    await page.goto(`${server.url}/#/programme`);
    await page.getByLabel('Situation au').fill('2019-01-15');
    await page.getByRole('button', { name: 'Afficher' }).click();
    await page.waitForURL(/asOf=2019-01-15/);
    await page.locator('.answered-at', { hasText: /situation au 15 janvier 2019$/ }).waitFor();
    await expect(page.locator('.figures').innerText()).resolves.toMatch(/Formés\s+0/);
    await page.goto(`${server.url}/#/instrument/redeployment-plan-2019-2021?asOf=2019-09-01`);
    await page.getByRole('heading', { name: /Aucun instrument/ }).waitFor();
    // The SCDS's queue as it stood on 1 October 2019: the plan, six days after CTS-41.
    await page.goto(`${server.url}/#/body/SCDS?asOf=2019-10-01`);
    await page.locator('.answered-at', { hasText: /situation au 1 octobre 2019$/ }).waitFor();
    await expect(page.locator('.queue').first().innerText()).resolves.toMatch(/en attente depuis le 25 septembre 2019 \(6 jours\)/);
    // Who kept decisions waiting up to the end of 2019, slowest first: the SCDS's final adoption after CTS-41 among them.
    await page.goto(`${server.url}/#/delays?from=2015-01-01&to=2019-12-31`);
    await page.locator('.answered-at', { hasText: /situation au 31 décembre 2019$/ }).waitFor();
    await expect(page.locator('table').nth(1).innerText()).resolves.toContain('CTS vers SCDS');
    // Grades as of the end of 2019: the CNDDR's registration commitment graded intermediate on 2 September 2019.
    await page.goto(`${server.url}/#/grades?asOf=2019-12-31`);
    await page.locator('.answered-at', { hasText: /situation au 31 décembre 2019$/ }).waitFor();
    await expect(page.locator('main').innerText()).resolves.toContain('2 · intermédiaire · par CNDDR, le 2 septembre 2019');
    await context.close();
  }, 120_000);

  it('refuses a form as the API does, in French, then records it corrected', async () => {
    const { context, page } = await open();
    await signIn(page, 'SCDS', 'SECRETARIAT');
    await page.getByRole('link', { name: 'Enregistrer un acte' }).click();
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Décision sur une étape' }) });
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(form.locator('.problem').count()).resolves.toBeGreaterThanOrEqual(4);
    await form.getByLabel(/^Instrument/).fill('integration-quota');
    await form.getByLabel(/^Organe/).selectOption('SCDS');
    await form.getByLabel(/^Action/).selectOption('APPROVE');
    await form.getByLabel(/^Issue/).selectOption('APPROVED');
    // A date in the future passes the form but not the API's validation: its refusal names the field in French.
    await form.getByLabel(/^Date effective/).fill('2099-11-20');
    await form.getByLabel(/^Réunion/).fill('SCDS 12');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(form.locator('.problem').allInnerTexts()).resolves.toEqual(["une réunion s'écrit ORGANE-numéro, ex. CTS-41"]);
    await form.getByLabel(/^Réunion/).fill('SCDS-12');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await form.getByRole('alert').waitFor();
    await expect(form.getByRole('alert').innerText()).resolves.toBe(
      'Saisie refusée :\nDate effective : doit être une date réelle (AAAA-MM-JJ), pas dans le futur',
    );
    await form.getByLabel(/^Date effective/).fill('2019-11-20');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await form.locator('[role="alert"]', { hasText: 'parcours' }).waitFor();
    // The awaited step is the SCDS's final adoption, not an approval: the API refuses, and nothing is recorded.
    await expect(form.getByRole('alert').innerText()).resolves.toBe("Saisie refusée : integration-quota n'a pas d'étape SCDS · approbation dans son parcours");
    await form.getByLabel(/^Action/).selectOption('FINAL_ADOPTION');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await form.getByText('Acte enregistré.').waitFor();
    const after = await server.graphql(`{ instrument(id: "integration-quota") { status awaiting { body } } }`, undefined, server.token('SCDS', 'LIAISON'));
    expect(after.data?.instrument.awaiting).toBeNull();
    await context.close();
  }, 120_000);

  it('keeps a send made while the server cannot be reached, and records it once when the connection returns', async () => {
    const cts = server.token('CTS', 'SECRETARIAT');
    const made = await server.graphql(
      `mutation { makeCommitment(input: { commitmentId: "cts-roster-review", body: CTS, description: "Review the MOC camp rosters", dueDate: "2019-12-31",
        effectiveDate: "2019-11-04", sourceRef: "CTS secretariat" }) { position } }`,
      undefined,
      cts,
    );
    expect(made.errors).toBeUndefined();
    const { context, page } = await open();
    await signIn(page, 'CTS', 'SECRETARIAT');
    await page.goto(`${server.url}/#/record/noteCommitmentProgress`);
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Note sur un engagement' }) });
    // The first send reaches the server but its answer is lost; later ones do not get through at all.
    let sends = 0;
    await context.route('**/graphql', async (route) => {
      if (route.request().method() !== 'POST' || !route.request().postData()?.includes('noteCommitmentProgress')) return route.continue();
      sends += 1;
      if (sends === 1) await route.fetch();
      return route.abort('internetdisconnected');
    });
    await form.getByLabel(/^Engagement/).fill('cts-roster-review');
    await form.getByLabel(/^Note/).first().fill('Rosters of Gao received');
    await form.getByLabel(/^Date effective/).fill('2019-11-10');
    await form.getByRole('button', { name: 'Enregistrer' }).click();
    await form.getByText(/l'acte est conservé sur cet appareil/).waitFor();
    await page.reload();
    await page.getByText(/1 envoi\(s\) en attente/).waitFor();
    await context.unroute('**/graphql');
    await page.getByText('Envoi en attente enregistré : Note sur un engagement').waitFor({ timeout: 20_000 });
    await page.getByText('Aucun envoi en attente.').waitFor();
    // The lost send, and at least the retry the reloaded page made while the connection was still down.
    expect(sends).toBeGreaterThanOrEqual(2);
    const notes = await server.graphql(`{ commitments(body: CTS, first: 100) { id notes { note } } }`, undefined, cts);
    const commitment = notes.data?.commitments.find((candidate: { id: string }) => candidate.id === 'cts-roster-review');
    expect(commitment.notes.map((note: { note: string }) => note.note)).toEqual(['Rosters of Gao received']);
    await context.close();
  }, 120_000);

  it('checks an inclusion proof in the browser, for an auditor', async () => {
    const auditor = server.token('CSA', 'AUDITOR');
    const history = await server.graphql(`{ instrument(id: "redeployment-plan-2019-2021") { history { id type } } }`, undefined, auditor);
    const decided = history.data?.instrument.history.find((event: { type: string }) => event.type === 'StepDecided');
    const { context, page } = await open();
    await signIn(page, 'CSA', 'AUDITOR');
    await page.getByRole('link', { name: 'Vérification' }).click();
    await page.getByLabel("Identifiant de l'événement").fill(decided.id, { timeout: 30_000 });
    await page.getByRole('button', { name: 'Vérifier dans le navigateur' }).click();
    await page.getByText("VALIDE : l'événement est dans le registre signé.").waitFor({ timeout: 20_000 });
    await context.close();
  }, 120_000);

  /** The file a download button saves, read from the browser's download, and the address it was fetched from. */
  async function downloaded(page: Page, button: string | RegExp): Promise<{ lines: string[]; url: string }> {
    const fetched = page.waitForRequest((request) => new URL(request.url()).pathname.startsWith('/exports/'));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
    const path = await download.path();
    const request = await fetched;
    expect(request.headers().authorization).toMatch(/^Bearer /);
    return {
      lines: readFileSync(path, 'utf8')
        .replace(/^\uFEFF/, '')
        .split('\r\n'),
      url: request.url(),
    };
  }

  it("downloads the page's lists as CSV, with the token and the page's date, headers in French", async () => {
    const { context, page } = await open();
    await signIn(page, 'SCDS', 'LIAISON');
    await page.goto(`${server.url}/#/body/SCDS?asOf=2019-10-01`);
    await page.locator('.answered-at', { hasText: /situation au 1 octobre 2019$/ }).waitFor();
    const awaiting = await downloaded(page, /^Télécharger \(CSV\) : En attente de notre décision/);
    expect(new URL(awaiting.url).search).toBe('?lang=fr&body=SCDS&asOf=2019-10-01');
    expect(awaiting.lines[0]).toMatch(/^Instrument,Titre,Type,Organe chef de file,Statut,En attente de,Étape,En attente depuis,Jours d’attente,/);
    expect(awaiting.lines.find((line) => line.startsWith('redeployment-plan-2019-2021,'))).toContain(',SCDS,FINAL_ADOPTION,2019-09-25,6,');
    await page.goto(`${server.url}/#/programme?asOf=2019-10-01`);
    await page.locator('.figures').waitFor();
    const breakdown = await downloaded(page, 'Télécharger (CSV) : ADDR-I par mouvement');
    expect(new URL(breakdown.url).search).toBe('?lang=fr&code=ADDR-I&by=MOVEMENT&asOf=2019-10-01');
    expect(breakdown.lines[0]).toBe('Chiffre,Total,Catégorie,Nombre,Non ventilés par catégorie');
    expect(breakdown.lines[1]).toBe('registered,1840,,,1840');
    await context.close();
  }, 120_000);

  it("shows ADDR-I's breakdowns as of the page's date, and each body's own view", async () => {
    // A second tranche, registered by movement after the brief's figures: the categories appear from its date on.
    const cnddr = server.token('CNDDR', 'SECRETARIAT');
    const registered = await server.graphql(
      `mutation { registerTranche(input: { programme: "ADDR-I", tranche: "T2", count: 100, effectiveDate: "2019-11-01", sourceRef: "CNDDR secretariat",
          breakdown: [{ by: MOVEMENT, category: "CMA", count: 60 }, { by: MOVEMENT, category: "PLATFORM", count: 30 }] }) { position } }`,
      undefined,
      cnddr,
    );
    expect(registered.errors).toBeUndefined();
    const { context, page } = await open();
    await signIn(page, 'CNDDR', 'LIAISON');
    const rows = async (caption: string) =>
      page
        .locator('table', { has: page.locator('caption', { hasText: caption }) })
        .locator('tbody tr')
        .allInnerTexts();
    await page.goto(`${server.url}/#/programme?asOf=2019-10-01`);
    await page.locator('table caption', { hasText: 'ADDR-I par mouvement' }).waitFor();
    await expect(rows('ADDR-I par mouvement')).resolves.toEqual([
      'Non ventilés\t1\u202f840\t1\u202f840\t1\u202f006\t1\u202f006\t0',
      'Total\t1\u202f840\t1\u202f840\t1\u202f006\t1\u202f006\t0',
    ]);
    await page.goto(`${server.url}/#/programme`);
    await page.locator('table tbody tr', { hasText: 'Plateforme' }).waitFor();
    await expect(rows('ADDR-I par mouvement')).resolves.toEqual([
      'CMA\t60\t0\t0\t0\t0',
      'Plateforme\t30\t0\t0\t0\t0',
      'Non ventilés\t1\u202f850\t1\u202f840\t1\u202f006\t1\u202f006\t0',
      'Total\t1\u202f940\t1\u202f840\t1\u202f006\t1\u202f006\t0',
    ]);
    await page.getByLabel('Ventiler par').selectOption('RANK');
    await page.locator('table caption', { hasText: 'ADDR-I par grade' }).waitFor();
    // The CNDDR's registration, the Integration Commission's integrated by rank, the MOC's camps.
    await page.goto(`${server.url}/#/body/CNDDR`);
    await page.getByRole('heading', { name: 'Enregistrement (ADDR-I)' }).waitFor();
    await page.locator('table caption', { hasText: 'ADDR-I : enregistrés par mouvement' }).waitFor();
    await expect(
      page
        .locator('section', { has: page.getByRole('heading', { name: 'Enregistrement (ADDR-I)' }) })
        .locator('.figures')
        .innerText(),
    ).resolves.toMatch(/Candidats éligibles annoncés\s+63\u202f000\s+Enregistrés\s+1\u202f940/);
    await expect(rows('ADDR-I : enregistrés par mouvement')).resolves.toEqual(['CMA\t60', 'Plateforme\t30', 'Non ventilés\t1\u202f850', 'Total\t1\u202f940']);
    await page.goto(`${server.url}/#/body/INTEGRATION_COMMISSION?asOf=2019-10-01`);
    await page.getByRole('heading', { name: 'Intégration par grade (ADDR-I)' }).waitFor();
    await page.locator('table caption', { hasText: 'ADDR-I : intégrés par grade' }).waitFor();
    await expect(rows('ADDR-I : intégrés par grade')).resolves.toEqual(['Non ventilés\t1\u202f006', 'Total\t1\u202f006']);
    await page.goto(`${server.url}/#/body/MOC?asOf=2018-01-01`);
    await page.getByRole('heading', { name: 'Camps du MOC et patrouilles mixtes' }).waitFor();
    await page.locator('table caption', { hasText: 'Camps et patrouilles mixtes' }).waitFor();
    // As of January 2018 only Gao's camp stood; Timbuktu and Kidal came in May 2018.
    await expect(rows('Camps et patrouilles mixtes')).resolves.toEqual([expect.stringMatching(/^Gao\t1 janvier 2017\t/)]);
    await context.close();
  }, 120_000);

  it('fits a 360 px phone and prints My body as a one-page brief, its own view included, without its buttons', async () => {
    const { context, page } = await open({ width: 360 });
    await signIn(page, 'SCDS', 'SECRETARIAT');
    await page.locator('.queue').first().waitFor();
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(360);
    await page.screenshot({ path: join(SHOTS, 'body-fr-360.png'), fullPage: true });
    // The pages with tables: a table scrolls inside itself, the page never sideways.
    for (const [path, ready] of [
      ['body/CNDDR', 'ADDR-I : enregistrés par mouvement'],
      ['body/MOC', 'Camps et patrouilles mixtes'],
      ['programme', 'ADDR-I par mouvement'],
    ]) {
      await page.goto(`${server.url}/#/${path}`);
      await page.locator('table caption', { hasText: ready }).waitFor();
      await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(360);
      await page.screenshot({ path: join(SHOTS, `${path.replace('/', '-')}-fr-360.png`), fullPage: true });
    }
    for (const body of ['SCDS', 'CNDDR']) {
      await page.goto(`${server.url}/#/body/${body}`);
      await page.locator('.brief').waitFor();
      await loaded(page);
      await page.emulateMedia({ media: 'print' });
      await expect(
        page
          .getByRole('button', { name: /^Télécharger/ })
          .first()
          .isVisible(),
      ).resolves.toBe(false);
      const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
      expect({ body, pages: pdf.match(/\/Type\s*\/Page\b/g)?.length }).toEqual({ body, pages: 1 });
      await page.emulateMedia({ media: 'screen' });
    }
    await context.close();
  }, 120_000);

  it('opens its shell from the service worker when the connection is gone', async () => {
    const { context, page } = await open({ serviceWorkers: 'allow' });
    await page.goto(server.url);
    // The worker keeps the shell once it is installed, and answers for the page from its next load on.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 });
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: 'Se connecter' }).waitFor({ timeout: 20_000 });
    await expect(page.locator('link[rel="stylesheet"]').evaluate((link: HTMLLinkElement) => link.sheet !== null)).resolves.toBe(true);
    await context.close();
  }, 120_000);

  for (const language of ['fr', 'en'] as const) {
    it(`has no serious or critical accessibility violation on any page, in ${language}, at 1,920 px`, async () => {
      // axe is injected as a script of the test's own, which the page's CSP would rightly refuse.
      const { context, page } = await open({ bypassCSP: true, width: 1920 });
      await page.addInitScript((lang) => localStorage.setItem('desk.language', lang), language);
      await signIn(page, 'CSA', 'AUDITOR');
      for (const path of PAGES) {
        await page.goto(`${server.url}/#/${path}`);
        await page.locator('main h1').waitFor();
        await loaded(page);
        await page.screenshot({
          path: join(SHOTS, `${path.startsWith('body/') ? path.replace('/', '-') : path.split('/')[0]}-${language}.png`),
          fullPage: true,
        });
        await page.evaluate(AXE);
        const violations = await page.evaluate(async () => {
          const axe = (
            window as unknown as { axe: { run(context: Document): Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }
          ).axe;
          const results = await axe.run(document);
          return results.violations
            .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
            .map((violation) => `${violation.id}`);
        });
        expect({ path, violations }).toEqual({ path, violations: [] });
      }
      await context.close();
    }, 180_000);
  }
});
