import { join } from 'node:path';
import { ROOT } from '../support/built';
import { docBlocks, questionsAndAnswers } from '../support/doc-blocks';
import { startTestServer, type RunningServer } from '../support/server';

/** Each body's own view (libs/bodies/<body>/src/view), on the brief's history: docs/domain.md's example, then patrols recorded by the MOC. */
describe("the bodies' own views on a fresh start", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer({ FIRST_START_SCENARIO: join(ROOT, 'scenarios', 'mali-2015-2019.yaml') });
  }, 60_000);
  afterAll(() => server.close());
  const liaison = () => server.token('SCDS', 'LIAISON');

  it("docs/domain.md's example: registration, integration by rank, camps, the CTS's meeting register", async () => {
    const [[query, answer]] = questionsAndAnswers(docBlocks('docs/domain.md', "## The bodies' own views"));
    const response = await server.graphql(query, undefined, liaison());
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual(JSON.parse(answer));
  });

  it('the MOC records joint patrols around Gao; its view counts them per camp with their dates, as of any date', async () => {
    const mutation = `mutation($input: RecordJointPatrolInput!) { recordJointPatrol(input: $input) { revision } }`;
    const moc = server.token('MOC', 'SECRETARIAT');
    for (const [effectiveDate, patrols] of [
      ['2017-03-01', 2],
      ['2017-02-01', 1],
    ] as const) {
      const done = await server.graphql(mutation, { input: { camp: 'GAO', patrols, effectiveDate, sourceRef: 'a test of its own' } }, moc);
      expect(done.errors).toBeUndefined();
    }
    const refused = await server.graphql(mutation, { input: { camp: 'KIDAL', effectiveDate: '2017-03-01' } }, moc);
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const read = await server.graphql<{ body: { now: unknown[]; february: unknown[] } }>(
      `{ body(code: MOC) { now: camps { camp patrolDays patrols firstPatrolOn lastPatrolOn } february: camps(asOf: "2017-02-15") { camp patrols lastPatrolOn } } }`,
      undefined,
      liaison(),
    );
    expect(read.data!.body.now[0]).toEqual({ camp: 'GAO', patrolDays: 2, patrols: 3, firstPatrolOn: '2017-02-01', lastPatrolOn: '2017-03-01' });
    expect(read.data!.body.now[2]).toMatchObject({ camp: 'KIDAL', patrolDays: 0, patrols: 0 });
    expect(read.data!.body.february).toEqual([{ camp: 'GAO', patrols: 1, lastPatrolOn: '2017-02-01' }]);
    // Without an asOf of its own, a view reads on the body's date.
    const onTheBodysDate = await server.graphql<{ body: { camps: unknown[] } }>(
      `{ body(code: MOC, asOf: "2017-02-15") { camps { camp patrols } } }`,
      undefined,
      liaison(),
    );
    expect(onTheBodysDate.data!.body.camps).toEqual([{ camp: 'GAO', patrols: 1 }]);
  });
});
