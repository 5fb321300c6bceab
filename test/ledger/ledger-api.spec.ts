import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AccessLog } from '@ddr/access';
import { EsdbProtocolServer } from '@ddr/event-store/testing';
import { ROOT } from '../support/built';
import { ctsApproves, famaAdopts, plan } from '../support/redeployment-plan';
import { startTestServer, type RunningServer } from '../support/server';
import { ddrAsync, tempDir } from './ledger-fixture';

const PROPOSE = `mutation($input: ProposeInstrumentInput!) { proposeInstrument(input: $input) { position } }`;
const DECIDE = `mutation($input: RecordStepDecisionInput!) { recordStepDecision(input: $input) { position } }`;
const decisions = [famaAdopts, ctsApproves];
const INTEGRITY = `{ ledgerIntegrity {
  origin publicKey treeSize eventsSinceCheckpoint followerError
  latestCheckpoint { origin size root signature publicKey position witnessedBy file }
  lastVerification { ok }
  witnesses { body size root coversLatest }
} }`;

/** `node tools/verify-ledger.mjs ...`: the auditor's own check, with nothing of ours in between. */
function auditorChecks(kind: string, file: object, ...extra: string[]) {
  const dir = tempDir('auditor');
  const path = join(dir, `${kind}.json`);
  writeFileSync(path, JSON.stringify(file));
  const result = spawnSync(
    process.execPath,
    [join(ROOT, 'tools', 'verify-ledger.mjs'), kind, path, ...extra.map((text, i) => (writeFileSync(join(dir, `${i}.pem`), text), join(dir, `${i}.pem`)))],
    {
      encoding: 'utf8',
    },
  );
  return { code: result.status, stdout: result.stdout };
}

