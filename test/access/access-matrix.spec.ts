import { randomUUID } from 'node:crypto';
import { AccessLog, grantProblem } from '@ddr/access';
import { BODIES, OUTSIDE_ACTORS, ROLES, type Body, type Role } from '@ddr/kernel';
import { DeskRegistry } from '@ddr/desks';
import { DESK_COMMANDS as MUTATIONS } from '@ddr/bodies/all';
import { startTestServer, type RunningServer } from '../support/server';
import { inputTypes } from './mutation-inputs';

/** The operator's mutations: people's tokens, for operators of any coordinating body and nobody else. */
const ACCOUNT_MUTATIONS = [
  { name: 'issuePersonToken', example: (body: Body, n: number) => ({ person: `clerk ${n}`, body, role: 'LIAISON' }) },
  // An id never issued: an operator is let through and told NOT_FOUND.
  { name: 'revokePersonToken', example: () => ({ tokenId: randomUUID(), reason: 'matrix' }) },
];

/**
 * Every role of every body against every mutation: a secretariat may run its
 * own desk's commands, an operator may keep people's tokens, nobody else may
 * run any, and every refusal is recorded in the access log.
 */
describe('who may write what', () => {
  let server: RunningServer;
  let types: Record<string, string>;
  beforeAll(async () => {
    server = await startTestServer();
    types = await inputTypes((query) => server.graphql(query, undefined, server.token('CTS', 'AUDITOR')));
  });
  afterAll(() => server.close());

  it('the matrix covers every mutation of the schema', () => {
    // The one mutation that is no desk command: witnesses' co-signatures, for auditors (test/ledger/ledger-api.spec.ts).
    const ledgerMutations = ['cosignCheckpoint'];
    expect(
      Object.keys(types)
        .filter((name) => !ledgerMutations.includes(name))
        .sort(),
    ).toEqual([...MUTATIONS, ...ACCOUNT_MUTATIONS].map((m) => m.name).sort());
  });

  // Every role of fifteen bodies against some forty mutations: over a thousand requests, more than the default timeout on a busy machine.
  it("allows exactly the desk commands of secretariats and the operators' mutations of operators, and refuses everything else with FORBIDDEN, on record", async () => {
    const desks = server.app.get(DeskRegistry);
    const matrix = [
      ...MUTATIONS.map((m) => ({ ...m, allowed: (body: Body, role: Role) => role === 'SECRETARIAT' && desks.mayIssue(body, m.kind) })),
      ...ACCOUNT_MUTATIONS.map((m) => ({ ...m, allowed: (_: Body, role: Role) => role === 'OPERATOR' })),
    ];
    let n = 0;
    let refused = 0;
    const unexpected: string[] = [];
    for (const body of BODIES) {
      for (const role of ROLES.filter((r) => grantProblem(body, r) === undefined)) {
        const token = server.token(body, role);
        for (const mutation of matrix) {
          const answer = await server.graphql(
            `mutation($input: ${types[mutation.name]}!) { ${mutation.name}(input: $input) { __typename } }`,
            { input: mutation.example(body, ++n) },
            token,
          );
          const code = answer.errors?.[0]?.extensions?.code;
          const allowed = mutation.allowed(body, role);
          if (allowed === (code === 'FORBIDDEN')) {
            unexpected.push(`${role} of ${body} on ${mutation.name}: ${code ?? 'succeeded'} ${answer.errors?.[0]?.message ?? ''}`);
          }
          if (code === 'FORBIDDEN') refused++;
        }
      }
    }
    expect(unexpected).toEqual([]);

    await server.app.get(AccessLog).flush();
    const auditor = server.token('CSA', 'AUDITOR');
    const recorded: Array<{ type: string; data: { code: string; operation: string } }> = [];
    for (let from = 0, more = true; more;) {
      const page = (await server.graphql(`{ accessLog(fromRevision: ${from}, first: 500) { events { type data } hasMore } }`, undefined, auditor)).data
        ?.accessLog;
      recorded.push(...page.events);
      from += page.events.length;
      more = page.hasMore;
    }
    expect(recorded.filter((e) => e.type === 'AccessRefused' && e.data.code === 'FORBIDDEN')).toHaveLength(refused);
    // One request per mutation, role and body: it grows with every command, and took 27 s on a loaded two-core machine.
  }, 120_000);

  it.each([...OUTSIDE_ACTORS])('%s has no secretariat and no operator: no such token is issued', (body) => {
    expect(() => server.token(body, 'SECRETARIAT')).toThrow(/no secretariat/);
    expect(() => server.token(body, 'OPERATOR')).toThrow(/no operator/);
  });

  it('the history and the access log are for auditors only', async () => {
    for (const role of ['SECRETARIAT', 'LIAISON'] as Role[]) {
      const answer = await server.graphql('{ globalHistory { hasMore } }', undefined, server.token('CTS', role));
      expect(answer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const auditor = await server.graphql('{ globalHistory(first: 1) { hasMore events { type } } }', undefined, server.token('CTS', 'AUDITOR'));
    expect(auditor.errors).toBeUndefined();
  });
});
