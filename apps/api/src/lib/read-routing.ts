/**
 * Which GraphQL operations read from a replica (packages/schema/src/read-routing.ts): a `query`
 * runs on the read handle the router picks for its caller; mutations, subscriptions, authentication,
 * downloads, health checks, LISTEN and the CLI use the primary. After a mutation the caller's write
 * position is recorded so that its next reads see it. Per-caller positions live in Redis when
 * REDIS_URL is set (shared by every API process), otherwise in this process's memory.
 */
import {
  type Lsn,
  memoryWritePositions,
  openDatabase,
  PRIMARY_TARGET,
  type ReadReplica,
  WRITE_POSITION_TTL_MS,
  type WritePositions,
} from '@ranking/schema';
import { Redis } from 'ioredis';
import type { Actor } from '../auth/actor';
import type { GraphQLContext } from '../context';
import { connectionOptions, type Env } from '../env';
import { createRequestLoaders, loaderCachesOf } from '../loaders';

/** Whose writes a read must see: API keys and users by id; anonymous callers and the CLI have none. */
export function callerKey(actor: Actor): string | undefined {
  if (actor.kind === 'api_key') return `key:${actor.apiKeyId}`;
  if (actor.kind === 'user') return `user:${actor.userId}`;
  return undefined;
}

/** Keeps the larger position, with the TTL renewed: one round trip per write, one GET per read. */
const RECORD_MAX = `
local current = redis.call('GET', KEYS[1])
if current and tonumber(current) > tonumber(ARGV[1]) then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
else
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
end
return 1`;

/** Positions shared by every API process through Redis (decimal strings; Lua compares them as numbers). */
export function redisWritePositions(
  url: string,
  prefix = 'ranking:lsn:',
  ttlMs = WRITE_POSITION_TTL_MS,
): WritePositions {
  const redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: true });
  redis.on('error', () => {
    // Failures surface on the commands; ioredis keeps reconnecting.
  });
  return {
    kind: 'redis',
    async get(caller) {
      const value = await redis.get(prefix + caller);
      return value === null ? undefined : BigInt(value);
    },
    async record(caller: string, lsn: Lsn) {
      await redis.eval(RECORD_MAX, 1, prefix + caller, lsn.toString(), String(ttlMs));
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** The replicas of DATABASE_READ_URL (none: every read uses the primary), and where positions are kept. */
export async function openReadReplicas(env: Env): Promise<ReadReplica[]> {
  return Promise.all(
    env.DATABASE_READ_URL.map(async (url, index) => ({
      name: `replica${index + 1}`,
      handle: await openDatabase({
        url,
        ...connectionOptions(env),
        connectTimeoutSeconds: 5,
        applicationName: 'ranking-api-read',
      }),
    })),
  );
}

export function writePositionsFor(env: Env): WritePositions {
  return env.REDIS_URL && env.DATABASE_READ_URL.length > 0
    ? redisWritePositions(env.REDIS_URL)
    : memoryWritePositions();
}

/**
 * Points a query operation's context at the handle its caller may read from. `readFrom: 'primary'`
 * (a query retried after its replica failed) keeps the primary.
 */
export async function routeOperation(context: GraphQLContext, operation: string): Promise<void> {
  const { reads } = context.deps;
  if (operation !== 'query' || context.http.readFrom === PRIMARY_TARGET || reads.replicas.length === 0)
    return;
  const route = await reads.route(callerKey(context.actor));
  context.http.readTarget = route.target;
  if (route.target === PRIMARY_TARGET) return;
  context.db = route.db;
  context.loaders = createRequestLoaders(route.db, loaderCachesOf(context.deps));
}

/** After a mutation (failed ones too: part of it may have committed) the caller's reads wait for it. */
export async function afterOperation(context: GraphQLContext): Promise<void> {
  if (context.http.operationType !== 'mutation') return;
  await context.deps.reads.recordWrite(callerKey(context.actor)).catch(() => {
    // Redis unreachable: the caller's reads in this process still wait for the write (the floor).
  });
}
