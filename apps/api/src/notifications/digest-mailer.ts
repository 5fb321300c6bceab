import type { Transporter } from 'nodemailer';
import { composeDigest, digestContent, digestPeriod, type DecidedStep, type DigestFrequency, type DigestLanguage, type Notice } from '@ddr/notifications';
import type { Body } from '@ddr/kernel';
import { inSpan, NO_METRICS, type OperationsMetrics } from '@ddr/telemetry';
import type { Notifier } from './notifier';

interface Subscription {
  id: string;
  body: Body;
  email: string;
  frequency: DigestFrequency;
  language: DigestLanguage;
  subscribed_at: string;
}

/**
 * Sends each subscription's digest once per period (a day, an ISO week):
 * what awaits the body, its overdue commitments, what was decided since the
 * last digest. The digest is recorded as sent once the SMTP server accepted
 * it; a crash between the two sends it again after the restart with the same
 * Message-ID (`<digest-<subscription>-<period>@ddr-ledger>`), which mail
 * clients treat as one message.
 */
export class DigestMailer {
  constructor(
    private readonly notifier: Notifier,
    private readonly transport: Transporter,
    private readonly from: string,
    private readonly baseUrl: () => string,
    private readonly metrics: OperationsMetrics = NO_METRICS,
  ) {}

  /** Sends every digest due at `now`; returns how many went out. */
  async sendDue(now: Date): Promise<number> {
    const db = this.notifier.db;
    const subscriptions = db.prepare('SELECT * FROM digest_subscriptions WHERE cancelled = 0').all() as Subscription[];
    const today = now.toISOString().slice(0, 10);
    // Swept once, for all the digests due, and only when one is.
    let deadlines: Notice[] | undefined;
    let sent = 0;
    for (const subscription of subscriptions) {
      const period = digestPeriod(subscription.frequency, now);
      if (db.prepare('SELECT 1 FROM digests WHERE subscription_id = ? AND period = ?').get(subscription.id, period)) continue;
      const last = db.prepare('SELECT MAX(sent_at) AS at FROM digests WHERE subscription_id = ?').get(subscription.id) as { at: string | null };
      const since = last.at ?? subscription.subscribed_at;
      const decided = (db.prepare('SELECT record FROM decisions WHERE recorded_at > ? ORDER BY rowid').all(since) as Array<{ record: string }>).map(
        (row) => JSON.parse(row.record) as DecidedStep,
      );
      deadlines ??= await this.notifier.deadlinesOn(today, 0);
      const content = digestContent(this.notifier.watched, { body: subscription.body, language: subscription.language, period }, today, decided, deadlines);
      const { subject, text } = composeDigest(content, this.baseUrl());
      const messageId = `<digest-${subscription.id}-${period}@ddr-ledger>`;
      const attributes = { 'ddr.body': subscription.body, 'ddr.digest_subscription': subscription.id, 'ddr.digest_period': period };
      try {
        await inSpan('digest send', attributes, () => this.transport.sendMail({ from: this.from, to: subscription.email, subject, text, messageId }));
      } catch (error) {
        this.metrics.notification('digest', 'failed');
        throw error;
      }
      this.metrics.notification('digest', 'delivered');
      db.prepare('INSERT OR IGNORE INTO digests (subscription_id, period, sent_at, message_id) VALUES (?, ?, ?, ?)').run(
        subscription.id,
        period,
        new Date().toISOString(),
        messageId,
      );
      sent++;
    }
    return sent;
  }
}
