import { describe, expect, it } from 'vitest';
import {
  type EditionScores,
  type Observation,
  ScoringInputError,
  scoreEdition,
  scoreEditionColumns,
} from '../src/index';
import { fixtureEdition, methodology, observations } from './helpers';

const twoIndicators = (extra: Record<string, unknown> = {}, weights: [number, number] = [3, 1]) =>
  methodology({
    indicators: [
      { key: 'x', name: 'X', ...extra },
      { key: 'y', name: 'Y' },
    ],
    dimensions: [
      {
        key: 'd',
        name: 'D',
        children: [
          { indicator: 'x', weight: weights[0] },
          { indicator: 'y', weight: weights[1] },
        ],
      },
    ],
  });

function entry(scores: EditionScores, project: string, dimension = 0) {
  const found = scores.dimensions[dimension]?.entries.find((e) => e.project === project);
  if (!found) throw new Error(`no entry for ${project}`);
  return found;
}

const basic = observations([
  ['p1', 'x', 0],
  ['p1', 'y', 10],
  ['p2', 'x', 5],
  ['p2', 'y', 0],
  ['p3', 'x', 10],
  ['p3', 'y', 5],
]);

describe('scoreEdition — arithmetic tree, minmax (worked by hand)', () => {
  // x normalised: p1 0, p2 ½, p3 1; y: p1 1, p2 0, p3 ½. Weights 3:1 → ¾, ¼.
  const scores = scoreEdition({ methodology: twoIndicators(), observations: basic });

  it('score = (¾·x + ¼·y) × 100', () => {
    expect(entry(scores, 'p1').score).toBe(25);
    expect(entry(scores, 'p2').score).toBe(37.5);
    expect(entry(scores, 'p3').score).toBe(87.5);
  });

  it('entries ordered by rank with competition ranks', () => {
    expect(scores.dimensions[0]?.entries.map((e) => [e.project, e.rank])).toEqual([
      ['p3', 1],
      ['p2', 2],
      ['p1', 3],
    ]);
  });

  it('contribution = effective weight × normalised × scale, adding up to the score', () => {
    const p3 = entry(scores, 'p3');
    expect(p3.indicators.x?.contribution).toBe(75);
    expect(p3.indicators.y?.contribution).toBe(12.5);
  });

  it('reports raw and normalised values', () => {
    expect(entry(scores, 'p2').indicators.x).toEqual({
      raw: 5,
      normalized: 0.5,
      contribution: 37.5,
      evidenceIds: [],
    });
  });

  it('returns the methodology id and version and the dimension name', () => {
    expect(scores.methodology).toEqual({ id: 't', version: '1' });
    expect(scores.dimensions[0]?.name).toBe('D');
  });
});

describe('scoreEdition — ties', () => {
  it('equal scores share a rank and are listed by slug, whatever the input order', () => {
    const rows = observations([
      ['zeta', 'x', 1],
      ['alpha', 'x', 1],
      ['mid', 'x', 0],
      ['beta', 'x', 1],
    ]);
    const m = methodology({
      indicators: [{ key: 'x', name: 'X' }],
      dimensions: [{ key: 'd', name: 'D', children: [{ indicator: 'x' }] }],
    });
    for (const order of [rows, [...rows].reverse()]) {
      const entries = scoreEdition({ methodology: m, observations: order }).dimensions[0]?.entries ?? [];
      expect(entries.map((e) => [e.project, e.rank])).toEqual([
        ['alpha', 1],
        ['beta', 1],
        ['zeta', 1],
        ['mid', 4],
      ]);
    }
  });
});

