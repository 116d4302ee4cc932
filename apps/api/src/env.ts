/**
 * The API's configuration, validated once at boot. Nothing else in the app reads `process.env`.
 */
import {
  type CollectorConfig,
  CollectorConfigError,
  collectorConfigFromEnv,
  collectorEnvSchema,
} from '@ranking/collectors';
import { z } from 'zod';
import { parseDurationMs, parsePeriod } from './lib/duration';
import { LOG_LEVELS } from './lib/logger';

const booleanish = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

const envSchema = z
  .object({
    /** Evidence collectors (`ranking collect`): GITHUB_TOKEN, GITHUB_GRAPHQL_URL, GITHUB_API_URL, HF_TOKEN, HF_ENDPOINT, PYPISTATS_URL, OPENALEX_URL, DEPSDEV_URL, WAYBACK_* (packages/collectors/README.md). */
    ...collectorEnvSchema.shape,
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    /** Interface to listen on; loopback unless in production. */
    HOST: z.string().min(1).optional(),
    /** `postgres://…`; without it the embedded PGlite database is used. */
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    /**
     * Streaming replicas for read-only operations (GraphQL queries), comma-separated `postgres://`
     * URLs; each caller still reads its own writes (lib/read-routing.ts). Needs DATABASE_URL.
     */
    DATABASE_READ_URL: z
      .string()
      .optional()
      .transform((value) =>
        (value ?? '')
          .split(',')
          .map((url) => url.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z.url({
            protocol: /^postgres(ql)?$/,
            error: 'each DATABASE_READ_URL entry must be a postgres:// URL',
          }),
        ),
      ),
    /**
     * How the API reaches PostgreSQL: `direct` (or a session-pooling PgBouncer), or `transaction`
     * behind a transaction-pooling PgBouncer (one statement in flight per connection, no LISTEN, no
     * startup statement_timeout): docs/operations.md, "Connection poolers".
     */
    DB_POOL_MODE: z.enum(['direct', 'transaction']).default('direct'),
    /**
     * postgres.js's named prepared statements; default on with `DB_POOL_MODE=direct`, off with
     * `transaction` (PgBouncer before 1.21, or without `max_prepared_statements`, loses them between
     * transactions): docs/operations.md.
     */
    DB_PREPARED_STATEMENTS: z
      .enum(['true', 'false', '1', '0'])
      .optional()
      .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1')),
    /** PGlite data directory (default `<repo>/.data/pglite`). */
    PGLITE_DIR: z.string().min(1).optional(),
    /** HS256 secret shared with the admin app; generated into `.data/auth-secret` when embedded. */
    AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters').optional(),
    REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
    DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
    /** Whole-request deadline: past it the API answers 503 instead of hanging. */
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
    BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_000_000),
    /** Megabytes of anonymous answers about published editions kept in memory; 0 switches it off. */
    RESPONSE_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(64),
    /**
     * Megabytes of rows shared by every request (lib/row-cache.ts: ranking rows, the evidence behind
     * them, organizations, a project's results); 0 switches it off.
     */
    ROW_CACHE_MB: z.coerce.number().int().min(0).max(16384).default(256),
    /** Requests per key per window. */
    API_KEY_RATE_LIMIT: z.coerce.number().int().min(1).default(600),
    /** The window of both request limits, in milliseconds (counted in whole seconds). */
    API_KEY_RATE_WINDOW_MS: z.coerce.number().int().min(1000).default(60_000),
    /** How often each API process adds its in-memory API key usage counts to the database (ms). */
    API_KEY_USAGE_FLUSH_MS: z.coerce.number().int().min(100).default(60_000),
    /** Requests per window per client address for anonymous callers; 0 switches the limit off. */
    ANONYMOUS_RATE_LIMIT: z.coerce.number().int().min(0).default(300),
    /**
     * Whose X-Forwarded-For to believe for the client address (sign-in throttling): nobody, or a
     * reverse proxy on loopback (its right-most entry). The admin server signs what it forwards instead.
     */
    TRUST_PROXY: z.enum(['never', 'loopback']).default('never'),
    /** Monte Carlo draws per edition computation. */
    SENSITIVITY_SAMPLES: z.coerce.number().int().min(0).max(100_000).default(200),
    ADMIN_URL: z.url().default('http://localhost:3000'),
    /** `ranking user add`: the new user's password when stdin is not used. */
    RANKING_PASSWORD: z.string().min(8).optional(),
    /**
     * Do not apply migrations at boot: for a least-privilege database role that owns nothing
     * (SECURITY.md); run `ranking migrate` as the owner instead.
     */
    SKIP_MIGRATIONS: booleanish,
    /** Least severe log lines written (JSON on stdout): `info` has one line per request, `debug` adds headers and variables (secrets redacted). */
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    /**
     * Ask the Wayback Machine for an archived copy of an evidence link when the evidence is approved
     * (after the approval commits; a failure is recorded, never refused): on unless `false`/`0`, and
     * off by default under NODE_ENV=test so tests never reach the Internet Archive unasked.
     */
    LINK_ARCHIVE_ON_APPROVAL: z.enum(['true', 'false', '1', '0']).optional(),
    /**
     * Check evidence links from the serving process once per this period (`24h`, `7d`, `P1D`; at
     * least `1m`): modules/links/schedule.ts. Unset: no schedule (run `ranking links check` from cron).
     */
    LINK_CHECK_EVERY: z
      .string()
      .refine((value) => (parseDurationMs(value) ?? 0) >= 60_000, {
        message: 'LINK_CHECK_EVERY must be a duration of at least 1m (30m, 24h, 7d, P1D)',
      })
      .optional(),
    /**
     * Start a collection run of every source and project from the serving process once per this
     * period (`P1M` for monthly, `P3M`, `P1Y`, `30d`, `12h`; at least `1h`):
     * modules/collection/schedule.ts. Unset: no schedule (run `ranking collect` from cron).
     */
    COLLECT_EVERY: z
      .string()
      .refine(
        (value) => {
          const period = parsePeriod(value);
          return period !== undefined && ('months' in period ? period.months >= 1 : period.ms >= 3_600_000);
        },
        { message: 'COLLECT_EVERY must be a period of at least 1h (P1M, P3M, P1Y, 30d, 12h)' },
      )
      .optional(),
    /**
     * Disputes from anonymous callers per client address and window (`submitDispute`; 0: no limit), and
     * that window in milliseconds (counted in whole seconds): docs/disputes.md, "Limits".
     */
    DISPUTE_RATE_LIMIT: z.coerce.number().int().min(0).default(5),
    DISPUTE_RATE_WINDOW_MS: z.coerce.number().int().min(1000).default(3_600_000),
    /**
     * Where decision emails are sent through: `smtp://[user:pass@]host:port` (STARTTLS when offered) or
     * `smtps://…` (TLS). Unset: each email is logged and skipped (docs/disputes.md, "Emails").
     */
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    /** The sender of decision emails. */
    MAIL_FROM: z.string().min(3).default('Open-Source Influence Ranking <no-reply@localhost>'),
    /**
     * The API's public base URL (`https://api.example.org`), for the links webhook payloads carry
     * (GraphQL endpoint, export and manifest downloads). Default `http://localhost:PORT`.
     */
    PUBLIC_API_URL: z.url({ protocol: /^https?$/ }).optional(),
    /**
     * Let webhook endpoints be on private and loopback addresses (registration and delivery): for
     * tests against a receiver on 127.0.0.1 only; refused with NODE_ENV=production.
     */
    WEBHOOK_ALLOW_PRIVATE: booleanish,
    /** Deadline of one webhook request (connection, answer and its first 4 KB). */
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
    /**
     * First retry delay of a failed webhook delivery; each further retry doubles it (at most 1 h,
     * with jitter) until the delivery is a day old. Tests set a few milliseconds.
     */
    WEBHOOK_BACKOFF_BASE_MS: z.coerce.number().int().min(1).max(3_600_000).default(30_000),
    /** How often the webhook dispatcher looks for due deliveries besides being woken by new ones. */
    WEBHOOK_POLL_MS: z.coerce.number().int().min(50).max(3_600_000).default(30_000),
    /** Bearer token `GET /metrics` requires; without it metrics are open in development and loopback-only in production. */
    METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
  })
  .superRefine((env, ctx) => {
    // Checked here too, not only when a link check starts: a server must not boot with it either.
    if (env.NODE_ENV === 'production' && env.LINK_CHECK_ALLOW_PRIVATE) {
      ctx.addIssue({
        code: 'custom',
        path: ['LINK_CHECK_ALLOW_PRIVATE'],
        message:
          'LINK_CHECK_ALLOW_PRIVATE is for tests only and is refused with NODE_ENV=production (link checks could reach private and loopback addresses)',
      });
    }
    if (env.NODE_ENV === 'production' && env.WEBHOOK_ALLOW_PRIVATE) {
      ctx.addIssue({
        code: 'custom',
        path: ['WEBHOOK_ALLOW_PRIVATE'],
        message:
          'WEBHOOK_ALLOW_PRIVATE is for tests only and is refused with NODE_ENV=production (webhooks could reach private and loopback addresses)',
      });
    }
    if (env.NODE_ENV === 'production' && !env.AUTH_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_SECRET'],
        message: 'AUTH_SECRET is required in production',
      });
    }
    if (env.DATABASE_READ_URL.length > 0 && !env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_READ_URL'],
        message: 'DATABASE_READ_URL needs DATABASE_URL (the primary); embedded PGlite has no replicas',
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

/** Whether approving evidence asks for an archived copy of its link (LINK_ARCHIVE_ON_APPROVAL). */
/** postgres.js settings every connection pool of the API (primary, replicas) shares. */
export function connectionOptions(env: Env): {
  max: number;
  prepare: boolean;
  transactionPooler: boolean;
  statementTimeoutMs: number;
} {
  const transactionPooler = env.DB_POOL_MODE === 'transaction';
  return {
    max: env.DB_POOL_MAX,
    prepare: env.DB_PREPARED_STATEMENTS ?? !transactionPooler,
    transactionPooler,
    statementTimeoutMs: env.STATEMENT_TIMEOUT_MS,
  };
}

export function archivesOnApproval(env: Env): boolean {
  const value = env.LINK_ARCHIVE_ON_APPROVAL;
  return value === undefined ? env.NODE_ENV !== 'test' : value === 'true' || value === '1';
}

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/** Validates the environment, listing every problem at once. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new EnvError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`),
    );
  }
  return parsed.data;
}

/**
 * The collectors' configuration from the validated environment; tokens stay in memory, never logged
 * or stored (the collectors' log entries carry none).
 */
export function collectorConfigOf(env: Env): CollectorConfig {
  const raw: Record<string, string | undefined> = { NODE_ENV: env.NODE_ENV };
  for (const key of Object.keys(collectorEnvSchema.shape)) {
    const value: unknown = (env as Record<string, unknown>)[key];
    if (typeof value === 'string' || typeof value === 'boolean') raw[key] = String(value);
  }
  try {
    return collectorConfigFromEnv(raw);
  } catch (error) {
    if (error instanceof CollectorConfigError)
      throw new EnvError(error.issues.map((i) => `${i.variable}: ${i.message}`));
    throw error;
  }
}
