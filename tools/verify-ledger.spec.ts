import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkpointFile,
  consistencyProofFile,
  encodeBase64,
  eventLeafHash,
  inclusionProofFile,
  leafContent,
  leafHash,
  MerkleTree,
  nodeHash,
  signCheckpoint,
  verifyConsistency,
  verifyInclusion,
  type LedgerEvent,
} from '@ddr/ledger';
import { loadRfc9162Vectors } from '../libs/ledger/src/testing/rfc9162-vectors';
import { runAll, runVerifier, VERIFIER, type Verdict } from './run-verifier';

const workdir = mkdtempSync(join(tmpdir(), 'verify-ledger-'));
afterAll(() => rmSync(workdir, { recursive: true, force: true }));

let fileCount = 0;
function writeJson(value: unknown): string {
  const file = join(workdir, `file-${fileCount++}.json`);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

const expectValid = (verdict: Verdict) => {
  expect(verdict).toMatchObject({ code: 0, stderr: '' });
  expect(verdict.stdout).toMatch(/^VALID: [^\n]*\n$/);
};
const expectInvalid = (verdict: Verdict, reason?: RegExp) => {
  expect(verdict).toMatchObject({ code: 1, stderr: '' });
  expect(verdict.stdout).toMatch(/^INVALID: [^\n]*\n$/);
  if (reason) expect(verdict.stdout).toMatch(reason);
};

describe('tools/verify-ledger.mjs is standalone', () => {
  it('imports only Node built-in modules', () => {
    const source = readFileSync(VERIFIER, 'utf8');
    const specifiers = [...source.matchAll(/(?:^|\s)(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|\b(?:require|import)\s*\(\s*['"]([^'"]+)['"]/gm)].map(
      (match) => match[1] ?? match[2],
    );
    expect(specifiers.length).toBeGreaterThan(0);
    expect(specifiers.filter((specifier) => !specifier.startsWith('node:'))).toEqual([]);
    expect(source).not.toMatch(/\brequire\s*\(/);
    expect(source).not.toMatch(/\bimport\s*\(/);
  });

  it('says at the top that it duplicates the library on purpose', () => {
    const header = readFileSync(VERIFIER, 'utf8')
      .slice(0, 1500)
      .replace(/\n \* ?/g, ' ');
    expect(header).toMatch(/documented, self-contained verification procedure/);
    expect(header).toMatch(/duplicates, on purpose, the logic of libs\/ledger/);
  });
});

describe('tools/verify-ledger.mjs on every RFC 9162 vector', () => {
  const vectors = loadRfc9162Vectors();
  let verdicts: Verdict[];

  beforeAll(async () => {
    verdicts = await runAll(vectors, (vector) => [vector.kind, vector.file]);
  }, 120_000);

  it('has vectors to run', () => {
    expect(vectors.length).toBeGreaterThan(100);
  });

  it.each(vectors.map((vector, i) => [vector.name, vector.wantErr, i] as const))('%s (wantErr %s)', (_, wantErr, i) => {
    if (wantErr) expectInvalid(verdicts[i]);
    else expectValid(verdicts[i]);
  });
});

describe('tools/verify-ledger.mjs agrees with libs/ledger', () => {
  // Events that stress the canonical JSON: key order by UTF-16 code units,
  // number forms, escapes, non-ASCII text, nesting.
  const events: LedgerEvent[] = [
    { streamId: 's', revision: 0, id: 'a', type: 'T', data: {}, metadata: {} },
    {
      streamId: 'instrument-é',
      revision: 1,
      id: 'b',
      type: 'T',
      data: { '\u20ac': 1, '\r': 2, '\ufb33': 3, '1': 4, '\ud83d\ude00': 5, '\u0080': 6, '\u00f6': 7 },
      // eslint-disable-next-line no-loss-of-precision -- RFC 8785's number vectors, spelled as the RFC prints them
      metadata: { n: [1e21, 1e-7, -0, 0.1, 333333333.33333329, 5e-324, -1.5e300] },
    },
    {
      streamId: 's',
      revision: 2,
      id: 'c',
      type: 'T',
      data: { text: '\u0000\u001f\b\f\n\r\t"\\/\u007f\u2028 Tombouctou – Kidal' },
      metadata: { nested: { z: [{ b: null, a: true }], a: false } },
    },
    { streamId: 's', revision: 3, id: 'd', type: 'T', data: { count: 4900, deserters: 900 }, metadata: { schemaVersion: 1 } },
  ];
  const tree = new MerkleTree();
  for (const event of events) tree.append(eventLeafHash(event));

  it.each(events.map((event, i) => [i, event] as const))('on the leaf of event %d, given as an event object', async (i, event) => {
    const proof = { leafIndex: i, treeSize: events.length, leafHash: tree.leafHash(i), proof: tree.inclusionProof(i), root: tree.root() };
    const { leafHash: _, ...byEvent } = inclusionProofFile(proof, { event: leafContent(event) });
    expectValid(await runVerifier(['inclusion', writeJson(byEvent)]));
    const altered = { ...byEvent, event: { ...byEvent.event!, revision: event.revision + 1 } };
    expectInvalid(await runVerifier(['inclusion', writeJson(altered)]));
  });

  it('on sizes and indexes beyond 2^32, where bitwise operators would wrap', async () => {
    // A tree of 2^40 + 1 leaves: the left subtree's hash stands for its 2^40 leaves.
    const left = leafHash(Buffer.from('the first 2^40 leaves'));
    const last = leafHash(Buffer.from('the last leaf'));
    const [size1, size2] = [2 ** 40, 2 ** 40 + 1];
    const root2 = nodeHash(left, last);
    const inclusion = { leafIndex: size1, treeSize: size2, leafHash: last, proof: [left], root: root2 };
    const consistency = { size1, size2, root1: left, root2, proof: [last] };
    expect(() => verifyInclusion(inclusion)).not.toThrow();
    expect(() => verifyConsistency(consistency)).not.toThrow();
    expectValid(await runVerifier(['inclusion', writeJson(inclusionProofFile(inclusion))]));
    expectValid(await runVerifier(['consistency', writeJson(consistencyProofFile(consistency))]));
    expectInvalid(await runVerifier(['inclusion', writeJson({ ...inclusionProofFile(inclusion), leafIdx: 2 ** 40 - 1 })]));
  });
});

describe('tools/verify-ledger.mjs checkpoint', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicPem = join(workdir, 'public.pem');
  writeFileSync(publicPem, publicKey.export({ type: 'spki', format: 'pem' }));
  const signed = checkpointFile(signCheckpoint({ origin: 'ddr-ledger.test', size: 42, root: leafHash(Buffer.from('r')) }, privateKey));

  it('accepts a checkpoint signed by the key, and prints what it vouches for', async () => {
    const verdict = await runVerifier(['checkpoint', writeJson(signed), publicPem]);
    expectValid(verdict);
    expect(verdict.stdout).toContain(`"ddr-ledger.test" of size 42 with root ${signed.root}`);
  });

  it.each<[string, Record<string, unknown>]>([
    ['another size', { size: 43 }],
    ['another origin', { origin: 'ddr-ledger.other' }],
    ['another root', { root: encodeBase64(leafHash(Buffer.from('s'))) }],
    ['an origin with a newline', { origin: 'ddr-ledger.test\n42' }],
    ['a truncated signature', { signature: encodeBase64(Buffer.from(signed.signature, 'base64').subarray(0, 63)) }],
    ['a signature that is not base64', { signature: `${signed.signature}!` }],
    ['a missing size', { size: undefined }],
  ])('rejects %s', async (_, change) => {
    expectInvalid(await runVerifier(['checkpoint', writeJson({ ...signed, ...change }), publicPem]));
  });

  it('rejects a checkpoint signed by another key', async () => {
    const other = generateKeyPairSync('ed25519').privateKey;
    const forged = checkpointFile(signCheckpoint({ origin: 'ddr-ledger.test', size: 42, root: leafHash(Buffer.from('r')) }, other));
    expectInvalid(await runVerifier(['checkpoint', writeJson(forged), publicPem]), /signature/);
  });
});

describe('tools/verify-ledger.mjs usage', () => {
  const consistencyFile = () => {
    const tree = new MerkleTree();
    [1, 2, 3].forEach((i) => tree.append(leafHash(Buffer.of(i))));
    return writeJson(consistencyProofFile({ size1: 2, size2: 3, root1: tree.rootAt(2), root2: tree.root(), proof: tree.consistencyProof(2) }));
  };

  it.each<[string, string[]]>([
    ['no command', []],
    ['an unknown command', ['audit', 'x.json']],
    ['a missing file argument', ['inclusion']],
    ['an extra argument', ['consistency', 'a.json', 'b.json']],
    ['a checkpoint without key', ['checkpoint', 'a.json']],
    ['a file that does not exist', ['consistency', '/nonexistent/proof.json']],
  ])('exits 2 on %s', async (_, args) => {
    const verdict = await runVerifier(args);
    expect(verdict.code).toBe(2);
    expect(verdict.stdout).toBe('');
    expect(verdict.stderr).toMatch(/^usage error: /);
  });

  it('exits 2 on a key file that is not an Ed25519 public key', async () => {
    const notAKey = writeJson('not a key');
    const rsa = join(workdir, 'rsa.pem');
    writeFileSync(rsa, generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }));
    for (const key of [notAKey, rsa]) expect((await runVerifier(['checkpoint', consistencyFile(), key])).code).toBe(2);
  });

  it('exits 1 on a file that is not a proof', async () => {
    expectInvalid(await runVerifier(['consistency', writeJson('{"size1": ')]), /not JSON/);
    expectInvalid(await runVerifier(['consistency', writeJson('[1, 2]')]), /not a JSON object/);
    expectInvalid(await runVerifier(['inclusion', consistencyFile()]));
  });

  it('exits 0 on a valid consistency proof', async () => {
    expectValid(await runVerifier(['consistency', consistencyFile()]));
  });
});
