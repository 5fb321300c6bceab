import { resolve } from 'node:path';

/** Everything the deployables read from the environment, read in one place. */
export interface Settings {
  port: number;
  host: string;
  dataDir: string;
  eventStore: 'sqlite' | 'esdb';
  esdbConnectionString?: string;
  /** SQLite `synchronous`: FULL survives power loss, NORMAL only a process crash. */
  sqliteSynchronous: 'FULL' | 'NORMAL';
  /** How long a write waits for another process's lock on the SQLite file before STORE_UNAVAILABLE. */
  sqliteBusyTimeoutMs: number;
  /** How long a query given `minPosition` waits for the read model. */
  consistencyWaitMs: number;
  /** Signs bearer tokens; generated under DATA_DIR/keys when not configured. */
  jwtSecret?: string;
  /** GraphQL introspection for callers with a valid token (GraphiQL's docs need it); `false` turns it off for everyone. */
  introspection: boolean;
  /** The longest a token may be issued for, by `ddr token` or over the API: TOKEN_MAX_TTL_HOURS, 720 (30 days) by default. */
  tokenMaxTtlHours: number;
  /** Requests per subject per minute. */
  rateLimitPerMinute: number;
  /** Scenario loaded when the server starts on an empty store; null for none. */
  firstStartScenario: string | null;
  /** The operator's Ed25519 checkpoint key (PKCS#8 PEM); generated under DATA_DIR/keys when not configured. */
  ledgerKeyFile?: string;
  /** The log's name in its signed checkpoints; derived from the key when not configured. */
  ledgerOrigin?: string;
  /** How often the server signs a checkpoint when the log grew; 0 for never (sign with `ddr ledger checkpoint`). */
  ledgerCheckpointIntervalMs: number;
  /** Sign-in through the institutions' identity provider; off when OIDC_ISSUER is unset. */
  oidc?: OidcSettings;
  /** Where Prometheus scrapes `/metrics`, off the public port; off when METRICS_PORT is unset. */
  metrics?: { port: number; host: string };
  /** Traces to an OTLP collector, configured by the standard OTEL_* variables; off when no endpoint is set. */
  tracing: boolean;
  /** The least severe log level written: JSON lines on stdout. */
  logLevel: LogLevel;
  /** `/health/ready` answers 503 while the read model is more than this many events behind the log's head. */
  readyMaxLag: number;
  notifications: NotificationSettings;
}

/** Webhooks and email digests (docs/notifications.md). */
export interface NotificationSettings {
  /** This process sends webhooks and digests; false on every replica of one log but one (they still follow it). */
  deliver: boolean;
  /** Webhook URLs must be https (NODE_ENV=production). */
  httpsOnly: boolean;
  /** Deliver to loopback and private addresses too (tests, a closed network); never in a public deployment. */
  allowPrivate: boolean;
  /** One attempt's limit, connection to last byte. */
  timeoutMs: number;
  /** Wait after a first failed attempt, doubled after each further one (capped at an hour). */
  retryBaseMs: number;
  /** Attempts of one message before its endpoint is marked failing. */
  maxAttempts: number;
  /** Days before a commitment's due date that its body is told the deadline is near. */
  deadlineNearDays: number;
  /** How often the calendar is looked at: deadlines come near or pass, digests fall due. */
  clockIntervalMs: number;
  /** The SMTP server digests go through (`smtp://user:pass@host:587`); digests are off when unset. */
  smtpUrl?: string;
  /** The digests' From address. */
  mailFrom: string;
  /** The server's address as people reach it, for the desk links in digests; the listening address when unset. */
  publicUrl?: string;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The ID token claims that name the person's body and role. */
  bodyClaim: string;
  roleClaim: string;
  /** Where the provider sends the browser back; derived from the request when unset. */
  redirectUri?: string;
}

/** The Mali 2015-2019 history of the brief: what a newcomer sees on first start. */
export const DEFAULT_SCENARIO = 'scenarios/mali-2015-2019.yaml';

