import { describe, expect, it } from 'vitest';
import {
  type EditionScores,
  prepareWhatIf,
  scoreEdition,
  type WhatIfError,
  type WhatIfModel,
  whatIf,
  whatIfPage,
} from '../src/index';
import { fixtureEdition, methodology, observations } from './helpers';
import { randomEdition } from './random-edition';

/** Every dimension of a scored edition, re-aggregated with no override and with every official weight restated. */
function expectOfficialReproduced(input: Parameters<typeof scoreEdition>[0], scores: EditionScores) {
  for (const [d, dimension] of scores.dimensions.entries()) {
    const rows = dimension.entries;
    // Stored rows go through JSON (jsonb in the database): the values must survive it exactly.
    const stored = JSON.parse(JSON.stringify(rows)) as typeof rows;
    const model = prepareWhatIf({
      methodology: input.methodology,
      dimension: dimension.key,
      projects: stored,
    });
    const definition = input.methodology.dimensions[d];
    const restated: Array<{ node: string; weight: number }> = [];
    const walk = (children: NonNullable<typeof definition>['children']) => {
      for (const child of children) {
        if ('indicator' in child) restated.push({ node: child.indicator, weight: child.weight });
        else {
          restated.push({ node: child.key, weight: child.weight });
          walk(child.children);
        }
      }
    };
    walk(definition?.children ?? []);
    for (const overrides of [[], restated]) {
      const entries = whatIf(model, overrides);
      expect(entries.map((e) => e.project)).toEqual(rows.map((e) => e.project));
      entries.forEach((entry, i) => {
        const official = rows[i];
        // Bit for bit: Object.is distinguishes every double (and −0 from 0).
        expect(Object.is(entry.score, official?.score)).toBe(true);
        expect(Object.is(entry.officialScore, official?.score)).toBe(true);
        expect(entry.rank).toBe(official?.rank);
        expect(entry.officialRank).toBe(official?.rank);
        expect(entry.rankChange).toBe(0);
      });
    }
  }
}

describe('whatIf: the official weights reproduce the official results exactly', () => {
  it('on the fixture edition (nested groups, exclude / mean / zero, populations by category)', () => {
    const input = fixtureEdition();
    expectOfficialReproduced(input, scoreEdition(input));
  });

  it('on seeded random methodologies and populations (geometric nodes, zero weights, gaps)', () => {
    for (const seed of ['a', 'b', 'c', 'd', 'e', 'f']) {
      const input = randomEdition(`what-if-${seed}`, { projects: 60 });
      expectOfficialReproduced(input, scoreEdition(input));
    }
  });

  it('does not depend on the order of the rows', () => {
    const input = fixtureEdition();
    const scores = scoreEdition(input);
    const rows = scores.dimensions[0]?.entries ?? [];
    const a = whatIf(prepareWhatIf({ methodology: input.methodology, dimension: 'model', projects: rows }), [
      { node: 'adoption', weight: 90 },
    ]);
    const b = whatIf(
      prepareWhatIf({ methodology: input.methodology, dimension: 'model', projects: [...rows].reverse() }),
      [{ node: 'adoption', weight: 90 }],
    );
    expect(b).toEqual(a);
  });
});

