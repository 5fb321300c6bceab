import { largestPowerOfTwoBelow } from './sizes';

/** MTH(D[start : start + size]) of the tree the proof is about. */
export type SubtreeHash = (start: number, size: number) => Uint8Array;

/**
 * RFC 9162 2.1.3.1, PATH(m, D[n]), written as the RFC's recursion over the
 * range [start, start + n) so that a reviewer can check it line by line.
 */
export function inclusionPath(m: number, start: number, n: number, hashOf: SubtreeHash): Uint8Array[] {
  if (n === 1) return [];
  const k = largestPowerOfTwoBelow(n);
  return m < k ? [...inclusionPath(m, start, k, hashOf), hashOf(start + k, n - k)] : [...inclusionPath(m - k, start + k, n - k, hashOf), hashOf(start, k)];
}

/**
 * RFC 9162 2.1.4.1, SUBPROOF(m, D[n], b). `startsOldTree` is the RFC's b: true
 * while the subtree is the old tree's own left edge, whose hash the verifier
 * already knows (it is the old root or part of it), so it is not sent.
 */
export function consistencySubproof(m: number, start: number, n: number, startsOldTree: boolean, hashOf: SubtreeHash): Uint8Array[] {
  if (m === n) return startsOldTree ? [] : [hashOf(start, n)];
  const k = largestPowerOfTwoBelow(n);
  return m <= k
    ? [...consistencySubproof(m, start, k, startsOldTree, hashOf), hashOf(start + k, n - k)]
    : [...consistencySubproof(m - k, start + k, n - k, false, hashOf), hashOf(start, k)];
}
