import { NodeSDK, tracing } from '@opentelemetry/sdk-node';
import Fastify from 'fastify';
import { EVENT_STORE, type EventStore } from '@ddr/event-store';
import { enableTracing } from '@ddr/telemetry';
import { smtpReceiver } from '../notifications/smtp-receiver';
import { WebhookReceiver } from '../notifications/webhook-receiver';
import { currentRequest, enterRequestScope } from '../../apps/api/src/operations/request-scope';
import { plan } from '../support/redeployment-plan';
import { startTestServer, type RunningServer } from '../support/server';

const PROPOSE = 'mutation ($input: ProposeInstrumentInput!) { proposeInstrument(input: $input) { position } }';

/** A mutation as a client that sends its own correlation id sends it. */
async function propose(server: RunningServer, input: object, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token('CTS', 'SECRETARIAT')}`, ...headers },
    body: JSON.stringify({ query: PROPOSE, variables: { input } }),
  });
  const answer = (await response.json()) as { data: { proposeInstrument: { position: string } } };
  return answer.data.proposeInstrument.position;
}

/** Waits until the read model has projected `position` (read-your-writes), so its span has ended. */
async function projected(server: RunningServer, position: string): Promise<void> {
  const answer = await server.graphql(
    'query ($at: String) { instrument(id: "redeployment-plan-2019-2021", minPosition: $at) { status } }',
    { at: position },
    server.token('CTS', 'LIAISON'),
  );
  expect(answer.errors).toBeUndefined();
}

const parentOf = (span: tracing.ReadableSpan) => span.parentSpanContext?.spanId;

/** What a handler sees of its request's scope (what the log lines carry), after an await. */
async function scopeSeenInARequest(): Promise<unknown> {
  const app = Fastify();
  enterRequestScope(app, { logRequests: false });
  app.get('/scope', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    return { scope: currentRequest() ?? null };
  });
  try {
    return (await app.inject({ method: 'GET', url: '/scope', headers: { 'x-correlation-id': 'cts-desk-session-9' } })).json();
  } finally {
    await app.close();
  }
}

describe('one trace from the GraphQL request to the projection of its event', () => {
  const exporter = new tracing.InMemorySpanExporter();
  const sdk = new NodeSDK({ serviceName: 'ddr-test', spanProcessors: [new tracing.SimpleSpanProcessor(exporter)], instrumentations: [] });
  let server: RunningServer;
  let smtp: Awaited<ReturnType<typeof smtpReceiver>>;
  const receiver = new WebhookReceiver();
  const finished = async (name: string) => {
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 50))) {
      const spans = exporter.getFinishedSpans().filter((span) => span.name === name);
      if (spans.length > 0) return spans;
    }
    throw new Error(`no ${name} span ended`);
  };

  beforeAll(async () => {
    sdk.start();
    enableTracing(true);
    smtp = await smtpReceiver();
    await receiver.start();
    // Any OTLP endpoint turns tracing on in the settings; the spans go to the in-memory exporter above.
    // Deliveries go to the receivers above (the SDK registers once per process: one describe holds every span).
    server = await startTestServer({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
      WEBHOOK_ALLOW_PRIVATE: 'true',
      SMTP_URL: smtp.url,
      NOTIFY_CLOCK_INTERVAL_MS: '200',
    });
  });
  afterAll(async () => {
    await server.close();
    await receiver.close();
    await smtp.close();
    enableTracing(false);
    await sdk.shutdown();
  });

  it('links the request, the command, the decision, the append and the projection, with the ids as attributes', async () => {
    const position = await propose(server, { ...plan, commandId: 'cts-2019-09-01-plan' }, { 'x-correlation-id': 'cts-desk-session-7' });
    await projected(server, position);

    const spans = exporter.getFinishedSpans();
    const command = spans.find((span) => span.name === 'command ProposeInstrument')!;
    expect(command.attributes).toMatchObject({
      'ddr.command': 'ProposeInstrument',
      'ddr.body': 'CTS',
      'ddr.command_id': 'cts-2019-09-01-plan',
      'ddr.correlation_id': 'cts-desk-session-7',
    });
    const trace = spans.filter((span) => span.spanContext().traceId === command.spanContext().traceId);
    const named = (name: string) => {
      const found = trace.filter((span) => span.name === name);
      expect(found).toHaveLength(1);
      return found[0];
    };
    const request = named('graphql mutation proposeInstrument');
    const decide = named('decide');
    const append = named('append');
    const projection = named('project InstrumentProposed');
    expect(parentOf(request)).toBeUndefined();
    expect(request.attributes).toMatchObject({ 'http.request.method': 'POST', 'graphql.operation.type': 'mutation', 'http.response.status_code': 200 });
    expect(parentOf(command)).toBe(request.spanContext().spanId);
    for (const child of [decide, append, projection]) expect(parentOf(child)).toBe(command.spanContext().spanId);
    expect(append.attributes).toMatchObject({ 'ddr.streams': ['instrument-redeployment-plan-2019-2021'], 'ddr.events': 1 });
    expect(projection.attributes['ddr.position']).toBe(position);

    // The context the projection continued is the one the event carries in its metadata.
    const [event] = await server.app.get<EventStore>(EVENT_STORE).readAll({ maxCount: 1 });
    expect(event.metadata.traceparent).toBe(`00-${command.spanContext().traceId}-${command.spanContext().spanId}-01`);
  });

  it("keeps the request's scope for its log lines in the trace's own context", async () => {
    expect(await scopeSeenInARequest()).toMatchObject({ scope: { correlationId: 'cts-desk-session-9', requestId: expect.any(String) } });
  });

  it("continues a caller's trace given in a traceparent header", async () => {
    const callerTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
    await propose(
      server,
      { ...plan, instrumentId: 'traced-by-caller', commandId: 'cts-traced-by-caller' },
      { traceparent: `00-${callerTrace}-00f067aa0ba902b7-01` },
    );
    const request = exporter
      .getFinishedSpans()
      .find((span) => span.name === 'graphql mutation proposeInstrument' && span.spanContext().traceId === callerTrace);
    expect(request && parentOf(request)).toBe('00f067aa0ba902b7');
  });

  it("leaves out what a request the sampler left out causes, its event still carrying the caller's trace, unsampled", async () => {
    const callerTrace = '0af7651916cd43dd8448eb211c80319c';
    const position = await propose(
      server,
      { ...plan, instrumentId: 'left-out-by-caller', commandId: 'cts-left-out-by-caller' },
      { traceparent: `00-${callerTrace}-b7ad6b7169203331-00` },
    );
    await projected(server, position);
    expect(exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === callerTrace)).toEqual([]);
    // Outside the request's unsampled context the command, the decision, the append and the projection would each start a trace of their own.
    expect(exporter.getFinishedSpans().filter((span) => JSON.stringify(span.attributes).includes('left-out-by-caller'))).toEqual([]);
    const [event] = await server.app.get<EventStore>(EVENT_STORE).readStream('instrument-left-out-by-caller');
    expect(event.metadata.traceparent).toMatch(new RegExp(`^00-${callerTrace}-[0-9a-f]{16}-00$`));
  });

  it('makes the webhook attempt a child of the command whose event it tells, and the digest a span of its own', async () => {
    const clerk = server.token('CTS', 'SECRETARIAT');
    const registered = await server.graphql(
      'mutation ($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { endpoint { id } } }',
      { input: { url: receiver.url, kinds: ['STEP_AWAITED'] } },
      clerk,
    );
    expect(registered.errors).toBeUndefined();
    await propose(server, { ...plan, instrumentId: 'told-plan', commandId: 'cts-plan-told' });
    await receiver.waitFor(1);
    const [attempt] = await finished('webhook attempt');
    const command = exporter.getFinishedSpans().find((span) => span.attributes['ddr.command_id'] === 'cts-plan-told')!;
    expect(attempt.spanContext().traceId).toBe(command.spanContext().traceId);
    expect(parentOf(attempt)).toBe(command.spanContext().spanId);
    expect(attempt.attributes).toMatchObject({
      'ddr.endpoint_id': registered.data!.registerWebhookEndpoint.endpoint.id,
      'ddr.notification_kind': 'STEP_AWAITED',
      'ddr.attempt': 1,
      'ddr.webhook_id': receiver.received[0].headers['webhook-id'],
      'http.response.status_code': 200,
      'ddr.delivered': true,
    });

    const subscribed = await server.graphql(
      'mutation ($input: SubscribeDigestInput!) { subscribeDigest(input: $input) { id } }',
      { input: { email: 'secretariat@cts.example', frequency: 'DAILY', language: 'EN' } },
      clerk,
    );
    const [digest] = await finished('digest send');
    expect(smtp.messages).toHaveLength(1);
    expect(parentOf(digest)).toBeUndefined();
    expect(digest.attributes).toMatchObject({ 'ddr.body': 'CTS', 'ddr.digest_subscription': subscribed.data!.subscribeDigest.id });
  });
});

describe('with tracing off', () => {
  it("keeps the request's scope for its log lines all the same", async () => {
    expect(await scopeSeenInARequest()).toMatchObject({ scope: { correlationId: 'cts-desk-session-9', requestId: expect.any(String) } });
  });

  it('adds nothing to the event metadata', async () => {
    const server = await startTestServer();
    try {
      await propose(server, { ...plan, commandId: 'untraced' });
      const [event] = await server.app.get<EventStore>(EVENT_STORE).readAll({ maxCount: 1 });
      expect(event.metadata).not.toHaveProperty('traceparent');
      expect(event.metadata.commandId).toBe('untraced');
    } finally {
      await server.close();
    }
  });
});
