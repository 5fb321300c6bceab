/**
 * Integer helpers for tree sizes and indexes. Sizes can exceed 2^32, where
 * JavaScript's bitwise operators wrap, so everything here is plain arithmetic
 * on safe integers (exact up to 2^53).
 */

export function isTreeSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

export function assertTreeSize(value: number, what: string): void {
  if (!isTreeSize(value)) throw new RangeError(`${what} must be a non-negative safe integer, got ${value}`);
}

export function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
}

/** RFC 9162's split point: the largest power of two strictly smaller than n (n >= 2). */
export function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** log2 of a power of two. */
export function exponentOf(powerOfTwo: number): number {
  let level = 0;
  for (let k = powerOfTwo; k > 1; k /= 2) level++;
  return level;
}

/** Halves n, dropping the remainder: `n >> 1` without the 32-bit wrap. */
export function half(n: number): number {
  return Math.floor(n / 2);
}

export function isOdd(n: number): boolean {
  return n % 2 === 1;
}