/** The ledger over the API, on the embedded store and on EventStoreDB (the protocol test server), with checkpoints on a schedule. */
describe.each(['sqlite', 'esdb'] as const)('the ledger for auditors, on %s', (eventStore) => {
  let server: RunningServer;
  let esdb: EsdbProtocolServer | undefined;
  let auditor: string;
  let env: NodeJS.ProcessEnv;
  /** The size of the checkpoint that covers all the writes (the schedule may sign smaller ones while they happen). */
  let size: number;
  const integrity = async () => {
    const answer = await server.graphql(INTEGRITY, {}, auditor);
    if (!answer.data) throw new Error(JSON.stringify(answer.errors));
    return answer.data.ledgerIntegrity;
  };
  /** Polls until `check` holds of the integrity report: the schedule runs on its own clock. */
  const eventually = async (check: (report: any) => boolean) => {
    for (let waited = 0; waited < 10_000; waited += 50) {
      const report = await integrity();
      if (check(report)) return report;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`not reached: ${JSON.stringify(await integrity())}`);
  };

  beforeAll(async () => {
    esdb = eventStore === 'esdb' ? await EsdbProtocolServer.start() : undefined;
    env = { EVENT_STORE: eventStore, ...(esdb ? { ESDB_CONNECTION_STRING: esdb.connectionString } : {}) };
    server = await startTestServer({ ...env, LEDGER_CHECKPOINT_INTERVAL_MS: '150' });
    auditor = server.token('CNDDR', 'AUDITOR');
    const cts = server.token('CTS', 'SECRETARIAT');
    const writes: Array<[string, object]> = [[PROPOSE, plan], ...decisions.map((d): [string, object] => [DECIDE, d])];
    for (const [query, input] of writes) {
      const answer = await server.graphql(query, { input }, cts);
      if (answer.errors) throw new Error(JSON.stringify(answer.errors));
    }
  });
  afterAll(async () => {
    await server.close();
    await esdb?.close();
  });

  it('signs a checkpoint on schedule once the log grew, and ledgerIntegrity shows it', async () => {
    // Settled: all that follows the latest checkpoint is its own event.
    const report = await eventually((r) => r.latestCheckpoint !== null && r.treeSize >= 5 && r.eventsSinceCheckpoint === 1);
    size = report.latestCheckpoint.size;
    expect(report).toMatchObject({ origin: expect.stringMatching(/^ddr-coordination-ledger\/[0-9a-f]{16}$/), followerError: null, witnesses: [] });
    expect(report.latestCheckpoint.publicKey).toBe(report.publicKey);
    expect(auditorChecks('checkpoint', report.latestCheckpoint.file, report.publicKey)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^VALID/) });
  });

  it('chains each instrument event to the one before, through the real command path', async () => {
    const answer = await server.graphql(`{ streamHistory(streamId: "instrument-${plan.instrumentId}") { events { metadata } } }`, {}, auditor);
    const links = answer.data!.streamHistory.events.map((e: { metadata: { previousHash: string | null } }) => e.metadata.previousHash);
    expect(links[0]).toBeNull();
    expect(links.slice(1).every((link: unknown) => typeof link === 'string' && /^[A-Za-z0-9+/]{43}=$/.test(link))).toBe(true);
  });

  it('proves the CTS-41 decision is in the log, and a consistency proof, in files the standalone script accepts', async () => {
    const history = await server.graphql(`{ streamHistory(streamId: "instrument-${plan.instrumentId}") { events { id type data } } }`, {}, auditor);
    const decision = history.data!.streamHistory.events.find((e: { data: { meeting?: string } }) => e.data.meeting === 'CTS-41');
    const proof = await server.graphql(
      `query($id: String!) { inclusionProof(eventId: $id) { leafIndex treeSize root leafHash proof streamId revision position file checkpoint { size root } } }`,
      { id: decision.id },
      auditor,
    );
    const inclusion = proof.data!.inclusionProof;
    expect(inclusion).toMatchObject({ treeSize: size, streamId: `instrument-${plan.instrumentId}`, revision: 2, checkpoint: { size, root: inclusion.root } });
    expect(auditorChecks('inclusion', inclusion.file)).toEqual({
      code: 0,
      stdout: `VALID: leaf ${inclusion.leafIndex} is included in the tree of size ${size} with root ${inclusion.root}\n`,
    });

    const consistency = await server.graphql(`query($size: Int!) { consistencyProof(size1: 1, size2: $size) { root2 file } }`, { size }, auditor);
    expect(consistency.data!.consistencyProof.root2).toBe(inclusion.root);
    expect(auditorChecks('consistency', consistency.data!.consistencyProof.file).code).toBe(0);

    const unknown = await server.graphql(`{ inclusionProof(eventId: "00000000-0000-4000-8000-000000000000") { leafIndex } }`, {}, auditor);
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const tooBig = await server.graphql(`{ consistencyProof(size1: 1, size2: 4000) { root2 } }`, {}, auditor);
    expect(tooBig.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('is for auditors only', async () => {
    const cosign = `mutation { cosignCheckpoint(input: { origin: "x", size: 1, root: "", signature: "", publicKey: "" }) { body } }`;
    for (const query of [INTEGRITY, `{ consistencyProof(size1: 1, size2: 2) { root2 } }`, `{ inclusionProof(eventId: "x") { root } }`, cosign]) {
      for (const role of ['LIAISON', 'SECRETARIAT'] as const) {
        const answer = await server.graphql(query, {}, server.token('SCDS', role));
        expect(answer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      }
    }
    // Refused mutations are on record in the access log: the log grew, and the schedule signs that too.
    await server.app.get(AccessLog).flush();
    const settled = await eventually((r) => r.latestCheckpoint.size > size && r.eventsSinceCheckpoint === 1);
    size = settled.latestCheckpoint.size;
  });

  const keys = tempDir('witness-api');
  /** The MOC's witness elsewhere: over GraphQL, with its own key and state. */
  const remoteWitness = () =>
    ddrAsync(
      server.settings.dataDir,
      [
        'ledger',
        'witness',
        '--body',
        'MOC',
        '--key',
        join(keys, 'moc.pem'),
        '--state',
        join(keys, 'moc.json'),
        '--url',
        server.url,
        '--token',
        server.token('MOC', 'AUDITOR'),
      ],
      env,
    );

  it('records a witness’s co-signature submitted over GraphQL, and signs nothing new for the ledger’s own events', async () => {
    const { code, stderr } = await remoteWitness();
    expect(stderr).toMatch(new RegExp(`MOC co-signed the checkpoint of size ${size}`));
    expect(code).toBe(0);
    const report = await integrity();
    expect(report.witnesses).toEqual([{ body: 'MOC', size, root: report.latestCheckpoint.root, coversLatest: true }]);
    expect(report.latestCheckpoint.witnessedBy).toEqual(['MOC']);

    // The operator's own signature passed off as a witness's, under its key or another, is refused.
    const otherKey = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    for (const publicKey of [report.publicKey, otherKey]) {
      const forged = await server.graphql(
        `mutation($input: CosignCheckpointInput!) { cosignCheckpoint(input: $input) { body } }`,
        { input: { origin: report.origin, size, root: report.latestCheckpoint.root, signature: report.latestCheckpoint.signature, publicKey } },
        server.token('CTS', 'AUDITOR'),
      );
      expect(forged.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }

    // Several schedule ticks later: the checkpoint and co-signature events alone do not call for a new checkpoint.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect((await integrity()).latestCheckpoint.size).toBe(size);
  });

  it('ddr ledger verify, run beside the server, finds the log intact and names the witness', async () => {
    const { code, stdout } = await ddrAsync(server.settings.dataDir, ['ledger', 'verify'], env);
    expect(stdout).toMatch(new RegExp(`^checkpoint: size ${size} at position \\S+: valid, witnessed by MOC$`, 'm'));
    expect(stdout).toMatch(/^OK: /m);
    expect(code).toBe(0);
    expect((await integrity()).lastVerification).toEqual({ ok: true });
  });

  it('rotates the key beside the running server: the server signs on with the new key, and the witness over GraphQL follows', async () => {
    const rotated = await ddrAsync(server.settings.dataDir, ['ledger', 'key', 'rotate', '--reason', 'rotated beside the server'], env);
    expect(rotated.stderr).toMatch(/handed over to [0-9a-f]{16} at size \d+/);
    expect(rotated.code).toBe(0);
    const ROTATIONS = '{ ledgerKeyRotations { size publicKey nextPublicKey reason signature } }';
    const answer = await server.graphql(ROTATIONS, {}, auditor);
    const [rotation] = answer.data!.ledgerKeyRotations;
    expect(answer.data!.ledgerKeyRotations).toHaveLength(1);
    expect(rotation).toMatchObject({ reason: 'rotated beside the server', signature: expect.stringMatching(/^[A-Za-z0-9+/]{86}==$/) });
    expect((await server.graphql(ROTATIONS, {}, server.token('SCDS', 'LIAISON'))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await server.graphql('{ ledgerKeyRotations(fromSize: 100000) { size } }', {}, auditor)).data!.ledgerKeyRotations).toEqual([]);

    // The log grows (a refused mutation is on record): the server's schedule signs with the new key, under the same origin.
    const before = await integrity();
    await server.graphql(
      `mutation { cosignCheckpoint(input: { origin: "x", size: 1, root: "", signature: "", publicKey: "" }) { body } }`,
      {},
      server.token('SCDS', 'LIAISON'),
    );
    await server.app.get(AccessLog).flush();
    const settled = await eventually((r) => r.latestCheckpoint.size > before.latestCheckpoint.size && r.eventsSinceCheckpoint === 1);
    expect(settled).toMatchObject({
      origin: before.origin,
      publicKey: rotation.nextPublicKey,
      followerError: null,
      latestCheckpoint: { publicKey: rotation.nextPublicKey },
    });
    expect(rotation.publicKey).not.toBe(rotation.nextPublicKey);

    const followed = await remoteWitness();
    expect(followed.stderr).toMatch(/MOC co-signed the checkpoint of size \d+: it extends size \d+, through 1 key rotation\(s\)/);
    expect(followed.code).toBe(0);
    const verified = await ddrAsync(server.settings.dataDir, ['ledger', 'verify'], env);
    expect(verified.stdout).toMatch(/^key rotation: size \d+ at position \S+: key [0-9a-f]{16} to [0-9a-f]{16}: valid \(rotated beside the server\)$/m);
    expect(verified.code).toBe(0);
  }, 60_000);
});
