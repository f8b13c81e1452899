import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const emptyToUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** A comma-separated list; unset or empty is none. */
const commaList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
    : (value ?? []);

const toBoolean = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  return ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase())
    ? true
    : ['0', 'false', 'no', 'off'].includes(String(value).toLowerCase())
      ? false
      : value;
};

/** Unset or empty (blank) takes `defaultValue`: an `X=` line in a .env file means "the default". */
const defaultWhenEmpty =
  (defaultValue: unknown) =>
  ({ value }: { value: unknown }) =>
    value === undefined || (typeof value === 'string' && value.trim() === '') ? defaultValue : value;

/** A text setting: unset or empty takes the default. */
function TextSetting(defaultValue: string) {
  return applyDecorators(Transform(defaultWhenEmpty(defaultValue)), IsString());
}

/** An optional text setting: unset or empty is none. */
function OptionalTextSetting(options: { maxLength?: number } = {}) {
  return applyDecorators(
    Transform(emptyToUndefined),
    IsOptional(),
    IsString(),
    ...(options.maxLength === undefined ? [] : [MaxLength(options.maxLength)]),
  );
}

/** A URL of one of `protocols` (host names without a TLD allowed); `optional`: unset or empty is none. */
function UrlSetting(protocols: string[], options: { optional?: boolean } = {}) {
  return applyDecorators(
    Transform(emptyToUndefined),
    ...(options.optional ? [IsOptional()] : []),
    IsUrl({ protocols, require_tld: false, require_protocol: true }),
  );
}

/** A shared secret of at least 24 characters; unset or empty leaves what it guards switched off. */
function SecretSetting(name: string) {
  return applyDecorators(
    Transform(emptyToUndefined),
    IsOptional(),
    MinLength(24, { message: `${name} must be at least 24 characters` }),
  );
}

/** An integer setting: unset or empty takes the default; anything else must be an integer in [min, max]. */
function IntSetting(defaultValue: number, min: number, max: number) {
  return applyDecorators(
    Transform((parameters) => Number(defaultWhenEmpty(defaultValue)(parameters))),
    IsInt(),
    Min(min),
    Max(max),
  );
}

/**
 * Every setting Madoguchi reads from the environment. Each field has a default so that
 * `npm start` with nothing set runs the embedded mode; the README's table mirrors this class.
 */
export class AppConfig {
  @IntSetting(3000, 0, 65535)
  PORT = 3000;

  /** The worker process's `GET /metrics` port (0: any free port); the API serves /metrics on PORT. */
  @IntSetting(9464, 0, 65535)
  WORKER_METRICS_PORT = 9464;

  /** The address the worker's metrics listen on. */
  @TextSetting('0.0.0.0')
  WORKER_METRICS_HOST = '0.0.0.0';

  @TextSetting('./data')
  DATA_DIR = './data';

  /** Postgres connection string; unset selects the embedded PGlite database under DATA_DIR/pglite. */
  @UrlSetting(['postgres', 'postgresql'], { optional: true })
  DATABASE_URL?: string;

  /** Redis connection string; unset selects the in-process queue. */
  @UrlSetting(['redis', 'rediss'], { optional: true })
  REDIS_URL?: string;

  /** SMTP connection string (smtp:// or smtps://); unset writes .eml files under DATA_DIR/mail. */
  @UrlSetting(['smtp', 'smtps'], { optional: true })
  SMTP_URL?: string;

  /**
   * A second SMTP server for managers' alarms about the 1-hour notice promise (30/45 minutes
   * without a notice, a notice not delivered): they then reach managers while SMTP_URL is away.
   * Unset: alarms go through SMTP_URL like every other message.
   */
  @UrlSetting(['smtp', 'smtps'], { optional: true })
  ALERT_SMTP_URL?: string;

