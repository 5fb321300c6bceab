import type { Body } from '@ddr/kernel';

/**
 * A plausible input for each mutation when the acting secretariat is `body`:
 * one its desk could send, so that only authority decides between allowed
 * and FORBIDDEN (an allowed command may still fail on the record's state).
 */
export function inputFor(mutation: string, body: Body, n: number): Record<string, unknown> {
  const id = `matrix-${n}`;
  const act = { instrumentId: id, effectiveDate: '2019-10-09' };
  const tranche = { programme: `P-${n}`, tranche: 'T1', effectiveDate: '2019-01-15' };
  const inputs: Record<string, Record<string, unknown>> = {
    proposeInstrument: { instrumentId: id, kind: 'PLAN', title: 'A plan', leadBody: body, pathway: [{ body, action: 'ADOPT' }], effectiveDate: '2019-10-01' },
    recordStepDecision: { ...act, body, action: 'ADOPT', outcome: 'APPROVED' },
    amendInstrument: { ...act, title: 't', summary: 's', pathway: [{ body, action: 'ADOPT' }] },
    resubmitInstrument: act,
    startImplementation: act,
    recordMilestone: { ...act, milestone: 'm' },
    haltImplementation: { ...act, reason: 'r' },
    resumeImplementation: act,
    completeImplementation: act,
    withdrawInstrument: { ...act, reason: 'r' },
    supersedeInstrument: { ...act, supersededBy: 'other' },
    tablePosition: { ...act, party: 'FAMa', statement: 'about 5,000', figure: 5000 },
    recordMeeting: { body, number: 100 + n, effectiveDate: '2019-09-25' },
    makeCommitment: { commitmentId: id, body, description: 'd', dueDate: '2019-12-31', effectiveDate: '2019-01-01' },
    fulfilCommitment: { commitmentId: id, effectiveDate: '2019-06-01' },
    noteCommitmentProgress: { commitmentId: id, effectiveDate: '2019-06-01', note: 'n' },
    setCondition: { conditionId: id, title: 't', subject: 's', requires: [{ kind: 'COMMITMENT_FULFILLED', commitmentId: 'c' }], effectiveDate: '2019-10-09' },
    withdrawCondition: { conditionId: id, reason: 'r', effectiveDate: '2019-10-09' },
    launchProgramme: { programme: `P-${n}`, title: 't', target: 10, targetDeserters: 1, effectiveDate: '2018-11-01' },
    announceEligibleCandidates: { programme: `P-${n}`, count: 1, effectiveDate: '2019-04-01' },
    registerTranche: { ...tranche, count: 10 },
    screenTranche: { ...tranche, fit: 1, unfit: 0 },
    recordWeaponsHandover: { ...tranche, weapons: 1 },
    startTraining: { ...tranche, centre: 'Tiby', count: 1 },
    completeTraining: { ...tranche, centre: 'Tiby', count: 1 },
    integrateTranche: { ...tranche, count: 1 },
    redeployTranche: { ...tranche, region: 'Gao', count: 1 },
    establishMocCamp: { camp: 'GAO', effectiveDate: '2017-01-15' },
  };
  const input = inputs[mutation];
  if (!input) throw new Error(`no matrix input for ${mutation}`);
  return input;
}

/** The GraphQL input type name of each mutation's `input` argument, from the schema. */
export async function inputTypes(graphql: (query: string) => Promise<{ data?: any }>): Promise<Record<string, string>> {
  const answer = await graphql('{ __schema { mutationType { fields { name args { name type { ofType { name } } } } } } }');
  return Object.fromEntries(
    answer.data.__schema.mutationType.fields.map((field: { name: string; args: Array<{ type: { ofType: { name: string } } }> }) => [
      field.name,
      field.args[0].type.ofType.name,
    ]),
  );
}
