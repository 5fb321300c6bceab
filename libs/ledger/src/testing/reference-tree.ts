import { createHash } from 'node:crypto';

/**
 * A deliberately naive RFC 9162 Merkle Tree Hash, written straight from the
 * RFC's recursive definition and independent of the library's hashing code,
 * to check the incremental tree against.
 */
const sha256 = (...parts: Uint8Array[]) => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest();

export function referenceRoot(leafData: readonly Uint8Array[]): Buffer {
  const n = leafData.length;
  if (n === 0) return sha256();
  if (n === 1) return sha256(Buffer.of(0x00), leafData[0]);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return sha256(Buffer.of(0x01), referenceRoot(leafData.slice(0, k)), referenceRoot(leafData.slice(k)));
}

/** Distinct, reproducible leaf data: the index as text. */
export function sampleLeafData(count: number): Buffer[] {
  return Array.from({ length: count }, (_, i) => Buffer.from(`leaf-${i}`));
}
