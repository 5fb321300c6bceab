import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandBus } from '@nestjs/cqrs';
import { domainUpcasters } from '@ddr/bodies/all';
import { EVENT_STORE, type EventStore } from '@ddr/event-store';
import { loadScenario, parseScenario } from '@ddr/scenario';
import { ROOT } from '../support/built';
import { docBlocks, questionsAndAnswers } from '../support/doc-blocks';
import { startTestServer, type RunningServer } from '../support/server';

const SCENARIO = join(ROOT, 'scenarios', 'mali-2015-2019.yaml');
const blocks = (heading: string) => docBlocks('README.md', heading);

/**
 * A newcomer's first start: the brief's history loaded into an empty store
 * through the command path, then the README's six questions asked of the
 * real server, answered with the brief's facts.
 */
describe('first start with the history of the brief', () => {
  let server: RunningServer;
  let liaison: string;

  beforeAll(async () => {
    server = await startTestServer({ FIRST_START_SCENARIO: SCENARIO });
    liaison = server.token('SCDS', 'LIAISON');
  }, 60_000);
  afterAll(() => server.close());

  const pairs = questionsAndAnswers(blocks('## Six questions'));

  it('the README asks six questions, each with its answer', () => {
    expect(pairs).toHaveLength(6);
    for (const [, answer] of pairs) expect(answer).toBeDefined();
  });

  it.each(pairs.map(([query, answer], n) => [n + 1, query, answer]))('question %i gets the answer the README shows', async (_, query, answer) => {
    const response = await server.graphql(query, undefined, liaison);
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual(JSON.parse(answer));
    expect(response.extensions?.readModel?.position).toBe(await server.app.get<EventStore>(EVENT_STORE).headPosition());
  });

  it('every act was recorded by the secretariat the scenario names, through the command path', async () => {
    const events = await server.app.get<EventStore>(EVENT_STORE).readAll();
    const scenario = parseScenario(readFileSync(SCENARIO, 'utf8'));
    const commandIds = new Set(events.map((event) => event.metadata.commandId));
    expect(commandIds).toEqual(new Set(scenario.steps.map((step) => `mali-2015-2019.${step.id}`)));
    const upcasters = domainUpcasters();
    for (const event of events) {
      expect(event.metadata).toMatchObject({ actor: 'scenario:mali-2015-2019', role: 'SECRETARIAT', schemaVersion: upcasters.currentVersion(event.type) });
      const step = scenario.steps.find((s) => `mali-2015-2019.${s.id}` === event.metadata.commandId)!;
      expect(event.metadata.body).toBe(step.as);
    }
  });

  it('loading the same file again records nothing new', async () => {
    const store = server.app.get<EventStore>(EVENT_STORE);
    const head = await store.headPosition();
    const result = await loadScenario(server.app.get(CommandBus), parseScenario(readFileSync(SCENARIO, 'utf8')));
    expect(result).toMatchObject({ recorded: 0, alreadyRecorded: result.steps });
    expect(await store.headPosition()).toBe(head);
  });

  it('the README example of recording an act works, and the SCDS then awaits only the quota', async () => {
    const [mutation] = blocks('## Recording acts').filter((block) => block.language === 'graphql');
    const recorded = await server.graphql(mutation.text, undefined, server.token('SCDS', 'SECRETARIAT'));
    expect(recorded.errors).toBeUndefined();
    const position = recorded.data?.recordStepDecision.position;
    const after = await server.graphql(
      `query($p: String) { body(code: SCDS, minPosition: $p) { awaitingAction { id } } instrument(id: "redeployment-plan-2019-2021") { status } }`,
      { p: position },
      liaison,
    );
    expect(after.data).toEqual({ body: { awaitingAction: [{ id: 'integration-quota' }] }, instrument: { status: 'ADOPTED' } });
  });
});
