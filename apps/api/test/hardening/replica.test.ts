/**
 * Read replicas on a real streaming pair: a private primary and a hot standby made from it with
 * `pg_basebackup -R`, a second postmaster on another port. Which server ran the app's statements is
 * read from each server's own pg_stat_statements (statements naming the app's tables, counted where
 * they ran). Checked: the read suite (rankings, projects, evidence) runs on the replica; a caller
 * who just wrote reads its write even with the replica's replay paused — through the same API
 * process and through another one sharing the write positions in Redis — while another caller
 * through that process still reads the replica's older copy; a replica killed under load costs the
 * callers no error and its reads move to the primary. Nothing is promoted.
 */
import { randomUUID } from 'node:crypto';
import { type DatabaseHandle, migrateDatabase, openDatabase, ReadRouter } from '@ranking/schema';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDeps } from '../../src/app';
import { createMemoryRateLimitStore } from '../../src/auth/rate-limit';
import { seedDemoData } from '../../src/cli/demo';
import { type AppDeps, createSystemContext } from '../../src/context';
import { loadEnv } from '../../src/env';
import { type ApiServer, createApiServer } from '../../src/http/server';
import { redisWritePositions } from '../../src/lib/read-routing';
import { createApiKey } from '../../src/modules/api-keys/service';
import {
  describeWithPrivatePostgres,
  type PrivatePostgres,
  startPrivatePostgres,
  startStreamingReplica,
} from './private-postgres';

const SECRET = 'replica-test-secret-replica-test-secret-0123';
const REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const STATS = { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'all' };

/** The read suite: what partners and the public pages ask most. */
const READ_SUITE: { query: string; variables?: Record<string, unknown> }[] = [
  {
    query: `query Page($first: Int!) { edition(year: 2026) { year ranking(dimension: "model", first: $first) {
      totalCount edges { node { rank score project { slug name organizations { slug } }
        indicators { indicator { key } raw contribution evidence { id sourceUrl } } } } } } }`,
    variables: { first: 10 },
  },
  {
    query:
      '{ projects(first: 20) { totalCount edges { node { slug name category results { rank score } } } } }',
  },
  { query: '{ project(slug: "qwen") { slug name organizations { slug } } }' },
  {
    query: `query E($f: EvidenceFilter) { evidence(filter: $f, first: 10) {
      totalCount edges { node { id value observedAt status project { slug } indicator { key } } } } }`,
    variables: { f: { status: ['APPROVED'] } },
  },
  { query: '{ editions { year revision status } }' },
];

/** Statements that touched the app's tables on one server (pg_stat_statements counts where they ran). */
function appStatements(server: PrivatePostgres): number {
  return Number(
    server.psql(
      `select coalesce(sum(calls), 0) from pg_stat_statements
       where query ~ '"(projects|evidence|editions|api_keys|edition_results|organizations|indicators)"'
         and query !~ 'pg_stat_statements'`,
      'ranking',
    ),
  );
}

const resetStatements = (server: PrivatePostgres) =>
  server.psql('select pg_stat_statements_reset()', 'ranking');

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 20_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The replica has replayed everything the primary has written so far. */
function caughtUp(primary: PrivatePostgres, replica: PrivatePostgres): Promise<true> {
  const target = primary.psql('select pg_current_wal_lsn()');
  return until('the replica to catch up', () =>
    replica.psql(`select pg_last_wal_replay_lsn() >= '${target}'::pg_lsn`) === 't' ? true : undefined,
  );
}

interface Api {
  deps: AppDeps;
  server: ApiServer;
  handle: DatabaseHandle;
  gql(
    query: string,
    variables?: Record<string, unknown>,
    key?: string,
  ): Promise<{ status: number; data?: Record<string, never>; errors?: { extensions?: { code?: string } }[] }>;
}

