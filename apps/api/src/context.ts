/**
 * The composition root's shape: what every service call gets. The HTTP layer builds one context per
 * request; the CLI builds one with the system actor. Services never reach for globals.
 */
import { randomUUID } from 'node:crypto';
import type { ContestLink, ContestLinkProblem } from '@ranking/contracts/auth';
import type { Database, DatabaseHandle, ReadRouter } from '@ranking/schema';
import { type Actor, systemActor } from './auth/actor';
import type { RateLimitStore, RequestAllowance } from './auth/rate-limit';
import { CachePolicy } from './cache-policy';
import type { Env } from './env';
import type { ResponseCache } from './http/response-cache';
import type { Metrics } from './lib/metrics';
import type { ReferenceCache } from './lib/reference-cache';
import type { RowCache } from './lib/row-cache';
import { createRequestLoaders, type Loaders, loaderCachesOf } from './loaders';
import type { ApiKeyUsageRecorder } from './modules/api-keys/usage';
import type { DisputeMailer } from './modules/disputes/mail';
import type { WhatIfCache } from './modules/editions/what-if-cache';
import type { MethodologyRow } from './modules/methodology/store';

export interface AppDeps {
  env: Env;
  handle: DatabaseHandle;
  /** The primary: writes, authentication, the CLI. */
  db: Database;
  /** Where query operations read: DATABASE_READ_URL's replicas or the primary (lib/read-routing.ts). */
  reads: ReadRouter;
  /** HS256 secret for admin tokens. */
  authSecret: string;
  rateLimits: RateLimitStore;
  /** Monte Carlo settings for computeEdition. */
  sensitivity: { samples: number; delta: number };
  now: () => Date;
  /** Answers about published editions shared by every reader (http/response-cache.ts); emptied by every change. */
  responseCache: ResponseCache;
  /** The editions list and indicator rows (lib/reference-cache.ts); emptied by every change. */
  referenceCache: ReferenceCache;
  /** Ranking, evidence, organization and result rows shared by every request (lib/row-cache.ts); emptied by every change. */
  rowCache: RowCache;
  /** Prometheus metrics (lib/metrics.ts): services time long operations with `metrics.startTimer`. */
  metrics: Metrics;
  /** Prepared what-if models and rank-bounds reports per edition and dimension (bounded LRU). */
  whatIf: WhatIfCache;
  /**
   * Methodology rows by id, kept for the life of the app: the database refuses to change one
   * (RK003), so a row once read is the row forever (modules/methodology/loaders.ts).
   */
  methodologyRows: Map<number, MethodologyRow>;
  /** When this app last recorded each API key's use (by key id, epoch ms): `lastUsedAt` is throttled. */
  apiKeyLastUsed: Map<number, number>;
  /** Sends the decision emails of disputes from their outbox (modules/disputes/mail.ts). */
  disputeMail: DisputeMailer;
  /** API key usage counted in memory, added to `api_key_usage` every API_KEY_USAGE_FLUSH_MS (modules/api-keys/usage.ts). */
  apiKeyUsage: ApiKeyUsageRecorder;
  /** Export files the HTTP downloads serve (http/downloads.ts): their directory and generations under way. */
  exportFiles: { root?: string; inProgress: Map<string, Promise<string>> };
}

/** Forgets every cached row and answer: after a change committed here or announced by the database. */
export function clearCaches(deps: AppDeps): void {
  deps.responseCache.clear();
  deps.referenceCache.clear();
  deps.rowCache.clear();
  // …and no replica that has not replayed the change refills them.
  deps.reads.noteChange();
}

// Re-exported: services and the HTTP layer mark and read levels through the context.
export { type CacheLevel, CachePolicy, MAX_AGE_SECONDS } from './cache-policy';

export interface ServiceContext {
  deps: AppDeps;
  db: Database;
  actor: Actor;
  requestId: string;
  loaders: Loaders;
  cache: CachePolicy;
  /** The caller's network address, for throttling sign-ins. */
  clientAddress: string;
  /**
   * The contest token the request carried (header `X-Contest-Token`, docs/disputes.md "Contest
   * window"), once its signature and expiry are checked: `link` when valid, else why not. Absent
   * without the header. What it grants is decided by the editions' visibility and the disputes service.
   */
  contest?: { link: ContestLink; problem: null } | { link: null; problem: ContestLinkProblem };
}

/** What resolvers get: a service context plus what the HTTP layer learns while executing. */
export interface GraphQLContext extends ServiceContext {
  /**
   * What the HTTP layer learns during execution: the operation type and name, once resolved (ETags
   * are only computed for queries; metrics and logs name the operation). An object, because Apollo
   * shallow-copies the context per operation.
   */
  http: {
    operationType?: 'query' | 'mutation' | 'subscription';
    operationName?: string | null;
    /** The caller's request allowance as counted for this request (keys and anonymous callers). */
    rateLimit?: RequestAllowance;
    /** Where a query operation read (`primary` or a replica's name); unset for other operations. */
    readTarget?: string;
    /** `primary`: a query retried after its replica failed reads from the primary. */
    readFrom?: 'primary';
    /** The document's SHA-256 (API keys only: their usage counts anonymous operations by it). */
    queryHash?: string;
    /** The deprecated fields the document reads (API keys only). */
    deprecatedFields?: readonly string[];
  };
}

export function createServiceContext(
  deps: AppDeps,
  actor: Actor,
  options: { requestId?: string; clientAddress?: string } = {},
): ServiceContext {
  return {
    deps,
    db: deps.db,
    actor,
    requestId: options.requestId ?? randomUUID(),
    loaders: createRequestLoaders(deps.db, loaderCachesOf(deps)),
    cache: new CachePolicy(),
    clientAddress: options.clientAddress ?? 'local',
  };
}

/** A context for operator commands: the system actor with every scope. */
export const createSystemContext = (deps: AppDeps, label = 'cli') =>
  createServiceContext(deps, systemActor(label), { clientAddress: 'cli' });
