/**
 * Evidence by keyset: `Query.evidence` and `Edition.evidence` iterate completely and stably (no
 * duplicate, no gap, even while evidence is added), and an edition's evidence is its frozen snapshot,
 * compared here with the edition_evidence table and with the evidence behind its ranking.
 */
import { testDrivers } from '@ranking/schema/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestApi, type TestApi } from './helpers';

interface Page<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: T }[];
}

async function rows<T>(api: TestApi, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = await api.handle.db.execute(query);
  return (Array.isArray(result) ? result : (result as unknown as { rows: T[] }).rows) as T[];
}

describe.each(testDrivers())('evidence by keyset (%s)', (driver) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(driver, { seed: true });
  });
  afterAll(async () => api?.close());

  async function allPages<T>(
    fetchPage: (after: string | null) => Promise<Page<T>>,
    between?: (page: number) => Promise<void>,
  ): Promise<{ nodes: T[]; totalCount: number }> {
    const nodes: T[] = [];
    let after: string | null = null;
    let totalCount = 0;
    for (let page = 0; ; page++) {
      const result = await fetchPage(after);
      totalCount = result.totalCount;
      nodes.push(...result.edges.map((e) => e.node));
      if (!result.pageInfo.hasNextPage) return { nodes, totalCount };
      after = result.pageInfo.endCursor;
      await between?.(page);
    }
  }

  it("iterates an edition's evidence snapshot completely, in id order, equal to the snapshot table", async () => {
    const editionId = (await api.gql<{ edition: { id: string } }>('{ edition(year: 2026) { id } }')).data
      ?.edition.id;
    const page = async (after: string | null) => {
      const res = await api.gql<{
        edition: { evidence: Page<{ id: string; value: number; used: boolean }> };
      }>(
        `query($after: String) { edition(year: 2026) { evidence(first: 100, after: $after) {
            totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id value used } } } } }`,
        { after },
      );
      expect(res.errors).toBeUndefined();
      return res.data?.edition.evidence as Page<{ id: string; value: number; used: boolean }>;
    };
    const { nodes, totalCount } = await allPages(page);
    const snapshot = await rows<{ evidence_id: string | number; value: number }>(
      api,
      sql`select evidence_id, value from edition_evidence where edition_id = ${Number(editionId)} order by evidence_id`,
    );
    expect(nodes.length).toBeGreaterThan(100);
    expect(totalCount).toBe(snapshot.length);
    expect(nodes.map((n) => [Number(n.id), n.value])).toEqual(
      snapshot.map((r) => [Number(r.evidence_id), r.value]),
    );

    // `used` is exactly the evidence behind the ranking's indicator scores, over every dimension.
    const dims = await api.gql<{ edition: { dimensions: { key: string }[] } }>(
      '{ edition(year: 2026) { dimensions { key } } }',
    );
    const behind = new Set<string>();
    for (const { key } of dims.data?.edition.dimensions ?? []) {
      const ranking = await allPages(async (after) => {
        const res = await api.gql<{
          edition: { ranking: Page<{ indicators: { evidence: { id: string }[] }[] }> };
        }>(
          `query($d: String!, $after: String) { edition(year: 2026) { ranking(dimension: $d, first: 100, after: $after) {
              totalCount pageInfo { hasNextPage endCursor } edges { cursor node { indicators { evidence { id } } } } } } }`,
          { d: key, after },
        );
        return res.data?.edition.ranking as Page<{ indicators: { evidence: { id: string }[] }[] }>;
      });
      for (const entry of ranking.nodes)
        for (const s of entry.indicators) for (const e of s.evidence) behind.add(e.id);
    }
    expect(behind.size).toBeGreaterThan(0);
    expect(new Set(nodes.filter((n) => n.used).map((n) => n.id))).toEqual(behind);

    const counts = await api.gql<{
      edition: {
        evidenceCounts: { total: number; used: number; illustrative: number };
        used: { totalCount: number };
        illustrative: { totalCount: number };
      };
    }>(`{ edition(year: 2026) { evidenceCounts { total used illustrative }
          used: evidence(filter: { used: true }) { totalCount }
          illustrative: evidence(filter: { illustrative: true }) { totalCount } } }`);
    expect(counts.errors).toBeUndefined();
    const illustrative = await rows<{ n: number }>(
      api,
      sql`select count(*)::int as n from edition_evidence ee join evidence e on e.id = ee.evidence_id
           where ee.edition_id = ${Number(editionId)} and e.is_illustrative`,
    );
    expect(counts.data?.edition.evidenceCounts).toEqual({
      total: snapshot.length,
      used: behind.size,
      illustrative: Number(illustrative[0]?.n),
    });
    expect(counts.data?.edition.used.totalCount).toBe(behind.size);
    expect(counts.data?.edition.illustrative.totalCount).toBe(Number(illustrative[0]?.n));
  });

  it('pages Query.evidence without duplicates or gaps while evidence is added, and keeps editions frozen', async () => {
    const before = await rows<{ id: string | number }>(
      api,
      sql`select id from evidence where status in ('approved', 'superseded') order by id desc`,
    );
    const editionBefore = await api.gql<{ edition: { evidenceCounts: { total: number } } }>(
      '{ edition(year: 2026) { evidenceCounts { total } } }',
    );
    const reviewer = await api.tokenFor('reviewer');
    const editor = await api.tokenFor('editor');
    let added = 0;
    const addEvidence = async () => {
      const submitted = await api.gql<{ submitEvidence: { id: string } }>(
        `mutation($url: String!) { submitEvidence(input: { project: "qwen3", indicator: "github_stars", value: 1,
            sourceUrl: $url, observedAt: "2025-01-02" }) { id } }`,
        { url: `https://github.com/QwenLM/Qwen3?keyset=${added}` },
        { token: editor },
      );
      expect(submitted.errors).toBeUndefined();
      const approved = await api.gql(
        'mutation($id: ID!) { reviewEvidence(id: $id, decision: APPROVE) { id } }',
        { id: submitted.data?.submitEvidence.id },
        { token: reviewer },
      );
      expect(approved.errors).toBeUndefined();
      added++;
    };
    const { nodes } = await allPages(
      async (after) => {
        const res = await api.gql<{ evidence: Page<{ id: string }> }>(
          `query($after: String) { evidence(first: 100, after: $after) {
              totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`,
          { after },
        );
        expect(res.errors).toBeUndefined();
        return res.data?.evidence as Page<{ id: string }>;
      },
      // New evidence arrives while a reader is on page 1 and page 3.
      async (page) => {
        if (page === 0 || page === 2) await addEvidence();
      },
    );
    expect(added).toBe(2);
    const ids = nodes.map((n) => Number(n.id));
    expect(new Set(ids).size).toBe(ids.length);
    // Approving supersedes older values of the same project, indicator and date: those stay visible.
    expect(ids).toEqual(before.map((r) => Number(r.id)));

    // The edition's snapshot did not take the new evidence (approved, observed before its cutoff).
    const editionAfter = await api.gql<{ edition: { evidenceCounts: { total: number } } }>(
      '{ edition(year: 2026) { evidenceCounts { total } } }',
    );
    expect(editionAfter.data?.edition.evidenceCounts.total).toBe(
      editionBefore.data?.edition.evidenceCounts.total,
    );
    const live = await api.gql<{ evidence: { totalCount: number } }>('{ evidence { totalCount } }');
    expect(live.data?.evidence.totalCount).toBe(before.length + 2);
  });

  it('refuses a cursor of another kind', async () => {
    const res = await api.gql('{ evidence(first: 1, after: "bm90LWEtY3Vyc29y") { totalCount } }');
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions?.field).toBe('after');
  });
});
