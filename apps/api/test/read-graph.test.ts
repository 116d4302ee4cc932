/** The read graph of the GraphQL guide against the seeded demo (editions 2024–2026 published), over HTTP. */
import { CHANGE_CHANNEL } from '@ranking/schema';
import { testDrivers } from '@ranking/schema/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReferenceCache } from '../src/lib/reference-cache';
import { findProjectsWithOrganizationsBySlugs, insertProject } from '../src/modules/projects/store';
import { codeOf, countStatements, startTestApi, type TestApi } from './helpers';

const RANKING_PAGE = `query Page($first: Int!, $after: String) {
  edition(year: 2026) {
    ranking(dimension: "model", first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node {
        rank previousRank rankChange score
        project { slug name country organizations { slug } }
        breakdown { key name score }
        indicators { indicator { key name unit } raw normalized contribution isIllustrative evidence { id sourceUrl observedAt } }
        rankInterval { medianRank p05Rank p95Rank }
      } }
    }
  }
}`;

interface Entry {
  rank: number;
  previousRank: number | null;
  score: number;
  project: { slug: string; country: string | null };
  breakdown: { key: string; score: number }[];
  indicators: {
    indicator: { key: string };
    raw: number | null;
    contribution: number;
    evidence: { id: string; sourceUrl: string }[];
  }[];
}
interface RankingData {
  edition: {
    ranking: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string };
      edges: { cursor: string; node: Entry }[];
    };
  };
}

