import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import {
  chainFrom,
  checkpointFile,
  consistencyProofFile,
  encodeBase64,
  eventLeafHash,
  inclusionProofFile,
  leafContent,
  MerkleTree,
  signCheckpoint,
  type ChainableEvent,
  type ChainLink,
  type LedgerEvent,
} from '@ddr/ledger';

/**
 * Builds the files under tools/examples/ that docs/ledger-verification.md
 * walks an auditor through. tools/examples.spec.ts checks that the committed
 * files equal what this builds (UPDATE_EXAMPLES=1 rewrites them), then runs
 * the documented commands on them, so the documentation cannot drift from the
 * code.
 *
 * The events are illustrative, in the shape the desks write: the 2019-2021
 * redeployment plan up to its approval at the 41st CTS meeting, then the
 * rank/command decree up to its adoption by the Council of Ministers on
 * 9 October 2019.
 */
export const EXAMPLE_ORIGIN = 'ddr-ledger.example/mali';

/**
 * Examples must be reproducible byte for byte, and Ed25519 signatures are
 * deterministic, so the example key is derived from a public seed. It is NOT
 * a secret and must never sign a real checkpoint; its private half is not
 * written anywhere.
 */
function exampleSigningKey(): KeyObject {
  const seed = createHash('sha256').update('ddr-ledger example key: public, for documentation only').digest();
  const pkcs8Ed25519Prefix = Buffer.from('302e020100300506032b657004220420', 'hex');
  return createPrivateKey({ key: Buffer.concat([pkcs8Ed25519Prefix, seed]), format: 'der', type: 'pkcs8' });
}

const meta = (body: string, sequence: number, effectiveDate: string, recordedAt: string) => ({
  actor: `${body.toLowerCase()}-secretariat`,
  body,
  role: 'SECRETARIAT',
  commandId: `00000000-0000-4000-8000-0000000000${String(sequence).padStart(2, '0')}`,
  correlationId: `00000000-0000-4000-8000-0000000000${String(sequence).padStart(2, '0')}`,
  causationId: `00000000-0000-4000-8000-0000000000${String(sequence).padStart(2, '0')}`,
  recordedAt,
  effectiveDate,
  schemaVersion: 1,
});

const PLAN = 'instrument-redeployment-plan-2019-2021';
const DECREE = 'instrument-decree-ranks-2019';

/** As the desks write them: each event's metadata carries the leaf hash of its stream's previous event. */
function chained(events: Array<LedgerEvent & ChainableEvent>): LedgerEvent[] {
  const ends = new Map<string, ChainLink | undefined>();
  return events.map((event) => {
    const {
      events: [linked],
      last,
    } = chainFrom(event.streamId, ends.get(event.streamId), [event]);
    ends.set(event.streamId, last);
    return linked;
  });
}