describe('scoreEdition — all-equal values, single project, empty population', () => {
  it('all equal values: minmax gives 1 to everyone → everyone scores the scale, rank 1', () => {
    const m = methodology({
      indicators: [{ key: 'x', name: 'X' }],
      dimensions: [{ key: 'd', name: 'D', children: [{ indicator: 'x' }] }],
    });
    const scores = scoreEdition({
      methodology: m,
      observations: observations([
        ['a', 'x', 4],
        ['b', 'x', 4],
      ]),
    });
    expect(scores.dimensions[0]?.entries.map((e) => [e.score, e.rank])).toEqual([
      [100, 1],
      [100, 1],
    ]);
  });

  it('a single project scores the scale (minmax → 1)', () => {
    const scores = scoreEdition({
      methodology: twoIndicators(),
      observations: observations([
        ['solo', 'x', 3],
        ['solo', 'y', 9],
      ]),
    });
    expect(entry(scores, 'solo')).toMatchObject({ score: 100, rank: 1 });
  });

  it('a dimension whose category matches no project has no entries', () => {
    const m = methodology({
      indicators: [{ key: 'x', name: 'X' }],
      dimensions: [
        { key: 'a', name: 'A', category: 'model', children: [{ indicator: 'x' }] },
        { key: 'b', name: 'B', category: 'evaluation', children: [{ indicator: 'x' }] },
      ],
    });
    const scores = scoreEdition({
      methodology: m,
      projects: [{ slug: 'p', category: 'model' }],
      observations: observations([['p', 'x', 1]]),
    });
    expect(scores.dimensions[1]?.entries).toEqual([]);
    expect(scores.dimensions[0]?.entries).toHaveLength(1);
  });

  it('no observations at all: every project listed scores 0', () => {
    const scores = scoreEdition({
      methodology: twoIndicators(),
      projects: [{ slug: 'p' }, { slug: 'q' }],
      observations: [],
    });
    expect(scores.dimensions[0]?.entries.map((e) => [e.project, e.score, e.rank])).toEqual([
      ['p', 0, 1],
      ['q', 0, 1],
    ]);
  });
});

describe('scoreEdition — population', () => {
  const m = methodology({
    indicators: [{ key: 'x', name: 'X' }],
    dimensions: [
      { key: 'model', name: 'Models', category: 'model', children: [{ indicator: 'x' }] },
      { key: 'all', name: 'All', children: [{ indicator: 'x' }] },
    ],
  });
  const rows = observations([
    ['m1', 'x', 10],
    ['m2', 'x', 20],
    ['s1', 'x', 30],
  ]);

  it('with projects: a categorised dimension scores its category only; normalisation is over that population', () => {
    const scores = scoreEdition({
      methodology: m,
      projects: [
        { slug: 'm1', category: 'model' },
        { slug: 'm2', category: 'model' },
        { slug: 's1', category: 'system' },
      ],
      observations: rows,
    });
    expect(scores.dimensions[0]?.entries.map((e) => [e.project, e.score])).toEqual([
      ['m2', 100],
      ['m1', 0],
    ]);
    expect(scores.dimensions[1]?.entries.map((e) => e.project)).toEqual(['s1', 'm2', 'm1']);
  });

  it('without projects: every project in the observations is in every dimension (CLI contract)', () => {
    const scores = scoreEdition({ methodology: m, observations: rows });
    expect(scores.dimensions[0]?.entries.map((e) => e.project)).toEqual(['s1', 'm2', 'm1']);
    expect(entry(scores, 'm2').score).toBe(50);
  });
});