  /** Addresses (comma-separated) that get the alarms besides the managers: an on-call mailbox or pager. */
  @Transform(commaList)
  @IsOptional()
  @IsEmail({}, { each: true, message: 'ALERT_MAIL_TO must be e-mail addresses separated by commas' })
  ALERT_MAIL_TO: string[] = [];

  @TextSetting('Madoguchi サポート <support@madoguchi.invalid>')
  @Matches(/^[^\r\n]+$/, { message: 'MAIL_FROM must be a single line' })
  MAIL_FROM = 'Madoguchi サポート <support@madoguchi.invalid>';

  /**
   * How often worker processes hand the mail outbox (acknowledgements) to the mail queue: a
   * message written by a request is queued within this long.
   */
  @IntSetting(500, 50, 60_000)
  MAIL_RELAY_INTERVAL_MS = 500;

  @UrlSetting(['http', 'https'])
  PUBLIC_BASE_URL = 'http://localhost:3000';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsEmail()
  INITIAL_ADMIN_EMAIL?: string;

  @Transform(emptyToUndefined)
  @ValidateIf((config: AppConfig) => config.INITIAL_ADMIN_EMAIL !== undefined)
  @IsString({ message: 'INITIAL_ADMIN_PASSWORD is required when INITIAL_ADMIN_EMAIL is set' })
  @MinLength(12)
  INITIAL_ADMIN_PASSWORD?: string;

  @Transform(defaultWhenEmpty('info'))
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /**
   * Whether this process also runs the job processors. Defaults to true without REDIS_URL (the
   * in-process queue has no other consumer) and false with it (run apps/worker instead).
   */
  @Transform(toBoolean)
  @IsOptional()
  @IsIn([true, false], { message: 'RUN_WORKERS must be true or false' })
  RUN_WORKERS?: boolean;

  /** How long a sign-in (API token or web session) lasts. */
  @IntSetting(12, 1, 24 * 90)
  AUTH_TOKEN_TTL_HOURS = 12;

  /**
   * Who must sign in with a second factor (an authenticator app's code, or a recovery code) after
   * the password: `admins` (the default), `staff` (agents and managers too), or `none`. Anyone may
   * enrol one from the account page; once enrolled, it is always asked for.
   */
  @Transform(defaultWhenEmpty('admins'))
  @IsIn(['admins', 'staff', 'none'], { message: 'SECOND_FACTOR_REQUIRED must be admins, staff or none' })
  SECOND_FACTOR_REQUIRED: 'admins' | 'staff' | 'none' = 'admins';

  /**
   * The server's own secret (32+ characters) that encrypts second-factor secrets, so that a copy of
   * the database alone cannot produce codes. Unset: a random key is made once in DATA_DIR/secrets.key
   * (mode 0600) — set it when several hosts share one database, so all of them read the same.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @MinLength(32, { message: 'SECRETS_KEY must be at least 32 characters' })
  SECRETS_KEY?: string;

  /**
   * The secret (32+ characters) the audit log's hash chain is keyed with (HMAC-SHA256): without it,
   * nobody who can write to the database can recompute the chain after changing an entry. Keep it out
   * of the database's reach. Unset: a random key made once in DATA_DIR/audit.key (mode 0600).
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @MinLength(32, { message: 'AUDIT_KEY must be at least 32 characters' })
  AUDIT_KEY?: string;

  /** Earlier AUDIT_KEY values (comma-separated): entries sealed with them still verify after a rotation. */
  @Transform(commaList)
  @MinLength(32, { each: true, message: 'AUDIT_PREVIOUS_KEYS must be keys of at least 32 characters' })
  AUDIT_PREVIOUS_KEYS: string[] = [];

  /**
   * The folder signed checkpoints of the audit chain's head are appended to (one JSON line per
   * sealing that advanced it), which `npm run audit:verify` checks the table against. Put it where the
   * database's user cannot rewrite it: make it append-only (`chattr +a`) or ship it elsewhere.
   * Unset: DATA_DIR/audit-checkpoints.
   */
  @OptionalTextSetting()
  AUDIT_CHECKPOINT_DIR?: string;

