import { describe, expect, it } from 'vitest';
import {
  prepareWhatIf,
  type RankBoundsReport,
  rankBounds,
  scoreEdition,
  type WeightOverride,
  type WhatIfModel,
  whatIf,
} from '../src/index';
import { methodology, observations } from './helpers';
import { type RandomEditionOptions, randomEdition } from './random-edition';

function modelOf(seed: string, options: RandomEditionOptions): WhatIfModel {
  const input = randomEdition(seed, { dimensions: 1, ...options });
  const dimension = scoreEdition(input).dimensions[0];
  return prepareWhatIf({
    methodology: input.methodology,
    dimension: dimension?.key ?? '',
    projects: dimension?.entries ?? [],
  });
}

/** Rank of every project (by slug) with these weights, through whatIf. */
function ranksWith(model: WhatIfModel, weights: WeightOverride[]): Map<string, number> {
  return new Map(whatIf(model, weights).map((e) => [e.project, e.rank]));
}

/** Every bound is what whatIf gives with its weights, and the weights lie in the box. */
function expectCertified(model: WhatIfModel, report: RankBoundsReport) {
  const box = new Map(report.weights.map((w) => [w.node, w]));
  for (const entry of report.entries) {
    for (const [rank, weights] of [
      [entry.bestRank, entry.bestWeights],
      [entry.worstRank, entry.worstWeights],
    ] as const) {
      expect(ranksWith(model, weights).get(entry.project)).toBe(rank);
      for (const { node, weight } of weights) {
        const limits = box.get(node);
        if (limits === undefined) expect(weight).toBe(0);
        else {
          expect(weight).toBeGreaterThanOrEqual(limits.min);
          expect(weight).toBeLessThanOrEqual(limits.max);
        }
      }
    }
    expect(entry.bestRank).toBeLessThanOrEqual(entry.officialRank);
    expect(entry.worstRank).toBeGreaterThanOrEqual(entry.officialRank);
  }
}

/** Best and worst rank of every project over a dense grid of the box (the brute force). */
function gridBounds(model: WhatIfModel, report: RankBoundsReport, steps: number) {
  const best = new Map<string, number>();
  const worst = new Map<string, number>();
  const k = report.weights.length;
  const index = new Array<number>(k).fill(0);
  for (;;) {
    const weights = report.weights.map((w, j) => ({
      node: w.node,
      weight: w.min + ((w.max - w.min) * (index[j] as number)) / (steps - 1),
    }));
    for (const [project, rank] of ranksWith(model, weights)) {
      best.set(project, Math.min(best.get(project) ?? rank, rank));
      worst.set(project, Math.max(worst.get(project) ?? rank, rank));
    }
    let j = 0;
    while (j < k && index[j] === steps - 1) index[j++] = 0;
    if (j === k) break;
    index[j] = (index[j] as number) + 1;
  }
  return { best, worst };
}

function expectAtLeastGrid(model: WhatIfModel, report: RankBoundsReport, steps: number) {
  const grid = gridBounds(model, report, steps);
  let tighterSomewhere = false;
  for (const entry of report.entries) {
    expect(entry.bestRank, `${entry.project} best`).toBeLessThanOrEqual(grid.best.get(entry.project) ?? 0);
    expect(entry.worstRank, `${entry.project} worst`).toBeGreaterThanOrEqual(
      grid.worst.get(entry.project) ?? 0,
    );
    if (entry.bestRank !== entry.worstRank) tighterSomewhere = true;
  }
  // The case must exercise something: some rank moves within the box.
  expect(tighterSomewhere).toBe(true);
}

