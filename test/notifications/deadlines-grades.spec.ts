import { verifyWebhook } from '@ddr/notifications';
import { ctsApproves, famaAdopts, plan } from '../support/redeployment-plan';
import { startTestServer, type RunningServer } from '../support/server';
import { WebhookReceiver } from './webhook-receiver';

const PROPOSE = `mutation($input: ProposeInstrumentInput!) { proposeInstrument(input: $input) { position } }`;
const DECIDE = `mutation($input: RecordStepDecisionInput!) { recordStepDecision(input: $input) { position } }`;
const COMMIT = `mutation($input: MakeCommitmentInput!) { makeCommitment(input: $input) { position } }`;
const GRADE = `mutation($input: GradeImplementationInput!) { gradeImplementation(input: $input) { position } }`;
const REGISTER = `mutation($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { secret } }`;

type Payload = { type: string; data: Record<string, unknown> };
const payloads = (receiver: WebhookReceiver) => receiver.received.map((r) => JSON.parse(r.body) as Payload);
const ticks = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The calendar's kinds and the grades, from the real server to a real receiver, signed, once each across a restart. */
describe('webhooks: a step past its deadline, a graded commitment', () => {
  const env = { WEBHOOK_ALLOW_PRIVATE: 'true', NOTIFY_CLOCK_INTERVAL_MS: '100' };
  let server: RunningServer;
  const scds = new WebhookReceiver();
  let secret = '';

  beforeAll(async () => {
    await scds.start();
    server = await startTestServer(env);
    const registered = await server.graphql<{ registerWebhookEndpoint: { secret: string } }>(
      REGISTER,
      { input: { url: scds.url, kinds: ['STEP_DEADLINE_NEAR', 'STEP_OVERDUE', 'COMMITMENT_GRADED'] } },
      server.token('SCDS', 'SECRETARIAT'),
    );
    expect(registered.errors).toBeUndefined();
    secret = registered.data!.registerWebhookEndpoint.secret;
  });
  afterAll(async () => {
    await server.close();
    await scds.close();
  });

  it('tells the SCDS, signed, that its final adoption of the plan, due 30 days after the CTS approved it, is overdue; once, across a restart', async () => {
    const cts = server.token('CTS', 'SECRETARIAT');
    const pathway = plan.pathway.map((step) => (step.body === 'SCDS' ? { ...step, dueWithinDays: 30 } : step));
    for (const [query, input] of [
      [PROPOSE, { ...plan, pathway }],
      [DECIDE, famaAdopts],
      [DECIDE, ctsApproves],
    ] as const) {
      expect((await server.graphql(query, { input }, cts)).errors).toBeUndefined();
    }

    const [message] = await scds.waitFor(1);
    expect(verifyWebhook(secret, message.headers as Record<string, string>, message.body, Math.floor(Date.now() / 1000))).toBe(true);
    expect(JSON.parse(message.body)).toMatchObject({
      type: 'step.overdue',
      data: {
        body: 'SCDS',
        position: null,
        effectiveDate: '2019-10-26',
        link: `/#/instruments/${plan.instrumentId}`,
        instrumentId: plan.instrumentId,
        step: 2,
        stepBody: 'SCDS',
        action: 'FINAL_ADOPTION',
        awaitedSince: '2019-09-25',
        dueDate: '2019-10-25',
      },
    });

    // The clock keeps ticking, and the server restarts on its DATA_DIR: the deadline is not told again.
    await ticks(400);
    await server.close();
    server = await startTestServer({ ...env, DATA_DIR: server.settings.dataDir });
    await ticks(600);
    expect(payloads(scds).map((p) => p.type)).toEqual(['step.overdue']);
  });

  it("tells the SCDS the CSA's grade of its commitment, with its assessor, finding and source", async () => {
    const commitment = {
      commitmentId: 'scds-adopts-plan-2019',
      body: 'SCDS',
      description: 'Give final adoption to the redeployment plan',
      dueDate: '2019-12-31',
      effectiveDate: '2019-09-25',
    };
    expect((await server.graphql(COMMIT, { input: commitment }, server.token('SCDS', 'SECRETARIAT'))).errors).toBeUndefined();
    const graded = await server.graphql<{ gradeImplementation: { position: string } }>(
      GRADE,
      {
        input: {
          item: 'COMMITMENT',
          itemId: commitment.commitmentId,
          assessor: 'CSA',
          grade: 0,
          finding: 'the plan still awaits final adoption',
          effectiveDate: '2019-11-15',
          sourceRef: 'CSA session minutes',
        },
      },
      server.token('CSA', 'SECRETARIAT'),
    );
    expect(graded.errors).toBeUndefined();

    await scds.waitFor(2);
    const message = scds.received[1];
    expect(verifyWebhook(secret, message.headers as Record<string, string>, message.body, Math.floor(Date.now() / 1000))).toBe(true);
    expect(JSON.parse(message.body)).toMatchObject({
      type: 'commitment.graded',
      data: {
        body: 'SCDS',
        position: graded.data!.gradeImplementation.position,
        effectiveDate: '2019-11-15',
        link: `/#/commitments/${commitment.commitmentId}`,
        item: 'COMMITMENT',
        itemId: commitment.commitmentId,
        grade: 0,
        level: 'NOT_STARTED',
        assessor: 'CSA',
        finding: 'the plan still awaits final adoption',
        source: { ref: 'CSA session minutes' },
      },
    });
  });
});

