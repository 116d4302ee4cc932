/**
 * The response cache (src/http/response-cache.ts): anonymous answers about published editions are
 * served from memory until their max-age or the next change; nothing that depends on the caller or
 * on mutable data is ever kept.
 */
import { testDrivers } from '@ranking/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResponseCache, responseCacheKey } from '../src/http/response-cache';
import { countStatements, startTestApi, type TestApi } from './helpers';

const entry = (body: string, level: 'immutable' | 'published' | 'public' | 'private' = 'published') => ({
  body,
  contentType: 'application/json',
  etag: `"${body.length}"`,
  level,
});

describe('ResponseCache', () => {
  it('keeps published answers for 60 s and immutable ones for an hour, public ones only while following changes', () => {
    let now = 0;
    const cache = new ResponseCache(1 << 20, () => now);
    cache.set('p', entry('published'));
    cache.set('i', entry('immutable', 'immutable'));
    cache.set('pub', entry('public', 'public'));
    cache.set('priv', entry('private', 'private'));
    expect(cache.size).toBe(2);
    cache.followsChanges = true;
    cache.set('pub', entry('public', 'public'));
    cache.set('priv', entry('private', 'private'));
    expect(cache.size).toBe(3);
    now = 9_999;
    expect(cache.get('pub')?.body).toBe('public');
    now = 10_000;
    expect(cache.get('pub')).toBeUndefined();
    now = 0;
    now = 59_999;
    expect(cache.get('p')?.body).toBe('published');
    now = 60_000;
    expect(cache.get('p')).toBeUndefined();
    expect(cache.get('i')?.body).toBe('immutable');
    now = 3_600_000;
    expect(cache.get('i')).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(cache.bytes).toBe(0);
  });

  it('stays within its bytes, dropping the least recently used first', () => {
    const cache = new ResponseCache(8 * 1024);
    const body = 'x'.repeat(600);
    for (const key of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']) {
      cache.set(key, entry(body));
      cache.get('a'); // keeps 'a' recently used
    }
    expect(cache.bytes).toBeLessThanOrEqual(8 * 1024);
    expect(cache.get('a')?.body).toBe(body);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('j')?.body).toBe(body);
    cache.set('huge', entry('y'.repeat(2 * 1024)));
    expect(cache.get('huge')).toBeUndefined();
    cache.clear();
    expect([cache.size, cache.bytes]).toEqual([0, 0]);
  });

  it('is off at 0 bytes', () => {
    const cache = new ResponseCache(0);
    cache.set('p', entry('published'));
    expect(cache.enabled).toBe(false);
    expect(cache.get('p')).toBeUndefined();
  });

  it('tells requests apart by query, operation, variables and accepted type', () => {
    const base = { query: '{ a }', accept: 'application/json' };
    const keys = new Set([
      responseCacheKey(base),
      responseCacheKey({ ...base, operationName: 'A' }),
      responseCacheKey({ ...base, variables: { x: 1 } }),
      responseCacheKey({ ...base, variables: { x: 2 } }),
      responseCacheKey({ ...base, accept: 'application/graphql-response+json' }),
      responseCacheKey({ ...base, query: '{ b }' }),
    ]);
    expect(keys.size).toBe(6);
    expect(responseCacheKey({ ...base })).toBe(responseCacheKey(base));
  });
});

