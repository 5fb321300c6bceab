import fc from 'fast-check';
import { EVENT_STORE, type EventStore } from '@ddr/event-store';
import { startTestServer, type RunningServer } from '../support/server';

const CLEAR_CODES = ['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'NOT_FOUND', 'CONFLICT', 'QUERY_TOO_COMPLEX'];

const plan = {
  instrumentId: 'redeployment-plan-2019-2021',
  kind: 'PLAN',
  title: 'Redeployment plan 2019-2021',
  leadBody: 'CTS',
  pathway: [
    { body: 'FAMA', action: 'ADOPT' },
    { body: 'CTS', action: 'APPROVE' },
    { body: 'SCDS', action: 'FINAL_ADOPTION' },
  ],
  effectiveDate: '2019-09-01',
};
const decision = { instrumentId: plan.instrumentId, body: 'FAMA', action: 'ADOPT', outcome: 'APPROVED', effectiveDate: '2019-09-10', sourceRef: 'Brief' };
const tranche = { programme: 'ADDR-I', tranche: 'T1', count: 1840, effectiveDate: '2019-01-15' };

/** Values that no valid input holds in the given field: each one alone must make the command fail. */
const corruptions: Record<string, fc.Arbitrary<unknown>> = {
  instrumentId: fc.constantFrom('', ' ', 'has spaces', 'x'.repeat(101), '../etc', null, 4.2),
  effectiveDate: fc.constantFrom('2019-02-30', '2019-13-01', '19-09-01', 'yesterday', '2999-01-01', '', null, 20190901),
  kind: fc.constantFrom('', '   ', 'K'.repeat(41), null, ['PLAN']),
  title: fc.constantFrom('', ' \t ', 'T'.repeat(501), null, { text: 'x' }),
  leadBody: fc.constantFrom('ATLANTIS', 'cts', '', null, 'PRESIDENCY'),
  pathway: fc.constantFrom(
    [],
    [
      { body: 'FAMA', action: 'ADOPT' },
      { body: 'FAMA', action: 'ADOPT' },
    ],
    [{ body: 'NOWHERE', action: 'ADOPT' }],
    [{ body: 'FAMA' }],
    'FAMA',
  ),
  sourceRef: fc.constantFrom('S'.repeat(1001), 12, ''),
  extraField: fc.constantFrom({ admin: true }, { recordedAt: '2019-01-01T00:00:00Z' }),
};
const decisionCorruptions: Record<string, fc.Arbitrary<unknown>> = {
  body: fc.constantFrom('SCDS', 'ATLANTIS', null),
  outcome: fc.constantFrom('MAYBE', '', null),
  meeting: fc.constantFrom('CTS41', 'FAMA-0', 'CTS-41-b', ''),
  expectedRevision: fc.constantFrom(7, -5, 1.5, '0'),
  effectiveDate: corruptions.effectiveDate,
  instrumentId: fc.constantFrom('no-such-instrument', '', 'a b'),
};
const trancheCorruptions: Record<string, fc.Arbitrary<unknown>> = {
  count: fc.constantFrom(-1, 1.5, 10_000_001, '12', null),
  programme: fc.constantFrom('NOPE', '', null),
  deserters: fc.constantFrom(1841, -3, 0.5),
  effectiveDate: fc.constantFrom('2018-10-01', '2019-02-29', null),
};

/** A valid base input with one to three fields replaced by invalid values. */
function corrupted(base: Record<string, unknown>, catalogue: Record<string, fc.Arbitrary<unknown>>) {
  const fields = Object.keys(catalogue);
  return fc
    .uniqueArray(fc.constantFrom(...fields), { minLength: 1, maxLength: 3 })
    .chain((chosen) => fc.tuple(...chosen.map((field) => catalogue[field].map((value) => [field, value] as const))))
    .map((pairs) => {
      const input: Record<string, unknown> = { ...base };
      for (const [field, value] of pairs) {
        if (field === 'extraField') Object.assign(input, value);
        else input[field] = value;
      }
      return input;
    });
}

describe('malformed input, fuzzed', () => {
  let server: RunningServer;
  let store: EventStore;
  const domainEvents = async () => (await store.readAll()).filter((event) => event.streamId !== 'access-log').length;

  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_PER_MINUTE: '100000' });
    store = server.app.get(EVENT_STORE);
    const cts = server.token('CTS', 'SECRETARIAT');
    expect(
      (await server.graphql(`mutation($i: ProposeInstrumentInput!) { proposeInstrument(input: $i) { position } }`, { i: plan }, cts)).errors,
    ).toBeUndefined();
    const cnddr = server.token('CNDDR', 'SECRETARIAT');
    const launch = { programme: 'ADDR-I', title: 'ADDR-I', target: 4900, targetDeserters: 900, effectiveDate: '2018-11-06' };
    expect(
      (await server.graphql(`mutation($i: LaunchProgrammeInput!) { launchProgramme(input: $i) { position } }`, { i: launch }, cnddr)).errors,
    ).toBeUndefined();
  });
  afterAll(() => server.close());

  const cases: Array<[string, string, string, Record<string, unknown>, Record<string, fc.Arbitrary<unknown>>, string]> = [
    ['proposeInstrument', 'ProposeInstrumentInput', 'CTS', { ...plan, instrumentId: 'fresh-plan' }, corruptions, 'proposeInstrument'],
    ['recordStepDecision', 'RecordStepDecisionInput', 'CTS', decision, decisionCorruptions, 'recordStepDecision'],
    ['registerTranche', 'RegisterTrancheInput', 'CNDDR', tranche, trancheCorruptions, 'registerTranche'],
  ];

  it.each(cases)('%s: every corrupted input gets a clear error and changes nothing', async (name, inputType, body, base, catalogue) => {
    const token = server.token(body as 'CTS', 'SECRETARIAT');
    const before = await domainEvents();
    await fc.assert(
      fc.asyncProperty(corrupted(base, catalogue), async (input) => {
        const answer = await server.graphql(`mutation($i: ${inputType}!) { ${name}(input: $i) { position } }`, { i: input }, token);
        expect(answer.errors?.length).toBeGreaterThan(0);
        expect(CLEAR_CODES).toContain(answer.errors?.[0].extensions?.code);
        expect(answer.errors?.[0].message.length).toBeGreaterThan(5);
      }),
      { numRuns: 120, seed: 2019 },
    );
    expect(await domainEvents()).toBe(before);
  });

  it('arbitrary JSON as input, and arbitrary text as a query, get clear errors and change nothing', async () => {
    const token = server.token('CTS', 'SECRETARIAT');
    const before = await domainEvents();
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const answer = await server.graphql(`mutation($i: ProposeInstrumentInput!) { proposeInstrument(input: $i) { position } }`, { i: value }, token);
        expect(CLEAR_CODES).toContain(answer.errors?.[0].extensions?.code);
      }),
      { numRuns: 150, seed: 9 },
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (query) => {
        const answer = await server.graphql(query, undefined, token);
        expect(CLEAR_CODES).toContain(answer.errors?.[0].extensions?.code);
      }),
      { numRuns: 150, seed: 10 },
    );
    expect(await domainEvents()).toBe(before);
  });
});
