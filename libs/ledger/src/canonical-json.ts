/**
 * RFC 8785 JSON Canonicalization Scheme (JCS).
 *
 * A leaf of the ledger is the hash of an event's bytes, so the same event must
 * always give the same bytes, whichever process, store or language produced
 * it. JCS fixes the three things plain JSON.stringify leaves open: key order
 * (sorted by UTF-16 code units), number form (ECMAScript Number-to-String, which
 * is what JSON.stringify already does for finite numbers) and whitespace
 * (none). String escaping is JSON.stringify's, which RFC 8785 adopts verbatim.
 *
 * Anything JSON cannot carry faithfully is refused rather than silently
 * dropped or rewritten (JSON.stringify would turn NaN into null and skip
 * undefined properties), because a silently changed event would hash to a
 * leaf that no longer matches what the writer meant.
 */

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export class CanonicalJsonError extends Error {
  override readonly name = 'CanonicalJsonError';
}

export function canonicalJson(value: unknown): string {
  try {
    return fast(value, 0);
  } catch (error) {
    if (!(error instanceof CanonicalJsonError)) throw error;
    // Rerun the careful serialiser only to say where the problem is.
    return serialise(value, '$', new Set());
  }
}

/** The UTF-8 bytes of the canonical form: what gets hashed. */
export function canonicalJsonBytes(value: unknown): Uint8Array {
  return Buffer.from(canonicalJson(value), 'utf8');
}

// In a `u` regex a surrogate class matches only surrogates that are not part
// of a pair. I-JSON (RFC 7493), which RFC 8785 requires of its input, forbids
// them: they have no UTF-8 encoding, so two implementations could disagree.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

// Strings without quotes, backslashes, control characters or surrogates are
// written as they are: the common case, and several times cheaper than
// JSON.stringify on every key and value (the ledger hashes every event).
// eslint-disable-next-line no-control-regex -- control characters are exactly what needs escaping
const NEEDS_ATTENTION = /["\\\u0000-\u001f\uD800-\uDFFF]/;

/** Deeper than any event we store: taken as a cycle and left to the careful path to name. */
const MAX_DEPTH = 512;

/** The same output as serialise(), without building a path for every value. */
function fast(value: unknown, depth: number): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError('not a finite number');
      return String(value);
    case 'string':
      return NEEDS_ATTENTION.test(value) ? serialiseString(value, '$') : `"${value}"`;
    case 'object':
      break;
    default:
      throw new CanonicalJsonError('not JSON');
  }
  if (depth > MAX_DEPTH) throw new CanonicalJsonError('too deep');
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + fast(value[i], depth + 1);
    return `${out}]`;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) throw new CanonicalJsonError('not a plain object');
  const record = value as Record<string, unknown>;
  // The default sort compares UTF-16 code units, as RFC 8785 wants, and is faster than a comparator.
  const keys = Object.keys(record).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const name = NEEDS_ATTENTION.test(key) ? serialiseString(key, '$') : `"${key}"`;
    out += `${i === 0 ? '' : ','}${name}:${fast(record[key], depth + 1)}`;
  }
  return `${out}}`;
}

function serialiseString(value: string, path: string): string {
  if (LONE_SURROGATE.test(value)) throw new CanonicalJsonError(`${path} contains a lone surrogate`);
  return JSON.stringify(value);
}

function serialise(value: unknown, path: string, ancestors: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`${path} is not a finite number`);
      // Number-to-String already maps -0 to "0" and picks 1e+21 / 1e-7 forms.
      return String(value);
    case 'string':
      return serialiseString(value, path);
    case 'object':
      return serialiseContainer(value, path, ancestors);
    default:
      throw new CanonicalJsonError(`${path} is a ${typeof value}, which JSON cannot represent`);
  }
}

function serialiseContainer(value: object, path: string, ancestors: Set<object>): string {
  if (ancestors.has(value)) throw new CanonicalJsonError(`${path} is a cycle`);
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      const items: string[] = [];
      // Index loop, not map(): map skips holes, which must be refused like undefined.
      for (let i = 0; i < value.length; i++) items.push(serialise(value[i], `${path}[${i}]`, ancestors));
      return `[${items.join(',')}]`;
    }
    const prototype: unknown = Object.getPrototypeOf(value);
    // Dates, Maps and class instances have no single JSON form; refuse them.
    if (prototype !== Object.prototype && prototype !== null) {
      throw new CanonicalJsonError(`${path} is not a plain object`);
    }
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .sort(compareCodeUnits)
      .map((key) => {
        const name = serialiseString(key, `${path} key ${JSON.stringify(key)}`);
        return `${name}:${serialise(record[key], `${path}.${key}`, ancestors)}`;
      });
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(value);
  }
}

/** RFC 8785 3.2.3: order by UTF-16 code units, which is what `<` on strings does. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
