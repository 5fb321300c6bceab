import { join } from 'node:path';
import { EVENT_STORE, type EventStore } from '@ddr/event-store';
import { ROOT } from '../support/built';
import { docBlocks, questionsAndAnswers } from '../support/doc-blocks';
import { startTestServer, type RunningServer } from '../support/server';

const SCENARIO = join(ROOT, 'scenarios', 'mali-2015-2019.yaml');

type Step = { body: string; action: string; status: string; awaitedSince: string | null; handedOverBy: string | null; daysWaited: number | null };
type Figures = { decided: number; medianDays: number | null; p90Days: number | null; longestDays: number | null; stillWaiting: number };
type HandOff = Figures & { from: string; to: string; oldestSince: string | null; oldestDays: number | null; oldestInstrumentId: string | null };

const STEP = 'body action status awaitedSince handedOverBy daysWaited dueDate overdue';
const HAND_OFFS = `query($from: Date, $to: Date, $asOf: Date) { delays(from: $from, to: $to, asOf: $asOf) { from to
  handOffs(first: 100) { edges { node { from to decided medianDays p90Days longestDays stillWaiting oldestSince oldestDays oldestInstrumentId } } }
  byBody(first: 100) { edges { node { body decided longestDays stillWaiting oldestSince oldestDays } } } } }`;

/**
 * Waiting times and delays on the history of the brief: the redeployment plan awaited by the SCDS since
 * the 41st CTS meeting, the rank decree by the President since the Council of Ministers; then a test's
 * own plan, with deadlines, a return and a resubmission, and a corrected decision date.
 */