describe('scoreEdition — missing values under each policy', () => {
  // p4 has y only. x over p1..p3 normalises to 0, ½, 1 as above.
  const withP4 = [...basic, ...observations([['p4', 'y', 10]])];

  it('zero: the missing indicator counts as 0', () => {
    const p4 = entry(
      scoreEdition({ methodology: twoIndicators({ missing: 'zero' }), observations: withP4 }),
      'p4',
    );
    expect(p4.indicators.x).toEqual({ raw: null, normalized: 0, contribution: 0, evidenceIds: [] });
    expect(p4.score).toBe(25); // ¼ · 1
  });

  it('exclude: the indicator is left out and the sibling weights rescale (y alone → 1)', () => {
    const p4 = entry(
      scoreEdition({ methodology: twoIndicators({ missing: 'exclude' }), observations: withP4 }),
      'p4',
    );
    expect(p4.indicators.x).toEqual({ raw: null, normalized: null, contribution: 0, evidenceIds: [] });
    expect(p4.score).toBe(100);
    expect(p4.indicators.y?.contribution).toBe(100);
  });

  it('mean: the population mean of the normalised values of those who have one (0, ½, 1 → ½)', () => {
    const p4 = entry(
      scoreEdition({ methodology: twoIndicators({ missing: 'mean' }), observations: withP4 }),
      'p4',
    );
    expect(p4.indicators.x?.normalized).toBe(0.5);
    expect(p4.score).toBe(62.5); // ¾·½ + ¼·1
  });

  it('direction lower + missing zero: a missing value gets 0, not 1', () => {
    const p4 = entry(
      scoreEdition({ methodology: twoIndicators({ direction: 'lower' }), observations: withP4 }),
      'p4',
    );
    expect(p4.indicators.x?.normalized).toBe(0);
    expect(
      entry(scoreEdition({ methodology: twoIndicators({ direction: 'lower' }), observations: withP4 }), 'p1')
        .indicators.x?.normalized,
    ).toBe(1);
  });

  it('exclude up the tree: a group whose children are all left out is left out, and its siblings rescale', () => {
    const m = methodology({
      indicators: [
        { key: 'x', name: 'X', missing: 'exclude' },
        { key: 'y', name: 'Y' },
      ],
      dimensions: [
        {
          key: 'd',
          name: 'D',
          children: [
            { key: 'g', name: 'G', weight: 9, children: [{ indicator: 'x' }] },
            { indicator: 'y', weight: 1 },
          ],
        },
      ],
    });
    const scores = scoreEdition({
      methodology: m,
      observations: observations([
        ['a', 'x', 1],
        ['a', 'y', 0],
        ['b', 'y', 10],
      ]),
    });
    expect(entry(scores, 'b').nodes).toEqual({ g: null });
    expect(entry(scores, 'b').score).toBe(100); // y alone, normalised 1
    expect(entry(scores, 'a').score).toBe(90); // g = 1 (single value), y = 0
  });

  it('a dimension whose root is left out scores 0', () => {
    const m = methodology({
      indicators: [{ key: 'x', name: 'X', missing: 'exclude' }],
      dimensions: [{ key: 'd', name: 'D', children: [{ indicator: 'x' }] }],
    });
    const scores = scoreEdition({
      methodology: m,
      projects: [{ slug: 'a' }, { slug: 'b' }],
      observations: observations([['a', 'x', 3]]),
    });
    expect(entry(scores, 'b')).toMatchObject({ score: 0, rank: 2 });
    expect(entry(scores, 'a')).toMatchObject({ score: 100, rank: 1 });
  });
});

describe('scoreEdition — zero weights', () => {
  it('a zero-weight indicator contributes nothing', () => {
    const scores = scoreEdition({ methodology: twoIndicators({}, [0, 1]), observations: basic });
    expect(entry(scores, 'p3').score).toBe(50);
    expect(entry(scores, 'p3').indicators.x?.contribution).toBe(0);
  });

  it('present children weighing 0 in total: the node is left out (root → every score 0, all rank 1)', () => {
    const scores = scoreEdition({ methodology: twoIndicators({}, [0, 0]), observations: basic });
    expect(scores.dimensions[0]?.entries.map((e) => [e.score, e.rank])).toEqual([
      [0, 1],
      [0, 1],
      [0, 1],
    ]);
  });
});

describe('scoreEdition — geometric nodes', () => {
  const m = methodology({
    indicators: [
      { key: 'x', name: 'X', normalize: { method: 'none' } },
      { key: 'y', name: 'Y', normalize: { method: 'none' } },
    ],
    dimensions: [
      {
        key: 'd',
        name: 'D',
        aggregate: 'geometric',
        children: [{ indicator: 'x' }, { indicator: 'y' }],
      },
    ],
  });

  it('score = √(x·y) × scale; contributions shared in proportion to wᵢ·xᵢ', () => {
    const scores = scoreEdition({
      methodology: m,
      observations: observations([
        ['a', 'x', 0.25],
        ['a', 'y', 1],
      ]),
    });
    const a = entry(scores, 'a');
    expect(a.score).toBe(50);
    expect(a.indicators.x?.contribution).toBeCloseTo(10, 12); // 50 · 0.25/1.25
    expect(a.indicators.y?.contribution).toBeCloseTo(40, 12); // 50 · 1/1.25
  });

  it('a zero child makes the score 0 and every contribution 0', () => {
    const scores = scoreEdition({
      methodology: m,
      observations: observations([
        ['a', 'x', 0],
        ['a', 'y', 1],
      ]),
    });
    expect(entry(scores, 'a').score).toBe(0);
    expect(entry(scores, 'a').indicators.y?.contribution).toBe(0);
  });

  it('normalize none refuses a value outside [0, 1], naming project and indicator', () => {
    expect(() =>
      scoreEdition({
        methodology: m,
        observations: observations([
          ['a', 'x', 1.5],
          ['a', 'y', 1],
        ]),
      }),
    ).toThrow(expect.objectContaining({ code: 'NORMALIZE_DOMAIN', project: 'a', indicator: 'x' }));
  });
});

