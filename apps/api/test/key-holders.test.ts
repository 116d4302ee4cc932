/**
 * What an API key grants over anonymous access, over HTTP: its own request allowance announced in
 * `RateLimit-*` headers and in `viewer.apiKey.rateLimit`, anonymous callers limited per address, and
 * published answers served to key holders from the shared response cache — never an answer that
 * depends on the caller, and never one computed for a key that may read drafts.
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
if (!hasRedis && process.env.CI) throw new Error(`Redis is not reachable at ${REDIS_URL}`);
const stores: { name: string; create: (prefix: string) => RateLimitStore }[] = [
  { name: 'memory', create: () => createMemoryRateLimitStore() },
  ...(hasRedis
    ? [{ name: 'redis', create: (prefix: string) => createRedisRateLimitStore(REDIS_URL, prefix) }]
    : []),
];

/** The three `RateLimit-*` headers as numbers (NaN when missing). */
const limitHeaders = (headers: Headers) => ({
  limit: Number(headers.get('ratelimit-limit') ?? Number.NaN),
  remaining: Number(headers.get('ratelimit-remaining') ?? Number.NaN),
  reset: Number(headers.get('ratelimit-reset') ?? Number.NaN),
});

describe.each(testDrivers())('rate limit headers (%s)', (driver) => {
  describe.each(stores)('$name store', ({ name, create }) => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi(driver, {
        env: { API_KEY_RATE_LIMIT: '3', ANONYMOUS_RATE_LIMIT: '2', API_KEY_RATE_WINDOW_MS: '60000' },
        rateLimits: create(`ranking-test:${randomBytes(6).toString('hex')}:`),
      });
    });
    afterAll(async () => api?.close());

    it('announces a key’s allowance on every answer, decreasing, then 429 with Retry-After', async () => {
      const key = await api.keyWith(['read'], `headers-${name}`);
      const seen = [];
      for (let i = 0; i < 3; i++) {
        const answer = await api.gql('{ editions { year } }', {}, { token: key });
        expect(answer.status).toBe(200);
        seen.push(limitHeaders(answer.headers));
      }
      expect(seen.map((h) => h.limit)).toEqual([3, 3, 3]);
      expect(seen.map((h) => h.remaining)).toEqual([2, 1, 0]);
      for (const { reset } of seen) {
        expect(reset).toBeGreaterThan(0);
        expect(reset).toBeLessThanOrEqual(60);
      }
      const limited = await api.gql('{ editions { year } }', {}, { token: key });
      expect(limited.status).toBe(429);
      expect(codeOf(limited)).toBe('RATE_LIMITED');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(limitHeaders(limited.headers)).toMatchObject({ limit: 3, remaining: 0 });
      expect(limitHeaders(limited.headers).reset).toBeGreaterThan(0);
    });

    it('answers viewer.apiKey.rateLimit with the numbers of its own headers', async () => {
      const key = await api.keyWith(['read'], `viewer-${name}`);
      const before = Date.now();
      const answer = await api.gql<{
        viewer: { apiKey: { rateLimit: { limit: number; remaining: number; resetAt: string } } };
      }>('{ viewer { apiKey { rateLimit { limit remaining resetAt } } } }', {}, { token: key });
      expect(answer.errors).toBeUndefined();
      const headers = limitHeaders(answer.headers);
      const rateLimit = answer.data?.viewer.apiKey.rateLimit;
      expect(rateLimit?.limit).toBe(headers.limit);
      expect(rateLimit?.remaining).toBe(headers.remaining);
      expect(rateLimit?.remaining).toBe(2);
      // Reset is whole seconds, rounded up: resetAt lies within the second before it.
      const resetAt = Date.parse(rateLimit?.resetAt ?? '');
      expect(resetAt).toBeGreaterThan(before + (headers.reset - 1) * 1000 - 1000);
      expect(resetAt).toBeLessThanOrEqual(Date.now() + headers.reset * 1000);
    });

    it('limits anonymous callers per client address, with the same headers', async () => {
      const from = signClientAddress(TEST_SECRET, `198.51.100.${name === 'memory' ? 1 : 2}`);
      const first = await api.gql('{ editions { year } }', {}, { headers: from });
      const second = await api.gql('{ editions { year } }', {}, { headers: from });
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(limitHeaders(first.headers)).toMatchObject({ limit: 2, remaining: 1 });
      expect(limitHeaders(second.headers)).toMatchObject({ limit: 2, remaining: 0 });
      const limited = await api.gql('{ editions { year } }', {}, { headers: from });
      expect(limited.status).toBe(429);
      expect(codeOf(limited)).toBe('RATE_LIMITED');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(limitHeaders(limited.headers).remaining).toBe(0);
      // Another address has its own allowance; a key is counted on its own, not against its address.
      const elsewhere = await api.gql(
        '{ editions { year } }',
        {},
        { headers: signClientAddress(TEST_SECRET, '198.51.100.200') },
      );
      expect(elsewhere.status).toBe(200);
      const key = await api.keyWith(['read'], `behind-${name}`);
      const withKey = await api.gql('{ editions { year } }', {}, { headers: from, token: key });
      expect(withKey.status).toBe(200);
      expect(limitHeaders(withKey.headers)).toMatchObject({ limit: 3, remaining: 2 });
    });

    it('puts no limit headers on a signed-in (session) caller', async () => {
      await createUser(createSystemContext(api.deps, 'test'), {
        email: `session-${name}@example.org`,
        name: 'Session',
        role: 'viewer',
        password: 'correct-horse',
      });
      const token = await api.tokenFor(`session-${name}@example.org`);
      const answer = await api.gql('{ editions { year } }', {}, { token });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('ratelimit-limit')).toBeNull();
    });
  });
});

