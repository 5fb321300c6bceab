import { join } from 'node:path';
import { ACCESS_LOG_STREAM } from '@ddr/access';
import { EVENT_STORE, type EventStore } from '@ddr/event-store';
import { ROOT } from '../support/built';
import { docBlocks, questionsAndAnswers } from '../support/doc-blocks';
import { startTestServer, type RunningServer } from '../support/server';

const DOC_SECTIONS: Array<[string, string]> = [
  ['docs/domain.md', '## Implementation scores'],
  ['docs/api.md', '## Implementation scores'],
];

/**
 * On a fresh start (the brief's history loaded into an empty store): the registration the March 2018 road map
 * promised, graded by the Independent Observer in April 2019 and by the CNDDR in September, its roll-up by theme
 * before and after the second grade and the trend between; then grades recorded late, corrected, and refused.
 */
describe('implementation scores on the history of the brief', () => {
  let server: RunningServer;
  let recorded: () => Promise<string[]>;
  const liaison = () => server.token('SCDS', 'LIAISON');
  const grade = `mutation($input: GradeImplementationInput!) { gradeImplementation(input: $input) { streamId revision position } }`;
  const correct = `mutation($input: CorrectGradeInput!) { correctGrade(input: $input) { revision position } }`;

  beforeAll(async () => {
    server = await startTestServer({ FIRST_START_SCENARIO: join(ROOT, 'scenarios', 'mali-2015-2019.yaml') });
    recorded = async () => {
      const events = await server.app.get<EventStore>(EVENT_STORE).readAll({ maxCount: 100_000 });
      return events.filter((event) => event.streamId !== ACCESS_LOG_STREAM).map((event) => event.id);
    };
  }, 60_000);
  afterAll(() => server.close());

  it.each(DOC_SECTIONS)('%s %s: every query gives the answer the page shows', async (file, heading) => {
    const pairs = questionsAndAnswers(docBlocks(file, heading));
    expect(pairs.length).toBeGreaterThan(0);
    for (const [query, answer] of pairs) {
      const response = await server.graphql(query, undefined, liaison());
      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual(JSON.parse(answer));
    }
  });

  it('the registration commitment keeps both assessments, and its theme roll-up moves from 1 to 2 between them', async () => {
    const { data } = await server.graphql(
      `{
        gradedItem(kind: COMMITMENT, id: "registration-closes-2018", asOf: "2019-12-31") {
          theme assessments { assessor grade effectiveDate recordedBy source { datePrecision assumption } } trend(from: "2019-06-01") { then now change }
        }
        before: gradeRollup(by: THEME, kind: COMMITMENT, asOf: "2019-06-01") { key meanGrade graded }
        after: gradeRollup(by: THEME, kind: COMMITMENT, asOf: "2019-09-02") { key meanGrade graded }
        trend: gradeTrend(by: THEME, kind: COMMITMENT, from: "2019-06-01", to: "2019-09-02") { key change then { meanGrade } now { meanGrade } }
      }`,
      undefined,
      liaison(),
    );
    expect(data!.gradedItem).toEqual({
      theme: 'DDR',
      assessments: [
        { assessor: 'INDEPENDENT_OBSERVER', grade: 1, effectiveDate: '2019-04-01', recordedBy: 'CSA', source: { datePrecision: 'MONTH', assumption: true } },
        { assessor: 'CNDDR', grade: 2, effectiveDate: '2019-09-02', recordedBy: 'CNDDR', source: { datePrecision: 'DAY', assumption: true } },
      ],
      trend: { then: 1, now: 2, change: 1 },
    });
    const ddr = (groups: Array<{ key: string }>) => groups.find((group) => group.key === 'DDR');
    expect(ddr(data!.before)).toEqual({ key: 'DDR', meanGrade: 1, graded: 1 });
    expect(ddr(data!.after)).toEqual({ key: 'DDR', meanGrade: 2, graded: 1 });
    expect(ddr(data!.trend)).toEqual({ key: 'DDR', change: 1, then: { meanGrade: 1 }, now: { meanGrade: 2 } });
  });

  it('commitments and conditions carry the theme their words name when none was recorded', async () => {
    const { data } = await server.graphql(`{ commitments(asOf: "2019-12-31") { id theme } conditions(asOf: "2019-12-31") { id theme } }`, undefined, liaison());
    const themes = Object.fromEntries([...data!.commitments, ...data!.conditions].map((item: { id: string; theme: string }) => [item.id, item.theme]));
    expect(themes).toMatchObject({
      'cantonment-start-date-2015': 'CANTONMENT',
      'cma-heavy-weapons-to-moc': 'MOC',
      'registration-closes-2018': 'DDR',
      'ddr-assistance-requires-ssr': 'SECURITY_SECTOR_REFORM',
      'global-ddr-requires-integration-modalities': 'INTEGRATION',
    });
  });

  describe('a condition graded, late, and corrected', () => {
    const item = { item: 'CONDITION', itemId: 'ddr-assistance-requires-ssr' };
    const gradeOf = async (asOf: string) =>
      (
        await server.graphql(
          `query($asOf: Date!) { gradedItem(kind: CONDITION, id: "ddr-assistance-requires-ssr", asOf: $asOf) { latest { grade assessor corrected } assessments { grade effectiveDate } } }`,
          { asOf },
          liaison(),
        )
      ).data!.gradedItem;

    it('a grade recorded after a later-dated one takes its place by its date', async () => {
      const csa = server.token('CSA', 'SECRETARIAT');
      const first = await server.graphql(
        grade,
        { input: { ...item, assessor: 'CSA', grade: 1, finding: 'strategy adopted', effectiveDate: '2019-12-01' } },
        csa,
      );
      expect(first.errors).toBeUndefined();
      const late = await server.graphql(
        grade,
        { input: { ...item, assessor: 'INDEPENDENT_OBSERVER', grade: 0, finding: 'nothing yet', effectiveDate: '2019-11-01', sourceRef: 'Observer report' } },
        csa,
      );
      expect(late.errors).toBeUndefined();
      const minPosition = late.data!.gradeImplementation.position as string;
      await server.graphql(`query($p: String) { gradedItems(minPosition: $p, first: 1) { totalCount } }`, { p: minPosition }, liaison());
      expect((await gradeOf('2019-11-15')).latest).toEqual({ grade: 0, assessor: 'INDEPENDENT_OBSERVER', corrected: false });
      expect((await gradeOf('2019-12-31')).assessments).toEqual([
        { grade: 0, effectiveDate: '2019-11-01' },
        { grade: 1, effectiveDate: '2019-12-01' },
      ]);
    });

    it('the CSA corrects its grade; another secretariat may not, and a grade off the scale is refused', async () => {
      const csa = server.token('CSA', 'SECRETARIAT');
      const refusedBy = await server.graphql(
        correct,
        { input: { ...item, revision: 0, reason: 'wrong', figures: [{ name: 'grade', value: 2 }] } },
        server.token('CNDDR', 'SECRETARIAT'),
      );
      expect(refusedBy.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const offScale = await server.graphql(correct, { input: { ...item, revision: 0, reason: 'wrong', figures: [{ name: 'grade', value: 5 }] } }, csa);
      expect(offScale.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const corrected = await server.graphql(
        correct,
        { input: { ...item, revision: 0, reason: 'the minutes say intermediate', figures: [{ name: 'grade', value: 2 }] } },
        csa,
      );
      expect(corrected.errors).toBeUndefined();
      await server.graphql(
        `query($p: String) { gradedItems(minPosition: $p, first: 1) { totalCount } }`,
        { p: corrected.data!.correctGrade.position },
        liaison(),
      );
      expect((await gradeOf('2019-12-31')).latest).toEqual({ grade: 2, assessor: 'CSA', corrected: true });
    });
  });

  describe('bad grades are refused and change nothing', () => {
    const base = { item: 'COMMITMENT', itemId: 'registration-closes-2018', assessor: 'CNDDR', grade: 2, finding: 'f', effectiveDate: '2019-10-01' };
    const cases: Array<[string, object, string, string]> = [
      ['a grade above 3', { grade: 4 }, 'CNDDR', 'BAD_USER_INPUT'],
      ['a negative grade', { grade: -1 }, 'CNDDR', 'BAD_USER_INPUT'],
      ['an unknown item', { itemId: 'no-such-commitment' }, 'CNDDR', 'NOT_FOUND'],
      ['an unknown provision', { item: 'PROVISION', itemId: 'no-such-provision' }, 'CNDDR', 'NOT_FOUND'],
      ['a date before the item existed', { effectiveDate: '2017-01-01' }, 'CNDDR', 'BAD_USER_INPUT'],
      ['a date in the future', { effectiveDate: '2999-01-01' }, 'CNDDR', 'BAD_USER_INPUT'],
      ["the Observer's grade without a source", { assessor: 'INDEPENDENT_OBSERVER' }, 'CSA', 'BAD_USER_INPUT'],
      ["the Observer's grade by another secretariat than the CSA", { assessor: 'INDEPENDENT_OBSERVER', sourceRef: 'report' }, 'CNDDR', 'FORBIDDEN'],
      ["another body's grade", { assessor: 'CTS' }, 'CNDDR', 'FORBIDDEN'],
    ];
    it.each(cases)('%s', async (_, change, by, code) => {
      const before = await recorded();
      const answer = await server.graphql(grade, { input: { ...base, ...change } }, server.token(by as 'CNDDR', 'SECRETARIAT'));
      expect(answer.errors?.[0]?.extensions?.code).toBe(code);
      expect(await recorded()).toEqual(before);
    });
  });
});