describe('whatIf: re-aggregation with other weights', () => {
  // Three projects and two min–max indicators: x = (0, 1), y = (1, 0), z = (½, ½) after normalisation.
  const m = methodology({
    indicators: [
      { key: 'a', name: 'A' },
      { key: 'b', name: 'B' },
      { key: 'c', name: 'C', missing: 'exclude' },
    ],
    dimensions: [
      {
        key: 'dim',
        name: 'Dim',
        children: [
          { key: 'left', name: 'Left', weight: 1, children: [{ indicator: 'a' }] },
          {
            key: 'right',
            name: 'Right',
            weight: 1,
            children: [{ indicator: 'b' }, { indicator: 'c', weight: 0 }],
          },
        ],
      },
    ],
  });
  const obs = observations([
    ['x', 'a', 0],
    ['x', 'b', 10],
    ['x', 'c', 0],
    ['y', 'a', 10],
    ['y', 'b', 0],
    ['y', 'c', 10],
    ['z', 'a', 5],
    ['z', 'b', 5],
  ]);
  const model = () =>
    prepareWhatIf({
      methodology: m,
      dimension: 'dim',
      projects: scoreEdition({ methodology: m, observations: obs }).dimensions[0]?.entries ?? [],
    });

  it('reweights groups: left 3 : right 1 gives y 75, z 50, x 25 (all 50 officially)', () => {
    const entries = whatIf(model(), [{ node: 'left', weight: 3 }]);
    expect(
      entries.map((e) => [e.project, e.score, e.rank, e.officialScore, e.officialRank, e.rankChange]),
    ).toEqual([
      ['y', 75, 1, 50, 1, 0],
      ['z', 50, 2, 50, 1, -1],
      ['x', 25, 3, 50, 1, -2],
    ]);
  });

  it('reweights indicators and rescales over present children (c is left out for z)', () => {
    // right = (b·1 + c·1) / 2 for x, y; z has no c, so its right is b alone: ½.
    const entries = whatIf(model(), [{ node: 'c', weight: 1 }]);
    const byProject = Object.fromEntries(entries.map((e) => [e.project, e]));
    expect(byProject.x?.score).toBeCloseTo(25, 12); // (0 + (1 + 0)/2) / 2
    expect(byProject.y?.score).toBeCloseTo(75, 12); // (1 + (0 + 1)/2) / 2
    expect(byProject.z?.score).toBeCloseTo(50, 12); // (½ + ½) / 2
    expect(entries.map((e) => e.rank)).toEqual([1, 2, 3]);
  });

  it('a zero weight drops a child; ties share the best rank and are listed by slug', () => {
    const entries = whatIf(model(), [{ node: 'left', weight: 0 }]);
    expect(entries.map((e) => [e.project, e.score, e.rank])).toEqual([
      ['x', 100, 1],
      ['z', 50, 2],
      ['y', 0, 3],
    ]);
    const tied = whatIf(model(), [
      { node: 'left', weight: 2 },
      { node: 'right', weight: 2 },
    ]);
    expect(tied.map((e) => [e.project, e.rank])).toEqual([
      ['x', 1],
      ['y', 1],
      ['z', 1],
    ]);
  });

  const refusal = (run: () => unknown): WhatIfError => {
    try {
      run();
    } catch (error) {
      return error as WhatIfError;
    }
    throw new Error('expected a WhatIfError');
  };
  const validKeys = ['left', 'a', 'right', 'b', 'c'];

  it.each([
    [[{ node: 'nope', weight: 1 }], 'UNKNOWN_NODE', 0, 'node'],
    [
      [
        { node: 'left', weight: 1 },
        { node: 'dim', weight: 1 },
      ],
      'UNKNOWN_NODE',
      1,
      'node',
    ],
    [
      [
        { node: 'left', weight: 1 },
        { node: 'left', weight: 2 },
      ],
      'DUPLICATE_NODE',
      1,
      'node',
    ],
    [[{ node: 'a', weight: -1 }], 'INVALID_WEIGHT', 0, 'weight'],
    [[{ node: 'a', weight: Number.NaN }], 'INVALID_WEIGHT', 0, 'weight'],
    [[{ node: 'b', weight: Number.POSITIVE_INFINITY }], 'INVALID_WEIGHT', 0, 'weight'],
    [
      [
        { node: 'b', weight: 2 },
        { node: 'left', weight: 0 },
        { node: 'right', weight: 0 },
      ],
      'ZERO_WEIGHTS',
      2,
      'weight',
    ],
    [
      [
        { node: 'b', weight: 0 },
        { node: 'left', weight: 3 },
      ],
      'ZERO_WEIGHTS',
      0,
      'weight',
    ],
    [[{ node: 'a', weight: 0 }], 'ZERO_WEIGHTS', 0, 'weight'],
  ])('refuses %j with %s at weights[%i].%s, listing the valid keys', (overrides, code, index, field) => {
    const error = refusal(() => whatIf(model(), overrides));
    expect(error.name).toBe('WhatIfError');
    expect(error).toMatchObject({ code, index, field, path: `weights[${index}].${field}`, validKeys });
    expect(error.message).toContain(`weights[${index}].${field}`);
  });

  it('names the group whose children would all weigh 0', () => {
    const error = refusal(() => whatIf(model(), [{ node: 'b', weight: 0 }]));
    expect(error.message).toMatch(/group right \(b, c\)/);
    const root = refusal(() =>
      whatIf(model(), [
        { node: 'left', weight: 0 },
        { node: 'right', weight: 0 },
      ]),
    );
    expect(root.message).toMatch(/root of dimension dim \(left, right\)/);
  });

  it('refuses an unknown dimension, a duplicate project and a bad normalised value', () => {
    const rows = scoreEdition({ methodology: m, observations: obs }).dimensions[0]?.entries ?? [];
    expect(refusal(() => prepareWhatIf({ methodology: m, dimension: 'Dim', projects: rows }))).toMatchObject({
      code: 'UNKNOWN_DIMENSION',
      validKeys: ['dim'],
    });
    expect(
      refusal(() =>
        prepareWhatIf({
          methodology: m,
          dimension: 'dim',
          projects: [...rows, rows[1] as (typeof rows)[number]],
        }),
      ),
    ).toMatchObject({ code: 'DUPLICATE_PROJECT', index: 3, path: 'projects[3].project' });
    const broken = [
      rows[0],
      {
        project: 'w',
        indicators: { a: { normalized: 0.5 }, b: { normalized: 1.5 }, c: { normalized: null } },
      },
    ];
    expect(
      refusal(() => prepareWhatIf({ methodology: m, dimension: 'dim', projects: broken as typeof rows })),
    ).toMatchObject({ code: 'INVALID_NORMALIZED', index: 1, path: 'projects[1].indicators.b' });
    const lacking = [{ project: 'w', indicators: { a: { normalized: 0.5 }, b: { normalized: 1 } } }];
    expect(
      refusal(() => prepareWhatIf({ methodology: m, dimension: 'dim', projects: lacking })),
    ).toMatchObject({
      code: 'INVALID_NORMALIZED',
      path: 'projects[0].indicators.c',
    });
  });
});