describe('waiting times, deadlines and delays', () => {
  let server: RunningServer;
  let liaison: string;
  let cts: string;

  beforeAll(async () => {
    server = await startTestServer({ FIRST_START_SCENARIO: SCENARIO });
    liaison = server.token('SCDS', 'LIAISON');
    cts = server.token('CTS', 'SECRETARIAT');
  }, 60_000);
  afterAll(() => server.close());

  const read = async <T>(query: string, variables?: object) => {
    const answer = await server.graphql<T>(query, variables, liaison);
    expect(answer.errors).toBeUndefined();
    return answer.data!;
  };
  const act = async (mutation: string, inputType: string, input: object) => {
    const answer = await server.graphql<Record<string, { position: string }>>(
      `mutation($input: ${inputType}!) { ${mutation}(input: $input) { position } }`,
      { input },
      cts,
    );
    expect(answer.errors).toBeUndefined();
    return answer.data![mutation].position;
  };
  /** The CTS proposes a test's own instrument on 1 January 2020, and records its steps' decisions. */
  const propose = (instrumentId: string, title: string, pathway: object[], kind = 'PLAN') =>
    act('proposeInstrument', 'ProposeInstrumentInput', { instrumentId, kind, title, leadBody: 'CTS', pathway, effectiveDate: '2020-01-01', sourceRef: 'test' });
  const decide = (instrumentId: string, body: string, action: string, outcome: string, effectiveDate: string) =>
    act('recordStepDecision', 'RecordStepDecisionInput', { instrumentId, body, action, outcome, effectiveDate, sourceRef: 'test' });
  const handOffs = async (variables: object) =>
    (
      await read<{
        delays: { handOffs: { edges: Array<{ node: HandOff }> }; byBody: { edges: Array<{ node: Figures & { body: string; oldestDays: number | null } }> } };
      }>(HAND_OFFS, variables)
    ).delays;

  it('the redeployment plan awaits the SCDS since 2019-09-25, handed over by the CTS, 97 days by the end of 2019', async () => {
    const { instrument } = await read<{ instrument: { awaiting: Step; pathway: Step[] } }>(
      `{ instrument(id: "redeployment-plan-2019-2021", asOf: "2019-12-31") { awaiting { ${STEP} } pathway { ${STEP} } } }`,
    );
    expect(instrument.awaiting).toMatchObject({ body: 'SCDS', awaitedSince: '2019-09-25', handedOverBy: 'CTS', daysWaited: 97, overdue: false });
    // The FAMa adopted and the CTS approved on the day the plan was tabled: each step shows the days it waited, here none.
    expect(instrument.pathway.slice(0, 2)).toMatchObject([
      { body: 'FAMA', status: 'APPROVED', awaitedSince: '2019-09-25', handedOverBy: 'CTS', daysWaited: 0 },
      { body: 'CTS', status: 'APPROVED', awaitedSince: '2019-09-25', handedOverBy: 'FAMA', daysWaited: 0 },
    ]);
  });

  it("the SCDS's queue as of a date lists it oldest first with its days; before the CTS approved, it awaited nothing", async () => {
    const queue = `query($asOf: Date) { body(code: SCDS, asOf: $asOf) { on awaiting(first: 10) { totalCount edges { node { id awaitingSteps { ${STEP} } } } } } }`;
    type Queue = { body: { on: string; awaiting: { totalCount: number; edges: Array<{ node: { id: string; awaitingSteps: Step[] } }> } } };
    const end2019 = await read<Queue>(queue, { asOf: '2019-12-31' });
    expect(end2019.body.on).toBe('2019-12-31');
    expect(end2019.body.awaiting.edges.map(({ node }) => [node.id, node.awaitingSteps[0].awaitedSince, node.awaitingSteps[0].daysWaited])).toEqual([
      ['redeployment-plan-2019-2021', '2019-09-25', 97],
      ['integration-quota', '2019-10-09', 83],
    ]);
    expect(end2019.body.awaiting.totalCount).toBe(2);
    const before = await read<Queue>(queue, { asOf: '2019-09-24' });
    expect(before.body.awaiting).toEqual({ totalCount: 0, edges: [] });
    const waitingOn = await read<{ body: { waitingOnOthers: { edges: Array<{ node: { id: string; awaiting: Step } }> } } }>(
      `{ body(code: CTS, asOf: "2019-12-31") { waitingOnOthers(first: 10) { edges { node { id awaiting { ${STEP} } } } } } }`,
    );
    expect(waitingOn.body.waitingOnOthers.edges.map(({ node }) => [node.id, node.awaiting.body, node.awaiting.daysWaited])).toEqual([
      ['redeployment-plan-2019-2021', 'SCDS', 97],
    ]);
  });

  it('the delays table puts the SCDS and Presidency hand-offs first, the slowest', async () => {
    const delays = await handOffs({ from: '2015-01-01', asOf: '2019-12-31' });
    expect(delays.handOffs.edges.slice(0, 2).map(({ node }) => node)).toEqual([
      {
        from: 'CTS',
        to: 'SCDS',
        decided: 0,
        medianDays: null,
        p90Days: null,
        longestDays: null,
        stillWaiting: 1,
        oldestSince: '2019-09-25',
        oldestDays: 97,
        oldestInstrumentId: 'redeployment-plan-2019-2021',
      },
      {
        from: 'COUNCIL_OF_MINISTERS',
        to: 'PRESIDENCY',
        decided: 0,
        medianDays: null,
        p90Days: null,
        longestDays: null,
        stillWaiting: 1,
        oldestSince: '2019-10-09',
        oldestDays: 83,
        oldestInstrumentId: 'decree-ranks-2019',
      },
    ]);
    expect(delays.byBody.edges.slice(0, 2).map(({ node }) => [node.body, node.stillWaiting, node.oldestDays])).toEqual([
      ['SCDS', 2, 97],
      ['PRESIDENCY', 1, 83],
    ]);
    // Every other hand-off was decided the day it was made: none waited.
    for (const { node } of delays.handOffs.edges.slice(2)) expect(Math.max(node.longestDays ?? 0, node.oldestDays ?? 0)).toBe(node.to === 'SCDS' ? 83 : 0);
  });

  it("docs/api.md's delays example gets the answer it shows", async () => {
    const [[query, answer]] = questionsAndAnswers(docBlocks('docs/api.md', '## Waiting times and delays'));
    expect(await read(query)).toEqual(JSON.parse(answer));
  });

  it('a plan with deadlines: overdue once past, its return and resubmission begin new waits, and a corrected decision date moves the figures', async () => {
    const id = 'waits-test-plan';
    await propose(id, 'A plan with deadlines', [
      { body: 'FAMA', action: 'ADOPT', dueWithinDays: 10 },
      { body: 'CTS', action: 'APPROVE', dueDate: '2020-03-01' },
    ]);
    const step = async (asOf: string) =>
      (await read<{ instrument: { pathway: Step[] } }>(`query($asOf: Date) { instrument(id: "${id}", asOf: $asOf) { pathway { ${STEP} } } }`, { asOf }))
        .instrument.pathway;
    expect((await step('2020-01-11'))[0]).toMatchObject({ awaitedSince: '2020-01-01', daysWaited: 10, dueDate: '2020-01-11', overdue: false });
    expect((await step('2020-01-12'))[0]).toMatchObject({ daysWaited: 11, overdue: true });
    expect((await step('2020-01-12'))[1]).toMatchObject({ awaitedSince: null, daysWaited: null, dueDate: '2020-03-01', overdue: false });

    await decide(id, 'FAMA', 'ADOPT', 'APPROVED', '2020-01-21');
    await decide(id, 'CTS', 'APPROVE', 'RETURNED', '2020-02-01');
    await act('resubmitInstrument', 'InstrumentActInput', { instrumentId: id, effectiveDate: '2020-02-15', sourceRef: 'test' });
    const resubmitted = await step('2020-03-05');
    expect(resubmitted[0]).toMatchObject({ status: 'APPROVED', awaitedSince: '2020-01-01', daysWaited: 20 });
    expect(resubmitted[1]).toMatchObject({ status: 'PENDING', awaitedSince: '2020-02-15', handedOverBy: 'CTS', daysWaited: 19, overdue: true });

    const famaToCts = async () =>
      (await handOffs({ from: '2020-01-01', to: '2020-03-05' })).handOffs.edges.map(({ node }) => node).find((n) => n.from === 'FAMA' && n.to === 'CTS');
    expect(await famaToCts()).toMatchObject({ decided: 1, medianDays: 11, longestDays: 11, stillWaiting: 0 });

    // The FAMa's adoption was really on 11 January: the CTS's first wait grows by ten days, the FAMa's shrinks.
    const { instrument } = await read<{ instrument: { history: Array<{ type: string; revision: number }> } }>(
      `{ instrument(id: "${id}") { history { type revision } } }`,
    );
    const adoption = instrument.history.find((event) => event.type === 'StepDecided')!.revision;
    const position = await act('correctInstrumentAct', 'CorrectInstrumentActInput', {
      instrumentId: id,
      revision: adoption,
      reason: 'adopted on the 11th',
      effectiveDate: '2020-01-11',
    });
    expect(position).toBe(await server.app.get<EventStore>(EVENT_STORE).headPosition());
    expect(await famaToCts()).toMatchObject({ decided: 1, medianDays: 21, longestDays: 21 });
    expect((await step('2020-03-05'))[0]).toMatchObject({ awaitedSince: '2020-01-01', daysWaited: 10, overdue: false });
  });

  it('a commitment and a condition due 30 days after an act: counted from the act once known, and moved by its correction', async () => {
    const commitment = async (id: string) =>
      (
        await read<{ commitments: Array<{ id: string; dueDate: string; dueAfterActOn: string | null; dueAfter: object | null }> }>(
          '{ commitments(first: 100, asOf: "2020-12-31") { id dueDate dueAfterActOn dueAfter { instrumentId body action days } } }',
        )
      ).commitments.find((c) => c.id === id);
    // The Agreement's cantonment start date, due within 30 days of its signing by the last of its parties.
    expect(await commitment('cantonment-start-date-2015')).toEqual({
      id: 'cantonment-start-date-2015',
      dueDate: '2015-01-31',
      dueAfterActOn: '2015-01-01',
      dueAfter: { instrumentId: 'algiers-agreement-2015', body: null, action: null, days: 30 },
    });

    await propose('waits-accord', 'An accord the FAMa adopts', [{ body: 'FAMA', action: 'ADOPT' }], 'AGREEMENT');
    await act('makeCommitment', 'MakeCommitmentInput', {
      commitmentId: 'waits-within-30-days',
      body: 'CTS',
      description: 'Within 30 days of the adoption by the FAMa',
      dueDate: '2020-12-31',
      dueAfter: { instrumentId: 'waits-accord', body: 'FAMA', action: 'ADOPT', days: 30 },
      effectiveDate: '2020-01-01',
      sourceRef: 'test',
    });
    expect(await commitment('waits-within-30-days')).toMatchObject({ dueDate: '2020-12-31', dueAfterActOn: null });
    await decide('waits-accord', 'FAMA', 'ADOPT', 'APPROVED', '2020-02-01');
    expect(await commitment('waits-within-30-days')).toMatchObject({ dueDate: '2020-03-02', dueAfterActOn: '2020-02-01' });
    await act('correctInstrumentAct', 'CorrectInstrumentActInput', {
      instrumentId: 'waits-accord',
      revision: 1,
      reason: 'adopted on the 10th',
      effectiveDate: '2020-02-10',
    });
    expect(await commitment('waits-within-30-days')).toMatchObject({ dueDate: '2020-03-11', dueAfterActOn: '2020-02-10' });

    // A condition to be met within 30 days of the same adoption: read as of a date, with the adoption as known then.
    await act('setCondition', 'SetConditionInput', {
      conditionId: 'waits-condition',
      title: 'The promise kept within 30 days of the adoption',
      subject: 'the next tranche',
      requires: [{ kind: 'COMMITMENT_FULFILLED', commitmentId: 'waits-within-30-days' }],
      dueAfter: { instrumentId: 'waits-accord', body: 'FAMA', action: 'ADOPT', days: 30 },
      effectiveDate: '2020-01-01',
      sourceRef: 'test',
    });
    const condition = async (asOf: string) =>
      (
        await read<{ conditions: Array<{ id: string; met: boolean; dueDate: string | null; dueAfterActOn: string | null; overdue: boolean }> }>(
          'query($asOf: Date) { conditions(body: CTS, asOf: $asOf, first: 100) { id met dueDate dueAfterActOn overdue } }',
          { asOf },
        )
      ).conditions.find((c) => c.id === 'waits-condition');
    expect(await condition('2020-02-05')).toEqual({ id: 'waits-condition', met: false, dueDate: null, dueAfterActOn: null, overdue: false });
    expect(await condition('2020-03-11')).toMatchObject({ dueDate: '2020-03-11', dueAfterActOn: '2020-02-10', overdue: false });
    expect(await condition('2020-03-12')).toMatchObject({ dueDate: '2020-03-11', overdue: true });
  });

  it("a decision recorded late, after a later-dated act, is folded at its place: the next step waits from the decision's own date", async () => {
    const id = 'waits-late-plan';
    await propose(id, 'A plan whose adoption is learned late', [
      { body: 'FAMA', action: 'ADOPT' },
      { body: 'SCDS', action: 'FINAL_ADOPTION' },
    ]);
    await act('tablePosition', 'TablePositionInput', {
      instrumentId: id,
      party: 'FAMa',
      statement: 'a position',
      effectiveDate: '2020-06-01',
      sourceRef: 'test',
    });
    await decide(id, 'FAMA', 'ADOPT', 'APPROVED', '2020-02-01');
    const { instrument } = await read<{ instrument: { awaiting: Step } }>(`{ instrument(id: "${id}", asOf: "2020-07-01") { awaiting { ${STEP} } } }`);
    expect(instrument.awaiting).toMatchObject({ body: 'SCDS', awaitedSince: '2020-02-01', handedOverBy: 'FAMA', daysWaited: 151 });
    const queue = await read<{ body: { awaiting: { edges: Array<{ cursor: string; node: { id: string } }> } } }>(
      '{ body(code: SCDS) { awaiting(first: 100) { edges { cursor node { id } } } } }',
    );
    const edge = queue.body.awaiting.edges.find(({ node }) => node.id === id)!;
    // The queue's index is dated from the refolded view: its key begins with the day the SCDS began to wait.
    expect(JSON.parse(Buffer.from(edge.cursor, 'base64url').toString().slice(2))).toEqual(['2020-02-01', id]);
    const famaToScds = (await handOffs({ from: '2020-01-01', to: '2020-07-01' })).handOffs.edges.find(
      ({ node }) => node.from === 'FAMA' && node.to === 'SCDS',
    )!.node;
    expect(famaToScds).toMatchObject({ stillWaiting: 1, oldestSince: '2020-02-01', oldestDays: 151, oldestInstrumentId: id });
  });

  it('a step with both a due date and a number of days, or zero days, and a deadline after a step without its action, are refused and change nothing; so is a period that ends before it begins', async () => {
    const head = await server.app.get<EventStore>(EVENT_STORE).headPosition();
    for (const due of [{ dueDate: '2020-03-01', dueWithinDays: 5 }, { dueWithinDays: 0 }]) {
      const answer = await server.graphql(
        'mutation($input: ProposeInstrumentInput!) { proposeInstrument(input: $input) { position } }',
        {
          input: {
            instrumentId: 'waits-bad-plan',
            kind: 'PLAN',
            title: 'Bad',
            leadBody: 'CTS',
            pathway: [{ body: 'FAMA', action: 'ADOPT', ...due }],
            effectiveDate: '2020-01-01',
          },
        },
        cts,
      );
      expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    }
    const halfStep = await server.graphql(
      'mutation($input: MakeCommitmentInput!) { makeCommitment(input: $input) { position } }',
      {
        input: {
          commitmentId: 'waits-bad-commitment',
          body: 'CTS',
          description: 'A step without its action',
          dueDate: '2020-12-31',
          dueAfter: { instrumentId: 'waits-accord', body: 'FAMA', days: 30 },
          effectiveDate: '2020-01-01',
        },
      },
      cts,
    );
    expect(halfStep.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(await server.app.get<EventStore>(EVENT_STORE).headPosition()).toBe(head);
    const backwards = await server.graphql('{ delays(from: "2019-01-01", to: "2018-01-01") { from } }', undefined, liaison);
    expect(backwards.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });
});
