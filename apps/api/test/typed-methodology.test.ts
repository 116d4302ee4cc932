/**
 * The methodology typed for partners: `Dimension.nodes`, `Indicator`'s pipeline fields, `NodeScore`
 * weights and contributions, `IndicatorScore.weight`/`pillar` — compared with the methodology JSON
 * files read here from disk, never with the code's own output.
 */
import { readFileSync } from 'node:fs';
import { testDrivers } from '@ranking/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, startTestApi, type TestApi } from './helpers';

interface JsonIndicator {
  key: string;
  name: string;
  unit?: string;
  direction?: string;
  combine?: string;
  transform?: string;
  winsorize?: number;
  cap?: { min?: number; max?: number };
  normalize?: { method: string; min?: number; max?: number };
  missing?: string;
  window?: string;
  stale?: string;
}
interface JsonNode {
  indicator?: string;
  key?: string;
  name?: string;
  weight: number;
  aggregate?: string;
  children?: JsonNode[];
}
interface JsonMethodology {
  version: string;
  indicators: JsonIndicator[];
  dimensions: { key: string; name: string; category?: string; aggregate?: string; children: JsonNode[] }[];
}

const readMethodology = (version: string): JsonMethodology =>
  JSON.parse(
    readFileSync(
      new URL(`../../../packages/schema/data/methodology/llm-oss-influence-${version}.json`, import.meta.url),
      'utf8',
    ),
  ) as JsonMethodology;

/** The file's indicator with the defaults of docs/methodology-format.md ("Keys and defaults") filled in. */
function expectedIndicator(i: JsonIndicator) {
  return {
    key: i.key,
    name: i.name,
    unit: i.unit ?? null,
    direction: (i.direction ?? 'higher').toUpperCase(),
    combine: (i.combine ?? 'latest').toUpperCase(),
    transform: (i.transform ?? 'none').toUpperCase(),
    winsorize: i.winsorize ?? 0,
    cap: i.cap ? { min: i.cap.min ?? null, max: i.cap.max ?? null } : null,
    normalize: {
      method: (i.normalize?.method ?? 'minmax').toUpperCase(),
      min: i.normalize?.min ?? null,
      max: i.normalize?.max ?? null,
    },
    missing: (i.missing ?? 'zero').toUpperCase(),
    window: i.window ?? null,
    stale: i.window ? (i.stale ?? 'exclude').toUpperCase() : null,
  };
}

/** The file's tree in the API's shape (GroupNode / IndicatorNode), defaults filled in. */
function expectedNode(node: JsonNode): unknown {
  if (node.indicator !== undefined) return { indicator: { key: node.indicator }, weight: node.weight };
  return {
    key: node.key,
    name: node.name,
    weight: node.weight,
    aggregate: (node.aggregate ?? 'arithmetic').toUpperCase(),
    children: (node.children ?? []).map(expectedNode),
  };
}

const INDICATOR_FIELDS = `key name unit direction combine transform winsorize cap { min max }
  normalize { method min max } missing window stale`;
const LEAF = '... on IndicatorNode { indicator { key } weight }';
const GROUP = (children: string) => `... on GroupNode { key name weight aggregate children { ${children} } }`;
/** Two levels of groups, as deep as the methodologies here go; inline fragments add no query depth. */
const TREE_QUERY = `query Tree($id: String, $version: String) {
  methodology(id: $id, version: $version) {
    version
    indicators { ${INDICATOR_FIELDS} }
    dimensions { key name category aggregate nodes { ${LEAF} ${GROUP(`${LEAF} ${GROUP(LEAF)}`)} } }
  }
}`;