export const EXAMPLE_EVENTS: LedgerEvent[] = chained([
  {
    streamId: PLAN,
    revision: 0,
    id: '3f0c2a6e-5b7d-4c1e-8a9f-000000000001',
    type: 'InstrumentProposed',
    data: {
      instrumentId: 'redeployment-plan-2019-2021',
      effectiveDate: '2019-09-01',
      sourceRef: null,
      kind: 'PLAN',
      title: 'Redeployment plan of the reconstituted units, 2019-2021',
      leadBody: 'CTS',
      pathway: [
        { body: 'FAMA', action: 'ADOPT', parallel: false },
        { body: 'CTS', action: 'APPROVE', parallel: false },
        { body: 'SCDS', action: 'FINAL_ADOPTION', parallel: false },
      ],
    },
    metadata: meta('CTS', 1, '2019-09-01', '2024-03-04T09:00:00.000Z'),
  },
  {
    streamId: PLAN,
    revision: 1,
    id: '3f0c2a6e-5b7d-4c1e-8a9f-000000000002',
    type: 'StepDecided',
    data: {
      instrumentId: 'redeployment-plan-2019-2021',
      effectiveDate: '2019-09-10',
      sourceRef: 'Brief, footnote 2',
      step: 0,
      body: 'FAMA',
      action: 'ADOPT',
      outcome: 'APPROVED',
      meeting: null,
    },
    metadata: meta('CTS', 2, '2019-09-10', '2024-03-04T09:05:00.000Z'),
  },
  {
    streamId: 'meetings-CTS',
    revision: 0,
    id: '3f0c2a6e-5b7d-4c1e-8a9f-000000000003',
    type: 'MeetingHeld',
    data: { body: 'CTS', number: 41, meeting: 'CTS-41', title: null, establishedBy: 'CITATION', effectiveDate: '2019-09-25' },
    metadata: meta('CTS', 3, '2019-09-25', '2024-03-04T09:10:00.000Z'),
  },
  {
    streamId: PLAN,
    revision: 2,
    id: '3f0c2a6e-5b7d-4c1e-8a9f-000000000004',
    type: 'StepDecided',
    data: {
      instrumentId: 'redeployment-plan-2019-2021',
      effectiveDate: '2019-09-25',
      sourceRef: null,
      step: 1,
      body: 'CTS',
      action: 'APPROVE',
      outcome: 'APPROVED',
      meeting: 'CTS-41',
    },
    metadata: meta('CTS', 3, '2019-09-25', '2024-03-04T09:10:00.000Z'),
  },
  {
    streamId: DECREE,
    revision: 0,
    id: '3f0c2a6e-5b7d-4c1e-8a9f-000000000005',
    type: 'InstrumentProposed',
    data: {
      instrumentId: 'decree-ranks-2019',
      effectiveDate: '2019-10-01',
      sourceRef: null,
      kind: 'DECREE',
      title: 'Decree on ranks and command positions of integrated ex-combatants',
      leadBody: 'INTEGRATION_COMMISSION',
      pathway: [
        { body: 'COUNCIL_OF_MINISTERS', action: 'ADOPT', parallel: false },
        { body: 'PRESIDENCY', action: 'ENDORSE', parallel: false },
      ],
    },
    metadata: meta('INTEGRATION_COMMISSION', 5, '2019-10-01', '2024-03-04T09:20:00.000Z'),
  },
  {
    streamId: DECREE,
    revision: 1,
    id: '3f0c2a6e-5b7d-4c1e-8a9f-000000000006',
    type: 'StepDecided',
    data: {
      instrumentId: 'decree-ranks-2019',
      effectiveDate: '2019-10-09',
      sourceRef: 'Council of Ministers communiqué of 9 October 2019',
      step: 0,
      body: 'COUNCIL_OF_MINISTERS',
      action: 'ADOPT',
      outcome: 'APPROVED',
      meeting: null,
    },
    metadata: meta('INTEGRATION_COMMISSION', 6, '2019-10-09', '2024-03-04T09:25:00.000Z'),
  },
]);

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** File name under tools/examples/ → exact content. */
export function buildExamples(): Map<string, string> {
  const tree = new MerkleTree();
  for (const event of EXAMPLE_EVENTS) tree.append(eventLeafHash(event));
  const key = exampleSigningKey();
  const checkpoint = (size: number) => json(checkpointFile(signCheckpoint({ origin: EXAMPLE_ORIGIN, size, root: tree.rootAt(size) }, key)));

  // The CTS-41 approval of the redeployment plan, included in the six-event log.
  const cts41 = 3;
  const inclusion = inclusionProofFile(
    { leafIndex: cts41, treeSize: 6, leafHash: tree.leafHash(cts41), proof: tree.inclusionProof(cts41, 6), root: tree.rootAt(6) },
    { event: leafContent(EXAMPLE_EVENTS[cts41]) },
  );
  // The same file with the meeting quietly changed: what an auditor must catch.
  const event = inclusion.event!;
  const tampered = { ...inclusion, leafHash: undefined, event: { ...event, data: { ...(event.data as object), meeting: 'CTS-42' } } };

  // The log as `ddr export --format jsonl` writes it, and the same with one decision quietly rewritten.
  const exported = EXAMPLE_EVENTS.map((e, i) => ({
    position: String(i + 1),
    ...leafContent(e),
    committedAt: e.metadata && (e.metadata as { recordedAt: string }).recordedAt,
    leafIndex: i,
    leafHash: encodeBase64(tree.leafHash(i)),
  }));
  const lines = (events: object[]) => events.map((e) => `${JSON.stringify(e)}\n`).join('');
  const rewritten = exported.map((e, i) => (i === 1 ? { ...e, data: { ...(e.data as object), sourceRef: 'Brief, footnote 3' }, leafHash: undefined } : e));

  return new Map([
    ['log.jsonl', lines(exported)],
    ['log-rewritten.jsonl', lines(rewritten)],
    ['public-key.pem', createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString()],
    ['checkpoint-3.json', checkpoint(3)],
    ['checkpoint-6.json', checkpoint(6)],
    [
      'consistency-3-6.json',
      json(consistencyProofFile({ size1: 3, size2: 6, root1: tree.rootAt(3), root2: tree.rootAt(6), proof: tree.consistencyProof(3, 6) })),
    ],
    ['inclusion-cts41.json', json(inclusion)],
    ['inclusion-cts41-tampered.json', json(tampered)],
  ]);
}
