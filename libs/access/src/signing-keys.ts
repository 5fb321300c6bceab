import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signingSecret } from './signing-secret';

/** The id of the one secret of before rotation (JWT_SECRET or keys/jwt-secret): a token without a `kid` was signed by it. */
export const FIRST_KEY_ID = 'k0';

/** The keys added by `ddr token key add`, kept beside keys/jwt-secret; the secret itself is never in the log. */
interface KeyFile {
  current: string;
  keys: Array<{ kid: string; secret: string; addedAt: string }>;
  retired: string[];
}

/** Signs with the current key; checks with any key not retired. */
export interface KeyRing {
  current(): { kid: string; key: KeyObject };
  /** The key with this id, undefined when unknown or retired; a token without a `kid` names the first key. */
  find(kid: string | undefined): KeyObject | undefined;
}

/** One key that never changes: for a secret given in code (tests, the soak). */
export function fixedKey(secret: string): KeyRing {
  const key = createSecretKey(Buffer.from(secret, 'utf8'));
  return { current: () => ({ kid: FIRST_KEY_ID, key }), find: (kid) => (kid === undefined || kid === FIRST_KEY_ID ? key : undefined) };
}

const keyFile = (dataDir: string) => join(dataDir, 'keys', 'jwt-keys.json');
/** How often, at most, a running server looks whether an operator rotated or retired a key. */
const RELOAD_EVERY_MS = 1_000;

/** The key file's text, or null when there is none. */
function keyFileText(dataDir: string): string | null {
  try {
    return readFileSync(keyFile(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

const parseKeyFile = (text: string | null): KeyFile => (text === null ? { current: FIRST_KEY_ID, keys: [], retired: [] } : (JSON.parse(text) as KeyFile));

const readKeyFile = (dataDir: string): KeyFile => parseKeyFile(keyFileText(dataDir));

function writeKeyFile(dataDir: string, file: KeyFile): void {
  const path = keyFile(dataDir);
  // Written whole then renamed: a server reading it meanwhile sees the old keys or the new, never half.
  writeFileSync(`${path}.tmp`, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  chmodSync(`${path}.tmp`, 0o600);
  renameSync(`${path}.tmp`, path);
}

/**
 * The token keys of a data directory: the first secret (JWT_SECRET, or keys/jwt-secret generated on first use)
 * as `k0`, and the keys an operator added since in keys/jwt-keys.json. Without that file, today's single secret
 * signs and checks everything, as before. A running server rereads the file within a second of a change.
 */
export class DataDirKeys implements KeyRing {
  private keys = new Map<string, KeyObject>();
  private currentKid = FIRST_KEY_ID;
  /** The key file's text when last read: two writes within the file system's clock tick can share a modification time. */
  private seenText: string | null | undefined = undefined;
  private checkedAt = 0;
  private readonly first: KeyObject;

  constructor(
    private readonly dataDir: string,
    configured?: string,
    private readonly now: () => number = Date.now,
  ) {
    this.first = createSecretKey(Buffer.from(signingSecret(dataDir, configured), 'utf8'));
    this.reload();
  }

  current(): { kid: string; key: KeyObject } {
    this.reload();
    return { kid: this.currentKid, key: this.keys.get(this.currentKid)! };
  }

  find(kid: string | undefined): KeyObject | undefined {
    this.reload();
    return this.keys.get(kid ?? FIRST_KEY_ID);
  }

  private reload(): void {
    if (this.seenText !== undefined && this.now() - this.checkedAt < RELOAD_EVERY_MS) return;
    this.checkedAt = this.now();
    const text = keyFileText(this.dataDir);
    if (text === this.seenText) return;
    const file = parseKeyFile(text);
    const keys = new Map<string, KeyObject>([[FIRST_KEY_ID, this.first]]);
    for (const { kid, secret } of file.keys) keys.set(kid, createSecretKey(Buffer.from(secret, 'base64url')));
    for (const kid of file.retired) keys.delete(kid);
    this.keys = keys;
    this.currentKid = file.current;
    this.seenText = text;
  }
}

/** What `ddr token key list` shows: every key's id, whether it signs, whether it is retired; never a secret. */
export function listSigningKeys(dataDir: string): Array<{ kid: string; current: boolean; retired: boolean; addedAt: string | null }> {
  const file = readKeyFile(dataDir);
  return [{ kid: FIRST_KEY_ID, addedAt: null }, ...file.keys].map(({ kid, addedAt }) => ({
    kid,
    addedAt,
    current: kid === file.current,
    retired: file.retired.includes(kid),
  }));
}

/** Adds a new key and makes it the one that signs; tokens signed by the others stay valid until those are retired. */
export function addSigningKey(dataDir: string): string {
  mkdirSync(join(dataDir, 'keys'), { recursive: true, mode: 0o700 });
  const file = readKeyFile(dataDir);
  const kid = `k${file.keys.length + 1}`;
  file.keys.push({ kid, secret: randomBytes(48).toString('base64url'), addedAt: new Date().toISOString() });
  writeKeyFile(dataDir, { ...file, current: kid });
  return kid;
}

/** Retires a key: every token it signed is refused from then on. The current key cannot be retired. */
export function retireSigningKey(dataDir: string, kid: string): void {
  const file = readKeyFile(dataDir);
  if (kid !== FIRST_KEY_ID && !file.keys.some((key) => key.kid === kid)) throw new Error(`no token key ${kid}`);
  if (kid === file.current) throw new Error(`${kid} is the current key: add a new one (npm run ddr -- token key add) before retiring it`);
  if (!file.retired.includes(kid)) writeKeyFile(dataDir, { ...file, retired: [...file.retired, kid] });
}
