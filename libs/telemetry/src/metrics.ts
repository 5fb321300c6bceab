/** Whatever the write path, the read path and the edge report. With metrics off, every call is a no-op. */
export interface OperationsMetrics {
  /** A desk command finished: `outcome` is `accepted`, `replayed` or the refusal's code. */
  command(kind: string, body: string, outcome: string, seconds: number): void;
  /** A root query field answered. */
  query(field: string, seconds: number): void;
  /** One append (or batch of appends) of `events` events was acknowledged by the store. */
  append(events: number, seconds: number): void;
  /** A caller was refused: UNAUTHENTICATED, FORBIDDEN or RATE_LIMITED. */
  refusal(code: string): void;
  /** A subscription opened; the function it returns closes it. */
  subscriptionOpened(): () => void;
  /**
   * A notification was sent or failed: `channel` is `webhook` or `digest`, `outcome` `delivered`,
   * `failed` (tried again later) or `gave_up` (the webhook endpoint marked FAILING after its attempts).
   */
  notification(channel: string, outcome: string): void;
}

export const NO_METRICS: OperationsMetrics = {
  command: () => undefined,
  query: () => undefined,
  append: () => undefined,
  refusal: () => undefined,
  subscriptionOpened: () => () => undefined,
  notification: () => undefined,
};

/** The injection token of the process's metrics (NO_METRICS when METRICS_PORT is unset). */
export const METRICS = Symbol('METRICS');

/** What a refusal or failure is counted as: its code when it has one a client can act on. */
export function outcomeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z][A-Z_]*$/.test(code) ? code : 'INTERNAL';
}
