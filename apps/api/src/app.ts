/**
 * The composition root: env → database, secrets, rate-limit store → AppDeps. The server and the
 * CLI both start here.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DatabaseHandle, migrateDatabase, openDatabase, ReadRouter } from '@ranking/schema';
import {
  createMemoryRateLimitStore,
  createRedisRateLimitStore,
  type RateLimitStore,
} from './auth/rate-limit';
import type { AppDeps } from './context';
import { connectionOptions, type Env } from './env';
import { ResponseCache } from './http/response-cache';
import { Metrics } from './lib/metrics';
import { openReadReplicas, writePositionsFor } from './lib/read-routing';
import { ReferenceCache } from './lib/reference-cache';
import { RowCache } from './lib/row-cache';
import { ApiKeyUsageRecorder } from './modules/api-keys/usage';
import { createDisputeMailer } from './modules/disputes/mail';
import { WhatIfCache } from './modules/editions/what-if-cache';
import { dataDir, findRepoRoot } from './paths';

/** Where embedded data and generated secrets live: `<repo>/.data`. */
export const resolveDataDir = () => dataDir(findRepoRoot());

/**
 * AUTH_SECRET from the environment, or (embedded, non-production) 32 random bytes kept in
 * `.data/auth-secret` as base64url text: the admin app reads the same file. Both sides use the
 * file's text (trimmed) as the HS256 key.
 */
export function resolveAuthSecret(env: Env, dir: string = resolveDataDir()): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  if (env.NODE_ENV === 'production') throw new Error('AUTH_SECRET is required in production');
  const file = join(dir, 'auth-secret');
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8').trim();
    if (text.length >= 32) return text;
  }
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

export async function openAppDatabase(env: Env): Promise<DatabaseHandle> {
  return openDatabase({
    url: env.DATABASE_URL,
    dataDir: env.DATABASE_URL ? undefined : (env.PGLITE_DIR ?? join(resolveDataDir(), 'pglite')),
    ...connectionOptions(env),
    applicationName: 'ranking-api',
  });
}

export function createRateLimitStore(env: Env): RateLimitStore {
  return env.REDIS_URL ? createRedisRateLimitStore(env.REDIS_URL) : createMemoryRateLimitStore();
}

export interface CreateDepsOptions {
  handle: DatabaseHandle;
  authSecret: string;
  rateLimits?: RateLimitStore;
  /** Where queries read; default: the primary only. */
  reads?: ReadRouter;
  now?: () => Date;
}

export function createDeps(env: Env, options: CreateDepsOptions): AppDeps {
  const responseCache = new ResponseCache(env.RESPONSE_CACHE_MB * 1024 * 1024);
  const rowCache = new RowCache(env.ROW_CACHE_MB * 1024 * 1024);
  const now = options.now ?? (() => new Date());
  return {
    env,
    handle: options.handle,
    db: options.handle.db,
    reads: options.reads ?? new ReadRouter(options.handle, []),
    authSecret: options.authSecret,
    rateLimits: options.rateLimits ?? createRateLimitStore(env),
    sensitivity: { samples: env.SENSITIVITY_SAMPLES, delta: 0.25 },
    now,
    responseCache,
    referenceCache: new ReferenceCache(),
    rowCache,
    whatIf: new WhatIfCache(),
    methodologyRows: new Map(),
    apiKeyLastUsed: new Map(),
    apiKeyUsage: new ApiKeyUsageRecorder(),
    exportFiles: { inProgress: new Map() },
    disputeMail: createDisputeMailer({ env, db: options.handle.db, authSecret: options.authSecret, now }),
    metrics: new Metrics({
      poolMax: options.handle.driver === 'pglite' ? 1 : env.DB_POOL_MAX,
      responseCache: () => ({ entries: responseCache.size, bytes: responseCache.bytes }),
      rowCache: () => ({ entries: rowCache.size, bytes: rowCache.bytes }),
    }),
  };
}

/** Opens the configured database, applies migrations and builds the dependencies. */
export async function bootstrap(env: Env): Promise<AppDeps> {
  const handle = await openAppDatabase(env);
  try {
    if (!env.SKIP_MIGRATIONS) await migrateDatabase(handle);
    const reads = await openReadRouter(env, handle);
    return createDeps(env, { handle, reads, authSecret: resolveAuthSecret(env) });
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** The router over DATABASE_READ_URL's replicas (none: every read uses the primary). */
export async function openReadRouter(env: Env, handle: DatabaseHandle): Promise<ReadRouter> {
  return new ReadRouter(handle, await openReadReplicas(env), { positions: writePositionsFor(env) });
}

export async function closeDeps(deps: AppDeps): Promise<void> {
  await deps.disputeMail.close();
  await deps.rateLimits.close();
  await deps.reads.close();
  await deps.handle.close();
}
