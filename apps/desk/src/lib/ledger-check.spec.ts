import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson, checkpointSigned, verifyInclusion, type InclusionFile } from './ledger-check';

/** The auditor's example files of docs/ledger-verification.md, checked by the browser's code. */
const EXAMPLES = join(__dirname, '../../../../tools/examples');
const read = <T>(file: string): T => JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as T;
const publicKey = readFileSync(join(EXAMPLES, 'public-key.pem'), 'utf8');
const checkpoint = read<{ origin: string; size: number; root: string; signature: string }>('checkpoint-6.json');

describe('the ledger checks the desk runs with Web Crypto', () => {
  it('canonicalises JSON as RFC 8785 does: sorted keys, no whitespace', () => {
    expect(canonicalJson({ b: [1, { d: null, c: 'x' }], a: true })).toBe('{"a":true,"b":[1,{"c":"x","d":null}]}');
  });

  it('finds the CTS-41 approval in the signed tree of six events', async () => {
    const checked = await verifyInclusion(read<InclusionFile>('inclusion-cts41.json'), checkpoint, publicKey);
    expect(checked).toEqual({ leafHash: 'q5xzwgQiF8lQROqFBPuLBvWx4uUod1gGvXQ2QgNZeuk=', included: true, signed: true, sameTree: true });
  });

  it('refuses the same proof when the event was altered (CTS-41 made CTS-42)', async () => {
    const checked = await verifyInclusion(read<InclusionFile>('inclusion-cts41-tampered.json'), checkpoint, publicKey);
    expect(checked.included).toBe(false);
  });

  it('refuses a checkpoint whose root was changed after it was signed', async () => {
    await expect(checkpointSigned(checkpoint, publicKey)).resolves.toBe(true);
    await expect(checkpointSigned({ ...checkpoint, size: 7 }, publicKey)).resolves.toBe(false);
  });
});