  /**
   * The reverse proxies whose X-Forwarded-For is believed (comma-separated addresses or CIDRs, or
   * `loopback`); unset: none, and a client's address is the connection's. Sign-in throttling and the
   * audit log key on this address, so only list proxies you run.
   */
  @Transform(commaList)
  @Matches(/^(loopback|linklocal|uniquelocal|[0-9a-fA-F:.]+(\/\d{1,3})?)$/, {
    each: true,
    message: 'TRUST_PROXY must be addresses or CIDRs (or loopback) separated by commas',
  })
  TRUST_PROXY: string[] = [];

  /** Inquiries accepted per client address per minute (per process); further ones get 429. */
  @IntSetting(10, 1, 1_000_000)
  INQUIRY_RATE_LIMIT_PER_MINUTE = 10;

  /**
   * Shared secret of `POST /api/v1/inbound-mail` (raw messages from the mail server or provider,
   * sent with `Authorization: Bearer <secret>`); unset, the endpoint answers 404.
   */
  @SecretSetting('INBOUND_MAIL_TOKEN')
  INBOUND_MAIL_TOKEN?: string;

  /**
   * The receiving mail servers (their authserv-id, comma-separated) whose Authentication-Results
   * header is believed: a reply joins its requester's ticket only when one of them says the sender
   * passed DMARC (or aligned SPF/DKIM). Unset: no sender counts as verified, and every reply opens a
   * new ticket that names the one it answers. Set it to your own MX's name.
   */
  @Transform(commaList)
  @Matches(/^[A-Za-z0-9.-]+$/, {
    each: true,
    message: 'INBOUND_MAIL_TRUSTED_RELAYS must be host names separated by commas',
  })
  INBOUND_MAIL_TRUSTED_RELAYS: string[] = [];

  /**
   * Shared secret a PBX may send as `Authorization: Bearer <secret>` on `POST /api/v1/telephony/feed`
   * (a manager's sign-in works too); unset, only managers can feed.
   */
  @SecretSetting('PBX_FEED_TOKEN')
  PBX_FEED_TOKEN?: string;

  /**
   * The bearer token Prometheus sends to scrape `GET /metrics` (`Authorization: Bearer <token>`), on the
   * API and on the worker's metrics port. Unset: the API's metrics are for signed-in admins only, and the
   * worker's port answers anyone who reaches it (keep WORKER_METRICS_HOST on a private address).
   */
  @SecretSetting('METRICS_TOKEN')
  METRICS_TOKEN?: string;

  /**
   * The bearer token monitoring sends with its alerts to `POST /api/v1/monitoring/alerts` (Alertmanager's
   * `http_config.authorization.credentials`); unset, only a signed-in manager can post alerts.
   */
  @SecretSetting('MONITORING_TOKEN')
  MONITORING_TOKEN?: string;

  /** The alert label that names the service an alert is about (its id or exact name). */
  @TextSetting('service')
  @Matches(/^[A-Za-z_][A-Za-z0-9_]{0,99}$/, { message: 'MONITORING_SERVICE_LABEL must be a Prometheus label name' })
  MONITORING_SERVICE_LABEL = 'service';

