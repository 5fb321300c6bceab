import type { Body } from '@ddr/kernel';
import { EVENT_STORE, type EventStore } from '@ddr/event-store';
import { ACCESS_LOG_STREAM } from '@ddr/access';
import { docBlocks, examplesAs, expectAnswersAsShown, expectSendersAndAnswers } from '../support/doc-blocks';
import { startTestServer, type RunningServer } from '../support/server';

const examples = examplesAs(docBlocks('docs/domain.md', '## Breakdowns'));

/**
 * ADDR-I's 1,006 integrated broken down by rank, on an empty store: docs/domain.md's requests in order, then bad
 * breakdowns, each refused with BAD_USER_INPUT and leaving the log as it was.
 */
describe('programme figures broken down', () => {
  let server: RunningServer;
  let recorded: () => Promise<string[]>;
  beforeAll(async () => {
    server = await startTestServer();
    recorded = async () => {
      const events = await server.app.get<EventStore>(EVENT_STORE).readAll({ maxCount: 100_000 });
      return events.filter((event) => event.streamId !== ACCESS_LOG_STREAM).map((event) => event.id);
    };
  }, 60_000);
  afterAll(() => server.close());

  it('docs/domain.md shows four requests, each with who sends it and its answer', () => {
    expectSendersAndAnswers(examples, 4);
  });

  it("ADDR-I's integrated figure by rank: 66 officers, 221 NCOs and 719 rank and file of 1,006, as the page shows", async () => {
    await expectAnswersAsShown(server, examples);
  });

  it("the Integration Commission's own view gives the same: its integration by rank", async () => {
    const read = await server.graphql<{ body: { integrationByRank: unknown } }>(
      `{ body(code: INTEGRATION_COMMISSION) { integrationByRank(programme: "ADDR-I") { total categories { category count } unreported } } }`,
      undefined,
      server.token('CNDDR', 'LIAISON'),
    );
    expect(read.data!.body.integrationByRank).toEqual({
      total: 1006,
      categories: [
        { category: 'OFFICERS', count: 66 },
        { category: 'NCOS', count: 221 },
        { category: 'RANK_AND_FILE', count: 719 },
      ],
      unreported: 0,
    });
  });

  it('a tranche reads its own breakdown, by movement and by region too', async () => {
    const cnddr = server.token('CNDDR', 'SECRETARIAT');
    const answer = await server.graphql(
      `mutation { registerTranche(input: { programme: "ADDR-I", tranche: "T9", count: 100, effectiveDate: "2019-10-01",
          breakdown: [{ by: MOVEMENT, category: "PLATFORM", count: 40 }, { by: MOVEMENT, category: "CMA", count: 50 }, { by: REGION, category: "Gao", count: 100 }] }) { revision } }`,
      undefined,
      cnddr,
    );
    expect(answer.errors).toBeUndefined();
    const read = await server.graphql<{ programme: { tranches: Array<{ id: string; movement: unknown[]; region: unknown[] }> } }>(
      `{ programme(code: "ADDR-I") { tranches(first: 10) { id movement: breakdown(by: MOVEMENT) { stage categories { category count } unreported }
                                                       region: breakdown(by: REGION) { stage categories { category count } unreported } } } }`,
      undefined,
      server.token('MOC', 'LIAISON'),
    );
    const t9 = read.data!.programme.tranches.find((t) => t.id === 'T9')!;
    expect(t9.movement[0]).toEqual({
      stage: 'registered',
      categories: [
        { category: 'CMA', count: 50 },
        { category: 'PLATFORM', count: 40 },
      ],
      unreported: 10,
    });
    expect(t9.region[0]).toEqual({ stage: 'registered', categories: [{ category: 'Gao', count: 100 }], unreported: 0 });
  });

  describe('bad breakdowns are refused with BAD_USER_INPUT and change nothing', () => {
    const refused = async (mutation: string, message: RegExp, body: Body = 'CNDDR') => {
      const before = await recorded();
      const answer = await server.graphql(mutation, undefined, server.token(body, 'SECRETARIAT'));
      expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(answer.errors![0].message).toMatch(message);
      expect(await recorded()).toEqual(before);
    };
    const register = (tranche: string, breakdown: string) =>
      `mutation { registerTranche(input: { programme: "ADDR-I", tranche: "${tranche}", count: 100, effectiveDate: "2019-10-01", breakdown: [${breakdown}] }) { revision } }`;

    it('a negative count', () => refused(register('T10', '{ by: RANK, category: "OFFICERS", count: -1 }'), /count/));
    it('more than the total', () =>
      refused(register('T10', '{ by: RANK, category: "OFFICERS", count: 60 }, { by: RANK, category: "NCOS", count: 41 }'), /sums to 101/));
    it('an unknown category', () => refused(register('T10', '{ by: MOVEMENT, category: "MNLA", count: 1 }'), /MNLA is not a known MOVEMENT category/));
    it('a category twice', () => refused(register('T10', '{ by: RANK, category: "NCOS", count: 1 }, { by: RANK, category: "NCOS", count: 1 }'), /twice/));

    it('more trained than registered in a category', async () => {
      const cnddr = server.token('CNDDR', 'SECRETARIAT');
      const steps = await server.graphql(
        `mutation {
          r: registerTranche(input: { programme: "ADDR-I", tranche: "T11", count: 100, effectiveDate: "2019-10-01",
                                      breakdown: [{ by: RANK, category: "OFFICERS", count: 10 }, { by: RANK, category: "RANK_AND_FILE", count: 90 }] }) { revision }
          s: screenTranche(input: { programme: "ADDR-I", tranche: "T11", fit: 100, effectiveDate: "2019-10-01" }) { revision }
          t: startTraining(input: { programme: "ADDR-I", tranche: "T11", count: 100, effectiveDate: "2019-10-01" }) { revision }
        }`,
        undefined,
        cnddr,
      );
      expect(steps.errors).toBeUndefined();
      await refused(
        `mutation { completeTraining(input: { programme: "ADDR-I", tranche: "T11", count: 50, effectiveDate: "2019-10-20",
            breakdown: [{ by: RANK, category: "OFFICERS", count: 11 }] }) { revision } }`,
        /11 trained OFFICERS exceed the 10 registered who could be OFFICERS in T11/,
      );
    });
  });
});
