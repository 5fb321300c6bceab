import { Logger } from '@nestjs/common';
import { nextRetryDelay, webhookHeaders, type Lookup, type RetryPolicy, type UrlPolicy } from '@ddr/notifications';
import { annotateSpan, contextFrom, inSpan, NO_METRICS, type OperationsMetrics } from '@ddr/telemetry';
import type { NotificationsDb } from './notifications-db';
import type { SecretBox } from './secret-box';
import { sendWebhook, type AttemptOutcome } from './webhook-sender';

/** While a rotated-out secret still signs beside the new one, so receivers can switch without a gap. */
const ROTATION_OVERLAP_MS = 24 * 3_600_000;

interface Head {
  seq: number;
  webhook_id: string;
  failures: number;
  next_attempt_at: number;
  payload: string;
  url: string;
  sealed_secret: string;
  previous_sealed: string | null;
  rotated_at: string | null;
  kind: string;
  traceparent: string | null;
}

export interface DispatcherOptions {
  policy: UrlPolicy & { timeoutMs: number };
  retry: RetryPolicy;
  lookup?: Lookup;
  /** Attempts counted by outcome (delivered, failed, gave_up). */
  metrics?: OperationsMetrics;
  /** After each delivered message, for the benchmark's lag and for tests. */
  onDelivered?(endpointId: string, webhookId: string): void;
}

/**
 * Sends what the notifier queued. Each active endpoint has at most one
 * message in flight, always the oldest undelivered one (log order per
 * endpoint, the same `webhook-id` on every retry); endpoints run side by
 * side, so a slow or failing one never delays another, and nothing here runs
 * on a request's path. A failure is recorded and retried after an
 * exponential back-off; after `maxAttempts` the endpoint is marked FAILING
 * and waits for its secretariat to resume it.
 */
export class WebhookDispatcher {
  private readonly inFlight = new Set<string>();
  private wake?: NodeJS.Timeout;
  private wakeAt = Infinity;
  private stopped = false;
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly db: NotificationsDb,
    private readonly secrets: SecretBox,
    private readonly options: DispatcherOptions,
  ) {}

  /** Starts every active endpoint whose next message is due, and sets a timer for the next one due later. */
  kick(): void {
    if (this.stopped) return;
    const now = Date.now();
    const heads = this.db
      .prepare(
        `SELECT e.id, MIN(d.next_attempt_at) AS due FROM endpoints e JOIN deliveries d ON d.endpoint_id = e.id AND d.delivered_at IS NULL
         WHERE e.status = 'ACTIVE' GROUP BY e.id`,
      )
      .all() as Array<{ id: string; due: number }>;
    for (const { id, due } of heads) {
      if (this.inFlight.has(id)) continue;
      if (due <= now) this.start(id);
      else this.wakeIn(due);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.wake);
    await Promise.all(this.running);
  }

  private start(endpointId: string): void {
    this.inFlight.add(endpointId);
    const run = this.drain(endpointId)
      .catch((error: unknown) => Logger.error(`webhook delivery to ${endpointId} stopped: ${(error as Error).message}`, 'Notifications'))
      .finally(() => {
        this.inFlight.delete(endpointId);
        this.running.delete(run);
      });
    this.running.add(run);
  }

  /** Sends the endpoint's messages one after the other until none is due. */
  private async drain(endpointId: string): Promise<void> {
    while (!this.stopped) {
      const head = this.head(endpointId);
      if (!head) return;
      if (head.next_attempt_at > Date.now()) return this.wakeIn(head.next_attempt_at);
      const outcome = await this.attempt(endpointId, head);
      if (this.stopped) return;
      if (!this.record(endpointId, head, outcome)) return;
    }
  }

  private head(endpointId: string): Head | undefined {
    return this.db
      .prepare(
        `SELECT d.seq, d.webhook_id, d.failures, d.next_attempt_at, n.payload, n.kind, n.traceparent, e.url, e.sealed_secret, e.previous_sealed, e.rotated_at
         FROM deliveries d JOIN notices n ON n.seq = d.seq JOIN endpoints e ON e.id = d.endpoint_id
         WHERE d.endpoint_id = ? AND d.delivered_at IS NULL AND e.status = 'ACTIVE' ORDER BY d.seq LIMIT 1`,
      )
      .get(endpointId) as Head | undefined;
  }

  /** One attempt, in a span that continues the trace of the event told, when it carried one. */
  private attempt(endpointId: string, head: Head): Promise<AttemptOutcome> {
    const secrets = [this.secrets.open(head.sealed_secret)];
    if (head.previous_sealed && head.rotated_at && Date.now() - Date.parse(head.rotated_at) < ROTATION_OVERLAP_MS) {
      secrets.push(this.secrets.open(head.previous_sealed));
    }
    const headers = webhookHeaders(secrets, head.webhook_id, Math.floor(Date.now() / 1000), head.payload);
    const attributes = {
      'ddr.webhook_id': head.webhook_id,
      'ddr.endpoint_id': endpointId,
      'ddr.notification_kind': head.kind,
      'ddr.attempt': head.failures + 1,
    };
    return inSpan(
      'webhook attempt',
      attributes,
      async () => {
        const outcome = await sendWebhook(new URL(head.url), headers, head.payload, this.options.policy, this.options.lookup);
        annotateSpan({ 'http.response.status_code': outcome.status ?? 0, 'ddr.delivered': outcome.error === null });
        return outcome;
      },
      head.traceparent ? contextFrom({ traceparent: head.traceparent }) : undefined,
    );
  }

  /** Keeps the attempt and its consequence in one transaction; true when the next message may follow at once. */
  private record(endpointId: string, head: Head, outcome: AttemptOutcome): boolean {
    const now = new Date();
    const delivered = outcome.error === null;
    let goOn = delivered;
    let counted = delivered ? 'delivered' : 'failed';
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO attempts (endpoint_id, seq, webhook_id, attempted_at, status, latency_ms, error) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(endpointId, head.seq, head.webhook_id, now.toISOString(), outcome.status, outcome.latencyMs, outcome.error);
      if (delivered) {
        this.db.prepare('UPDATE deliveries SET delivered_at = ? WHERE endpoint_id = ? AND seq = ?').run(now.toISOString(), endpointId, head.seq);
        return;
      }
      const failures = head.failures + 1;
      const delay = nextRetryDelay(this.options.retry, failures);
      this.db
        .prepare('UPDATE deliveries SET failures = ?, next_attempt_at = ? WHERE endpoint_id = ? AND seq = ?')
        .run(failures, delay === null ? 0 : now.getTime() + delay, endpointId, head.seq);
      if (delay === null) {
        counted = 'gave_up';
        this.db.prepare("UPDATE endpoints SET status = 'FAILING', failing_since = ? WHERE id = ? AND status = 'ACTIVE'").run(now.toISOString(), endpointId);
      } else {
        this.wakeIn(now.getTime() + delay);
      }
      goOn = false;
    })();
    (this.options.metrics ?? NO_METRICS).notification('webhook', counted);
    if (delivered) this.options.onDelivered?.(endpointId, head.webhook_id);
    return goOn;
  }

  private wakeIn(at: number): void {
    if (this.stopped || at >= this.wakeAt) return;
    clearTimeout(this.wake);
    this.wakeAt = at;
    this.wake = setTimeout(
      () => {
        this.wakeAt = Infinity;
        this.kick();
      },
      Math.max(0, at - Date.now()),
    );
    this.wake.unref();
  }
}
