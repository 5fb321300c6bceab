import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACCESS_LOG_STREAM } from '@ddr/access';
import { EVENT_STORE, type EventStore } from '@ddr/event-store';
import { ROOT } from '../support/built';
import { startTestServer, type RunningServer } from '../support/server';
import { examplesAs, expectAnswersAsShown, expectSendersAndAnswers } from '../support/doc-blocks';

const SCENARIO = join(ROOT, 'scenarios', 'mali-2015-2019.yaml');

interface HistoryEvent {
  type: string;
  revision: number;
  effectiveDate: string;
  body: string;
  corrects: number | null;
  correctedBy: number[];
  data: Record<string, unknown>;
}

/**
 * A fresh start on the brief's history, then what a secretariat does when the record is wrong or late:
 * the CNDDR corrects ADDR-I's launch date, the CSA records a 2017 fact after the 2019 ones, and bad
 * corrections are refused without a trace in the store.
 */
describe('corrections and late facts on the history of the brief', () => {
  let server: RunningServer;
  let recorded: () => Promise<string[]>;
  const correctProgramme = `mutation($input: CorrectProgrammeActInput!) { correctProgrammeAct(input: $input) { revision position } }`;
  const correctInstrument = `mutation($input: CorrectInstrumentActInput!) { correctInstrumentAct(input: $input) { revision position } }`;
  const history = async (streamId: string) =>
    (
      await server.graphql<{ streamHistory: { events: HistoryEvent[] } }>(
        `query($s: String!) { streamHistory(streamId: $s, first: 500) { events { type revision effectiveDate body corrects correctedBy data } } }`,
        { s: streamId },
        server.token('CSA', 'AUDITOR'),
      )
    ).data!.streamHistory.events;
  /** A write that must be refused with `code` and leave the log as it was, but for the access log's record of a FORBIDDEN. */
  async function refused(mutation: string, input: object, token: string, code: string): Promise<string> {
    const before = await recorded();
    const answer = await server.graphql(mutation, { input }, token);
    expect(answer.errors?.[0]?.extensions?.code).toBe(code);
    expect(await recorded()).toEqual(before);
    return answer.errors![0].message;
  }

  beforeAll(async () => {
    server = await startTestServer({ FIRST_START_SCENARIO: SCENARIO });
    recorded = async () => {
      const events = await server.app.get<EventStore>(EVENT_STORE).readAll({ maxCount: 100_000 });
      return events.filter((event) => event.streamId !== ACCESS_LOG_STREAM).map((event) => event.id);
    };
  }, 60_000);
  afterAll(() => server.close());

  describe("ADDR-I's launch, recorded as 1 November 2018 (the brief says only November), corrected to the 6th", () => {
    const cnddr = () => server.token('CNDDR', 'SECRETARIAT');
    let beforeCorrection: string;
    let position = '';

    it('moving the launch after the centres designated with it is refused, and so are another body, an unknown act and a correction of nothing', async () => {
      beforeCorrection = new Date().toISOString();
      const reason = 'the launch was a few days after the date recorded';
      expect(await refused(correctProgramme, { programme: 'ADDR-I', revision: 0, reason, effectiveDate: '2018-11-06' }, cnddr(), 'BAD_USER_INPUT')).toMatch(
        /not yet launched on 2018-11-01/,
      );
      await refused(
        correctProgramme,
        { programme: 'ADDR-I', revision: 0, reason, effectiveDate: '2018-11-06' },
        server.token('INTEGRATION_COMMISSION', 'SECRETARIAT'),
        'FORBIDDEN',
      );
      await refused(correctProgramme, { programme: 'ADDR-I', revision: 999, reason, effectiveDate: '2018-11-06' }, cnddr(), 'NOT_FOUND');
      await refused(correctProgramme, { programme: 'ADDR-I', revision: 0, reason }, cnddr(), 'BAD_USER_INPUT');
      await refused(correctProgramme, { programme: 'ADDR-I', revision: 0, reason: ' ', effectiveDate: '2018-11-06' }, cnddr(), 'BAD_USER_INPUT');
    });

    it('corrected latest first, the acts of that day and then the launch, every correction is accepted', async () => {
      const acts = (await history('programme-ADDR-I')).filter((e) => e.effectiveDate === '2018-11-01' && e.type !== 'UnfitReferredToReinsertion');
      expect(acts[0].type).toBe('ProgrammeLaunched');
      for (const act of acts.reverse()) {
        const answer = await server.graphql<{ correctProgrammeAct: { position: string } }>(
          correctProgramme,
          {
            input: {
              programme: 'ADDR-I',
              revision: act.revision,
              reason: 'ADDR-I began on 6 November 2018 (an illustrative day)',
              effectiveDate: '2018-11-06',
            },
          },
          cnddr(),
        );
        expect(answer.errors).toBeUndefined();
        position = answer.data!.correctProgrammeAct.position;
      }
    });

    it('asOf reads the corrected launch; knownAt before the correction reads what was believed then', async () => {
      const liaison = server.token('SCDS', 'LIAISON');
      const read = async (args: string) =>
        (
          await server.graphql<{ programme: { launchedOn: string; registered: number } | null }>(
            `{ programme(code: "ADDR-I", ${args}) { launchedOn registered } }`,
            undefined,
            liaison,
          )
        ).data!.programme;
      expect(await read(`asOf: "2018-11-03", minPosition: "${position}"`)).toBeNull();
      // The first tranche came in September 2019, after the corrected launch.
      expect(await read('asOf: "2018-11-06"')).toEqual({ launchedOn: '2018-11-06', registered: 0 });
      expect(await read('asOf: "2019-09-02"')).toEqual({ launchedOn: '2018-11-06', registered: 1840 });
      expect(await read(`knownAt: "${beforeCorrection}"`)).toEqual({ launchedOn: '2018-11-01', registered: 1840 });
    });

    it("the auditor's history keeps both: the launch as recorded, marked corrected, and the correction naming it", async () => {
      const events = await history('programme-ADDR-I');
      const launch = events[0];
      const correction = events.find((e) => e.corrects === 0)!;
      expect(launch).toMatchObject({ type: 'ProgrammeLaunched', effectiveDate: '2018-11-01', correctedBy: [correction.revision] });
      expect(correction).toMatchObject({
        type: 'ActCorrected',
        body: 'CNDDR',
        effectiveDate: '2018-11-06',
        data: { revision: 0, changes: { effectiveDate: '2018-11-06' }, previous: { effectiveDate: '2018-11-01' } },
      });
      const timeline = await server.graphql<{ timeline: { entries: Array<{ type: string; corrects: number | null; summary: string }> } }>(
        `{ timeline(from: "2018-11-06", to: "2018-11-06") { entries { type corrects summary } } }`,
        undefined,
        server.token('SCDS', 'LIAISON'),
      );
      expect(timeline.data!.timeline.entries).toContainEqual({
        type: 'ActCorrected',
        corrects: 0,
        summary: 'ADDR-I: revision 0 corrected (effectiveDate 2018-11-01 -> 2018-11-06): ADDR-I began on 6 November 2018 (an illustrative day)',
      });
    });
  });

  describe('a fact recorded after later ones: the first MOC, established in Gao in January 2017, entered after the 2019 milestone of the Agreement', () => {
    const csa = () => server.token('CSA', 'SECRETARIAT');
    const milestones = async (asOf: string) =>
      (
        await server.graphql<{ instrument: { milestones: Array<{ milestone: string; effectiveDate: string }> } }>(
          `{ instrument(id: "algiers-agreement-2015", asOf: "${asOf}") { milestones { milestone effectiveDate } } }`,
          undefined,
          server.token('SCDS', 'LIAISON'),
        )
      ).data!.instrument.milestones;

    it('is accepted and placed at its date in asOf answers', async () => {
      const answer = await server.graphql(
        `mutation($input: RecordMilestoneInput!) { recordMilestone(input: $input) { position } }`,
        {
          input: {
            instrumentId: 'algiers-agreement-2015',
            milestone: 'First MOC established in Gao',
            count: 1,
            place: 'Gao',
            effectiveDate: '2017-01-01',
            sourceRef: "Brief, footnote 1: 'the first MOC was established in January 2017 in Gao'.",
          },
        },
        csa(),
      );
      expect(answer.errors).toBeUndefined();
      expect(await milestones('2016-12-31')).toEqual([]);
      expect(await milestones('2018-01-01')).toEqual([{ milestone: 'First MOC established in Gao', effectiveDate: '2017-01-01' }]);
      const now = await milestones('2019-12-31');
      expect(now.map((m) => m.effectiveDate)).toEqual(['2017-01-01', '2019-10-09']);
    });

    it('a correction that would break the order of the Agreement is refused: its adoption moved after its milestones', async () => {
      // The last party's signature, which adopted the Agreement: moving it moves the adoption.
      const events = await history('instrument-algiers-agreement-2015');
      const adoption = events[events.findIndex((e) => e.type === 'InstrumentAdopted') - 1];
      expect(adoption.type).toBe('StepDecided');
      const message = await refused(
        correctInstrument,
        { instrumentId: 'algiers-agreement-2015', revision: adoption.revision, reason: 'adopted later', effectiveDate: '2019-12-01' },
        csa(),
        'CONFLICT',
      );
      expect(message).toMatch(/needs it IN_IMPLEMENTATION|ADOPTED/);
    });
  });

  describe("the brief's recommendation tying further tranches to the decree, recorded by the CSA", () => {
    const correctCondition = `mutation($input: CorrectConditionActInput!) { correctConditionAct(input: $input) { revision position } }`;
    const input = { conditionId: 'further-tranches-require-decree', revision: 0, reason: 'dated from its publication', effectiveDate: '2019-11-01' };

    it('is corrected by the CSA alone: another body, an unknown act, an unknown condition and a correction of nothing are refused and write nothing', async () => {
      await refused(correctCondition, input, server.token('CNDDR', 'SECRETARIAT'), 'FORBIDDEN');
      await refused(correctCondition, { ...input, revision: 9 }, server.token('CSA', 'SECRETARIAT'), 'NOT_FOUND');
      await refused(correctCondition, { ...input, conditionId: 'no-such-condition' }, server.token('CSA', 'SECRETARIAT'), 'NOT_FOUND');
      await refused(correctCondition, { ...input, effectiveDate: '2019-10-09' }, server.token('CSA', 'SECRETARIAT'), 'BAD_USER_INPUT');
      await refused(correctCondition, input, server.token('CSA', 'LIAISON'), 'FORBIDDEN');
    });

    it('moves it out of force before its corrected date, and the history shows both', async () => {
      const answer = await server.graphql<{ correctConditionAct: { revision: number; position: string } }>(
        correctCondition,
        { input },
        server.token('CSA', 'SECRETARIAT'),
      );
      expect(answer.errors).toBeUndefined();
      const ids = async (asOf: string) =>
        (
          await server.graphql<{ conditions: Array<{ id: string; setOn: string }> }>(
            `query($asOf: Date, $at: String) { conditions(asOf: $asOf, minPosition: $at) { id setOn } }`,
            { asOf, at: answer.data!.correctConditionAct.position },
            server.token('CNDDR', 'LIAISON'),
          )
        ).data!.conditions;
      expect((await ids('2019-10-31')).map((c) => c.id)).not.toContain(input.conditionId);
      expect(await ids('2019-11-01')).toContainEqual({ id: input.conditionId, setOn: '2019-11-01' });
      const events = await history(`condition-${input.conditionId}`);
      expect(events.map((e) => [e.type, e.effectiveDate, e.correctedBy, e.corrects])).toEqual([
        ['ConditionSet', '2019-10-09', [1], null],
        ['ActCorrected', '2019-11-01', [], 0],
      ]);
    });
  });
});

/** The worked examples of docs/domain.md's "Late facts" and "Corrections", each request sent in order to a fresh start, each answer as shown. */
describe('docs/domain.md, late facts and corrections', () => {
  const doc = readFileSync(join(ROOT, 'docs', 'domain.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Late facts'), doc.indexOf('## Sources and certainty'));
  const blocks = [...section.matchAll(/```(graphql|json)\n([\s\S]*?)```/g)].map((m) => ({ language: m[1], text: m[2] }));
  const examples = examplesAs(blocks);
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer({ FIRST_START_SCENARIO: SCENARIO });
  }, 60_000);
  afterAll(() => server.close());

  it('shows seven requests, each with the secretariat or reader that sends it and its answer', () => {
    expectSendersAndAnswers(examples, 7);
  });

  it('every answer is what the server gives', async () => {
    await expectAnswersAsShown(server, examples);
  });
});
