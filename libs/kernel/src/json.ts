export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Canonical JSON (RFC 8785), which the ledger hashes, cannot encode these. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why `value` would not survive a JSON round trip unchanged, or undefined when
 * it would. Rejects what JSON.stringify silently drops or mangles: undefined,
 * functions, symbols, bigints, non-finite numbers, class instances (Date, Map),
 * cycles, and strings with lone surrogates.
 */
export function jsonProblem(value: unknown, path = '$', seen = new Set<object>()): string | undefined {
  if (value === null) return undefined;
  switch (typeof value) {
    case 'string':
      return LONE_SURROGATE.test(value) ? `${path} has a lone UTF-16 surrogate, which is not JSON text` : undefined;
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : `${path} is not a finite number`;
    case 'object':
      break;
    default:
      return `${path} is a ${typeof value}, not JSON`;
  }
  const object = value;
  if (seen.has(object)) return `${path} is a cycle`;
  seen.add(object);
  try {
    if (Array.isArray(object)) {
      for (let i = 0; i < object.length; i++) {
        const problem = jsonProblem(object[i], `${path}[${i}]`, seen);
        if (problem) return problem;
      }
      return undefined;
    }
    const prototype: unknown = Object.getPrototypeOf(object);
    if (prototype !== Object.prototype && prototype !== null) return `${path} is not a plain object`;
    for (const [key, item] of Object.entries(object)) {
      if (LONE_SURROGATE.test(key)) return `${path} has a key with a lone UTF-16 surrogate`;
      const problem = jsonProblem(item, `${path}.${key}`, seen);
      if (problem) return problem;
    }
    return undefined;
  } finally {
    seen.delete(object);
  }
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && jsonProblem(value) === undefined;
}
