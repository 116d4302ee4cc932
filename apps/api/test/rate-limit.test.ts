/**
 * Throttling: per-key request limits in memory and in Redis (shared by replicas), revocation taking
 * effect at once, last_used_at bookkeeping, and sign-in limits per account and per client address.
 */
import { randomBytes } from 'node:crypto';
import { signClientAddress } from '@ranking/contracts/auth';
import { testDrivers } from '@ranking/schema/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMemoryRateLimitStore,
  createRedisRateLimitStore,
  type RateLimitStore,
} from '../src/auth/rate-limit';
import { createSystemContext } from '../src/context';
import { createApiServer } from '../src/http/server';
import { createUser } from '../src/modules/users/service';
import { codeOf, startTestApi, TEST_SECRET, type TestApi } from './helpers';

const REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisAvailable(): Promise<boolean> {
  const probe = new Redis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 1000,
  });
  probe.on('error', () => {});
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

const hasRedis = await redisAvailable();
const stores: { name: string; create: (prefix: string) => RateLimitStore }[] = [
  { name: 'memory', create: () => createMemoryRateLimitStore() },
  ...(hasRedis
    ? [{ name: 'redis', create: (prefix: string) => createRedisRateLimitStore(REDIS_URL, prefix) }]
    : []),
];
if (!hasRedis && process.env.CI) throw new Error(`Redis is not reachable at ${REDIS_URL}`);

const QUERY = '{ viewer { kind } }';

describe.each(testDrivers())('rate limits (%s)', (driver) => {
  describe.each(stores)('$name store', ({ name, create }) => {
    let api: TestApi;
    let admin: string;
    const prefix = `ranking-test:${randomBytes(6).toString('hex')}:`;
    beforeAll(async () => {
      api = await startTestApi(driver, {
        env: { API_KEY_RATE_LIMIT: '3', API_KEY_RATE_WINDOW_MS: '60000' },
        rateLimits: create(prefix),
      });
      const ctx = createSystemContext(api.deps, 'test');
      await createUser(ctx, {
        email: 'admin@example.org',
        name: 'Admin',
        role: 'admin',
        password: 'correct-horse',
      });
      await createUser(ctx, {
        email: 'victim@example.org',
        name: 'Victim',
        role: 'viewer',
        password: 'correct-horse',
      });
      admin = await api.tokenFor('admin@example.org');
    });
    afterAll(async () => api?.close());

    it('limits each key separately and answers 429 with Retry-After', async () => {
      const key = await api.keyWith(['read'], `limited-${name}`);
      const other = await api.keyWith(['read'], `other-${name}`);
      for (let i = 0; i < 3; i++) expect((await api.gql(QUERY, {}, { token: key })).status).toBe(200);
      const limited = await api.gql(QUERY, {}, { token: key });
      expect(limited.status).toBe(429);
      expect(codeOf(limited)).toBe('RATE_LIMITED');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await api.gql(QUERY, {}, { token: other })).status).toBe(200);
    });

    it('refuses a revoked key at once and records when a key was used', async () => {
      const key = await api.keyWith(['read'], `revoked-${name}`);
      const used = await api.gql<{ viewer: { apiKey: { id: string; prefix: string } } }>(
        '{ viewer { apiKey { id prefix } } }',
        {},
        { token: key },
      );
      expect(used.status).toBe(200);
      const id = used.data?.viewer.apiKey.id;
      expect(key.startsWith(`${used.data?.viewer.apiKey.prefix}_`)).toBe(true);
      let lastUsedAt: string | null = null;
      // Recorded after the answer: polled until it appears, for at most 10 s.
      for (const deadline = Date.now() + 10_000; !lastUsedAt && Date.now() < deadline; ) {
        const list = await api.gql<{ apiKeys: { id: string; lastUsedAt: string | null }[] }>(
          '{ apiKeys { id lastUsedAt } }',
          {},
          { token: admin },
        );
        lastUsedAt = list.data?.apiKeys.find((k) => k.id === id)?.lastUsedAt ?? null;
        if (!lastUsedAt) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(lastUsedAt).not.toBeNull();
      const revoked = await api.gql(
        `mutation { revokeApiKey(id: "${id}") { revokedAt } }`,
        {},
        { token: admin },
      );
      expect(revoked.errors).toBeUndefined();
      const after = await api.gql(QUERY, {}, { token: key });
      expect(after.status).toBe(401);
      expect(codeOf(after)).toBe('UNAUTHENTICATED');
    });

    it('throttles failed sign-ins per account, with the same answer for unknown users', async () => {
      const signIn = (email: string, password: string, address: string) =>
        api.gql<{ signIn: { token: string } }>(
          'mutation S($e: String!, $p: String!) { signIn(email: $e, password: $p) { token expiresAt user { email role } } }',
          { e: email, p: password },
          { headers: signClientAddress(TEST_SECRET, address) },
        );
      const ok = await signIn('victim@example.org', 'correct-horse', '10.0.0.1');
      expect(ok.data?.signIn.token).toMatch(/^eyJ/);
      const wrong = await signIn('victim@example.org', 'wrong', '10.0.0.1');
      const unknown = await signIn('nobody@example.org', 'wrong', '10.0.0.1');
      expect(codeOf(wrong)).toBe('UNAUTHENTICATED');
      expect(wrong.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);
      for (let i = 0; i < 4; i++) await signIn('victim@example.org', 'wrong', `10.0.1.${i}`);
      const locked = await signIn('victim@example.org', 'correct-horse', '10.0.2.1');
      expect(locked.status).toBe(429);
      expect(codeOf(locked)).toBe('RATE_LIMITED');
      expect(locked.headers.get('retry-after')).toBeTruthy();
    });

    it('throttles failed sign-ins per client address', async () => {
      const address = '10.9.9.9';
      for (let i = 0; i < 20; i++) {
        await api.gql(
          'mutation { signIn(email: "x@example.org", password: "nope") { token } }'.replace('x@', `x${i}@`),
          {},
          { headers: signClientAddress(TEST_SECRET, address) },
        );
      }
      const res = await api.gql(
        'mutation { signIn(email: "admin@example.org", password: "correct-horse") { token } }',
        {},
        {
          headers: signClientAddress(TEST_SECRET, address),
        },
      );
      expect(codeOf(res)).toBe('RATE_LIMITED');
      const elsewhere = await api.gql<{ signIn: { token: string } }>(
        'mutation { signIn(email: "admin@example.org", password: "correct-horse") { token } }',
        {},
        { headers: signClientAddress(TEST_SECRET, '10.9.9.10') },
      );
      expect(elsewhere.data?.signIn.token).toBeTruthy();
    });

    if (name === 'redis') {
      it('shares a key limit between two replicas', async () => {
        const second = await createApiServer(
          { ...api.deps, rateLimits: create(prefix) },
          { log: () => {}, exactHost: true },
        );
        try {
          const key = await api.keyWith(['read'], 'shared');
          const call = (url: string) =>
            fetch(`${url}/graphql?query=${encodeURIComponent(QUERY)}`, {
              headers: { authorization: `Bearer ${key}` },
            });
          const statuses = [];
          for (const url of [api.url, second.url, api.url, second.url])
            statuses.push((await call(url)).status);
          expect(statuses).toEqual([200, 200, 200, 429]);
        } finally {
          await second.close(1000);
        }
      });
    }
  });
});
