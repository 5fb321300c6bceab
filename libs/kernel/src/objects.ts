/**
 * `{ ...base, ...extra }`, built with Object.assign. On Node 20 (V8 11.3) object spread in a hot path went to
 * V8's slow generic copy: about 60 µs to read an instrument's steps and waits on a date against 2 µs this way,
 * and a millisecond of every delays table (docs/benchmarks.md, "Object spread on the read path").
 */
export const withFields = <Base extends object, Extra extends object>(base: Base, extra: Extra): Omit<Base, keyof Extra> & Extra =>
  Object.assign({}, base, extra);