describe('rankBounds: a hand-worked case', () => {
  // x = (0, 1), y = (1, 0), z = (½, ½) on two top-level indicators of weight 1, band ½: w ∈ [½, 3⁄2]².
  // x scores w₂/(w₁ + w₂) ∈ [¼, ¾], y the mirror, z always ½; all three tie at w₁ = w₂.
  const m = methodology({
    indicators: [
      { key: 'a', name: 'A' },
      { key: 'b', name: 'B' },
    ],
    dimensions: [{ key: 'dim', name: 'Dim', children: [{ indicator: 'a' }, { indicator: 'b' }] }],
  });
  const obs = observations([
    ['x', 'a', 0],
    ['x', 'b', 10],
    ['y', 'a', 10],
    ['y', 'b', 0],
    ['z', 'a', 5],
    ['z', 'b', 5],
  ]);
  const model = prepareWhatIf({
    methodology: m,
    dimension: 'dim',
    projects: scoreEdition({ methodology: m, observations: obs }).dimensions[0]?.entries ?? [],
  });

  it('x and y reach 1 and 3; z reaches 1 only at the tie and is 2nd otherwise', () => {
    const report = rankBounds(model);
    expect(report.method).toBe('exact');
    expect(report.weights).toEqual([
      { node: 'a', official: 1, min: 0.5, max: 1.5 },
      { node: 'b', official: 1, min: 0.5, max: 1.5 },
    ]);
    expect(report.entries.map((e) => [e.project, e.officialRank, e.bestRank, e.worstRank])).toEqual([
      ['x', 1, 1, 3],
      ['y', 1, 1, 3],
      ['z', 1, 1, 2],
    ]);
    expectCertified(model, report);
  });

  it('band 0 changes nothing; a band outside [0, 1) is refused', () => {
    const report = rankBounds(model, { band: 0 });
    expect(report.entries.map((e) => [e.bestRank, e.worstRank])).toEqual([
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
    for (const band of [-0.1, 1, Number.NaN, 2]) {
      expect(() => rankBounds(model, { band })).toThrow(
        expect.objectContaining({ code: 'INVALID_OPTION', path: 'band' }),
      );
    }
  });
});

describe('rankBounds: the exact method is never worse than a dense grid, and every bound is certified', () => {
  it.each(['a', 'b', 'c', 'd'])('k = 2, arithmetic root, 12 projects (seed %s)', (seed) => {
    const model = modelOf(`bounds-2-${seed}`, { projects: 12, topLevel: 2, rootAggregate: 'arithmetic' });
    const report = rankBounds(model);
    expect(report.method).toBe('exact');
    expectCertified(model, report);
    expectAtLeastGrid(model, report, 201);
  });

  it.each(['a', 'b'])('k = 2 with top-level children left out for some projects (seed %s)', (seed) => {
    const model = modelOf(`bounds-2x-${seed}`, {
      projects: 12,
      topLevel: 2,
      rootAggregate: 'arithmetic',
      missing: ['exclude'],
      gap: 0.55,
    });
    const rows = whatIf(model, []);
    expect(rows.length).toBe(12);
    const report = rankBounds(model);
    expect(report.method).toBe('exact');
    expectCertified(model, report);
    expectAtLeastGrid(model, report, 201);
  });

  it.each(['a', 'b'])('k = 2, geometric root (seed %s)', (seed) => {
    const model = modelOf(`bounds-2g-${seed}`, { projects: 12, topLevel: 2, rootAggregate: 'geometric' });
    const report = rankBounds(model);
    expect(report.method).toBe('exact');
    expectCertified(model, report);
    expectAtLeastGrid(model, report, 201);
  });

  it.each(['a', 'b', 'c'])('k = 3, arithmetic root, 12 projects (seed %s)', (seed) => {
    const model = modelOf(`bounds-3-${seed}`, {
      projects: 12,
      topLevel: 3,
      rootAggregate: 'arithmetic',
      missing: ['zero'],
    });
    const report = rankBounds(model);
    expect(report.method).toBe('exact');
    expectCertified(model, report);
    expectAtLeastGrid(model, report, 31);
  });

  it('k = 3, geometric root, 10 projects', () => {
    const model = modelOf('bounds-3g', {
      projects: 10,
      topLevel: 3,
      rootAggregate: 'geometric',
      missing: ['zero'],
    });
    const report = rankBounds(model);
    expect(report.method).toBe('exact');
    expectCertified(model, report);
    expectAtLeastGrid(model, report, 31);
  });

  it('a narrower band gives nested bounds (exact method)', () => {
    const model = modelOf('bounds-nested', {
      projects: 12,
      topLevel: 3,
      rootAggregate: 'arithmetic',
      missing: ['zero'],
    });
    const wide = rankBounds(model, { band: 0.5 });
    const narrow = rankBounds(model, { band: 0.2 });
    expectCertified(model, narrow);
    narrow.entries.forEach((entry, i) => {
      expect(entry.bestRank).toBeGreaterThanOrEqual(wide.entries[i]?.bestRank ?? 0);
      expect(entry.worstRank).toBeLessThanOrEqual(wide.entries[i]?.worstRank ?? 0);
    });
    expect(narrow.weights.map((w) => w.max / w.official)).toEqual(narrow.weights.map(() => 1.2));
  });
});

describe('rankBounds: the search (k ≥ 4, or k = 3 with different children left out)', () => {
  it('k = 4: certified bounds at least as wide as every box vertex and the official weights', () => {
    const model = modelOf('bounds-4', { projects: 12, topLevel: 4, rootAggregate: 'arithmetic' });
    const report = rankBounds(model);
    expect(report.method).toBe('search');
    expectCertified(model, report);
    // The vertices (steps = 2) are all starting points of the search: it can only do better.
    expectAtLeastGrid(model, report, 2);
  });

  it('k = 3 with top-level children left out for some projects is searched, not solved exactly', () => {
    const model = modelOf('bounds-3x', {
      projects: 12,
      topLevel: 3,
      rootAggregate: 'arithmetic',
      missing: ['exclude'],
      gap: 0.6,
    });
    const report = rankBounds(model);
    expect(report.method).toBe('search');
    expectCertified(model, report);
  });

  it('k = 4, geometric root: searched and certified', () => {
    const model = modelOf('bounds-4g', { projects: 12, topLevel: 4, rootAggregate: 'geometric' });
    const report = rankBounds(model);
    expect(report.method).toBe('search');
    expectCertified(model, report);
  });
});
