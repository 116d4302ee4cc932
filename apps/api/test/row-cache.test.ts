/**
 * The row cache (src/lib/row-cache.ts): ranking rows, the evidence behind them, organizations, a
 * project's results and API key rows, shared by every request — so that callers the response cache
 * never answers (keys that read drafts, any key with a scope beyond `read`) are not read from the
 * database again and again. Its answers must be exactly those read from the database, and any change,
 * made here or announced from elsewhere, must show at once.
 */
import { seedSynthetic } from '@ranking/schema';
import { testDrivers } from '@ranking/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSystemContext } from '../src/context';
import { encodeCursor } from '../src/lib/pagination';
import { RowCache, UNFOLLOWED_MAX_AGE_MS } from '../src/lib/row-cache';
import { computeEdition } from '../src/modules/editions/compute-service';
import { createEdition, publishEdition } from '../src/modules/editions/lifecycle-service';
import { RANKING_PREFIX_MAX } from '../src/modules/editions/ranking-service';
import { countStatements, startTestApi, type TestApi } from './helpers';

describe('RowCache', () => {
  const rows = (keys: readonly string[]) => Promise.resolve(keys.map((k) => ({ k })));

  it('keeps rows until a change while it follows changes, otherwise for 5 s', async () => {
    let now = 1_000;
    const cache = new RowCache(1 << 20, () => now);
    let reads = 0;
    const load = (keys: string[]) => {
      reads += keys.length;
      return rows(keys);
    };
    await cache.many('x:', ['a', 'b'], load);
    expect(await cache.many('x:', ['a', 'b', 'c'], load)).toEqual([{ k: 'a' }, { k: 'b' }, { k: 'c' }]);
    expect(reads).toBe(3);
    now += UNFOLLOWED_MAX_AGE_MS + 1;
    expect(cache.peekMany('x:', ['a'])).toBeUndefined();

    cache.followsChanges = true;
    await cache.many('x:', ['a'], load);
    now += 10 * UNFOLLOWED_MAX_AGE_MS;
    expect(cache.peekMany('x:', ['a'])).toEqual([{ k: 'a' }]);
    cache.clear();
    expect(cache.peekMany('x:', ['a'])).toBeUndefined();
    // Stopping to follow drops what was kept without an age.
    await cache.many('x:', ['a'], load);
    cache.followsChanges = false;
    expect(cache.size).toBe(0);
  });

  it('does not keep rows read across a change', async () => {
    const cache = new RowCache(1 << 20);
    cache.followsChanges = true;
    const answer = await cache.many('x:', ['a'], async (keys) => {
      cache.clear(); // a change committed while the rows were read
      return rows(keys);
    });
    expect(answer).toEqual([{ k: 'a' }]);
    expect(cache.peekMany('x:', ['a'])).toBeUndefined();
    const generation = cache.generation;
    cache.clear();
    cache.set('y', 1, generation);
    expect(cache.get('y')).toBeUndefined();
  });

  it('keeps what is derived from a row until a change or a new version; nothing for undefined', () => {
    const cache = new RowCache(1 << 20);
    const row = {};
    let builds = 0;
    const build = () => ++builds;
    expect(cache.derived(row, build)).toBe(1);
    expect(cache.derived(row, build)).toBe(1);
    expect(cache.derived(row, build, 7)).toBe(2);
    cache.clear();
    expect(cache.derived(row, build, 7)).toBe(3);
    expect(cache.derived(row, () => undefined, 8)).toBeUndefined();
    expect(cache.derived(row, build, 8)).toBe(4);
  });

  it('stays within its bytes, least recently used out first; at 0 bytes it keeps nothing', async () => {
    const cache = new RowCache(16 * 1024);
    cache.followsChanges = true;
    const big = (keys: readonly string[]) => Promise.resolve(keys.map(() => 'x'.repeat(500)));
    for (const key of 'abcdefghijklmnopqrstuvwxyz') {
      await cache.many('r:', [key], big);
      cache.get('r:a'); // keeps 'a' recently used
    }
    expect(cache.bytes).toBeLessThanOrEqual(16 * 1024);
    expect(cache.peekMany('r:', ['a'])).toBeDefined();
    expect(cache.peekMany('r:', ['b'])).toBeUndefined();
    expect(cache.peekMany('r:', ['z'])).toBeDefined();

    const off = new RowCache(0);
    off.followsChanges = true;
    let reads = 0;
    for (let i = 0; i < 2; i++)
      await off.many('r:', ['a'], (keys) => {
        reads++;
        return rows(keys);
      });
    expect(reads).toBe(2);
    expect(off.enabled).toBe(false);
    expect(off.peekMany('r:', ['a'])).toBeUndefined();
  });
});

const ENTRY = `rank score project { slug name } indicators { indicator { key } raw contribution evidence { id status } isIllustrative }`;
const page = (year: number, dimension: string, first: number, offset: number) =>
  `{ edition(year: ${year}) { ranking(dimension: "${dimension}", first: ${first}${offset > 0 ? `, after: "${encodeCursor(offset - 1)}"` : ''}) { totalCount pageInfo { hasNextPage } edges { cursor node { ${ENTRY} } } } } }`;

