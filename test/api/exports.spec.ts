import { join } from 'node:path';
import type { Body, Role } from '@ddr/kernel';
import { ROOT } from '../support/built';
import { docBlocks } from '../support/doc-blocks';
import { startTestServer, type RunningServer } from '../support/server';

/** RFC 4180, as a spreadsheet reads it: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      endField();
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else {
      field += c;
    }
  }
  return rows;
}

/** The lists as CSV on a fresh start (the brief's history), fetched with a real HTTP client and the caller's token. */
describe('CSV exports', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer({ FIRST_START_SCENARIO: join(ROOT, 'scenarios', 'mali-2015-2019.yaml') });
  }, 60_000);
  afterAll(() => server.close());

  const download = (path: string, token: string | null, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/exports/${path}`, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
  const table = async (response: Response) => {
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(new TextDecoder().decode(bytes.slice(3)));
    return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]])));
  };
  const liaison = () => server.token('CNDDR', 'LIAISON');

  it("gives the CNDDR's commitments in French, with the brief's registration deadline overdue, as a UTF-8 file Excel opens", async () => {
    const response = await download('commitments.csv?body=CNDDR', liaison(), { 'accept-language': 'fr-ML, fr;q=0.9, en;q=0.5' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="commitments.csv"');
    const rows = await table(response);
    const registration = rows.find((row) => row.Engagement === 'registration-closes-2018');
    expect(registration).toMatchObject({
      Organe: 'CNDDR',
      Échéance: '2018-04-30',
      Statut: 'OVERDUE',
      'Précision de la date': 'MONTH',
      Hypothèse: 'true',
      Source: expect.stringContaining('scheduled to close in April 2018'),
    });
    expect(rows.every((row) => row.Organe === 'CNDDR')).toBe(true);
  });

  it('answers as of a date: before its due date the same commitment is open', async () => {
    const rows = await table(await download('commitments.csv?body=CNDDR&asOf=2018-04-01&lang=en', liaison(), { 'accept-language': 'fr' }));
    expect(rows.find((row) => row.Commitment === 'registration-closes-2018')).toMatchObject({ Status: 'OPEN', 'Due date': '2018-04-30' });
  });

  it('gives the whole timeline, in the order it took effect', async () => {
    const rows = await table(await download('timeline.csv?from=2015-01-01&to=2019-12-31&lang=en', liaison()));
    const all = await server.graphql<{ timeline: { entries: unknown[]; hasNextPage: boolean } }>(
      '{ timeline(from: "2015-01-01", to: "2019-12-31", first: 500) { entries { streamId revision } hasNextPage } }',
      undefined,
      liaison(),
    );
    expect(all.data!.timeline.hasNextPage).toBe(false);
    expect(rows.map((row) => [row.Stream, Number(row.Revision)])).toEqual(
      (all.data!.timeline.entries as Array<{ streamId: string; revision: number }>).map((e) => [e.streamId, e.revision]),
    );
    const dates = rows.map((row) => row['Effective date']);
    expect(dates).toEqual([...dates].sort());
  });

  it("gives ADDR-I's figures as of a date, an unreported figure empty, and the queues of a body", async () => {
    const [addr] = await table(await download('programme.csv?code=ADDR-I&asOf=2019-12-31&lang=en', liaison()));
    expect(addr).toMatchObject({ Programme: 'ADDR-I', Target: '4900', Integrated: '1006', Deserters: '' });
    expect(addr['Unreported figures']).toContain('deserters');
    const awaiting = await table(await download('awaiting.csv?body=SCDS&asOf=2019-12-31&lang=en', liaison()));
    expect(awaiting.find((row) => row.Instrument === 'redeployment-plan-2019-2021')).toMatchObject({
      Awaits: 'SCDS',
      Step: 'FINAL_ADOPTION',
      'Awaited since': '2019-09-25',
      'Days waited': '97',
    });
    const waiting = await table(await download('waiting-on-others.csv?body=CTS&lang=en', liaison()));
    expect(waiting.map((row) => row.Instrument)).toContain('redeployment-plan-2019-2021');
    const conditions = await table(await download('conditions.csv?met=false&lang=en', liaison()));
    expect(conditions.find((row) => row.Condition === 'further-tranches-require-decree')).toMatchObject({ Met: 'false', Recommendation: 'true' });
  });

  it("gives ADDR-I's breakdowns by each dimension as of a date, a row per category, as GraphQL gives them", async () => {
    let rankRows: Array<Record<string, string>> = [];
    type Stage = { stage: string; total: number; categories: Array<{ category: string; count: number }>; unreported: number };
    for (const by of ['MOVEMENT', 'REGION', 'RANK', 'CENTRE']) {
      const answer = await server.graphql<{ programme: { breakdown: Stage[] } }>(
        `{ programme(code: "ADDR-I", asOf: "2019-12-31") { breakdown(by: ${by}) { stage total categories { category count } unreported } } }`,
        undefined,
        liaison(),
      );
      const stages = answer.data!.programme.breakdown;
      const rows = await table(await download(`programme-breakdown.csv?code=ADDR-I&by=${by}&asOf=2019-12-31&lang=fr`, liaison()));
      expect(rows.map((row) => [row.Chiffre, row.Total, row['Catégorie'], row.Nombre, row['Non ventilés par catégorie']])).toEqual(
        stages.flatMap(({ stage, total, categories, unreported }) =>
          (categories.length ? categories : [{ category: '', count: '' }]).map(({ category, count }) => [
            stage,
            `${total}`,
            category,
            `${count}`,
            `${unreported}`,
          ]),
        ),
      );
      expect(rows.find((row) => row.Chiffre === 'integrated')?.Total).toBe('1006');
      if (by === 'RANK') rankRows = rows;
    }
    // Before ADDR-I was launched there is no programme to break down: the header alone.
    expect(await table(await download('programme-breakdown.csv?code=ADDR-I&by=RANK&asOf=2015-01-01&lang=en', liaison()))).toEqual([]);
    // The fresh start's scenario gives the 1,006 integrated without their ranks: one row, all of it not reported by category.
    expect(rankRows.filter((row) => row.Chiffre === 'integrated').map((row) => [row['Catégorie'], row.Nombre, row['Non ventilés par catégorie']])).toEqual([
      ['', '', '1006'],
    ]);
    const refused = await download('programme-breakdown.csv?code=ADDR-I&by=RANKS&lang=en', liaison());
    expect(refused.status).toBe(400);
  });

  it('gives the delays of the brief, per hand-off, the SCDS and the Presidency slowest', async () => {
    const handOffs = await table(await download('delays-hand-offs.csv?from=2015-01-01&asOf=2019-12-31&lang=fr', liaison()));
    expect(handOffs.slice(0, 2).map((row) => [row['Transmis par'], row['Organe attendu'], row['Son instrument'], row['Ses jours d’attente']])).toEqual([
      ['CTS', 'SCDS', 'redeployment-plan-2019-2021', '97'],
      ['COUNCIL_OF_MINISTERS', 'PRESIDENCY', 'decree-ranks-2019', '83'],
    ]);
    const byBody = await table(await download('delays-by-body.csv?from=2015-01-01&asOf=2019-12-31&lang=en', liaison()));
    expect(byBody.map((row) => row['Body awaited'])).toEqual(expect.arrayContaining(['SCDS', 'PRESIDENCY']));
  });

  it('gives the grades, their roll-up and their trend as GraphQL gives them, every item on every page', async () => {
    const graphql = async <T>(query: string) => (await server.graphql<T>(query, undefined, liaison())).data!;
    const { gradeRollup } = await graphql<{ gradeRollup: Array<{ key: string; items: number; meanGrade: number | null; complete: number }> }>(
      '{ gradeRollup(by: THEME, asOf: "2019-10-09") { key items meanGrade complete } }',
    );
    expect(gradeRollup.length).toBeGreaterThan(0);
    const rollup = await table(await download('grade-rollup.csv?by=THEME&asOf=2019-10-09&lang=en', liaison()));
    expect(rollup.map((row) => [row.Group, Number(row.Items), row['Mean grade'] === '' ? null : Number(row['Mean grade']), Number(row['3 complete'])])).toEqual(
      gradeRollup.map((group) => [group.key, group.items, group.meanGrade, group.complete]),
    );
    const { gradedItems } = await graphql<{ gradedItems: { totalCount: number } }>('{ gradedItems(asOf: "2019-10-09") { totalCount } }');
    const items = await table(await download('graded-items.csv?asOf=2019-10-09&lang=fr', liaison()));
    expect(items).toHaveLength(gradedItems.totalCount);
    expect(items.filter((row) => row.Note !== '').every((row) => ['0', '1', '2', '3'].includes(row.Note))).toBe(true);
    const trend = await table(await download('grade-trend.csv?by=BODY&from=2018-01-01&to=2019-10-09&lang=en', liaison()));
    expect(trend.length).toBeGreaterThan(0);
    expect(Object.keys(trend[0])).toEqual(expect.arrayContaining(['Group', 'Then: Mean grade', 'Now: Mean grade', 'Change of the mean grade']));
  });

  it('refuses as GraphQL refuses, with the HTTP status and a body that says why', async () => {
    const anonymous = await download('commitments.csv', null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect(await anonymous.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.stringMatching(/token/) } });
    expect((await download('commitments.csv', 'not-a-token')).status).toBe(401);

    // The CTS's own delivery attempts: its secretariat and auditors may read them, a liaison officer may not, another body is not told they exist.
    const registered = await server.graphql<{ registerWebhookEndpoint: { endpoint: { id: string } } }>(
      'mutation { registerWebhookEndpoint(input: { url: "https://203.0.113.10/hooks/cts", kinds: [CHECKPOINT_SIGNED] }) { endpoint { id } } }',
      undefined,
      server.token('CTS', 'SECRETARIAT'),
    );
    const attempts = `webhook-attempts.csv?endpointId=${registered.data!.registerWebhookEndpoint.endpoint.id}&lang=en`;
    const forbidden = await download(attempts, server.token('CTS', 'LIAISON'));
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual({ error: { code: 'FORBIDDEN', message: expect.stringMatching(/SECRETARIAT or AUDITOR/) } });
    expect((await download(attempts, server.token('SCDS', 'SECRETARIAT'))).status).toBe(404);
    const own = await download(attempts, server.token('CTS', 'SECRETARIAT'));
    expect(own.status).toBe(200);
    expect(await table(own)).toEqual([]);
  });

  it('refuses what is not a list or not its parameters, and names what is', async () => {
    const unknown = await download('everything.csv', liaison());
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toContain('commitments.csv');
    const cases: Array<[string, number, RegExp]> = [
      ['commitments.csv?colour=red', 400, /takes body, status, asOf and lang, not colour/],
      ['timeline.csv?from=2019-01-01', 400, /needs to/],
      ['commitments.csv?asOf=2019-02-30', 400, /date/i],
      ['commitments.csv?lang=de', 400, /lang must be one of en, fr/],
      ['conditions.csv?met=maybe', 400, /true or false/],
      ['commitments.csv?body=NOBODY', 400, /NOBODY/],
    ];
    for (const [path, status, message] of cases) {
      const response = await download(path, liaison());
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect({ path, status: response.status, code: body.error.code, message: body.error.message }).toEqual({
        path,
        status,
        code: 'BAD_USER_INPUT',
        message: expect.stringMatching(message),
      });
    }
  });

  it("gives docs/api.md's example file, byte for byte but for the byte-order mark", async () => {
    const [command, file] = docBlocks('docs/api.md', '## CSV exports', ['sh', 'csv']);
    expect([command.language, file.language]).toEqual(['sh', 'csv']);
    const path = /http:\/\/127\.0\.0\.1:3000\/exports\/([^"]+)"/.exec(command.text)![1];
    const role = /--body (\w+) --role (\w+)/.exec(command.text)!;
    const response = await download(path, server.token(role[1] as Body, role[2] as Role));
    expect(response.status).toBe(200);
    expect((await response.text()).replace(/^\uFEFF/, '')).toBe(file.text.replace(/\n/g, '\r\n'));
  });
});