describe.each(testDrivers())('the response cache for key holders (%s)', (driver) => {
  let api: TestApi;
  const RANKING =
    '{ edition(year: 2026) { year ranking(dimension: "model", first: 3) { edges { node { rank score project { slug } } } } } }';
  beforeAll(async () => {
    api = await startTestApi(driver, { seed: true });
  });
  afterAll(async () => api?.close());

  /** The response cache's hit counter, read from GET /metrics. */
  const cacheHits = async () => {
    const text = await fetch(`${api.url}/metrics`).then((r) => r.text());
    const line = text
      .split('\n')
      .find((l) => l.startsWith('ranking_response_cache_lookups_total{result="hit"}'));
    return Number(line?.split(' ').at(-1) ?? 0);
  };
  const post = (query: string, token?: string) =>
    fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query }),
    });

  it('serves a key holder’s repeated published query from the shared cache, still counting the key', async () => {
    // Minting a key is a change, which empties the cache: all of them first.
    const key = await api.keyWith(['read'], 'cached-reader');
    const another = await api.keyWith(['read'], 'another-reader');
    const writer = await api.keyWith(['read', 'evidence:write'], 'writer');
    const first = await post(RANKING, key);
    const firstText = await first.text();
    expect(first.status).toBe(200);
    const hits = await cacheHits();
    const second = await post(RANKING, key);
    const secondText = await second.text();
    expect(await cacheHits()).toBe(hits + 1);
    expect(secondText).toBe(firstText);
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(second.headers.get('cache-control')).toBe('public, max-age=60');
    expect(Number(second.headers.get('ratelimit-remaining'))).toBe(
      Number(first.headers.get('ratelimit-remaining')) - 1,
    );
    // The same entry answers anonymous callers and other keys: the key is not part of the cache key.
    const anonymous = await post(RANKING);
    expect(await anonymous.text()).toBe(firstText);
    const other = await post(RANKING, another);
    expect(await other.text()).toBe(firstText);
    expect(await cacheHits()).toBe(hits + 3);
    // A key that may do more than read is answered by execution, not from the shared entry.
    expect(await (await post(RANKING, writer)).text()).toBe(firstText);
    expect(await cacheHits()).toBe(hits + 3);
  });

  it('never keeps an answer that depends on the key', async () => {
    const key = await api.keyWith(['read'], 'private-reader');
    const query = '{ viewer { kind apiKey { name } } editions { year } }';
    const kept = api.deps.responseCache.size;
    const hits = await cacheHits();
    const first = await post(query, key);
    expect(first.headers.get('cache-control')).toBe('private, no-store');
    expect(await first.text()).toContain('private-reader');
    await post(query, key).then((r) => r.text());
    const anonymous = await post(query);
    expect(await anonymous.text()).not.toContain('private-reader');
    expect(await cacheHits()).toBe(hits);
    expect(api.deps.responseCache.size).toBe(kept);
  });

  it('gives a read:drafts key no cached public answer, and never serves its answer to others', async () => {
    const admin = await api.tokenFor('admin');
    const created = await api.gql(
      'mutation { createEdition(input: { year: 2032, title: "Draft", cutoff: "2026-11-30" }) { id } }',
      {},
      { token: admin },
    );
    expect(created.errors).toBeUndefined();
    const drafts = await api.keyWith(['read', 'read:drafts'], 'drafts-reader');
    const reader = await api.keyWith(['read'], 'plain-reader');
    // Every revision, drafts included for those who may read them: the public's list has no 2032.
    type Listed = { data: { editions: { year: number; status: string; title: string }[] } };
    const has2032 = (answer: Listed) => answer.data.editions.some((e) => e.year === 2032);
    const query = '{ editions(allRevisions: true) { year status title } }';

    // Anonymous first: its (public) answer is kept, and not given to the drafts key.
    const anonymous = await post(query);
    expect(has2032((await anonymous.json()) as Listed)).toBe(false);
    await post(query).then((r) => r.text());
    const hits = await cacheHits();
    const forDrafts = await post(query, drafts);
    const draftsAnswer = (await forDrafts.json()) as Listed;
    expect(draftsAnswer.data.editions).toContainEqual({ year: 2032, status: 'DRAFT', title: 'Draft' });
    expect(forDrafts.headers.get('cache-control')).toBe('private, no-store');
    expect(await cacheHits()).toBe(hits);

    // The drafts key first on another query: what it was answered is never served to anyone else.
    const other = '{ editions(allRevisions: true) { year title cutoff } }';
    const draftsFirst = await post(other, drafts);
    expect(has2032((await draftsFirst.json()) as Listed)).toBe(true);
    expect(has2032((await (await post(other)).json()) as Listed)).toBe(false);
    expect(has2032((await (await post(other, reader)).json()) as Listed)).toBe(false);

    // Even published data is not looked up for it: what it may read differs from the public's.
    await post(RANKING).then((r) => r.text());
    const before = await cacheHits();
    expect((await post(RANKING, drafts)).status).toBe(200);
    expect(await cacheHits()).toBe(before);
  });
});
