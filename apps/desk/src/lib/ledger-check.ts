/**
 * The auditor's checks of docs/ledger-verification.md, run in the browser with Web Crypto: the event's leaf
 * (RFC 8785 canonical JSON), its inclusion proof (RFC 9162), and the checkpoint's Ed25519 signature. The server
 * is trusted for nothing here but the bytes it hands over.
 */
const utf8 = new TextEncoder();

/** RFC 8785 (JCS) for the JSON the ledger hashes: keys sorted by UTF-16 code units, no whitespace. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, field]) => field !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}
export function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

async function sha256(...parts: Uint8Array[]): Promise<Uint8Array> {
  const joined = new Uint8Array(parts.reduce((size, part) => size + part.length, 0));
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', joined));
}

/** SHA-256(0x00 ‖ canonical JSON of the event's six leaf fields). */
export async function leafHash(event: unknown): Promise<Uint8Array> {
  return sha256(Uint8Array.of(0), utf8.encode(canonicalJson(event)));
}

/** The root an audit path leads to from a leaf (RFC 9162, 2.1.3.2); null when the path has the wrong length. */
export async function rootFromInclusion(leafIndex: number, treeSize: number, leaf: Uint8Array, proof: Uint8Array[]): Promise<Uint8Array | null> {
  if (leafIndex >= treeSize) return null;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let root = leaf;
  for (const sibling of proof) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      root = await sha256(Uint8Array.of(1), sibling, root);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) [fn, sn] = [fn >> 1, sn >> 1];
    } else root = await sha256(Uint8Array.of(1), root, sibling);
    [fn, sn] = [fn >> 1, sn >> 1];
  }
  return sn === 0 ? root : null;
}

/** The checkpoint's signature: Ed25519 over `origin\nsize\nroot\n`, by the operator's key (PEM, SPKI). */
export async function checkpointSigned(checkpoint: { origin: string; size: number; root: string; signature: string }, publicKeyPem: string): Promise<boolean> {
  const der = fromBase64(publicKeyPem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''));
  const key = await crypto.subtle.importKey('spki', der, { name: 'Ed25519' }, false, ['verify']);
  return crypto.subtle.verify(
    { name: 'Ed25519' },
    key,
    fromBase64(checkpoint.signature),
    utf8.encode(`${checkpoint.origin}\n${checkpoint.size}\n${checkpoint.root}\n`),
  );
}

export interface InclusionFile {
  leafIdx: number;
  treeSize: number;
  root: string;
  event: unknown;
  proof: string[];
}

/** Inclusion of an event the browser hashed itself, against a signed checkpoint of the same tree. */
export async function verifyInclusion(
  file: InclusionFile,
  checkpoint: { origin: string; size: number; root: string; signature: string },
  publicKeyPem: string,
): Promise<{ leafHash: string; included: boolean; signed: boolean; sameTree: boolean }> {
  const leaf = await leafHash(file.event);
  const root = await rootFromInclusion(file.leafIdx, file.treeSize, leaf, file.proof.map(fromBase64));
  return {
    leafHash: toBase64(leaf),
    included: root !== null && toBase64(root) === file.root,
    signed: await checkpointSigned(checkpoint, publicKeyPem),
    sameTree: checkpoint.size === file.treeSize && checkpoint.root === file.root,
  };
}