  /** Redis key prefix of the BullMQ queues, so several deployments can share one Redis. */
  @TextSetting('madoguchi')
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'QUEUE_PREFIX may hold letters, digits, _ and - only' })
  QUEUE_PREFIX = 'madoguchi';

  /** Concurrent jobs per queue in this process. */
  @IntSetting(4, 1, 256)
  QUEUE_CONCURRENCY = 4;

  /** The company whose commitments the disclosure report states, printed at its head; unset: no name. */
  @OptionalTextSetting({ maxLength: 200 })
  COMPANY_NAME?: string;

  /** A UTF-8 text file with the privacy policy `/privacy` shows (blank lines part paragraphs); unset: the built-in notice. */
  @OptionalTextSetting()
  PRIVACY_POLICY_PATH?: string;

  /** A TrueType/OpenType font with Japanese glyphs for report PDFs; unset: the first of the usual Debian paths. */
  @OptionalTextSetting()
  PDF_FONT_PATH?: string;

  /** Largest PBX log file an upload may carry, in MiB (larger uploads get 413). */
  @IntSetting(1024, 1, 65_536)
  IMPORT_MAX_MB = 1024;

  /**
   * Recipients of identical notice content per SMTP transaction (one RCPT each). 100 is the most
   * RFC 5321 obliges every server to accept in one transaction.
   */
  @IntSetting(100, 1, 1000)
  NOTICE_BATCH_SIZE = 100;

  /** Pooled SMTP connections per process (the SMTP driver). */
  @IntSetting(5, 1, 100)
  SMTP_MAX_CONNECTIONS = 5;

  /**
   * Batches (SMTP transactions) per notice job: a job claims and records all its recipients in one
   * database statement each and sends its batches in parallel over the pool.
   */
  @IntSetting(10, 1, 100)
  NOTICE_BATCHES_PER_JOB = 10;

  /**
   * Concurrent notice jobs per process; jobs × batches per job above SMTP_MAX_CONNECTIONS keeps every
   * connection busy while other jobs write to the database.
   */
  @IntSetting(2, 1, 256)
  NOTICE_DELIVERY_CONCURRENCY = 2;

  /**
   * How long a sender owns what it claimed (notice batches, a single message). The lease is renewed
   * every third of it while the SMTP transaction runs, so a slow server never lets a second sender in;
   * after a crash, the work is sent again this long after the last renewal (and the next tick).
   */
  @IntSetting(30, 3, 3600)
  NOTICE_LEASE_SECONDS = 30;

  /** How often the notice timers run: outbox relay + reconcile, unnotified-incident alerts, maintenance schedules. */
  @IntSetting(20, 1, 600)
  NOTICE_TICK_SECONDS = 20;

  /**
   * When maintenance reminders go out before a window starts: ISO 8601 periods of months, weeks,
   * days or hours (P1M = one calendar month in the support zone), comma-separated; empty: none.
   */
  @Transform(({ value }) => (value === undefined ? 'P1M,P1W,P1D' : String(value).trim()))
  @Matches(/^$|^P(\d+[MWD]|T\d+H)(,P(\d+[MWD]|T\d+H))*$/, {
    message: 'MAINTENANCE_REMINDERS must be periods like P1M,P1W,P1D or PT12H, comma-separated',
  })
  MAINTENANCE_REMINDERS = 'P1M,P1W,P1D';

  /**
   * SMTP socket inactivity limit (connect, greeting and every reply), in seconds. A server that goes
   * silent longer fails the transaction, which is then retried. The sender's lease is renewed for
   * as long as the transaction runs, so this may be longer than NOTICE_LEASE_SECONDS.
   */
  @IntSetting(60, 1, 3600)
  SMTP_TIMEOUT_SECONDS = 60;

  /** First retry of a temporarily failed message (notice batch or single mail), in seconds; it doubles per try. */
  @IntSetting(30, 1, 3600)
  MAIL_RETRY_BASE_SECONDS = 30;

  /** The longest wait between two tries of one message, in seconds (the doubling stops there). */
  @IntSetting(600, 1, 86_400)
  MAIL_RETRY_MAX_DELAY_SECONDS = 600;

  /** How long a message keeps being retried before it is given up (a manager can resend an incident's notice from its page), in hours. */
  @IntSetting(48, 1, 24 * 30)
  MAIL_GIVE_UP_HOURS = 48;

  get runsWorkers(): boolean {
    return this.RUN_WORKERS ?? this.REDIS_URL === undefined;
  }
}
