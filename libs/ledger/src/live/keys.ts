import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LedgerInputError } from './errors';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI PEM: what an auditor feeds to tools/verify-ledger.mjs. */
  publicKeyPem: string;
}

/** Where the operator's checkpoint key lives when LEDGER_KEY_FILE names none. */
export const defaultLedgerKeyFile = (dataDir: string) => join(dataDir, 'keys', 'ledger-ed25519.pem');

/**
 * Where a rotation keeps the next key until the log has recorded the rotation, beside the key it replaces:
 * renamed over it afterwards, so the key file changes only once the log names the new key.
 */
export const stagedKeyFile = (file: string) => `${file}.next`;

/** Stages a key the operator brought (made offline, say) as the next one, owner-only. */
export function stageKey(file: string, key: SigningKey): void {
  rmSync(stagedKeyFile(file), { force: true });
  writeFileSync(stagedKeyFile(file), key.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
}

/** Puts the staged key in the key's place; another process may have done it first. */
export function promoteStagedKey(file: string): void {
  try {
    renameSync(stagedKeyFile(file), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * The Ed25519 key in `file` (PKCS#8 PEM), generated there on first use with
 * owner-only permissions: the folder 0700 when we create it, the file 0600.
 * Two processes starting together keep whichever key was written first.
 */
export function loadOrCreateSigningKey(file: string): SigningKey {
  if (!existsSync(file)) {
    const dir = dirname(file);
    if (!existsSync(dir)) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      chmodSync(dir, 0o700);
    }
    const { privateKey } = generateKeyPairSync('ed25519');
    try {
      writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return readSigningKey(file);
}

/** The Ed25519 private key in `file`; refuses any other kind of key. */
export function readSigningKey(file: string): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(file));
  } catch (error) {
    throw new LedgerInputError(`${file} does not hold a private key in PEM: ${(error as Error).message}`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new LedgerInputError(`${file} holds a ${privateKey.asymmetricKeyType} key, not Ed25519`);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, publicKeyPem: publicKeyPem(publicKey) };
}

export function publicKeyPem(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'pem' }).toString();
}

/** An Ed25519 public key from its SPKI PEM text, or a refusal that says why not. */
export function parsePublicKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new LedgerInputError('the public key is not an SPKI PEM key');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new LedgerInputError('the public key is not an Ed25519 key');
  return key;
}

/** A short stable name for a key: the first 16 hex digits of SHA-256 of its SPKI bytes. */
export function keyFingerprint(key: KeyObject): string {
  return createHash('sha256')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}
