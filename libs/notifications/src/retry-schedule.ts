/** How deliveries to one endpoint are retried: exponential back-off, capped, a bounded number of attempts. */
export interface RetryPolicy {
  /** Wait after the first failed attempt; doubled after each further failure. */
  baseDelayMs: number;
  /** No wait is longer than this. */
  maxDelayMs: number;
  /** Attempts of one message before the endpoint is marked failing. */
  maxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseDelayMs: 5_000, maxDelayMs: 3_600_000, maxAttempts: 10 };

/** The wait before the next attempt after `failures` failed ones; null once the endpoint is to be marked failing. */
export function nextRetryDelay(policy: RetryPolicy, failures: number): number | null {
  if (failures >= policy.maxAttempts) return null;
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failures - 1));
}
