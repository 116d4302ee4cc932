/**
 * Fixed-window counters — per API key and per anonymous client address for requests, per account
 * and per client address for failed sign-ins — kept by rate-limiter-flexible: in memory for one
 * process, or in Redis (one atomic script per hit) so replicas share them.
 *
 * The store only counts; each caller compares the count with its own limit, because sign-in reserves
 * its place in two windows before deciding (users/service.ts) and a request's allowance is announced
 * whether or not it is exceeded (`countRequest`).
 */
import { Redis } from 'ioredis';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import type { Env } from '../env';
import type { Actor } from './actor';

export interface WindowState {
  /** Hits in the current window, including this one. */
  count: number;
  /** Milliseconds until the window resets. */
  resetInMs: number;
}

export interface RateLimitStore {
  readonly kind: 'memory' | 'redis';
  /** Counts one hit and returns the window's state. */
  hit(key: string, windowMs: number): Promise<WindowState>;
  /** The window's state without counting. */
  peek(key: string): Promise<WindowState>;
  /** Takes back one hit of the current window (a reserved attempt that turned out fine). */
  release(key: string): Promise<void>;
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The library rejects a hit past `points`; here a window may count any number of hits (the callers
 * decide), so `points` is out of reach and each hit names its own window length.
 */
const UNBOUNDED = Number.MAX_SAFE_INTEGER;

/** The library keeps windows in whole seconds: a window of 1 500 ms lasts 2 s. */
const windowSeconds = (windowMs: number) => Math.max(1, Math.ceil(windowMs / 1000));

const stateOf = (res: RateLimiterRes | null): WindowState =>
  res === null || res.msBeforeNext <= 0
    ? { count: 0, resetInMs: 0 }
    : { count: Math.max(res.consumedPoints, 0), resetInMs: res.msBeforeNext };

function storeOver(
  kind: RateLimitStore['kind'],
  limiter: RateLimiterAbstract,
  close: () => Promise<void>,
): RateLimitStore {
  return {
    kind,
    async hit(key, windowMs) {
      try {
        return stateOf(await limiter.consume(key, 1, { customDuration: windowSeconds(windowMs) }));
      } catch (error) {
        // A RateLimiterRes is the library's "over `points`": unreachable, but still a count.
        if (error instanceof RateLimiterRes) return stateOf(error);
        throw error;
      }
    },
    async peek(key) {
      return stateOf(await limiter.get(key));
    },
    async release(key) {
      // Never below zero, and never into a window that has already ended.
      const current = await limiter.get(key);
      if (current !== null && current.consumedPoints > 0 && current.msBeforeNext > 0)
        await limiter.reward(key, 1);
    },
    async reset(key) {
      await limiter.delete(key);
    },
    close,
  };
}

export function createMemoryRateLimitStore(): RateLimitStore {
  const limiter = new RateLimiterMemory({ points: UNBOUNDED, duration: 60 });
  return storeOver('memory', limiter, async () => {});
}

export function createRedisRateLimitStore(url: string, prefix = 'ranking:rl:'): RateLimitStore {
  const redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: true });
  redis.on('error', () => {
    // Connection errors surface on the commands that fail; ioredis keeps reconnecting.
  });
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    // The library joins prefix and key with ':'.
    keyPrefix: prefix.replace(/:$/, ''),
    points: UNBOUNDED,
    duration: 60,
  });
  return storeOver('redis', limiter, async () => {
    await redis.quit().catch(() => redis.disconnect());
  });
}

// ---------------------------------------------------------------------------------------------
// Requests

/** A caller's request allowance in its current window: what the `RateLimit-*` headers announce. */
export interface RequestAllowance {
  /** Requests allowed per window. */
  limit: number;
  /** Requests left in this window (0 once over). */
  remaining: number;
  /** Milliseconds until the window resets. */
  resetInMs: number;
  /** Whether this request is over the limit (answered 429). */
  limited: boolean;
}

/** Whose requests are counted, against which limit: keys per key, anonymous callers per address. */
export function requestLimitOf(
  env: Pick<Env, 'API_KEY_RATE_LIMIT' | 'ANONYMOUS_RATE_LIMIT'>,
  actor: Actor,
  clientAddress: string,
): { key: string; limit: number } | undefined {
  if (actor.kind === 'api_key') return { key: `key:${actor.apiKeyId}`, limit: env.API_KEY_RATE_LIMIT };
  if (actor.kind === 'anonymous' && env.ANONYMOUS_RATE_LIMIT > 0)
    return { key: `anonymous:${clientAddress}`, limit: env.ANONYMOUS_RATE_LIMIT };
  // Signed-in admin users are trusted staff (their sign-ins are throttled instead).
  return undefined;
}

const allowanceOf = (limit: number, window: WindowState): RequestAllowance => ({
  limit,
  remaining: Math.max(0, limit - window.count),
  resetInMs: window.resetInMs,
  limited: window.count > limit,
});

/** Counts one request of the caller, when its requests are limited. */
export async function countRequest(
  store: RateLimitStore,
  env: Pick<Env, 'API_KEY_RATE_LIMIT' | 'ANONYMOUS_RATE_LIMIT' | 'API_KEY_RATE_WINDOW_MS'>,
  actor: Actor,
  clientAddress: string,
): Promise<RequestAllowance | undefined> {
  const rule = requestLimitOf(env, actor, clientAddress);
  if (!rule) return undefined;
  return allowanceOf(rule.limit, await store.hit(rule.key, env.API_KEY_RATE_WINDOW_MS));
}

/** A key's allowance without counting (an admin listing keys). */
export async function peekKeyAllowance(
  store: RateLimitStore,
  env: Pick<Env, 'API_KEY_RATE_LIMIT'>,
  apiKeyId: number,
): Promise<RequestAllowance> {
  return allowanceOf(env.API_KEY_RATE_LIMIT, await store.peek(`key:${apiKeyId}`));
}

/** The `RateLimit-*` response headers (IETF httpapi draft): Reset in whole seconds, rounded up. */
export function rateLimitHeaders(allowance: RequestAllowance): Record<string, string> {
  return {
    'ratelimit-limit': String(allowance.limit),
    'ratelimit-remaining': String(allowance.remaining),
    'ratelimit-reset': String(Math.max(1, Math.ceil(allowance.resetInMs / 1000))),
  };
}