describe('webhooks: a condition past its deadline, not met', () => {
  const env = { WEBHOOK_ALLOW_PRIVATE: 'true', NOTIFY_CLOCK_INTERVAL_MS: '100' };
  let server: RunningServer;
  const cnddr = new WebhookReceiver();

  beforeAll(async () => {
    await cnddr.start();
    server = await startTestServer(env);
  });
  afterAll(async () => {
    await server.close();
    await cnddr.close();
  });

  it('tells the CNDDR, signed, that the rule it set on the next tranche passed its deadline unmet, and what it still waits on', async () => {
    const clerk = server.token('CNDDR', 'SECRETARIAT');
    const registered = await server.graphql<{ registerWebhookEndpoint: { secret: string } }>(
      REGISTER,
      { input: { url: cnddr.url, kinds: ['CONDITION_DEADLINE_NEAR', 'CONDITION_OVERDUE'] } },
      clerk,
    );
    expect(registered.errors).toBeUndefined();
    const set = await server.graphql(
      `mutation($input: SetConditionInput!) { setCondition(input: $input) { position } }`,
      {
        input: {
          conditionId: 'tranche-2-after-plan',
          title: 'The second tranche waits for the redeployment plan',
          subject: 'ADDR-I T2',
          requires: [{ kind: 'INSTRUMENT_STATUS', instrumentId: plan.instrumentId, status: 'ADOPTED' }],
          dueDate: '2019-12-31',
          effectiveDate: '2019-10-09',
          sourceRef: 'CNDDR session minutes',
        },
      },
      clerk,
    );
    expect(set.errors).toBeUndefined();

    const [message] = await cnddr.waitFor(1);
    expect(
      verifyWebhook(registered.data!.registerWebhookEndpoint.secret, message.headers as Record<string, string>, message.body, Math.floor(Date.now() / 1000)),
    ).toBe(true);
    expect(JSON.parse(message.body)).toMatchObject({
      type: 'condition.overdue',
      data: {
        body: 'CNDDR',
        position: null,
        effectiveDate: '2020-01-01',
        link: '/#/conditions/tranche-2-after-plan',
        conditionId: 'tranche-2-after-plan',
        setBy: 'CNDDR',
        dueDate: '2019-12-31',
        blockedBy: [expect.stringContaining(plan.instrumentId)],
      },
    });
    await ticks(400);
    expect(payloads(cnddr).map((p) => p.type)).toEqual(['condition.overdue']);
  });
});
