/**
 * Fixed-window counters — per API key and per anonymous client address for requests, per account
 * and per client address for failed sign-ins — kept by rate-limiter-flexible: in memory for one
 * process, or in Redis (one atomic script per hit) so replicas share them.
 *
 * The store only counts; each caller compares the count with its own limit, because sign-in reserves
 * its place in two windows before deciding (users/service.ts).
 */
import { Redis } from 'ioredis';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';

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