describe('whatIf: scale', () => {
  it('re-aggregates 2000 projects from one prepared model (same results as scoring with those weights)', () => {
    const input = randomEdition('what-if-large', { projects: 2000, dimensions: 1 });
    const scores = scoreEdition(input);
    const dimension = scores.dimensions[0];
    const model: WhatIfModel = prepareWhatIf({
      methodology: input.methodology,
      dimension: dimension?.key ?? '',
      projects: dimension?.entries ?? [],
    });
    const topLevel = input.methodology.dimensions[0]?.children ?? [];
    const first = topLevel[0];
    const key = first && ('indicator' in first ? first.indicator : first.key);
    const entries = whatIf(model, [{ node: key ?? '', weight: 17 }]);
    // The same as scoring from scratch with a methodology carrying that weight.
    const changed = structuredClone(input.methodology);
    const target = changed.dimensions[0]?.children[0];
    if (target) target.weight = 17;
    const rescored = scoreEdition({ ...input, methodology: changed }).dimensions[0]?.entries ?? [];
    expect(entries.map((e) => [e.project, e.score, e.rank])).toEqual(
      rescored.map((e) => [e.project, e.score, e.rank]),
    );
  });
});

describe('whatIfPage: one window of the what-if list, the same entries as whatIf', () => {
  const m = methodology({
    indicators: [
      { key: 'a', name: 'A' },
      { key: 'b', name: 'B' },
      { key: 'c', name: 'C', missing: 'exclude' },
    ],
    dimensions: [
      {
        key: 'dim',
        name: 'Dim',
        children: [
          { key: 'left', name: 'Left', weight: 1, children: [{ indicator: 'a' }] },
          { key: 'right', name: 'Right', weight: 1, children: [{ indicator: 'b' }, { indicator: 'c' }] },
        ],
      },
    ],
  });
  /** A deterministic generator (mulberry32), so a failure names its seed. */
  const generator = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /**
   * n projects whose values come from a few levels — many exact ties — some nudged by 1e-12 (ties
   * within the tolerance that are not equal) and some missing.
   */
  function tiedModel(n: number, seed: number): WhatIfModel {
    const random = generator(seed);
    const level = () => {
      const x = Math.floor(random() * 4) / 3;
      return random() < 0.2 ? Math.min(1, x + 1e-12) : x;
    };
    return prepareWhatIf({
      methodology: m,
      dimension: 'dim',
      projects: Array.from({ length: n }, (_, k) => ({
        project: `p${String(k).padStart(4, '0')}`,
        indicators: {
          a: { normalized: level() },
          b: { normalized: level() },
          c: { normalized: random() < 0.3 ? null : level() },
        },
      })),
    });
  }

  it('equals whatIf sliced, for windows at the top, across tie groups, deep and past the end', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const model = tiedModel(400 + seed * 37, seed);
      for (const overrides of [[], [{ node: 'left', weight: 3 }], [{ node: 'c', weight: 0.5 }]]) {
        const all = whatIf(model, overrides);
        for (const [offset, limit] of [
          [0, 1],
          [0, 21],
          [0, 51],
          [7, 13],
          [40, 61],
          [99, 2],
          [150, 100],
          [all.length - 3, 10],
          [all.length + 5, 10],
          [0, 0],
        ] as const) {
          const page = whatIfPage(model, overrides, { offset, limit });
          expect(page.total, `seed ${seed} window ${offset}+${limit}`).toBe(all.length);
          expect(page.entries, `seed ${seed} window ${offset}+${limit}`).toEqual(
            all.slice(offset, offset + limit),
          );
        }
      }
    }
  });

  it('refuses a window that is not two non-negative integers, and bad weights as whatIf does', () => {
    const model = tiedModel(20, 9);
    expect(() => whatIfPage(model, [], { offset: -1, limit: 5 })).toThrow(RangeError);
    expect(() => whatIfPage(model, [], { offset: 0, limit: 1.5 })).toThrow(RangeError);
    expect(() => whatIfPage(model, [{ node: 'nope', weight: 1 }], { offset: 0, limit: 5 })).toThrow(
      /not a node of dimension dim/,
    );
  });
});
