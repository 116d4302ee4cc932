/**
 * What-if and rank bounds over HTTP: official weights reproduce the published ranking of the demo
 * exactly; on a tiny edition built through the services, custom weights give the ranks worked out
 * by hand below; every bad input is BAD_USER_INPUT naming the argument and the valid keys.
 */
import { testDrivers } from '@ranking/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSystemContext } from '../src/context';
import { computeEdition } from '../src/modules/editions/compute-service';
import { createEdition, publishEdition } from '../src/modules/editions/lifecycle-service';
import { reviewEvidence, submitEvidence } from '../src/modules/evidence/service';
import { uploadMethodology } from '../src/modules/methodology/service';
import { createProject } from '../src/modules/projects/service';
import { codeOf, startTestApi, type TestApi } from './helpers';

interface RankingEntry {
  rank: number;
  score: number;
  project: { slug: string };
}
interface WhatIfEntry {
  rank: number;
  score: number;
  officialRank: number;
  officialScore: number;
  rankChange: number;
  project: { slug: string };
}

describe.each(testDrivers())('what-if on the demo (%s)', (driver) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(driver, { seed: true });
  });
  afterAll(async () => api?.close());

  it('reproduces every published score and rank with the official weights, in every dimension', async () => {
    const dims = await api.gql<{
      edition: {
        dimensions: { key: string; nodes: { key?: string; indicator?: { key: string }; weight: number }[] }[];
      };
    }>(`{ edition(year: 2026) { dimensions { key nodes {
          ... on GroupNode { key weight } ... on IndicatorNode { indicator { key } weight } } } } }`);
    expect(dims.errors).toBeUndefined();
    for (const dimension of dims.data?.edition.dimensions ?? []) {
      const weights = dimension.nodes.map((n) => ({ node: n.key ?? n.indicator?.key, weight: n.weight }));
      const res = await api.gql<{
        edition: {
          ranking: { edges: { node: RankingEntry }[] };
          whatIf: { totalCount: number; edges: { node: WhatIfEntry }[] };
        };
      }>(
        `query($d: String!, $w: [WeightInput!]!) { edition(year: 2026) {
          ranking(dimension: $d, first: 100) { edges { node { rank score project { slug } } } }
          whatIf(dimension: $d, weights: $w, first: 100) { totalCount edges { node {
            rank score officialRank officialScore rankChange project { slug } } } } } }`,
        { d: dimension.key, w: weights },
      );
      expect(res.errors).toBeUndefined();
      const official = res.data?.edition.ranking.edges.map((e) => e.node) ?? [];
      const custom = res.data?.edition.whatIf.edges.map((e) => e.node) ?? [];
      expect(official.length).toBeGreaterThan(0);
      expect(res.data?.edition.whatIf.totalCount).toBe(official.length);
      expect(custom.map((e) => [e.project.slug, e.rank, e.score])).toEqual(
        official.map((e) => [e.project.slug, e.rank, e.score]),
      );
      for (const e of custom) {
        expect([e.officialRank, e.officialScore, e.rankChange]).toEqual([e.rank, e.score, 0]);
      }
    }
  });

  it('refuses unknown nodes, bad weights and all-zero siblings, naming the field and the valid keys', async () => {
    const ask = (weights: unknown, extra = '') =>
      api.gql(
        `query($w: [WeightInput!]!) { edition(year: 2026) { whatIf(dimension: "model", weights: $w${extra}) { totalCount } } }`,
        { w: weights },
      );
    const unknown = await ask([
      { node: 'model_adoption', weight: 1 },
      { node: 'adoption', weight: 2 },
    ]);
    expect(codeOf(unknown)).toBe('BAD_USER_INPUT');
    expect(unknown.errors?.[0]?.extensions).toMatchObject({
      field: 'weights[1].node',
      reason: 'UNKNOWN_NODE',
    });
    const validKeys = unknown.errors?.[0]?.extensions?.validKeys as string[];
    expect(validKeys.slice(0, 2)).toEqual(['model_adoption', 'hf_model_downloads_12m']);
    expect(validKeys).toContain('model_openness');

    const negative = await ask([{ node: 'model_openness', weight: -1 }]);
    expect(negative.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'weights[0].weight',
      reason: 'INVALID_WEIGHT',
    });
    // A literal beyond the double range parses as Infinity: not a finite weight.
    const huge = await api.gql(
      '{ edition(year: 2026) { whatIf(dimension: "model", weights: [{ node: "model_openness", weight: 1e400 }]) { totalCount } } }',
    );
    expect(codeOf(huge)).toBe('BAD_USER_INPUT');
    expect(huge.errors?.[0]?.message).not.toMatch(/Internal/);

    const pillars = ['model_adoption', 'model_community', 'model_openness', 'model_capability'];
    const dims = await api.gql<{ edition: { dimensions: { key: string; nodes: { key: string }[] }[] } }>(
      '{ edition(year: 2026) { dimensions { key nodes { ... on GroupNode { key } } } } }',
    );
    const modelPillars =
      dims.data?.edition.dimensions.find((d) => d.key === 'model')?.nodes.map((n) => n.key) ?? pillars;
    const zero = await ask(modelPillars.map((node) => ({ node, weight: 0 })));
    expect(zero.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: `weights[${modelPillars.length - 1}].weight`,
      reason: 'ZERO_WEIGHTS',
    });
    const repeated = await ask([
      { node: 'model_openness', weight: 1 },
      { node: 'model_openness', weight: 2 },
    ]);
    expect(repeated.errors?.[0]?.extensions).toMatchObject({
      field: 'weights[1].node',
      reason: 'DUPLICATE_NODE',
    });

    const wrongDimension = await api.gql(
      '{ edition(year: 2026) { whatIf(dimension: "modles", weights: []) { totalCount } } }',
    );
    expect(wrongDimension.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'dimension',
    });
    const tooMany = await ask([], ', first: 101');
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('gives certified rank bounds for the demo within the band', async () => {
    const res = await api.gql<{
      edition: {
        rankBounds: {
          method: string;
          band: number;
          totalCount: number;
          weights: { node: string; official: number; min: number; max: number }[];
          edges: {
            node: {
              officialRank: number;
              bestRank: number;
              worstRank: number;
              bestWeights: { node: string; weight: number }[];
              worstWeights: { node: string; weight: number }[];
              project: { slug: string };
            };
          }[];
        };
      };
    }>(`{ edition(year: 2026) { rankBounds(dimension: "Model", band: 0.2, first: 5) { method band totalCount
          weights { node official min max }
          edges { node { officialRank bestRank worstRank bestWeights { node weight } worstWeights { node weight }
            project { slug } } } } } }`);
    expect(res.errors).toBeUndefined();
    const bounds = res.data?.edition.rankBounds;
    expect(bounds?.band).toBe(0.2);
    for (const w of bounds?.weights ?? []) {
      expect(w.min).toBeCloseTo(w.official * 0.8, 12);
      expect(w.max).toBeCloseTo(w.official * 1.2, 12);
    }
    const first = bounds?.edges[0]?.node;
    expect(first?.officialRank).toBe(1);
    for (const { node } of bounds?.edges ?? []) {
      expect(node.bestRank).toBeLessThanOrEqual(node.officialRank);
      expect(node.worstRank).toBeGreaterThanOrEqual(node.officialRank);
      // Certified: the reported weights give the reported rank.
      const check = await api.gql<{ edition: { whatIf: { edges: { node: WhatIfEntry }[] } } }>(
        `query($w: [WeightInput!]!) { edition(year: 2026) { whatIf(dimension: "model", weights: $w, first: 100) {
            edges { node { rank project { slug } } } } } }`,
        { w: node.worstWeights },
      );
      const entry = check.data?.edition.whatIf.edges.find((e) => e.node.project.slug === node.project.slug);
      expect(entry?.node.rank).toBe(node.worstRank);
    }
    const badBand = await api.gql(
      '{ edition(year: 2026) { rankBounds(dimension: "model", band: 1) { totalCount } } }',
    );
    expect(badBand.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'band' });
  });
});