describe.each(testDrivers())('typed methodology (%s)', (driver) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(driver, { seed: true });
  });
  afterAll(async () => api?.close());

  it("types every indicator and tree node of the demo editions' methodology as its JSON file says", async () => {
    const edition = await api.gql<{ edition: { methodology: { version: string } } }>(
      '{ edition(year: 2026) { methodology { version } } }',
    );
    const version = edition.data?.edition.methodology.version ?? '';
    const file = readMethodology(version);
    const res = await api.gql<{
      methodology: {
        indicators: unknown[];
        dimensions: {
          key: string;
          name: string;
          category: string | null;
          aggregate: string;
          nodes: unknown[];
        }[];
      };
    }>(TREE_QUERY, { version });
    expect(res.errors).toBeUndefined();
    expect(res.data?.methodology.indicators).toEqual(file.indicators.map(expectedIndicator));
    expect(res.data?.methodology.dimensions).toEqual(
      file.dimensions.map((d) => ({
        key: d.key,
        name: d.name,
        category: d.category ? d.category.toUpperCase() : null,
        aggregate: (d.aggregate ?? 'arithmetic').toUpperCase(),
        nodes: d.children.map(expectedNode),
      })),
    );
    // The same definitions reach an indicator through a ranking entry and through evidence.
    const scored = await api.gql<{
      edition: { ranking: { edges: { node: { indicators: { indicator: Record<string, unknown> }[] } }[] } };
      evidence: { edges: { node: { indicator: Record<string, unknown> } }[] };
    }>(`{ edition(year: 2026) { ranking(dimension: "model", first: 1) { edges { node {
          indicators { indicator { ${INDICATOR_FIELDS} } } } } } }
        evidence(first: 5) { edges { node { indicator { ${INDICATOR_FIELDS} } } } } }`);
    expect(scored.errors).toBeUndefined();
    const byKey = new Map(file.indicators.map((i) => [i.key, expectedIndicator(i)]));
    const reached = [
      ...(scored.data?.edition.ranking.edges[0]?.node.indicators.map((s) => s.indicator) ?? []),
      ...(scored.data?.evidence.edges.map((e) => e.node.indicator) ?? []),
    ];
    expect(reached.length).toBeGreaterThan(5);
    for (const indicator of reached) expect(indicator).toEqual(byKey.get(String(indicator.key)));
  });

  it('types goalposts, caps, winsorizing, windows and geometric groups of an uploaded methodology', async () => {
    const document = {
      id: 'typed-test',
      version: '1',
      title: 'Typed test',
      scale: 10,
      indicators: [
        {
          key: 'typed_a',
          name: 'A',
          unit: 'points',
          direction: 'lower',
          combine: 'max',
          cap: { min: 1 },
          transform: 'log',
          winsorize: 0.05,
          normalize: { method: 'goalposts', min: 1, max: 1000 },
          missing: 'exclude',
          window: 'P6M',
          stale: 'flag',
        },
        { key: 'typed_b', name: 'B', normalize: { method: 'zscore' }, window: 'P1Y' },
      ],
      dimensions: [
        {
          key: 'model',
          name: 'Models',
          category: 'model',
          aggregate: 'geometric',
          children: [
            {
              key: 'g',
              name: 'G',
              weight: 3,
              aggregate: 'geometric',
              children: [{ indicator: 'typed_a', weight: 2 }],
            },
            { indicator: 'typed_b', weight: 1 },
          ],
        },
      ],
    };
    const token = await api.tokenFor('publisher');
    const upload = await api.gql<{ uploadMethodology: { problems: unknown[] } }>(
      'mutation($d: String!) { uploadMethodology(document: $d) { problems { path message } } }',
      { d: JSON.stringify(document) },
      { token },
    );
    expect(upload.data?.uploadMethodology.problems).toEqual([]);
    const res = await api.gql<{
      methodology: { indicators: unknown[]; dimensions: { aggregate: string; nodes: unknown[] }[] };
    }>(TREE_QUERY, { id: 'typed-test', version: '1' });
    expect(res.errors).toBeUndefined();
    expect(res.data?.methodology.indicators).toEqual(document.indicators.map(expectedIndicator));
    expect(res.data?.methodology.dimensions[0]?.aggregate).toBe('GEOMETRIC');
    expect(res.data?.methodology.dimensions[0]?.nodes).toEqual(
      document.dimensions[0]?.children.map(expectedNode),
    );
  });

  it('gives pillar weights and contributions that reconcile with the score', async () => {
    const res = await api.gql<{
      edition: {
        methodology: { version: string };
        ranking: {
          edges: {
            node: {
              score: number;
              breakdown: {
                key: string;
                score: number;
                weight: number;
                contribution: number;
                parent: string | null;
              }[];
              indicators: {
                indicator: { key: string };
                contribution: number;
                weight: number;
                pillar: string | null;
              }[];
            };
          }[];
        };
      };
    }>(`{ edition(year: 2026) { methodology { version } ranking(dimension: "model", first: 100) { edges { node {
          score breakdown { key score weight contribution parent }
          indicators { indicator { key } contribution weight pillar } } } } } }`);
    expect(res.errors).toBeUndefined();
    const file = readMethodology(res.data?.edition.methodology.version ?? '');
    const model = file.dimensions.find((d) => d.key === 'model');
    const pillars = new Map((model?.children ?? []).map((p) => [p.key, p]));
    const edges = res.data?.edition.ranking.edges ?? [];
    expect(edges.length).toBeGreaterThan(10);
    for (const { node } of edges) {
      const top = node.breakdown.filter((b) => b.parent === null);
      expect(top.map((b) => [b.key, b.weight])).toEqual([...pillars.values()].map((p) => [p.key, p.weight]));
      // Arithmetic root, every pillar present (missing: zero): score = Σ w·s / Σ w.
      const weighted =
        top.reduce((sum, b) => sum + b.weight * b.score, 0) / top.reduce((s, b) => s + b.weight, 0);
      expect(weighted).toBeCloseTo(node.score, 9);
      expect(top.reduce((sum, b) => sum + b.contribution, 0)).toBeCloseTo(node.score, 9);
      for (const pillar of top) {
        const members = node.indicators.filter((i) => i.pillar === pillar.key);
        const children = pillars.get(pillar.key)?.children ?? [];
        expect(members.map((m) => [m.indicator.key, m.weight])).toEqual(
          children.map((c) => [c.indicator, c.weight]),
        );
        expect(members.reduce((sum, m) => sum + m.contribution, 0)).toBeCloseTo(pillar.contribution, 9);
      }
    }
  });

  it('accepts dimension keys in any case and lists the valid ones for an unknown key', async () => {
    const upper = await api.gql<{ edition: { ranking: { edges: { node: { dimension: string } }[] } } }>(
      '{ edition(year: 2026) { ranking(dimension: "MODEL", first: 1) { edges { node { dimension } } } } }',
    );
    expect(upper.errors).toBeUndefined();
    expect(upper.data?.edition.ranking.edges[0]?.node.dimension).toBe('model');
    const unknown = await api.gql(
      '{ edition(year: 2026) { ranking(dimension: "models", first: 1) { totalCount } } }',
    );
    expect(codeOf(unknown)).toBe('BAD_USER_INPUT');
    expect(unknown.errors?.[0]?.extensions).toMatchObject({
      field: 'dimension',
      validKeys: ['data', 'model', 'system', 'evaluation'],
    });
  });
});