/** Polls `read` until `done` holds (a change made elsewhere arrives by the database's announcement), for at most 15 s. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (const deadline = Date.now() + 15_000; !done(value) && Date.now() < deadline; ) {
    await new Promise((r) => setTimeout(r, 50));
    value = await read();
  }
  return value;
}

describe.each(testDrivers())('row cache over HTTP (%s)', (driver) => {
  let api: TestApi;
  let drafts = '';
  /** Per dimension, how many entries its ranking has. */
  const sizes = new Map<string, number>();

  /** Runs a statement as another process would (the CLI, a second API process): not through the API. */
  const elsewhere = async (statement: string) => {
    const client = api.handle.client;
    if (client.kind === 'postgres') await client.sql.unsafe(statement);
    else await client.pglite.query(statement);
  };
  const text = async (query: string, key = drafts) => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query }),
    });
    return response.text();
  };

  beforeAll(async () => {
    // No usage flush during the test: it would be counted among a request's statements.
    api = await startTestApi(driver, { env: { API_KEY_USAGE_FLUSH_MS: '3600000' } });
    // Enough projects that a dimension's ranking is longer than the rows first kept (500).
    await seedSynthetic(api.handle, { projects: 2400, seed: 3, evidencePerProject: 4 });
    const ctx = createSystemContext(api.deps, 'test');
    const published = await createEdition(ctx, { year: 2030, title: 'Published', cutoff: '2026-12-31' });
    const computed = await computeEdition(ctx, published.id);
    await publishEdition(ctx, computed.id, computed.contentHash ?? '');
    const draft = await createEdition(ctx, { year: 2031, title: 'Draft', cutoff: '2026-12-31' });
    await computeEdition(ctx, draft.id);
    drafts = await api.keyWith(['read', 'read:drafts']);
    for (const dimension of ['data', 'model', 'system', 'evaluation']) {
      const body = JSON.parse(await text(page(2031, dimension, 1, 0)));
      sizes.set(dimension, body.data.edition.ranking.totalCount);
    }
  }, 240_000);
  afterAll(async () => api?.close());

  it('answers ranking pages exactly as the database does, at any depth, then without a statement', async () => {
    const dimension = [...sizes].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'data';
    const size = sizes.get(dimension) ?? 0;
    expect(size).toBeGreaterThan(500);
    expect(size).toBeLessThan(RANKING_PREFIX_MAX);
    // The first page, pages across the first 500 rows (kept first), and the last page.
    const windows: [number, number][] = [
      [10, 0],
      [20, 490],
      [50, 600],
      [100, size - 30],
    ];
    const kept = api.deps.rowCache;
    const fromDatabase: string[] = [];
    api.deps.rowCache = new RowCache(0);
    try {
      for (const [first, offset] of windows)
        fromDatabase.push(await text(page(2031, dimension, first, offset)));
    } finally {
      api.deps.rowCache = kept;
    }
    kept.clear();
    for (const [i, [first, offset]] of windows.entries())
      expect(await text(page(2031, dimension, first, offset)), `first ${first} after ${offset}`).toBe(
        fromDatabase[i],
      );
    expect(JSON.parse(fromDatabase[3] ?? '{}').data.edition.ranking.pageInfo.hasNextPage).toBe(false);

    const counter = countStatements(api.handle);
    try {
      for (const [first, offset] of windows) await text(page(2031, dimension, first, offset));
      expect(counter.count).toBe(0);
    } finally {
      counter.restore();
    }
  });

  it('shows a project renamed elsewhere as soon as the database announces it', async () => {
    const before = await text(page(2031, 'data', 5, 0));
    const slug = JSON.parse(before).data.edition.ranking.edges[0].node.project.slug as string;
    await elsewhere(`update projects set name = name || ' (renamed)' where slug = '${slug}'`);
    const after = await eventually(
      () => text(page(2031, 'data', 5, 0)),
      (t) => t.includes('(renamed)'),
    );
    expect(after).toContain('(renamed)');
  });

  it('shows evidence superseded elsewhere as soon as the database announces it', async () => {
    // A key with a scope beyond `read` is never answered by the response cache: its rows are.
    const writer = await api.keyWith(['read', 'evidence:write']);
    type Evidence = { id: string; status: string };
    const evidence = (t: string) =>
      (JSON.parse(t).data.edition.ranking.edges as { node: { indicators: { evidence: Evidence[] }[] } }[])
        .flatMap((e) => e.node.indicators.flatMap((i) => i.evidence))
        .sort((a, b) => Number(a.id) - Number(b.id));
    const before = evidence(await text(page(2030, 'model', 5, 0), writer));
    expect(before.length).toBeGreaterThan(1);
    expect(before.every((e) => e.status === 'APPROVED')).toBe(true);
    const [replaced, replacement] = before;
    await elsewhere(
      `update evidence set status = 'superseded', superseded_by = ${Number(replacement?.id)} where id = ${Number(replaced?.id)}`,
    );
    const after = await eventually(
      async () => evidence(await text(page(2030, 'model', 5, 0), writer)),
      (list) => list[0]?.status === 'SUPERSEDED',
    );
    expect(after).toEqual([{ id: replaced?.id, status: 'SUPERSEDED' }, ...before.slice(1)]);
  });

  it('refuses a key revoked elsewhere as soon as the database announces it (migration 0022)', async () => {
    const key = await api.keyWith(['read', 'read:drafts'], 'to be revoked');
    const query = '{ __typename }';
    expect(await text(query, key)).toContain('"Query"');
    // Its first use is recorded (lastUsedAt) after the answer: waited for, so it is not counted below.
    await eventually(
      () => api.count("api_keys where name = 'to be revoked' and last_used_at is not null"),
      (n) => n === 1,
    );
    const counter = countStatements(api.handle);
    try {
      await text(query, key);
      expect(counter.count).toBe(0); // the key's row is kept
    } finally {
      counter.restore();
    }
    await elsewhere(`update api_keys set revoked_at = now() where name = 'to be revoked'`);
    const after = await eventually(
      () => text(query, key),
      (t) => t.includes('UNAUTHENTICATED'),
    );
    expect(after).toContain('Invalid API key');
  });
});
