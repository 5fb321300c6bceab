import { Logger, Module, type DynamicModule, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { createTransport } from 'nodemailer';
import { signingSecret } from '@ddr/access';
import { EVENT_STORE, type EventStore } from '@ddr/event-store';
import { METRICS, type OperationsMetrics } from '@ddr/telemetry';
import { COORDINATING_BODIES, calendarDateOf, Upcasters } from '@ddr/kernel';
import { notificationsFile } from '@ddr/notifications';
import type { Settings } from '@ddr/settings';
import { DigestMailer } from './digest-mailer';
import { NotificationDesk } from './notification-desk';
import { openNotificationsDb, type NotificationsDb } from './notifications-db';
import { NotificationsResolver } from './notifications.resolver';
import { Notifier } from './notifier';
import { SecretBox } from './secret-box';
import { WebhookDispatcher } from './webhook-dispatcher';

const log = (what: string) => (error: unknown) => Logger.error(`${what}: ${(error as Error).message}`, 'Notifications');

/**
 * Follows the log into notices and deliveries, sends webhooks in the
 * background, and looks at the calendar every NOTIFY_CLOCK_INTERVAL_MS
 * (deadlines that come near or pass, digests that fall due).
 */
class NotificationsLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  private clock?: NodeJS.Timeout;
  private ticking?: Promise<void>;
  /** Aborted at shutdown: reading the watch, or a sweep of the deadlines, stops at its next slice instead of holding the stop. */
  private readonly stopping = new AbortController();
  private starting?: Promise<unknown>;

  constructor(
    private readonly settings: Settings,
    private readonly notifier: Notifier,
    private readonly dispatcher: WebhookDispatcher,
    private readonly http: HttpAdapterHost,
    private readonly metrics: OperationsMetrics,
  ) {}

  onApplicationBootstrap(): void {
    // In the background, as the ledger follows: a long log must not hold the server's start.
    this.starting = this.notifier
      .loadWatch(this.stopping.signal)
      .then(async () => {
        if (!this.stopping.signal.aborted) await this.notifier.follower.start();
      })
      .catch(log('the notifier cannot follow the log, retrying'))
      .finally(() => {
        // A replica that does not deliver still follows the log: its secretariats' changes are read back from it.
        if (!this.settings.notifications.deliver || this.stopping.signal.aborted) return;
        this.dispatcher.kick();
        this.tick();
        this.clock = setInterval(() => this.tick(), this.settings.notifications.clockIntervalMs);
      });
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping.abort();
    // A watch still being read stops at its next slice and a catch-up at its batch; after them nothing starts the clock.
    await this.notifier.follower.stop();
    await this.starting;
    clearInterval(this.clock);
    await this.ticking;
    await this.dispatcher.stop();
    this.notifier.db.close();
  }

  private tick(): void {
    if (this.ticking) return;
    const now = new Date();
    this.ticking = (async () => {
      await this.notifier.tellDeadlines(calendarDateOf(now), this.settings.notifications.deadlineNearDays, this.stopping.signal);
      await this.mailer()?.sendDue(now);
    })()
      .catch(log('the calendar tick failed'))
      .finally(() => (this.ticking = undefined));
  }

  private mailerInstance?: DigestMailer | null;
  private mailer(): DigestMailer | null {
    if (this.mailerInstance !== undefined) return this.mailerInstance;
    const { smtpUrl, mailFrom, publicUrl } = this.settings.notifications;
    const address = () => {
      const server = this.http.httpAdapter.getHttpServer() as { address(): { port: number } | null };
      return publicUrl ?? `http://${this.settings.host}:${server.address()?.port ?? this.settings.port}`;
    };
    this.mailerInstance = smtpUrl ? new DigestMailer(this.notifier, createTransport(smtpUrl), mailFrom, address, this.metrics) : null;
    return this.mailerInstance;
  }
}

const NOTIFICATIONS_DB = Symbol('NotificationsDb');

@Module({})
export class NotificationsModule {
  static forRoot(settings: Settings): DynamicModule {
    const { notifications } = settings;
    const policy = { httpsOnly: notifications.httpsOnly, allowPrivate: notifications.allowPrivate };
    return {
      module: NotificationsModule,
      // The metrics read the notifier's position (its lag), as they read the read side's and the ledger's.
      global: true,
      exports: [Notifier],
      providers: [
        { provide: NOTIFICATIONS_DB, useFactory: () => openNotificationsDb(notificationsFile(settings.dataDir)) },
        { provide: SecretBox, useFactory: () => new SecretBox(signingSecret(settings.dataDir, settings.jwtSecret)) },
        {
          provide: WebhookDispatcher,
          inject: [NOTIFICATIONS_DB, SecretBox, METRICS],
          useFactory: (db: NotificationsDb, secrets: SecretBox, metrics: OperationsMetrics) =>
            new WebhookDispatcher(db, secrets, {
              metrics,
              policy: { ...policy, timeoutMs: notifications.timeoutMs },
              retry: { baseDelayMs: notifications.retryBaseMs, maxDelayMs: 3_600_000, maxAttempts: notifications.maxAttempts },
            }),
        },
        {
          provide: Notifier,
          inject: [EVENT_STORE, NOTIFICATIONS_DB, Upcasters, WebhookDispatcher],
          useFactory: (store: EventStore, db: NotificationsDb, upcasters: Upcasters, dispatcher: WebhookDispatcher) =>
            new Notifier(store, db, upcasters, {
              witnesses: COORDINATING_BODIES,
              onError: log('following the log failed, retrying'),
              onQueued: notifications.deliver ? () => dispatcher.kick() : undefined,
            }),
        },
        {
          provide: NotificationDesk,
          inject: [EVENT_STORE, Notifier, SecretBox],
          useFactory: (store: EventStore, notifier: Notifier, secrets: SecretBox) => new NotificationDesk(store, notifier, secrets, policy),
        },
        {
          provide: NotificationsLifecycle,
          inject: [Notifier, WebhookDispatcher, HttpAdapterHost, METRICS],
          useFactory: (notifier: Notifier, dispatcher: WebhookDispatcher, http: HttpAdapterHost, metrics: OperationsMetrics) =>
            new NotificationsLifecycle(settings, notifier, dispatcher, http, metrics),
        },
        NotificationsResolver,
      ],
    };
  }
}
