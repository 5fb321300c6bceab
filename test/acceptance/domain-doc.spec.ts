import { join } from 'node:path';
import { ROOT } from '../support/built';
import { docBlocks, questionsAndAnswers } from '../support/doc-blocks';
import { startTestServer, type RunningServer } from '../support/server';

/**
 * docs/domain.md's examples, asked of a server on its first start (the brief's history loaded into an empty store):
 * the Agreement's date with its note and precision, the figures the brief does not give as null, the Agreement
 * signed by its parties. The page cannot say what the server does not.
 */
describe('docs/domain.md on a fresh start', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer({ FIRST_START_SCENARIO: join(ROOT, 'scenarios', 'mali-2015-2019.yaml') });
  }, 60_000);
  afterAll(() => server.close());

  const sections = ['## Sources and certainty', '## Unknown figures', '## The parties', '## Waiting times and deadlines', '## Deadlines after an act'];

  it.each(sections)('%s shows a query and its answer', (heading) => {
    expect(questionsAndAnswers(docBlocks('docs/domain.md', heading))).toHaveLength(1);
  });

  it.each(sections)('%s: the server gives the answer the page shows', async (heading) => {
    const [[query, answer]] = questionsAndAnswers(docBlocks('docs/domain.md', heading));
    const response = await server.graphql(query, undefined, server.token('CSA', 'LIAISON'));
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual(JSON.parse(answer));
  });

  it('every fact the API shows carries its source, the notes of a commitment included', async () => {
    const response = await server.graphql(
      `{
        commitments(body: CMA) { source { ref assumption } notes { note source { datePrecision assumption } } }
        meeting(meeting: "CTS-41") { source { ref } decisions { sourceRef source { datePrecision } } }
        programme(code: "ADDR-I") { source { datePrecision } reports { type summary source { assumption } } tranches { id deserters unreported } }
        timeline(from: "2015-01-01", to: "2015-12-31", first: 3) { entries { type source { datePrecision } } }
      }`,
      undefined,
      server.token('CSA', 'LIAISON'),
    );
    expect(response.errors).toBeUndefined();
    const { commitments, meeting, programme, timeline } = response.data!;
    expect(commitments).toEqual([
      {
        source: { ref: expect.stringContaining('heavy weapons'), assumption: true },
        notes: [{ note: 'No heavy weapons contributed to the MOC battalions', source: { datePrecision: 'DAY', assumption: true } }],
      },
    ]);
    expect(meeting.source.ref).toContain('41st CTS meeting');
    expect(meeting.decisions).toEqual([{ sourceRef: meeting.source.ref, source: { datePrecision: 'DAY' } }]);
    expect(programme.source).toEqual({ datePrecision: 'MONTH' });
    expect(programme.reports.find((r: { type: string }) => r.type === 'TrainingStarted')).toEqual({
      type: 'TrainingStarted',
      summary: 'ADDR-I T1: training started for an unreported number at an unreported centre',
      source: { assumption: true },
    });
    expect(programme.tranches).toEqual([{ id: 'T1', deserters: null, unreported: ['deserters', 'inTraining', 'referredToReinsertion', 'screenedUnfit'] }]);
    expect(timeline.entries.map((e: { type: string }) => e.type)).toEqual(['InstrumentProposed', 'StepDecided', 'StepDecided']);
    for (const entry of timeline.entries) expect(entry.source).toEqual({ datePrecision: 'YEAR' });
  });
});