describe('scoreEdition — transform, goalposts, winsorize, zscore, rank in the pipeline', () => {
  const one = (indicator: Record<string, unknown>) =>
    methodology({
      indicators: [{ key: 'x', name: 'X', ...indicator }],
      dimensions: [{ key: 'd', name: 'D', children: [{ indicator: 'x' }] }],
    });

  it('log of a value ≤ 0 is an error naming the project, the indicator and the observation', () => {
    const rows = observations([
      ['a', 'x', 10],
      ['b', 'x', 0, { id: 'ev-b' }],
    ]);
    try {
      scoreEdition({ methodology: one({ transform: 'log' }), observations: rows });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ScoringInputError);
      expect(error).toMatchObject({
        code: 'TRANSFORM_DOMAIN',
        project: 'b',
        indicator: 'x',
        observations: [1],
      });
      expect((error as Error).message).toMatch(/"b".*"x".*log is undefined at 0/);
    }
  });

  it('log of a negative value too (after cap: cap.min 1 makes it valid)', () => {
    const rows = observations([
      ['a', 'x', 10],
      ['b', 'x', -5],
    ]);
    expect(() => scoreEdition({ methodology: one({ transform: 'log' }), observations: rows })).toThrow(
      ScoringInputError,
    );
    const scores = scoreEdition({
      methodology: one({ transform: 'log', cap: { min: 1 } }),
      observations: rows,
    });
    expect(entry(scores, 'b').indicators.x).toMatchObject({ raw: -5, normalized: 0 });
  });

  it('goalposts apply the transform to the bounds and clip: GNI 100 000 with log and [100, 75 000] → 1', () => {
    const scores = scoreEdition({
      methodology: one({ transform: 'log', normalize: { method: 'goalposts', min: 100, max: 75000 } }),
      observations: observations([
        ['rich', 'x', 100000],
        ['mid', 'x', Math.sqrt(100 * 75000)],
        ['poor', 'x', 50],
      ]),
    });
    expect(entry(scores, 'rich').indicators.x?.normalized).toBe(1);
    expect(entry(scores, 'poor').indicators.x?.normalized).toBe(0);
    // √(100 · 75 000), the geometric midpoint of the bounds, is half-way on the log scale → ½
    expect(entry(scores, 'mid').indicators.x?.normalized).toBeCloseTo(0.5, 12);
  });

  it('winsorize p = 0 changes nothing; p > 0 clips the tails before minmax', () => {
    const rows = observations(
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 100].map((v, i): [string, string, number] => [`p${i}`, 'x', v]),
    );
    const plain = scoreEdition({ methodology: one({ winsorize: 0 }), observations: rows });
    expect(entry(plain, 'p8').indicators.x?.normalized).toBeCloseTo(8 / 99, 12);
    const clipped = scoreEdition({ methodology: one({ winsorize: 0.1 }), observations: rows });
    // clip to [1.9, 18.1] (type-7 quantiles), then minmax: 9 → (9 − 1.9)/16.2
    expect(entry(clipped, 'p8').indicators.x?.normalized).toBeCloseTo(7.1 / 16.2, 12);
    expect(entry(clipped, 'p9').indicators.x?.normalized).toBe(1);
    expect(entry(clipped, 'p0').indicators.x?.normalized).toBe(0);
  });

  it('zscore: Φ((x − mean)/σ) over the population', () => {
    const scores = scoreEdition({
      methodology: one({ normalize: { method: 'zscore' } }),
      observations: observations([
        ['a', 'x', 1],
        ['b', 'x', 3],
      ]),
    });
    expect(entry(scores, 'a').indicators.x?.normalized).toBeCloseTo(0.15865525393145707, 14); // Φ(−1)
  });

  it('rank: percentile rank with mid-ranks for ties', () => {
    const scores = scoreEdition({
      methodology: one({ normalize: { method: 'rank' } }),
      observations: observations([
        ['a', 'x', 5],
        ['b', 'x', 7],
        ['c', 'x', 7],
        ['d', 'x', 9],
      ]),
    });
    expect(scores.dimensions[0]?.entries.map((e) => e.indicators.x?.normalized)).toEqual([1, 0.5, 0.5, 0]);
  });
});

