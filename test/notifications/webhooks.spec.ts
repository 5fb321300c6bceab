import { verifyWebhook } from '@ddr/notifications';
import { ctsApproves, famaAdopts, plan } from '../support/redeployment-plan';
import { startTestServer, type RunningServer } from '../support/server';
import { WebhookReceiver } from './webhook-receiver';

const PROPOSE = `mutation($input: ProposeInstrumentInput!) { proposeInstrument(input: $input) { position } }`;
const DECIDE = `mutation($input: RecordStepDecisionInput!) { recordStepDecision(input: $input) { position } }`;
const REGISTER = `mutation($input: RegisterWebhookEndpointInput!) {
  registerWebhookEndpoint(input: $input) { secret endpoint { id body url kinds status } } }`;
const ATTEMPTS = `query($id: ID!, $first: Int, $after: String) { webhookAttempts(endpointId: $id, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { webhookId kind position status latencyMs error } } } }`;

type Registered = { registerWebhookEndpoint: { secret: string; endpoint: { id: string; status: string } } };

/** The real server with a real receiver: a step decided at the CTS reaches the SCDS, signed, in order, at least once. */
describe('webhooks: what awaits a body reaches its endpoint', () => {
  let server: RunningServer;
  const receivers: WebhookReceiver[] = [];
  const receiver = async (answer?: ConstructorParameters<typeof WebhookReceiver>[0]) => {
    const started = await new WebhookReceiver(answer).start();
    receivers.push(started);
    return started;
  };

  beforeAll(async () => {
    server = await startTestServer({ WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_BASE_MS: '50', WEBHOOK_MAX_ATTEMPTS: '4', WEBHOOK_TIMEOUT_MS: '2000' });
  });
  afterAll(async () => {
    await server.close();
    await Promise.all(receivers.map((r) => r.close()));
  });

  const register = async (body: 'SCDS' | 'CTS', url: string, kinds = ['STEP_AWAITED']) => {
    const answer = await server.graphql<Registered>(REGISTER, { input: { url, kinds } }, server.token(body, 'SECRETARIAT'));
    expect(answer.errors).toBeUndefined();
    return answer.data!.registerWebhookEndpoint;
  };
  const cts = () => server.token('CTS', 'SECRETARIAT');

  it('tells the SCDS, with a valid Standard Webhooks signature, that the plan awaits it once the CTS approved it at CTS-41', async () => {
    const scds = await receiver();
    const { secret, endpoint } = await register('SCDS', scds.url);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(endpoint.status).toBe('ACTIVE');

    await server.graphql(PROPOSE, { input: plan }, cts());
    await server.graphql(DECIDE, { input: famaAdopts }, cts());
    const decided = await server.graphql<{ recordStepDecision: { position: string } }>(DECIDE, { input: ctsApproves }, cts());
    expect(decided.errors).toBeUndefined();

    const [message] = await scds.waitFor(1);
    const headers = message.headers as Record<string, string>;
    expect(verifyWebhook(secret, headers, message.body, Math.floor(Date.now() / 1000))).toBe(true);
    expect(verifyWebhook(secret, headers, message.body.replace('SCDS', 'CTS'), Math.floor(Date.now() / 1000))).toBe(false);
    const payload = JSON.parse(message.body) as { type: string; data: Record<string, unknown> };
    expect(payload.type).toBe('step.awaited');
    expect(payload.data).toMatchObject({
      body: 'SCDS',
      instrumentId: plan.instrumentId,
      action: 'FINAL_ADOPTION',
      effectiveDate: '2019-09-25',
      position: decided.data!.recordStepDecision.position,
      link: `/#/instruments/${plan.instrumentId}`,
    });
    // Only what awaits the SCDS: the steps awaiting FAMa and the CTS went to nobody here.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(scds.received).toHaveLength(1);

    const attempts = await server.graphql(ATTEMPTS, { id: endpoint.id }, server.token('SCDS', 'SECRETARIAT'));
    expect(attempts.data!.webhookAttempts).toMatchObject({ totalCount: 1, edges: [{ node: { status: 200, error: null, kind: 'STEP_AWAITED' } }] });
    // Another body's clerk does not see the SCDS's endpoint; an auditor does.
    const cross = await server.graphql(ATTEMPTS, { id: endpoint.id }, server.token('CTS', 'SECRETARIAT'));
    expect(cross.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const audited = await server.graphql(ATTEMPTS, { id: endpoint.id }, server.token('CNDDR', 'AUDITOR'));
    expect(audited.data!.webhookAttempts.totalCount).toBe(1);
  });

  it('sends the same webhook-id four times to a receiver that fails three times, and the next event once, after it', async () => {
    const flaky = await receiver((_, index) => (index < 3 ? 503 : 200));
    const { endpoint } = await server
      .graphql<Registered>(REGISTER, { input: { url: flaky.url, kinds: ['STEP_AWAITED'] } }, cts())
      .then((a) => a.data!.registerWebhookEndpoint);
    // A returned-and-resubmitted plan would be the domain's way; a fresh plan whose first step is the CTS's is simpler.
    const first = { ...plan, instrumentId: 'cts-plan-a', pathway: [{ body: 'CTS', action: 'APPROVE' }] };
    const second = { ...first, instrumentId: 'cts-plan-b' };
    await server.graphql(PROPOSE, { input: first }, cts());
    await server.graphql(PROPOSE, { input: second }, cts());

    const received = await flaky.waitFor(5);
    const ids = received.map((r) => r.headers['webhook-id']);
    expect(new Set(ids.slice(0, 4)).size).toBe(1);
    expect(ids[4]).not.toBe(ids[0]);
    const instruments = received.map((r) => (JSON.parse(r.body) as { data: { instrumentId: string } }).data.instrumentId);
    expect(instruments).toEqual(['cts-plan-a', 'cts-plan-a', 'cts-plan-a', 'cts-plan-a', 'cts-plan-b']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(flaky.received).toHaveLength(5);

    // Every attempt is kept, a page at a time.
    const page = await server.graphql(ATTEMPTS, { id: endpoint.id, first: 2 }, cts());
    expect(page.data!.webhookAttempts).toMatchObject({ totalCount: 5, pageInfo: { hasNextPage: true } });
    expect(page.data!.webhookAttempts.edges.map((e: { node: { status: number } }) => e.node.status)).toEqual([503, 503]);
    const rest = await server.graphql(ATTEMPTS, { id: endpoint.id, first: 10, after: page.data!.webhookAttempts.pageInfo.endCursor }, cts());
    expect(rest.data!.webhookAttempts.edges.map((e: { node: { status: number } }) => e.node.status)).toEqual([503, 200, 200]);
    const tooMany = await server.graphql(ATTEMPTS, { id: endpoint.id, first: 1000 }, cts());
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('marks an endpoint failing after its attempts, and resumes it from the message where it stopped', async () => {
    let up = false;
    const down = await receiver(() => (up ? 200 : 500));
    const { endpoint } = await register('CTS', down.url);
    await server.graphql(PROPOSE, { input: { ...plan, instrumentId: 'cts-plan-c', pathway: [{ body: 'CTS', action: 'APPROVE' }] } }, cts());
    await down.waitFor(4);
    const ENDPOINTS = `{ webhookEndpoints { id status pending } }`;
    const failing = async () =>
      ((await server.graphql(ENDPOINTS, {}, cts())).data!.webhookEndpoints as Array<{ id: string; status: string; pending: number }>).find(
        (e) => e.id === endpoint.id,
      )!;
    // The receiver sees a request before the dispatcher records its answer: the endpoint's state is awaited, bounded.
    const settle = async (done: (e: { status: string; pending: number }) => boolean) => {
      for (let i = 0; i < 100 && !done(await failing()); i++) await new Promise((r) => setTimeout(r, 50));
      return failing();
    };
    expect(await settle((e) => e.status === 'FAILING')).toMatchObject({ status: 'FAILING', pending: 1 });

    up = true;
    const resumed = await server.graphql(`mutation($id: ID!) { resumeWebhookEndpoint(id: $id) { status } }`, { id: endpoint.id }, cts());
    expect(resumed.data!.resumeWebhookEndpoint.status).toBe('ACTIVE');
    const all = await down.waitFor(5);
    expect(new Set(all.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect((await settle((e) => e.pending === 0)).pending).toBe(0);

    // A redelivery from the plan's position sends the same message again, same id.
    const position = (JSON.parse(all[0].body) as { data: { position: string } }).data.position;
    await server.graphql(`mutation($id: ID!, $p: String!) { redeliverWebhooks(id: $id, fromPosition: $p) { id } }`, { id: endpoint.id, p: position }, cts());
    const again = await down.waitFor(6);
    expect(again[5].headers['webhook-id']).toBe(all[0].headers['webhook-id']);
  });

  it("tells the SCDS that the CTS corrected FAMa's adoption of a plan on its pathway: what changed, what it was, why, and the source as it now stands", async () => {
    const scds = await receiver();
    const { secret } = await register('SCDS', scds.url, ['ACT_CORRECTED']);
    const instrumentId = 'redeployment-plan-corrected';
    await server.graphql(PROPOSE, { input: { ...plan, instrumentId } }, cts());
    await server.graphql(DECIDE, { input: { ...famaAdopts, instrumentId } }, cts());
    const CORRECT = `mutation($input: CorrectInstrumentActInput!) { correctInstrumentAct(input: $input) { position } }`;
    const source = { ref: 'FAMa general staff, letter of 12 September 2019', note: 'the draft was adopted two days later than first recorded' };
    const corrected = await server.graphql<{ correctInstrumentAct: { position: string } }>(
      CORRECT,
      { input: { instrumentId, revision: 1, reason: "dated from FAMa's letter, not the cover note", effectiveDate: '2019-09-12', source } },
      cts(),
    );
    expect(corrected.errors).toBeUndefined();

    const [message] = await scds.waitFor(1);
    expect(verifyWebhook(secret, message.headers as Record<string, string>, message.body, Math.floor(Date.now() / 1000))).toBe(true);
    const payload = JSON.parse(message.body) as { type: string; data: Record<string, unknown> };
    expect(payload.type).toBe('act.corrected');
    expect(payload.data).toMatchObject({
      body: 'SCDS',
      position: corrected.data!.correctInstrumentAct.position,
      effectiveDate: '2019-09-12',
      link: `/#/instruments/${instrumentId}`,
      subjectKind: 'instrument',
      subjectId: instrumentId,
      revision: 1,
      act: 'StepDecided',
      correctedBy: 'CTS',
      changes: { effectiveDate: '2019-09-12', source: { ref: source.ref, note: source.note } },
      previous: { effectiveDate: '2019-09-10', source: { ref: famaAdopts.sourceRef } },
      source: { ref: source.ref, note: source.note, datePrecision: 'DAY', assumption: false },
    });
    // Told once: the SCDS registered for corrections only, and the CTS made this one.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(scds.received).toHaveLength(1);
  });

  it('a replica with NOTIFY_DELIVER=false follows the log and queues, but sends nothing', async () => {
    const quiet = await startTestServer({ WEBHOOK_ALLOW_PRIVATE: 'true', NOTIFY_DELIVER: 'false' });
    try {
      const silent = await receiver();
      const token = quiet.token('CTS', 'SECRETARIAT');
      const registered = await quiet.graphql<Registered>(REGISTER, { input: { url: silent.url, kinds: ['STEP_AWAITED'] } }, token);
      expect(registered.errors).toBeUndefined();
      await quiet.graphql(PROPOSE, { input: { ...plan, instrumentId: 'cts-plan-quiet', pathway: [{ body: 'CTS', action: 'APPROVE' }] } }, token);
      const pending = async () =>
        ((await quiet.graphql(`{ webhookEndpoints { pending } }`, {}, token)).data!.webhookEndpoints as Array<{ pending: number }>)[0];
      for (let i = 0; i < 100 && (await pending()).pending === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(await pending()).toEqual({ pending: 1 });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(silent.received).toHaveLength(0);
    } finally {
      await quiet.close();
    }
  });

  it('refuses loopback, metadata and private names without WEBHOOK_ALLOW_PRIVATE, and writes nothing', async () => {
    const strict = await startTestServer({});
    try {
      for (const url of [
        'http://127.0.0.1/hooks',
        'http://169.254.169.254/latest/meta-data',
        'http://localhost:8080/x',
        'http://[::1]/x',
        'ftp://example.org/x',
      ]) {
        const answer = await strict.graphql(REGISTER, { input: { url, kinds: ['STEP_AWAITED'] } }, strict.token('SCDS', 'SECRETARIAT'));
        expect({ url, code: answer.errors?.[0].extensions?.code }).toEqual({ url, code: 'BAD_USER_INPUT' });
      }
      const listed = await strict.graphql(`{ webhookEndpoints { id } }`, {}, strict.token('SCDS', 'SECRETARIAT'));
      expect(listed.data!.webhookEndpoints).toEqual([]);
      const liaison = await strict.graphql(REGISTER, { input: { url: 'https://example.org/x', kinds: ['STEP_AWAITED'] } }, strict.token('SCDS', 'LIAISON'));
      expect(liaison.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    } finally {
      await strict.close();
    }
  });
});