describe.each(testDrivers())('response cache over HTTP (%s)', (driver) => {
  let api: TestApi;
  const RANKING =
    '{ edition(year: 2026) { year ranking(dimension: "model", first: 3) { edges { node { rank score project { slug } } } } } }';
  beforeAll(async () => {
    api = await startTestApi(driver, { seed: true });
  });
  afterAll(async () => {
    await api?.close();
  });

  /** Statements a request costs, and its response. */
  const measure = async (request: () => Promise<Response>) => {
    const counter = countStatements(api.handle);
    try {
      const response = await request();
      const text = await response.text();
      return { statements: counter.count, response, text };
    } finally {
      counter.restore();
    }
  };
  const post = (query: string, headers: Record<string, string> = {}) =>
    fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
    });

  it('answers a repeated anonymous ranking from memory, identically, with its ETag', async () => {
    const first = await measure(() => post(RANKING));
    expect(first.statements).toBeGreaterThan(0);
    const second = await measure(() => post(RANKING));
    expect(second.statements).toBe(0);
    expect(second.text).toBe(first.text);
    expect(second.response.headers.get('etag')).toBe(first.response.headers.get('etag'));
    expect(second.response.headers.get('cache-control')).toBe('public, max-age=60');
    expect(second.response.headers.get('content-type')).toBe(first.response.headers.get('content-type'));
    const get = `${api.url}/graphql?query=${encodeURIComponent(RANKING)}`;
    await fetch(get).then((r) => r.text());
    const revalidated = await measure(() =>
      fetch(get, { headers: { 'if-none-match': first.response.headers.get('etag') ?? '' } }),
    );
    expect(revalidated.response.status).toBe(304);
    expect(revalidated.statements).toBe(0);
  });

  it('never answers a caller with credentials from it, nor keeps failed answers', async () => {
    const token = await api.tokenFor('editor');
    await post(RANKING, { authorization: `Bearer ${token}` }).then((r) => r.text());
    const again = await measure(() => post(RANKING, { authorization: `Bearer ${token}` }));
    expect(again.statements).toBeGreaterThan(0);
    const failing = '{ edition(year: 2026) { ranking(dimension: "nope", first: 1) { totalCount } } }';
    const kept = api.deps.responseCache.size;
    await post(failing).then((r) => r.text());
    await post(failing).then((r) => r.text());
    expect(api.deps.responseCache.size).toBe(kept);
  });

  it('keeps public answers while it follows the database, and drops them at a change made elsewhere', async () => {
    expect(api.deps.responseCache.followsChanges).toBe(true);
    const project = '{ project(slug: "qwen") { slug name } }';
    const before = await post(project).then((r) => r.text());
    expect((await measure(() => post(project))).statements).toBe(0);
    // Not through the API: as the CLI or another replica would.
    const client = api.handle.client;
    if (client.kind === 'postgres')
      await client.sql`update projects set name = name || ' (renamed)' where slug = 'qwen'`;
    else await client.pglite.query(`update projects set name = name || ' (renamed)' where slug = 'qwen'`);
    let after = before;
    // Announced by PostgreSQL (or PGlite) asynchronously: polled until it shows, for at most 15 s.
    for (const deadline = Date.now() + 15_000; after === before && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 50));
      after = await post(project).then((r) => r.text());
    }
    expect(after).toContain('(renamed)');
  });

  it('is emptied by a change: the next answer is computed again', async () => {
    await post(RANKING).then((r) => r.text());
    expect((await measure(() => post(RANKING))).statements).toBe(0);
    const admin = await api.tokenFor('admin');
    const created = await api.gql(
      'mutation { createEdition(input: { year: 2031, title: "Next", cutoff: "2026-11-30" }) { id } }',
      {},
      { token: admin },
    );
    expect(created.errors).toBeUndefined();
    expect(api.deps.responseCache.size).toBe(0);
    expect((await measure(() => post(RANKING))).statements).toBeGreaterThan(0);
  });

  it('can be switched off (RESPONSE_CACHE_MB=0)', async () => {
    // The row cache off too: every answer is then read from the database.
    const off = await startTestApi(driver, {
      seed: true,
      env: { RESPONSE_CACHE_MB: '0', ROW_CACHE_MB: '0' },
    });
    try {
      const counter = countStatements(off.handle);
      await fetch(`${off.url}/graphql?query=${encodeURIComponent(RANKING)}`).then((r) => r.text());
      counter.reset();
      await fetch(`${off.url}/graphql?query=${encodeURIComponent(RANKING)}`).then((r) => r.text());
      expect(counter.count).toBeGreaterThan(0);
      counter.restore();
      expect(off.deps.responseCache.size).toBe(0);
    } finally {
      await off.close();
    }
  });
});