describe('scoreEdition — combine and cutoff', () => {
  const one = (combine: string) =>
    methodology({
      indicators: [{ key: 'x', name: 'X', combine, normalize: { method: 'goalposts', min: 0, max: 100 } }],
      dimensions: [{ key: 'd', name: 'D', children: [{ indicator: 'x' }] }],
    });
  const rows = observations([
    ['a', 'x', 10, { id: 'e1', observedAt: '2025-01-01' }],
    ['a', 'x', 30, { id: 'e2', observedAt: '2025-06-01' }],
    ['a', 'x', 20, { id: 'e3', observedAt: '2025-03-01' }],
    ['a', 'x', 90, { id: 'e4', observedAt: '2026-02-01' }],
  ]);

  it.each([
    ['latest', 30, ['e2']],
    ['sum', 60, ['e1', 'e2', 'e3']],
    ['max', 30, ['e1', 'e2', 'e3']],
    ['min', 10, ['e1', 'e2', 'e3']],
    ['mean', 20, ['e1', 'e2', 'e3']],
    ['median', 20, ['e1', 'e2', 'e3']],
    ['count', 3, ['e1', 'e2', 'e3']],
  ])('%s with cutoff 2025-12-31 → %d, evidence %j', (combine, raw, ids) => {
    const a = entry(
      scoreEdition({ methodology: one(combine), observations: rows, cutoff: '2025-12-31' }),
      'a',
    );
    expect(a.indicators.x?.raw).toBe(raw);
    expect(a.indicators.x?.evidenceIds).toEqual(ids);
  });

  it('without a cutoff every observation counts (latest → the 2026 value)', () => {
    expect(
      entry(scoreEdition({ methodology: one('latest'), observations: rows }), 'a').indicators.x?.raw,
    ).toBe(90);
  });

  it('an observation on the cutoff date counts', () => {
    expect(
      entry(scoreEdition({ methodology: one('latest'), observations: rows, cutoff: '2026-02-01' }), 'a')
        .indicators.x?.raw,
    ).toBe(90);
  });

  it('a project whose only evidence is after the cutoff has none (missing)', () => {
    const scores = scoreEdition({ methodology: one('latest'), observations: rows, cutoff: '2024-12-31' });
    expect(entry(scores, 'a').indicators.x?.raw).toBeNull();
  });
});

