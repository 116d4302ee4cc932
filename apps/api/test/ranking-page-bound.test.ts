/**
 * The unfiltered ranking page reads only the results whose rank is at most the rank of the page's last
 * row in rank order (ranking-store.ts, `listRankingPage`), so that PostgreSQL does not join and sort
 * the whole dimension for a page. With many ties, every page size and position must still give exactly
 * the rows of `ORDER BY rank, slug`, and the pages together every row once.
 */
import { testDrivers } from '@ranking/schema/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSystemContext } from '../src/context';
import { computeEdition } from '../src/modules/editions/compute-service';
import { createEdition } from '../src/modules/editions/lifecycle-service';
import { startTestApi, type TestApi } from './helpers';

interface Page {
  editionById: {
    ranking: {
      edges: { cursor: string; node: { rank: number; project: { slug: string } } }[];
      pageInfo: { hasNextPage: boolean };
    };
  };
}

describe.each(testDrivers())('ranking pages over ties (%s)', (driver) => {
  let api: TestApi;
  let editionId = 0;
  let key = '';
  let dimension = '';
  let expected: string[] = [];
  beforeAll(async () => {
    api = await startTestApi(driver, { seed: true });
    const ctx = createSystemContext(api.deps, 'test');
    const edition = await createEdition(ctx, { year: 2027, title: 'Ties', cutoff: '2026-11-30' });
    editionId = (await computeEdition(ctx, edition.id)).id;
    // Many ties (an unpublished edition's results may change): ranks 1, 1, 1, 2, 2, 2, …
    await api.handle.db.execute(
      sql`UPDATE results SET rank = (rank + 2) / 3 WHERE edition_id = ${editionId}`,
    );
    const rows = await api.handle.db.execute(
      sql`SELECT r.dimension_key AS dimension, p.slug FROM results AS r JOIN projects AS p ON p.id = r.project_id
          WHERE r.edition_id = ${editionId} ORDER BY r.dimension_key, r.rank, p.slug`,
    );
    const list = (Array.isArray(rows) ? rows : (rows as unknown as { rows: unknown[] }).rows) as {
      dimension: string;
      slug: string;
    }[];
    const counts = new Map<string, number>();
    for (const r of list) counts.set(r.dimension, (counts.get(r.dimension) ?? 0) + 1);
    dimension = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
    expected = list.filter((r) => r.dimension === dimension).map((r) => r.slug);
    key = await api.keyWith(['read', 'read:drafts']);
  });
  afterAll(async () => api?.close());

  const page = async (first: number, after: string | null) => {
    const res = await api.gql<Page>(
      'query P($id: ID!, $d: String!, $first: Int, $after: String) { editionById(id: $id) { ranking(dimension: $d, first: $first, after: $after) { edges { cursor node { rank project { slug } } } pageInfo { hasNextPage } } } }',
      { id: String(editionId), d: dimension, first, after },
      { token: key },
    );
    expect(res.errors).toBeUndefined();
    return res.data?.editionById.ranking ?? { edges: [], pageInfo: { hasNextPage: false } };
  };

  it('gives the rows of ORDER BY rank, slug for every page size', async () => {
    expect(expected.length).toBeGreaterThan(6);
    for (const first of [1, 2, 3, 4, 7]) {
      const slugs: string[] = [];
      let after: string | null = null;
      for (;;) {
        const p = await page(first, after);
        slugs.push(...p.edges.map((e) => e.node.project.slug));
        if (!p.pageInfo.hasNextPage) break;
        after = p.edges.at(-1)?.cursor ?? null;
      }
      expect(slugs, `pages of ${first}`).toEqual(expected);
    }
  });
});
