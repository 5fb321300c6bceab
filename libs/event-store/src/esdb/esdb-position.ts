import { InvalidPositionError } from '../errors';

/** A place in EventStoreDB's `$all`: the commit and prepare positions of the transaction log. */
export interface EsdbPosition {
  commit: bigint;
  prepare: bigint;
}

const MAX_U64 = (1n << 64n) - 1n;
const TOKEN = /^(\d{1,20}):(\d{1,20})$/;

/**
 * One opaque token for both parts, `commit:prepare` in decimal. Both parts
 * are needed: EventStoreDB orders `$all` by commit position and then by
 * prepare position, and resumes reads and subscriptions from the pair.
 */
export function encodePosition(position: EsdbPosition): string {
  return `${position.commit}:${position.prepare}`;
}

export function parsePosition(token: unknown): EsdbPosition {
  const match = typeof token === 'string' ? TOKEN.exec(token) : null;
  if (!match) throw new InvalidPositionError(token);
  const commit = BigInt(match[1]);
  const prepare = BigInt(match[2]);
  if (commit > MAX_U64 || prepare > MAX_U64) throw new InvalidPositionError(token);
  return { commit, prepare };
}

/** Commit position first, then prepare position, as the server orders `$all`. */
export function comparePosition(a: EsdbPosition, b: EsdbPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}