describe('scoreEdition — input errors', () => {
  it('an observation for an indicator not in the methodology (UNKNOWN_INDICATOR, naming it)', () => {
    const run = () =>
      scoreEdition({
        methodology: twoIndicators(),
        observations: observations([
          ['a', 'x', 1],
          ['a', 'stars', 3],
        ]),
      });
    expect(run).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_INDICATOR', indicator: 'stars', observations: [1] }),
    );
    expect(run).toThrow(/unknown indicator "stars"/);
  });

  it('an observation for a project absent from the projects list', () => {
    expect(() =>
      scoreEdition({
        methodology: twoIndicators(),
        projects: [{ slug: 'a' }],
        observations: observations([['b', 'x', 1]]),
      }),
    ).toThrow(expect.objectContaining({ code: 'UNKNOWN_PROJECT', project: 'b' }));
  });

  it('a duplicate project slug', () => {
    expect(() =>
      scoreEdition({
        methodology: twoIndicators(),
        projects: [{ slug: 'a' }, { slug: 'a' }],
        observations: [],
      }),
    ).toThrow(expect.objectContaining({ code: 'DUPLICATE_PROJECT', projectIndex: 1 }));
  });

  it('a non-finite value', () => {
    expect(() =>
      scoreEdition({ methodology: twoIndicators(), observations: observations([['a', 'x', Number.NaN]]) }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_VALUE' }));
  });

  it('bad dates: observedAt and cutoff', () => {
    expect(() =>
      scoreEdition({
        methodology: twoIndicators(),
        observations: observations([['a', 'x', 1, { observedAt: '2025-02-30' }]]),
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_DATE' }));
    expect(() =>
      scoreEdition({ methodology: twoIndicators(), observations: [], cutoff: '31/12/2025' }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_DATE' }));
  });

  it('accepts an ISO timestamp for observedAt, compared by its date', () => {
    const rows: Observation[] = [
      { project: 'a', indicator: 'x', value: 1, observedAt: '2025-12-31T23:59:59+08:00' },
    ];
    expect(
      entry(scoreEdition({ methodology: twoIndicators(), observations: rows, cutoff: '2025-12-31' }), 'a')
        .indicators.x?.raw,
    ).toBe(1);
  });
});

describe('scoreEdition — the fixture edition (two dimensions, nested groups)', () => {
  // Expected scores: test/fixtures/reference.py, an independent NumPy/SciPy implementation of
  // docs/methodology-format.md.
  const scores = scoreEdition({ ...fixtureEdition(), cutoff: '2025-12-31' });
  const expected: Record<string, Array<[string, number, number]>> = {
    model: [
      ['alpha', 96.15839978871362, 1],
      ['beta', 57.1699621615515, 2],
      ['gamma', 7.629196011999043, 3],
    ],
    system: [
      ['vllm', 100, 1],
      ['sglang', 72.75008016865128, 2],
      ['tiny', 0, 3],
    ],
  };

  it.each(Object.keys(expected))('%s matches the reference implementation to 1e-12', (key) => {
    const dimension = scores.dimensions.find((d) => d.key === key);
    const want = expected[key] ?? [];
    expect(dimension?.entries.map((e) => e.project)).toEqual(want.map(([p]) => p));
    dimension?.entries.forEach((e, i) => {
      expect(e.score).toBeCloseTo(want[i]?.[1] ?? Number.NaN, 12);
      expect(e.rank).toBe(want[i]?.[2]);
    });
  });

  it('node values are on the score scale, null when left out', () => {
    const alpha = entry(scores, 'alpha');
    expect(Object.keys(alpha.nodes)).toEqual(['adoption', 'community', 'responsiveness', 'capability']);
    // adoption = (2·1 + 1·stars)/3 with stars normalised 0.8153…, × 100
    expect(alpha.nodes.adoption).toBeCloseTo(((2 + (alpha.indicators.stars?.normalized ?? 0)) / 3) * 100, 12);
    // beta has no response_hours (missing: exclude): responsiveness = √license_openness is still present
    expect(entry(scores, 'beta').indicators.response_hours).toEqual({
      raw: null,
      normalized: null,
      contribution: 0,
      evidenceIds: [],
    });
  });

  it('median combine for response_hours (alpha: 4 and 8 → 6) and max for contributors (150)', () => {
    const alpha = entry(scores, 'alpha');
    expect(alpha.indicators.response_hours?.raw).toBe(6);
    expect(alpha.indicators.response_hours?.evidenceIds).toEqual(['e6', 'e7']);
    expect(alpha.indicators.contributors?.raw).toBe(150);
  });

  it('the cutoff drops gamma’s 2026 Elo (latest → 1100, not 1150)', () => {
    expect(entry(scores, 'gamma').indicators.elo).toMatchObject({ raw: 1100, evidenceIds: ['e21'] });
  });

  it('contributions add up to each score, across arithmetic and geometric nodes', () => {
    for (const dimension of scores.dimensions) {
      for (const e of dimension.entries) {
        const total = Object.values(e.indicators).reduce((sum, i) => sum + i.contribution, 0);
        expect(total).toBeCloseTo(e.score, 10);
      }
    }
  });
});

describe('scoreEditionColumns(input)', () => {
  it('holds the same numbers as scoreEdition, as typed-array columns', () => {
    const input = { ...fixtureEdition(), cutoff: '2025-12-31' };
    const objects = scoreEdition(input);
    const columns = scoreEditionColumns(input);
    expect(columns.methodology).toEqual(objects.methodology);
    columns.dimensions.forEach((dimension, d) => {
      const n = dimension.projects.length;
      const entries = objects.dimensions[d]?.entries ?? [];
      expect(Array.from(dimension.order, (k) => dimension.projects[k])).toEqual(
        entries.map((e) => e.project),
      );
      entries.forEach((entry, position) => {
        const k = dimension.order[position] ?? -1;
        expect(dimension.scores[k]).toBe(entry.score);
        expect(dimension.ranks[k]).toBe(entry.rank);
        dimension.indicators.forEach((key, l) => {
          expect(dimension.contributions[l * n + k]).toBe(entry.indicators[key]?.contribution);
          expect(entry.indicators[key]?.normalized ?? Number.NaN).toBe(dimension.normalized[l * n + k]);
        });
        dimension.nodes.forEach((key, g) => {
          expect(entry.nodes[key] ?? Number.NaN).toBe(dimension.nodeValues[g * n + k]);
        });
      });
    });
  });
});
