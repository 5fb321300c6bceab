import { generateKeyPairSync } from 'node:crypto';
import { checkpointBody, CheckpointError, signCheckpoint, verifyCheckpoint, type SignedCheckpoint } from './checkpoint';
import { leafHash } from './leaf';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const root = leafHash(Buffer.from('root'));
const checkpoint = { origin: 'ddr-ledger.example/mali', size: 7, root };

describe('checkpoints', () => {
  it('sign the three-line text note <origin>\\n<size>\\n<base64 root>\\n', () => {
    expect(Buffer.from(checkpointBody(checkpoint)).toString('utf8')).toBe(`ddr-ledger.example/mali\n7\n${Buffer.from(root).toString('base64')}\n`);
  });

  it('verify with the signer’s public key', () => {
    const signed = signCheckpoint(checkpoint, privateKey);
    expect(signed.signature).toHaveLength(64);
    expect(() => verifyCheckpoint(signed, publicKey)).not.toThrow();
  });

  it.each<[string, (signed: SignedCheckpoint) => SignedCheckpoint]>([
    ['another origin', (s) => ({ ...s, origin: 'ddr-ledger.example/other' })],
    ['another size', (s) => ({ ...s, size: 8 })],
    ['another root', (s) => ({ ...s, root: leafHash(Buffer.from('other')) })],
    ['a flipped signature bit', (s) => ({ ...s, signature: Uint8Array.from(s.signature, (b, i) => (i === 5 ? b ^ 1 : b)) })],
    ['a truncated signature', (s) => ({ ...s, signature: s.signature.subarray(0, 63) })],
  ])('reject %s', (_, tamper) => {
    expect(() => verifyCheckpoint(tamper(signCheckpoint(checkpoint, privateKey)), publicKey)).toThrow(CheckpointError);
  });

  it('reject another key', () => {
    const other = generateKeyPairSync('ed25519').publicKey;
    expect(() => verifyCheckpoint(signCheckpoint(checkpoint, privateKey), other)).toThrow(CheckpointError);
  });

  it('refuse keys that are not Ed25519', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => signCheckpoint(checkpoint, rsa.privateKey)).toThrow(CheckpointError);
    expect(() => verifyCheckpoint(signCheckpoint(checkpoint, privateKey), rsa.publicKey)).toThrow(CheckpointError);
  });

  it.each<[string, Partial<SignedCheckpoint>]>([
    ['an empty origin', { origin: '' }],
    ['an origin with a newline, which would forge a line', { origin: 'a\n9' }],
    ['an origin with a control character', { origin: 'a\u0007' }],
    ['a negative size', { size: -1 }],
    ['a fractional size', { size: 1.5 }],
    ['a short root', { root: new Uint8Array(31) }],
  ])('refuse %s', (_, change) => {
    expect(() => checkpointBody({ ...checkpoint, ...change })).toThrow(CheckpointError);
  });

  it('accept a non-ASCII origin, signed as UTF-8', () => {
    const signed = signCheckpoint({ ...checkpoint, origin: 'CNDDR – Bamako 😀' }, privateKey);
    expect(() => verifyCheckpoint(signed, publicKey)).not.toThrow();
  });
});