export class SettingsError extends Error {}

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const port = env.PORT === undefined ? 3000 : portOf(env, 'PORT');
  const eventStore = env.EVENT_STORE ?? 'sqlite';
  if (eventStore !== 'sqlite' && eventStore !== 'esdb') {
    throw new SettingsError(`EVENT_STORE must be sqlite or esdb, got ${eventStore}`);
  }
  if (eventStore === 'esdb' && !env.ESDB_CONNECTION_STRING) {
    throw new SettingsError('EVENT_STORE=esdb needs ESDB_CONNECTION_STRING');
  }
  const synchronous = env.SQLITE_SYNCHRONOUS ?? 'FULL';
  if (synchronous !== 'FULL' && synchronous !== 'NORMAL') {
    throw new SettingsError(`SQLITE_SYNCHRONOUS must be FULL or NORMAL, got ${synchronous}`);
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: resolve(env.DATA_DIR ?? './data'),
    eventStore,
    esdbConnectionString: env.ESDB_CONNECTION_STRING,
    sqliteSynchronous: synchronous,
    sqliteBusyTimeoutMs: positiveInteger(env, 'SQLITE_BUSY_TIMEOUT_MS', 5_000),
    consistencyWaitMs: positiveInteger(env, 'CONSISTENCY_WAIT_MS', 5_000),
    jwtSecret: env.JWT_SECRET,
    introspection: flag(env, 'GRAPHQL_INTROSPECTION', true),
    tokenMaxTtlHours: positiveInteger(env, 'TOKEN_MAX_TTL_HOURS', 720),
    rateLimitPerMinute: positiveInteger(env, 'RATE_LIMIT_PER_MINUTE', 6_000),
    firstStartScenario: env.FIRST_START_SCENARIO === 'none' ? null : resolve(env.FIRST_START_SCENARIO ?? DEFAULT_SCENARIO),
    ledgerKeyFile: env.LEDGER_KEY_FILE ? resolve(env.LEDGER_KEY_FILE) : undefined,
    ledgerOrigin: env.LEDGER_ORIGIN || undefined,
    ledgerCheckpointIntervalMs: env.LEDGER_CHECKPOINT_INTERVAL_MS === '0' ? 0 : positiveInteger(env, 'LEDGER_CHECKPOINT_INTERVAL_MS', 600_000),
    oidc: oidcSettings(env),
    metrics: env.METRICS_PORT ? { port: portOf(env, 'METRICS_PORT'), host: env.METRICS_HOST ?? '127.0.0.1' } : undefined,
    tracing: !!(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) && env.OTEL_SDK_DISABLED !== 'true',
    logLevel: logLevel(env),
    readyMaxLag: positiveInteger(env, 'READY_MAX_LAG', 1_000),
    notifications: {
      deliver: flag(env, 'NOTIFY_DELIVER', true),
      httpsOnly: env.NODE_ENV === 'production',
      allowPrivate: flag(env, 'WEBHOOK_ALLOW_PRIVATE', false),
      timeoutMs: positiveInteger(env, 'WEBHOOK_TIMEOUT_MS', 10_000),
      retryBaseMs: positiveInteger(env, 'WEBHOOK_RETRY_BASE_MS', 5_000),
      maxAttempts: positiveInteger(env, 'WEBHOOK_MAX_ATTEMPTS', 10),
      deadlineNearDays: positiveInteger(env, 'NOTIFY_DEADLINE_DAYS', 7),
      clockIntervalMs: positiveInteger(env, 'NOTIFY_CLOCK_INTERVAL_MS', 60_000),
      smtpUrl: env.SMTP_URL || undefined,
      mailFrom: env.MAIL_FROM || 'DDR ledger <ddr-ledger@localhost>',
      publicUrl: env.PUBLIC_URL || undefined,
    },
  };
}

function logLevel(env: NodeJS.ProcessEnv): LogLevel {
  // Tests want a quiet server unless they ask for its lines.
  const level = env.LOG_LEVEL || (env.NODE_ENV === 'test' ? 'error' : 'info');
  if (!(LOG_LEVELS as readonly string[]).includes(level)) throw new SettingsError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got ${level}`);
  return level as LogLevel;
}

function portOf(env: NodeJS.ProcessEnv, name: string): number {
  const port = Number(env[name]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new SettingsError(`${name} must be a port number, got ${env[name]}`);
  return port;
}

function oidcSettings(env: NodeJS.ProcessEnv): OidcSettings | undefined {
  if (!env.OIDC_ISSUER) return undefined;
  const required = ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_BODY_CLAIM', 'OIDC_ROLE_CLAIM'].filter((name) => !env[name]);
  if (required.length > 0) throw new SettingsError(`OIDC_ISSUER needs ${required.join(', ')}`);
  return {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID!,
    clientSecret: env.OIDC_CLIENT_SECRET!,
    bodyClaim: env.OIDC_BODY_CLAIM!,
    roleClaim: env.OIDC_ROLE_CLAIM!,
    redirectUri: env.OIDC_REDIRECT_URI || undefined,
  };
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw !== 'true' && raw !== 'false') throw new SettingsError(`${name} must be true or false, got ${raw}`);
  return raw === 'true';
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) throw new SettingsError(`${name} must be a positive whole number, got ${raw}`);
  return value;
}
