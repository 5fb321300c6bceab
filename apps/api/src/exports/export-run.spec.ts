import { EXPORT_LISTS } from './export-lists';
import { exportCsv, exportQuery, ExportRefused, languageOf, MAX_EXPORT_ROWS, selectionOf, type GraphqlAnswer } from './export-run';

const commitments = EXPORT_LISTS.find((list) => list.name === 'commitments')!;
const node = (id: string) => ({ id, body: 'CNDDR', description: 'Close the registration', dueDate: '2018-04-30', status: 'OVERDUE', source: { ref: 'Brief' } });
/** A GraphQL that answers `pages` pages of the commitments connection, whatever page size is asked. */
const paged =
  (pages: number, perPage: number, seen: unknown[] = []) =>
  async (_query: string, variables: Record<string, unknown>): Promise<GraphqlAnswer> => {
    seen.push(variables.after);
    const index = variables.after ? Number(variables.after) : 0;
    const edges = Array.from({ length: perPage }, (_, i) => ({ node: node(`c${index * perPage + i}`) }));
    return { data: { commitmentsPage: { edges, pageInfo: { hasNextPage: index + 1 < pages, endCursor: String(index + 1) } } } };
  };

describe('an export', () => {
  it('selects the columns, nested ones included, in the shape of its list', () => {
    expect(selectionOf(['id', 'source.ref', 'source.assumption', 'awaiting.body'])).toBe('id source { ref assumption } awaiting { body }');
    expect(exportQuery(commitments)).toContain('edges { node { id body description dueDate status');
    expect(exportQuery(commitments)).toContain('pageInfo { hasNextPage endCursor }');
  });

  it('reads page after page from the cursor of the one before, until the last', async () => {
    const seen: unknown[] = [];
    const csv = await exportCsv(commitments, { body: 'CNDDR' }, 'en', paged(3, 2, seen));
    expect(seen).toEqual([null, '1', '2']);
    const lines = csv.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(1 + 6);
    expect(lines[0]).toBe(
      '\uFEFFCommitment,Body,Description,Due date,Status,Made on,Fulfilled on,Instrument,Last note,Recorded by,Source,Date precision,Assumption',
    );
    expect(lines[6]).toBe('c5,CNDDR,Close the registration,2018-04-30,OVERDUE,,,,,,Brief,,');
  });

  it('asks the breakdown of its dimension and gives a row per category, a stage with none kept whole', async () => {
    const breakdown = EXPORT_LISTS.find((list) => list.name === 'programme-breakdown')!;
    expect(exportQuery(breakdown)).toBe(
      'query($code: String!, $by: BreakdownDimension!, $asOf: Date, $knownAt: DateTime) { programme(code: $code, asOf: $asOf, knownAt: $knownAt) { breakdown(by: $by) { stage total categories { category count } unreported } } }',
    );
    const stages = [
      {
        stage: 'integrated',
        total: 1006,
        categories: [
          { category: 'OFFICERS', count: 66 },
          { category: 'NCOS', count: 221 },
        ],
        unreported: 719,
      },
      { stage: 'redeployed', total: 0, categories: [], unreported: 0 },
    ];
    const csv = await exportCsv(breakdown, { code: 'ADDR-I', by: 'RANK' }, 'en', async () => ({ data: { programme: { breakdown: stages } } }));
    expect(csv.split('\r\n').filter(Boolean)).toEqual([
      '\uFEFFFigure,Total,Category,Count,Not reported by category',
      'integrated,1006,OFFICERS,66,719',
      'integrated,1006,NCOS,221,719',
      'redeployed,0,,,0',
    ]);
  });

  it(`refuses a list of more than ${MAX_EXPORT_ROWS} rows rather than cut it short, and stops asking`, async () => {
    const seen: unknown[] = [];
    const refused = await exportCsv(commitments, {}, 'fr', paged(1_000, 100, seen)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ExportRefused);
    expect(refused).toMatchObject({ status: 413, code: 'TOO_LARGE' });
    expect(seen).toHaveLength(MAX_EXPORT_ROWS / 100 + 1);
  });

  it("turns GraphQL's refusal into its HTTP status, with its message", async () => {
    const forbidden = async (): Promise<GraphqlAnswer> => ({ data: null, errors: [{ message: 'for AUDITOR', extensions: { code: 'FORBIDDEN' } }] });
    await expect(exportCsv(commitments, {}, 'en', forbidden)).rejects.toMatchObject({ status: 403, code: 'FORBIDDEN', message: 'for AUDITOR' });
  });

  it('speaks the language asked, else the first of French or English the client prefers, else French', () => {
    expect(languageOf('en', 'fr')).toBe('en');
    expect(languageOf(undefined, 'de-DE, en-GB;q=0.8, fr;q=0.5')).toBe('en');
    expect(languageOf(undefined, 'en;q=0.2, fr-ML')).toBe('fr');
    expect(languageOf(undefined, 'de')).toBe('fr');
    expect(languageOf(undefined, undefined)).toBe('fr');
    expect(() => languageOf('bm', undefined)).toThrow(/lang must be one of en, fr/);
  });
});