describe.each(testDrivers())('what-if on a tiny edition worked by hand (%s)', (driver) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(driver);
    const ctx = createSystemContext(api.deps, 'test');
    // Two indicators straight under the root, weight 1 : 1, values already in [0, 1] (normalize: none),
    // so a score is 100 · (w_a·a + w_b·b) / (w_a + w_b).
    const upload = await uploadMethodology(
      ctx,
      JSON.stringify({
        id: 'tiny',
        version: '1',
        title: 'Tiny',
        scale: 100,
        indicators: [
          { key: 'tiny_a', name: 'A', normalize: { method: 'none' } },
          { key: 'tiny_b', name: 'B', normalize: { method: 'none' } },
        ],
        dimensions: [
          {
            key: 'model',
            name: 'Models',
            category: 'model',
            children: [
              { indicator: 'tiny_a', weight: 1 },
              { indicator: 'tiny_b', weight: 1 },
            ],
          },
        ],
      }),
    );
    expect(upload.problems).toEqual([]);
    const values: Record<string, [number, number]> = { p1: [1, 0], p2: [0, 0.8], p3: [0.6, 0.3] };
    for (const [slug, [a, b]] of Object.entries(values)) {
      await createProject(ctx, { slug, name: slug.toUpperCase(), category: 'model' });
      for (const [indicator, value] of [
        ['tiny_a', a],
        ['tiny_b', b],
      ] as const) {
        const row = await submitEvidence(ctx, {
          project: slug,
          indicator,
          value,
          sourceUrl: `https://example.org/${slug}/${indicator}`,
          observedAt: '2025-01-01',
        });
        await reviewEvidence(ctx, row.id, 'approve', null);
      }
    }
    const edition = await createEdition(ctx, {
      year: 2030,
      title: 'Tiny 2030',
      cutoff: '2025-06-30',
      methodologyVersion: '1',
    });
    const computed = await computeEdition(ctx, edition.id);
    await publishEdition(ctx, edition.id, computed.contentHash ?? '');
  });
  afterAll(async () => api?.close());

  it('re-ranks with a custom weight as computed by hand', async () => {
    const res = await api.gql<{ edition: { whatIf: { edges: { node: WhatIfEntry }[] } } }>(
      `{ edition(year: 2030) { whatIf(dimension: "model", weights: [{ node: "tiny_b", weight: 3 }]) {
          edges { node { rank score officialRank officialScore rankChange project { slug } } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    // Official (1 : 1): p1 = 100·1/2 = 50, p3 = 100·0.9/2 = 45, p2 = 100·0.8/2 = 40.
    // Custom (1 : 3): p2 = 100·2.4/4 = 60, p3 = 100·1.5/4 = 37.5, p1 = 100·1/4 = 25.
    const rows = res.data?.edition.whatIf.edges.map(({ node: e }) => [
      e.project.slug,
      e.rank,
      e.score,
      e.officialRank,
      e.officialScore,
      e.rankChange,
    ]);
    expect(rows?.map((r) => r[0])).toEqual(['p2', 'p3', 'p1']);
    const expected = [
      ['p2', 1, 60, 3, 40, 2],
      ['p3', 2, 37.5, 2, 45, 0],
      ['p1', 3, 25, 1, 50, -2],
    ] as const;
    expected.forEach((row, i) => {
      const got = rows?.[i] ?? [];
      expect(got[0]).toBe(row[0]);
      expect([got[1], got[3], got[5]]).toEqual([row[1], row[3], row[5]]);
      expect(got[2]).toBeCloseTo(row[2], 10);
      expect(got[4]).toBeCloseTo(row[4], 10);
    });
  });

  it('finds the rank bounds worked out by hand, exactly', async () => {
    // Scores depend on r = w_b / w_a ∈ [0.5/1.5, 1.5/0.5] = [1/3, 3]; numerators p1: 1, p2: 0.8r,
    // p3: 0.6 + 0.3r. p1 leads for small r and trails at r = 3 (1 < 1.5 < 2.4): ranks 1…3; p2 the
    // reverse: 1…3. p3 beats p1 only for r > 4/3 and p2 only for r < 1.2 — never both: best 2; it
    // trails both for 1.2 < r < 4/3: worst 3.
    const res = await api.gql<{
      edition: {
        rankBounds: {
          method: string;
          edges: {
            node: { project: { slug: string }; officialRank: number; bestRank: number; worstRank: number };
          }[];
        };
      };
    }>(`{ edition(year: 2030) { rankBounds(dimension: "model") { method
          edges { node { project { slug } officialRank bestRank worstRank } } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data?.edition.rankBounds.method).toBe('EXACT');
    expect(
      res.data?.edition.rankBounds.edges.map(({ node: b }) => [
        b.project.slug,
        b.officialRank,
        b.bestRank,
        b.worstRank,
      ]),
    ).toEqual([
      ['p1', 1, 1, 3],
      ['p3', 2, 2, 3],
      ['p2', 3, 1, 3],
    ]);
  });
});