describeWithPrivatePostgres('read replicas (private streaming pair)', () => {
  let primary: PrivatePostgres;
  let replica: PrivatePostgres;
  let primaryUrl: string;
  let replicaUrl: string;
  const apis: Api[] = [];
  let redis: Redis;
  const prefix = `ranking:test:lsn:${randomUUID()}:`;

  async function startApi(): Promise<Api> {
    const env = loadEnv({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      AUTH_SECRET: SECRET,
      DATABASE_URL: primaryUrl,
      DATABASE_READ_URL: replicaUrl,
      // Every read reaches the database: this suite counts statements, not cache hits.
      RESPONSE_CACHE_MB: '0',
      ROW_CACHE_MB: '0',
      SENSITIVITY_SAMPLES: '0',
    });
    const handle = await openDatabase({ url: primaryUrl, max: 4 });
    const replicaHandle = await openDatabase({ url: replicaUrl, max: 4, connectTimeoutSeconds: 5 });
    const reads = new ReadRouter(handle, [{ name: 'replica1', handle: replicaHandle }], {
      positions: redisWritePositions(REDIS_URL, prefix),
    });
    const deps = createDeps(env, {
      handle,
      reads,
      authSecret: SECRET,
      rateLimits: createMemoryRateLimitStore(),
    });
    const server = await createApiServer(deps, { log: () => {}, exactHost: true });
    const api: Api = {
      deps,
      server,
      handle,
      async gql(query, variables, key) {
        const response = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(key ? { authorization: `Bearer ${key}` } : {}),
          },
          body: JSON.stringify({ query, variables }),
        });
        const body = (await response.json()) as { data?: Record<string, never>; errors?: [] };
        return { status: response.status, ...body };
      },
    };
    apis.push(api);
    return api;
  }

  beforeAll(async () => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    await redis.ping();
    primary = await startPrivatePostgres(STATS);
    primary.psql('create database ranking');
    primary.psql('create extension pg_stat_statements', 'ranking');
    primaryUrl = `postgres://postgres@127.0.0.1:${primary.port}/ranking`;
    const handle = await openDatabase({ url: primaryUrl, max: 2 });
    await migrateDatabase(handle);
    // The demo through the services: catalog, evidence and published editions with rankings.
    const env = loadEnv({ NODE_ENV: 'test', AUTH_SECRET: SECRET, SENSITIVITY_SAMPLES: '0' });
    await seedDemoData(
      createDeps(env, { handle, authSecret: SECRET, rateLimits: createMemoryRateLimitStore() }),
    );
    await handle.close();
    replica = await startStreamingReplica(primary, STATS);
    replicaUrl = `postgres://postgres@127.0.0.1:${replica.port}/ranking`;
    expect(replica.psql('select pg_is_in_recovery()')).toBe('t');
  }, 120_000);

  afterAll(async () => {
    for (const api of apis) {
      await api.server.close(1000);
      await api.deps.reads.close();
      await api.handle.close();
    }
    await redis?.quit();
    replica?.destroy();
    primary?.destroy();
  });

  it('runs the read suite on the replica, and nothing of it on the primary', async () => {
    const api = await startApi();
    await caughtUp(primary, replica);
    // Until the router has asked the replica where it is, reads may go to the primary: wait for one
    // that does not.
    await until('a read served by the replica', async () => {
      resetStatements(primary);
      resetStatements(replica);
      const response = await api.gql(READ_SUITE[2]?.query ?? '');
      expect(response.errors).toBeUndefined();
      return appStatements(primary) === 0 && appStatements(replica) > 0 ? true : undefined;
    });
    resetStatements(primary);
    resetStatements(replica);
    for (const { query, variables } of READ_SUITE) {
      const response = await api.gql(query, variables);
      expect(response.errors, query).toBeUndefined();
      expect(response.status).toBe(200);
    }
    const ranking = (await api.gql(READ_SUITE[0]?.query ?? '', READ_SUITE[0]?.variables)).data as unknown as {
      edition: { ranking: { totalCount: number } };
    };
    expect(ranking.edition.ranking.totalCount).toBeGreaterThan(0);
    expect(appStatements(primary)).toBe(0);
    expect(appStatements(replica)).toBeGreaterThanOrEqual(READ_SUITE.length);
  }, 60_000);

  it('a caller reads its own writes with the replica paused; in another API process too (Redis)', async () => {
    const [a] = apis as [Api];
    const b = await startApi();
    const system = createSystemContext(a.deps, 'test');
    const writer = (
      await createApiKey(system, { name: 'replica-writer', scopes: ['read', 'evidence:write', 'admin'] })
    ).key;
    const other = (await createApiKey(system, { name: 'replica-reader', scopes: ['read', 'admin'] })).key;
    await caughtUp(primary, replica);
    // B is new: until its router has asked the replica where it is, its reads may go to the primary.
    await until('a read through B served by the replica', async () => {
      resetStatements(primary);
      resetStatements(replica);
      const response = await b.gql(READ_SUITE[2]?.query ?? '');
      expect(response.errors).toBeUndefined();
      return appStatements(primary) === 0 && appStatements(replica) > 0 ? true : undefined;
    });
    replica.psql('select pg_wal_replay_pause()');
    try {
      // API keys announce nothing: only the writer's recorded position (in Redis) keeps B's reads
      // fresh. These rounds come first: an announced change makes B read everything from the primary.
      for (let round = 1; round <= 3; round++) {
        const keyName = `partner-${round}`;
        const created = await a.gql(
          `mutation { createApiKey(input: { name: "${keyName}", scopes: [READ] }) { apiKey { name } } }`,
          undefined,
          writer,
        );
        expect(created.errors).toBeUndefined();
        const mine = await b.gql('{ apiKeys { name } }', undefined, writer);
        expect(
          (mine.data as unknown as { apiKeys: { name: string }[] }).apiKeys.map((k) => k.name),
        ).toContain(keyName);
        // Another caller through B reads the paused replica: it has not got the key yet.
        const theirs = await b.gql('{ apiKeys { name } }', undefined, other);
        expect(theirs.errors).toBeUndefined();
        expect(
          (theirs.data as unknown as { apiKeys: { name: string }[] }).apiKeys.map((k) => k.name),
        ).not.toContain(keyName);
      }
      // Projects announce their changes: the writer reads them back through the same process.
      for (let round = 1; round <= 3; round++) {
        const name = `Qwen round ${round}`;
        const updated = await a.gql(
          `mutation { updateProject(slug: "qwen", input: { name: "${name}" }) { name } }`,
          undefined,
          writer,
        );
        expect(updated.errors).toBeUndefined();
        const read = await a.gql('{ project(slug: "qwen") { name } }', undefined, writer);
        expect(read.data).toEqual({ project: { name } });
        // The replica really is behind: it still has the old name.
        expect(replica.psql(`select name from projects where slug = 'qwen'`, 'ranking')).not.toBe(name);
      }
    } finally {
      replica.psql('select pg_wal_replay_resume()');
    }
    await caughtUp(primary, replica);
  }, 60_000);

  it('a replica killed under load: no caller sees an error, reads move to the primary', async () => {
    const [api] = apis as [Api];
    await caughtUp(primary, replica);
    await until('a read served by the replica', async () => {
      resetStatements(replica);
      await api.gql(READ_SUITE[2]?.query ?? '');
      return appStatements(replica) > 0 ? true : undefined;
    });
    const failures: unknown[] = [];
    let killedAt = 0;
    let servedAfterKill = 0;
    const worker = async (id: number) => {
      // Bounded: each worker stops after its share of reads following the kill, or at the deadline.
      const deadline = Date.now() + 40_000;
      let index = id;
      while (Date.now() < deadline && servedAfterKill < 60) {
        const { query, variables } = READ_SUITE[index++ % READ_SUITE.length] as (typeof READ_SUITE)[number];
        const started = Date.now();
        const response = await api.gql(query, variables);
        if (response.status !== 200 || response.errors)
          failures.push({ status: response.status, errors: response.errors });
        else if (killedAt && started > killedAt) servedAfterKill++;
      }
    };
    const load = Promise.all([0, 1, 2, 3].map(worker));
    await until('reads under way', () => (appStatements(replica) > 10 ? true : undefined));
    killedAt = Date.now();
    replica.stop('immediate');
    resetStatements(primary);
    await load;
    expect(failures).toEqual([]);
    expect(servedAfterKill).toBeGreaterThanOrEqual(60);
    expect(appStatements(primary)).toBeGreaterThan(0);
    expect(api.deps.reads.replicas).toEqual([expect.objectContaining({ name: 'replica1', up: false })]);
    // Nothing was promoted: the primary is still the only one taking writes.
    expect(primary.psql('select pg_is_in_recovery()')).toBe('f');
  }, 60_000);
});
