import { describe, expect, it } from 'vitest';
import { createSeededRandom, perturbWeights, runSensitivity, ScoringInputError, sfc32 } from '../src/index';
import { fixtureEdition, methodology, observations } from './helpers';

describe('sfc32(a, b, c, d) / createSeededRandom(seed)', () => {
  it('yields numbers in [0, 1), the same sequence for the same state', () => {
    const a = sfc32(1, 2, 3, 4);
    const b = sfc32(1, 2, 3, 4);
    const first = Array.from({ length: 1000 }, () => a());
    expect(first).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...first)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...first)).toBeLessThan(1);
  });

  it('follows the sfc32 recurrence: from state (0, 0, 0, 0) the outputs start 0, 1 (t = a + b + d, d counts up)', () => {
    // Worked by hand: step 1 outputs t = 0 and leaves a = b = c = 0, d = 1; step 2 outputs t = 0 + 0 + 1.
    const random = sfc32(0, 0, 0, 0);
    expect(random() * 2 ** 32).toBe(0);
    expect(random() * 2 ** 32).toBe(1);
  });

  it('a number seed and its decimal string are the same seed; different seeds differ', () => {
    const x = createSeededRandom(42);
    const y = createSeededRandom('42');
    const z = createSeededRandom(43);
    const xs = [x(), x(), x()];
    expect([y(), y(), y()]).toEqual(xs);
    expect([z(), z(), z()]).not.toEqual(xs);
  });

  it('is roughly uniform: mean of 100 000 draws within 0.005 of ½', () => {
    const random = createSeededRandom('uniformity');
    let sum = 0;
    for (let i = 0; i < 100_000; i++) sum += random();
    expect(Math.abs(sum / 100_000 - 0.5)).toBeLessThan(0.005);
  });
});

describe('perturbWeights(weights, delta, random)', () => {
  it('multiplies each weight by a factor in [1 − δ, 1 + δ], zero stays zero', () => {
    const random = createSeededRandom(1);
    for (let i = 0; i < 200; i++) {
      const out = perturbWeights(Float64Array.of(4, 0, 1), 0.25, random);
      expect(out[0]).toBeGreaterThanOrEqual(3);
      expect(out[0]).toBeLessThanOrEqual(5);
      expect(out[1]).toBe(0);
      expect(out[2]).toBeGreaterThanOrEqual(0.75);
      expect(out[2]).toBeLessThanOrEqual(1.25);
    }
  });

  it('δ = 0 leaves the weights unchanged', () => {
    expect(Array.from(perturbWeights(Float64Array.of(2, 3), 0, createSeededRandom(1)))).toEqual([2, 3]);
  });
});

describe('runSensitivity(input)', () => {
  const edition = { ...fixtureEdition(), cutoff: '2025-12-31' };

  it('same seed, same inputs → identical output', () => {
    const a = runSensitivity({ ...edition, samples: 300, seed: 'edition-2026' });
    const b = runSensitivity({ ...edition, samples: 300, seed: 'edition-2026' });
    expect(a).toEqual(b);
  });

  it('reports nominal, median and 5th–95th percentile ranks per project, ordered by nominal rank', () => {
    const report = runSensitivity({ ...edition, samples: 200, seed: 1 });
    expect(Object.keys(report)).toEqual(['model', 'system']);
    expect(report.model?.map((r) => [r.project, r.nominalRank])).toEqual([
      ['alpha', 1],
      ['beta', 2],
      ['gamma', 3],
    ]);
    for (const row of [...(report.model ?? []), ...(report.system ?? [])]) {
      expect(row.p05Rank).toBeLessThanOrEqual(row.medianRank);
      expect(row.medianRank).toBeLessThanOrEqual(row.p95Rank);
    }
  });

  it('δ = 0: every sample reproduces the nominal ranks', () => {
    const report = runSensitivity({ ...edition, samples: 20, seed: 5, delta: 0 });
    for (const rows of Object.values(report)) {
      for (const row of rows)
        expect([row.p05Rank, row.medianRank, row.p95Rank]).toEqual([
          row.nominalRank,
          row.nominalRank,
          row.nominalRank,
        ]);
    }
  });

  it('close contenders swap ranks under weight uncertainty; a dominant project does not', () => {
    // a leads on x (weight 1.05), b on y (weight 1): a's nominal lead is small and flips in many draws.
    // c is last on both and can never move up.
    const m = methodology({
      indicators: [
        { key: 'x', name: 'X' },
        { key: 'y', name: 'Y' },
      ],
      dimensions: [
        {
          key: 'd',
          name: 'D',
          children: [
            { indicator: 'x', weight: 1.05 },
            { indicator: 'y', weight: 1 },
          ],
        },
      ],
    });
    const rows = observations([
      ['a', 'x', 10],
      ['a', 'y', 0],
      ['b', 'x', 0],
      ['b', 'y', 10],
      ['c', 'x', -1],
      ['c', 'y', -1],
    ]);
    const report = runSensitivity({ methodology: m, observations: rows, samples: 1000, seed: 'swap' });
    const byProject = new Map(report.d?.map((r) => [r.project, r]));
    expect(byProject.get('a')).toMatchObject({ nominalRank: 1, p05Rank: 1, p95Rank: 2 });
    expect(byProject.get('b')).toMatchObject({ nominalRank: 2, p05Rank: 1, p95Rank: 2 });
    expect(byProject.get('c')).toMatchObject({ nominalRank: 3, p05Rank: 3, medianRank: 3, p95Rank: 3 });
  });

  it('an injected random source is used instead of the seed', () => {
    const a = runSensitivity({ ...edition, samples: 50, seed: 1, random: createSeededRandom('x') });
    const b = runSensitivity({ ...edition, samples: 50, seed: 2, random: createSeededRandom('x') });
    expect(a).toEqual(b);
  });

  it('different seeds give different draws for contested ranks', () => {
    const m = methodology({
      indicators: [
        { key: 'x', name: 'X' },
        { key: 'y', name: 'Y' },
      ],
      dimensions: [{ key: 'd', name: 'D', children: [{ indicator: 'x' }, { indicator: 'y' }] }],
    });
    // Ten projects on a line x + y = 10: every weight draw reorders them.
    const rows = observations(
      Array.from(
        { length: 10 },
        (_, i) =>
          [
            [`p${i}`, 'x', i],
            [`p${i}`, 'y', 10 - i],
          ] as Array<[string, string, number]>,
      ).flat(),
    );
    const one = runSensitivity({ methodology: m, observations: rows, samples: 7, seed: 1 });
    const two = runSensitivity({ methodology: m, observations: rows, samples: 7, seed: 2 });
    expect(one).not.toEqual(two);
  });

  it('refuses bad options', () => {
    expect(() => runSensitivity({ ...edition, samples: 0 })).toThrow(ScoringInputError);
    expect(() => runSensitivity({ ...edition, samples: 1.5 })).toThrow(ScoringInputError);
    expect(() => runSensitivity({ ...edition, delta: 1.5 })).toThrow(ScoringInputError);
  });
});
