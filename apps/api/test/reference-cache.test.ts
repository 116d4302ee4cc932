/**
 * The editions list and indicator rows kept per process (src/lib/reference-cache.ts), and the
 * database's change announcements (migration 0004) that empty every cache of every API process.
 */
import { listenForChanges, openDatabase } from '@ranking/schema';
import { testDrivers } from '@ranking/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReferenceCache } from '../src/lib/reference-cache';
import type { EditionRow } from '../src/modules/editions/model';
import type { IndicatorRow } from '../src/modules/methodology/store';
import { startTestApi, type TestApi } from './helpers';

/** The URL of a postgres.js client's database. */
function urlOf(sql: { options: { user: string; host: string[]; port: number[]; database: string } }): string {
  const { user, host, port, database } = sql.options;
  return `postgres://${encodeURIComponent(user)}@${host[0]}:${port[0]}/${database}`;
}

const indicator = (key: string): IndicatorRow => ({
  key,
  name: key,
  nameZh: null,
  unit: null,
  description: null,
});
const deferred = <T>() => {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

describe('ReferenceCache', () => {
  it('reads the editions once until cleared, and not a load that overlapped the clearing', async () => {
    const cache = new ReferenceCache();
    let loads = 0;
    const load = async () => {
      loads++;
      return [] as EditionRow[];
    };
    await cache.editions(load);
    await cache.editions(load);
    expect(loads).toBe(1);
    cache.clear();
    await cache.editions(load);
    expect(loads).toBe(2);

    const slow = deferred<EditionRow[]>();
    cache.clear();
    const overlapping = cache.editions(() => slow.promise);
    cache.clear(); // a change commits while the load runs
    slow.resolve([]);
    await overlapping;
    await cache.editions(load);
    expect(loads).toBe(3);
  });

  it('does not keep a failed load', async () => {
    const cache = new ReferenceCache();
    await expect(cache.editions(() => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.editions(async () => [])).toEqual([]);
  });

  it('reads only the indicator keys it lacks, answers null for unknown ones', async () => {
    const cache = new ReferenceCache();
    const asked: string[][] = [];
    const load = async (missing: string[]) => {
      asked.push(missing);
      return missing.filter((k) => k !== 'nope').map(indicator);
    };
    expect((await cache.indicators(['a', 'b'], load)).map((r) => r?.key ?? null)).toEqual(['a', 'b']);
    expect((await cache.indicators(['b', 'c', 'nope'], load)).map((r) => r?.key ?? null)).toEqual([
      'b',
      'c',
      null,
    ]);
    expect(await cache.indicators(['nope', 'a'], load)).toEqual([null, indicator('a')]);
    expect(asked).toEqual([
      ['a', 'b'],
      ['c', 'nope'],
    ]);

    const slow = deferred<IndicatorRow[]>();
    const overlapping = cache.indicators(['d'], () => slow.promise);
    cache.clear();
    slow.resolve([indicator('d')]);
    expect(await overlapping).toEqual([indicator('d')]);
    await cache.indicators(['d'], load);
    expect(asked.at(-1)).toEqual(['d']);
  });

  it('keeps nothing longer than its maximum age', async () => {
    let now = 0;
    const cache = new ReferenceCache(5_000, () => now);
    let loads = 0;
    const load = async () => {
      loads++;
      return [] as EditionRow[];
    };
    await cache.editions(load);
    now = 4_999;
    await cache.editions(load);
    expect(loads).toBe(1);
    now = 5_000;
    await cache.editions(load);
    expect(loads).toBe(2);
  });
});

describe.each(testDrivers())('change announcements (%s)', (driver) => {
  let api: TestApi;
  const QUERY =
    '{ edition(year: 2026) { ranking(dimension: "model", first: 1) { edges { node { indicators { indicator { key name } } } } } } }';
  const firstName = async () => {
    const res = await api.gql<{
      edition: {
        ranking: { edges: { node: { indicators: { indicator: { key: string; name: string } }[] } }[] };
      };
    }>(QUERY);
    expect(res.errors).toBeUndefined();
    return res.data?.edition.ranking.edges[0]?.node.indicators[0]?.indicator;
  };

  beforeAll(async () => {
    api = await startTestApi(driver, { seed: true });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('are sent for a change committed on another connection and empty the caches', async () => {
    const seen: string[] = [];
    const stop = await listenForChanges(api.handle, (table) => seen.push(table));
    // Another process: a second connection (PGlite has one, shared by everything in the process).
    const other =
      api.handle.client.kind === 'postgres'
        ? await openDatabase({ url: urlOf(api.handle.client.sql), max: 1 })
        : api.handle;
    try {
      const before = await firstName();
      expect(before?.name).toBeTruthy();
      await firstName(); // served from the caches now
      expect(api.deps.responseCache.size).toBeGreaterThan(0);
      const write = other.client.kind === 'postgres' ? other.client.sql : undefined;
      const renamed = `${before?.name} (renamed)`;
      if (write) await write`update indicators set name = ${renamed} where key = ${before?.key ?? ''}`;
      else if (other.client.kind === 'pglite')
        await other.client.pglite.query('update indicators set name = $1 where key = $2', [
          renamed,
          before?.key,
        ]);
      let after = await firstName();
      // Announced asynchronously: polled until it shows, for at most 15 s.
      for (const deadline = Date.now() + 15_000; after?.name !== renamed && Date.now() < deadline; ) {
        await new Promise((r) => setTimeout(r, 50));
        after = await firstName();
      }
      expect(after?.name).toBe(renamed);
      expect(seen).toContain('indicators');
    } finally {
      await stop();
      if (other !== api.handle) await other.close();
    }
  });
});
