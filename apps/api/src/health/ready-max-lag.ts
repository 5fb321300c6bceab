/** The injection token of READY_MAX_LAG, the events the read model may be behind and still be ready. */
export const READY_MAX_LAG = Symbol('READY_MAX_LAG');