describe.each(testDrivers())('read graph (%s)', (driver) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(driver, { seed: true });
  });
  afterAll(async () => api?.close());

  it('lists the three published editions, newest first', async () => {
    const res = await api.gql<{
      editions: { year: number; revision: number; status: string; contentHash: string }[];
    }>(
      '{ editions { year revision status contentHash isDefaultRevision methodology { id version } dimensions { key name } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.editions.map((e) => e.year)).toEqual([2026, 2025, 2024]);
    for (const e of res.data?.editions ?? []) {
      expect(e.status).toBe('PUBLISHED');
      expect(e.contentHash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('serves a ranking page with breakdowns, contributions that add up and evidence links', async () => {
    const res = await api.gql<RankingData>(RANKING_PAGE, { first: 10 });
    expect(res.errors).toBeUndefined();
    const ranking = res.data?.edition.ranking;
    expect(ranking?.totalCount).toBeGreaterThan(10);
    expect(ranking?.edges).toHaveLength(10);
    expect(ranking?.pageInfo.hasNextPage).toBe(true);
    const first = ranking?.edges[0]?.node;
    expect(first?.rank).toBe(1);
    expect(first?.breakdown.length).toBeGreaterThan(0);
    for (const { node } of ranking?.edges ?? []) {
      const sum = node.indicators.reduce((s, i) => s + i.contribution, 0);
      expect(sum).toBeCloseTo(node.score, 6);
      const withEvidence = node.indicators.filter((i) => i.raw !== null);
      for (const i of withEvidence) expect(i.evidence.length).toBeGreaterThan(0);
      for (const i of withEvidence) for (const e of i.evidence) expect(e.sourceUrl).toMatch(/^https?:\/\//);
    }
    const ranks = ranking?.edges.map((e) => e.node.rank) ?? [];
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
  });

  it('pages with cursors and refuses first > 100', async () => {
    const page1 = await api.gql<RankingData>(RANKING_PAGE, { first: 5 });
    const after = page1.data?.edition.ranking.pageInfo.endCursor;
    const page2 = await api.gql<RankingData>(RANKING_PAGE, { first: 5, after });
    const slugs1 = page1.data?.edition.ranking.edges.map((e) => e.node.project.slug) ?? [];
    const slugs2 = page2.data?.edition.ranking.edges.map((e) => e.node.project.slug) ?? [];
    expect(slugs2).toHaveLength(5);
    expect(slugs1.filter((s) => slugs2.includes(s))).toEqual([]);
    const all = await api.gql<RankingData>(RANKING_PAGE, { first: 10 });
    expect(all.data?.edition.ranking.edges.map((e) => e.node.project.slug)).toEqual([...slugs1, ...slugs2]);

    // hasNextPage comes from reading one row more than the page: check it around the last entry.
    const total = all.data?.edition.ranking.totalCount ?? 0;
    expect(total).toBeGreaterThan(10);
    const lastCursor = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');
    const beforeLast = await api.gql<RankingData>(RANKING_PAGE, { first: 1, after: lastCursor(total - 3) });
    expect(beforeLast.data?.edition.ranking.edges).toHaveLength(1);
    expect(beforeLast.data?.edition.ranking.pageInfo.hasNextPage).toBe(true);
    const last = await api.gql<RankingData>(RANKING_PAGE, { first: 5, after: lastCursor(total - 2) });
    expect(last.data?.edition.ranking.edges).toHaveLength(1);
    expect(last.data?.edition.ranking.pageInfo.hasNextPage).toBe(false);
    const exact = await api.gql<RankingData>(RANKING_PAGE, { first: 2, after: lastCursor(total - 3) });
    expect(exact.data?.edition.ranking.edges).toHaveLength(2);
    expect(exact.data?.edition.ranking.pageInfo.hasNextPage).toBe(false);
    expect(exact.data?.edition.ranking.totalCount).toBe(total);

    const tooMany = await api.gql(RANKING_PAGE, { first: 101 });
    expect(codeOf(tooMany)).toBe('BAD_USER_INPUT');
    expect(tooMany.errors?.[0]?.extensions?.field).toBe('first');
    const badDimension = await api.gql(
      '{ edition(year: 2026) { ranking(dimension: "nope") { totalCount } } }',
    );
    expect(codeOf(badDimension)).toBe('BAD_USER_INPUT');
    expect(badDimension.errors?.[0]?.extensions?.field).toBe('dimension');
  });

  it('filters a ranking by country and keeps global ranks', async () => {
    const res = await api.gql<RankingData>(
      `{ edition(year: 2026) { ranking(dimension: "model", first: 100, filter: { country: "CN" }) {
        totalCount edges { node { rank project { slug country } } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const edges = res.data?.edition.ranking.edges ?? [];
    expect(edges.length).toBeGreaterThan(0);
    for (const e of edges) expect(e.node.project.country).toBe('CN');
  });

  it('gives region shares that add up to 1, per dimension and overall', async () => {
    const res = await api.gql<{
      edition: {
        dimensions: { key: string }[];
        all: { region: string; share: number; projects: number; topCount: number }[];
      };
    }>(
      '{ edition(year: 2026) { dimensions { key } all: regionShares { region share projects topCount(n: 10) } } }',
    );
    expect(res.errors).toBeUndefined();
    const total = res.data?.edition.all.reduce((s, r) => s + r.share, 0) ?? 0;
    expect(total).toBeCloseTo(1, 9);
    for (const { key } of res.data?.edition.dimensions ?? []) {
      const per = await api.gql<{ edition: { regionShares: { share: number; topCount: number }[] } }>(
        `{ edition(year: 2026) { regionShares(dimension: "${key}") { region share projects topCount(n: 3) } } }`,
      );
      const shares = per.data?.edition.regionShares ?? [];
      expect(shares.reduce((s, r) => s + r.share, 0)).toBeCloseTo(1, 9);
      expect(shares.reduce((s, r) => s + r.topCount, 0)).toBeGreaterThanOrEqual(3);
    }
  });

  it('ranks organizations and reports rank intervals', async () => {
    const res = await api.gql<{
      edition: {
        organizationRanking: {
          totalCount: number;
          edges: { node: { rank: number; score: number; share: number; organization: { slug: string } } }[];
        };
        sensitivity: {
          rank: number;
          medianRank: number;
          p05Rank: number;
          p95Rank: number;
          project: { slug: string };
        }[];
      };
    }>(`{ edition(year: 2026) {
      organizationRanking(first: 5) { totalCount edges { node { rank score share projects organization { slug name } } } }
      sensitivity(dimension: "system") { rank medianRank p05Rank p95Rank project { slug } }
    } }`);
    expect(res.errors).toBeUndefined();
    const standings = res.data?.edition.organizationRanking.edges.map((e) => e.node) ?? [];
    expect(standings[0]?.rank).toBe(1);
    for (let i = 1; i < standings.length; i++)
      expect(standings[i]?.score).toBeLessThanOrEqual(standings[i - 1]?.score ?? 0);
    const intervals = res.data?.edition.sensitivity ?? [];
    expect(intervals.length).toBeGreaterThan(0);
    for (const r of intervals) {
      expect(r.p05Rank).toBeLessThanOrEqual(r.medianRank);
      expect(r.medianRank).toBeLessThanOrEqual(r.p95Rank);
      // Type-7 quantiles of integer ranks at 5/50/95 %: multiples of 0.05, printed without noise.
      for (const bound of [r.p05Rank, r.medianRank, r.p95Rank])
        expect(String(bound)).toMatch(/^\d+(\.\d\d?)?$/);
    }
  });

  it('reports changes against the previous edition', async () => {
    const res = await api.gql<{
      edition: {
        previousEdition: { year: number };
        changes: {
          previousEdition: { year: number };
          dimensions: {
            dimension: string;
            movers: { change: number }[];
            newEntries: { project: { slug: string } }[];
            exits: unknown[];
          }[];
        };
      };
    }>(`{ edition(year: 2025) { previousEdition { year } changes(movers: 5) { previousEdition { year }
      dimensions { dimension movers { project { slug } rank previousRank change } newEntries { project { slug } rank } exits { project { slug } previousRank } } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data?.edition.previousEdition.year).toBe(2024);
    const changes = res.data?.edition.changes;
    expect(changes?.previousEdition.year).toBe(2024);
    expect(changes?.dimensions.length).toBe(4);
    const movers = changes?.dimensions.flatMap((d) => d.movers) ?? [];
    expect(movers.length).toBeGreaterThan(0);
    for (const m of movers) expect(m.change).not.toBe(0);
    const first = await api.gql<{ edition: { changes: null } }>(
      '{ edition(year: 2024) { changes { dimensions { dimension } } } }',
    );
    expect(first.data?.edition.changes).toBeNull();
  });

  it('answers projects, organizations, indicators, methodology, evidence and viewer', async () => {
    const res = await api.gql<{
      projects: { totalCount: number; edges: { node: { slug: string } }[] };
      organizations: { totalCount: number };
      indicators: { key: string }[];
      methodology: { id: string; version: string; dimensions: { key: string }[] };
      evidence: { totalCount: number; edges: { node: { status: string; submittedBy: unknown } }[] };
      viewer: { kind: string; scopes: string[] };
    }>(`{
      projects(first: 3, filter: { category: MODEL }) { totalCount edges { node { slug category primaryOrganization { slug country } results(year: 2026) { dimension rank score } } } }
      organizations(first: 3, filter: { country: "CN" }) { totalCount edges { node { slug country projects { slug } } } }
      indicators(dimension: "model") { key name unit }
      methodology { id version title scale dimensions { key name category indicators { key } } }
      evidence(first: 3) { totalCount edges { node { id value status isIllustrative project { slug } indicator { key } submittedBy { email } } } }
      viewer { kind scopes }
    }`);
    expect(res.errors).toBeUndefined();
    const d = res.data;
    expect(d?.projects.totalCount).toBeGreaterThan(3);
    expect(d?.organizations.totalCount).toBeGreaterThan(0);
    expect(d?.indicators.length).toBe(16);
    expect(d?.methodology.id).toBe('llm-oss-influence');
    expect(d?.methodology.dimensions.map((x) => x.key).sort()).toEqual([
      'data',
      'evaluation',
      'model',
      'system',
    ]);
    for (const e of d?.evidence.edges ?? []) {
      expect(['APPROVED', 'SUPERSEDED']).toContain(e.node.status);
      expect(e.node.submittedBy).toBeNull();
    }
    expect(d?.viewer).toEqual({ kind: 'ANONYMOUS', scopes: ['READ'] });
    const one = await api.gql<{
      project: { slug: string; results: { rank: number }[] } | null;
      organization: { slug: string } | null;
    }>(
      '{ project(slug: "vllm") { slug results { dimension rank } } organization(slug: "no-such-org") { slug } }',
    );
    expect(one.data?.project?.slug).toBe('vllm');
    expect(one.data?.project?.results.length).toBeGreaterThan(0);
    expect(one.data?.organization).toBeNull();
  });

  it("filters evidence by organization: only that organization's projects, primary or not", async () => {
    const orgs = await api.gql<{
      organizations: { edges: { node: { slug: string; projects: { slug: string }[] } }[] };
    }>('{ organizations(first: 100) { edges { node { slug projects { slug } } } } }');
    expect(orgs.errors).toBeUndefined();
    const withProjects = (orgs.data?.organizations.edges ?? [])
      .map((e) => e.node)
      .filter((o) => o.projects.length > 0);
    // An organization of several projects, so the filter is more than a project filter in disguise.
    const org = [...withProjects].sort((a, b) => b.projects.length - a.projects.length)[0];
    expect(org).toBeDefined();
    if (!org) return;
    const Q = `query($org: String, $first: Int) {
      evidence(filter: { organization: $org }, first: $first) {
        totalCount edges { node { id project { slug organizations { slug } } } }
      }
      all: evidence { totalCount }
    }`;
    type Page = {
      evidence: {
        totalCount: number;
        edges: { node: { id: string; project: { slug: string; organizations: { slug: string }[] } } }[];
      };
      all: { totalCount: number };
    };
    const res = await api.gql<Page>(Q, { org: org.slug, first: 100 });
    expect(res.errors).toBeUndefined();
    const page = res.data?.evidence;
    expect(page?.totalCount).toBeGreaterThan(0);
    expect(page?.totalCount).toBeLessThan(res.data?.all.totalCount ?? 0);
    const slugs = new Set(org.projects.map((p) => p.slug));
    for (const { node } of page?.edges ?? []) {
      expect(slugs.has(node.project.slug)).toBe(true);
      expect(node.project.organizations.map((o) => o.slug)).toContain(org.slug);
    }
    // Exactly the evidence of its projects: the per-project totals add up.
    let expected = 0;
    for (const slug of slugs) {
      const one = await api.gql<{ evidence: { totalCount: number } }>(
        'query($p: String) { evidence(filter: { project: $p }) { totalCount } }',
        { p: slug },
      );
      expected += one.data?.evidence.totalCount ?? 0;
    }
    expect(page?.totalCount).toBe(expected);
    const unknown = await api.gql<Page>(Q, { org: 'no-such-org', first: 5 });
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data?.evidence.totalCount).toBe(0);
  });

  it('shows earlier revisions and hides drafts from anonymous callers', async () => {
    const res = await api.gql<{ edition: null }>('{ edition(year: 2026, revision: 2) { id } }');
    expect(res.data?.edition).toBeNull();
  });

  /**
   * Statement counts depend on what the reference cache holds. Two things empty it behind a test's
   * back: its 5 s age limit (on a loaded machine that can fall between two requests) and the
   * database's announcement of a change an earlier test committed, which may arrive only now. So
   * these tests give it a clock that stands still, then announce a change of their own and wait
   * until the server has heard it: announcements arrive in order, so none is still on its way.
   */
  async function freezeReferenceCache(): Promise<() => void> {
    const original = api.deps.referenceCache;
    const frozen = new ReferenceCache(5_000, () => 0);
    api.deps.referenceCache = frozen;
    const heard = frozen.generation;
    await api.handle.db.execute(sql`select pg_notify(${CHANGE_CHANNEL}, 'test')`);
    const deadline = Date.now() + 15_000;
    while (frozen.generation === heard) {
      if (Date.now() > deadline) throw new Error('the server did not hear the announcement within 15 s');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return () => {
      api.deps.referenceCache = original;
    };
  }

  it('costs a constant number of SQL statements per ranking page', async () => {
    const counter = countStatements(api.handle);
    const thaw = await freezeReferenceCache();
    try {
      await api.gql(RANKING_PAGE, { first: 5 });
      // What execution costs: the response cache would answer a repeated anonymous ranking, and the
      // row cache hold its rows.
      api.deps.responseCache.clear();
      api.deps.rowCache.clear();
      counter.reset();
      await api.gql(RANKING_PAGE, { first: 5 });
      const small = counter.count;
      api.deps.responseCache.clear();
      api.deps.rowCache.clear();
      counter.reset();
      await api.gql(RANKING_PAGE, { first: 50 });
      const large = counter.count;
      expect(small).toBeGreaterThan(0);
      expect(large).toBe(small);
      expect(small).toBeLessThanOrEqual(12);
    } finally {
      thaw();
      counter.restore();
    }
  });

  it('costs only the statements its selection needs (the benchmark operations)', async () => {
    const page = `{ edition(year: 2026) { ranking(dimension: "model", first: 50) { edges { node {
      rank previousRank score project { slug name } breakdown { key score }
      indicators { indicator { key } raw normalized contribution } } } } } }`;
    const counted = page.replace('edges {', 'totalCount edges {');
    const project = '{ project(slug: "qwen") { slug name category organizations { slug name country } } }';
    const counter = countStatements(api.handle);
    const thaw = await freezeReferenceCache();
    const cost = async (query: string, rows: 'kept' | 'read' = 'read') => {
      api.deps.responseCache.clear(); // what execution costs, not the response cache …
      if (rows === 'read') api.deps.rowCache.clear(); // … nor, unless asked, the row cache
      counter.reset();
      const res = await api.gql(query);
      expect(res.errors).toBeUndefined();
      return counter.count;
    };
    try {
      // The first page also reads the editions list and the dimension's indicators (kept until the
      // next change; the methodology is read once per process: stored versions never change).
      api.deps.referenceCache.clear();
      expect(await cost(page)).toBe(3);
      // Then: the results with their projects, one statement …
      expect(await cost(page)).toBe(1);
      // (none while the row cache holds them)
      expect(await cost(page, 'kept')).toBe(0);
      // … and the count, read with them: the demo's rankings are shorter than the first rows read
      // for the row cache (500), so they are whole.
      expect(await cost(counted)).toBe(1);
      // the project with its organizations (and their rows), in one statement …
      expect(await cost(project)).toBe(1);
      // … however the selection is spelled: aliases, inline and named fragments
      expect(
        await cost('{ p: project(slug: "qwen") { slug orgs: organizations { slug name country } } }'),
      ).toBe(1);
      expect(
        await cost(`{ project(slug: "qwen") { slug ... on Project { ...Orgs } } }
          fragment Orgs on Project { organizations { slug name country } }`),
      ).toBe(1);
      // primaryOrganization and country are answered from the same organizations
      expect(await cost('{ project(slug: "qwen") { slug primaryOrganization { slug } country } }')).toBe(1);
      // without any of them, the project alone
      expect(await cost('{ project(slug: "qwen") { slug name category } }')).toBe(1);
      // a page of projects brings its organizations the same way
      expect(await cost('{ projects(first: 5) { edges { node { slug organizations { slug } } } } }')).toBe(1);
    } finally {
      thaw();
      counter.restore();
    }
  });

  it('reads a project with its organizations in one statement, as the loaders would', async () => {
    type Project = {
      slug: string;
      organizations: { slug: string }[];
      primaryOrganization: { slug: string } | null;
      country: string | null;
    };
    const fields = `slug name category country primaryOrganization { slug name }
      organizations { id slug name nameZh country kind url }`;
    const direct = await api.gql<{ project: Project }>(`{ project(slug: "magpie") { ${fields} } }`);
    expect(direct.errors).toBeUndefined();
    const project = direct.data?.project;
    expect(project?.organizations.map((o) => o.slug)).toEqual(['uw', 'ai2']); // primary first
    expect(project?.primaryOrganization?.slug).toBe('uw');
    // Organization.projects resolves each project's organizations through the loaders (two statements)
    const viaLoaders = await api.gql<{ organization: { projects: Project[] } }>(
      `{ organization(slug: "ai2") { projects { ${fields} } } }`,
    );
    expect(viaLoaders.errors).toBeUndefined();
    expect(viaLoaders.data?.organization.projects.find((p) => p.slug === 'magpie')).toEqual(project);
    const listed = await api.gql<{ projects: { edges: { node: Project }[] } }>(
      `{ projects(filter: { search: "magpie" }) { edges { node { ${fields} } } } }`,
    );
    expect(listed.data?.projects.edges.map((e) => e.node)).toEqual([project]);
    // an unknown slug is still null
    const unknown = await api.gql('{ project(slug: "no-such-project") { slug organizations { slug } } }');
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data).toEqual({ project: null });
  });

  it('gives a project without organizations an empty list', async () => {
    const rollback = new Error('rollback');
    await expect(
      api.handle.db.transaction(async (tx) => {
        const row = await insertProject(tx, {
          slug: 'lonely-project',
          name: 'Lonely',
          nameZh: null,
          category: 'model',
          repositoryUrl: null,
          huggingfaceUrl: null,
          homepageUrl: null,
          license: null,
          firstRelease: null,
          status: 'active',
        });
        expect(await findProjectsWithOrganizationsBySlugs(tx, ['lonely-project'])).toEqual([
          { project: row, organizations: [] },
        ]);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
  });

  it('serves published data with a strong ETag and answers 304', async () => {
    const query = encodeURIComponent(
      '{ edition(year: 2025, revision: 1) { year ranking(dimension: "data", first: 3) { edges { node { rank score } } } } }',
    );
    const first = await fetch(`${api.url}/graphql?query=${query}`);
    const firstBody = await first.clone().text();
    expect(first.status, firstBody).toBe(200);
    const etag = first.headers.get('etag');
    expect(etag, `${firstBody} ${JSON.stringify([...first.headers])}`).not.toBeNull();
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(first.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    await first.text();
    const again = await fetch(`${api.url}/graphql?query=${query}`, {
      headers: { 'if-none-match': etag ?? '' },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    const viewer = await fetch(`${api.url}/graphql?query=${encodeURIComponent('{ viewer { kind } }')}`);
    expect(viewer.headers.get('cache-control')).toBe('private, no-store');
    expect(viewer.headers.get('etag')).toBeNull();
  });

  it('answers /healthz and /readyz', async () => {
    const health = await fetch(`${api.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${api.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });
});
