/**
 * The demo and synthetic data are drawn from the scoring package's generators (mulberry32 seeded by
 * FNV-1a, packages/scoring/src/random): these values pin them, so the data sets — and the content
 * hashes of editions computed on them — stay the same on every machine and after any refactoring.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateSynthetic, hashString, hashUniform, mulberry32, normalFrom } from '../src/index';

describe('seeded randomness of the demo and synthetic data', () => {
  it('hashString is FNV-1a 32 (draft-eastlake-fnv test vectors) and mulberry32 its reference sequence', () => {
    expect([hashString(''), hashString('a'), hashString('foobar')]).toEqual([
      0x811c9dc5, 0xe40c292c, 0xbf9cf968,
    ]);
    // T. Ettinger's C reference, run independently in Python for seed 42.
    const random = mulberry32(42);
    expect([random(), random()]).toEqual([0.6011037519201636, 0.44829055899754167]);
  });

  it('hashUniform and normalFrom give the values the demo data was drawn with', () => {
    // Obtained once at the commit that moved the generator into packages/scoring, before the move.
    expect(hashUniform(2026, 'vllm', 'level')).toBe(0.8686624031979591);
    // Box–Muller: u1 = 1/4, u2 = 3/4 gives √(−2 ln ¾) · cos(3π/2) ≈ 0.
    expect(normalFrom(0.25, 0.75)).toBeCloseTo(0, 12);
    expect(normalFrom(0.5, 0)).toBeCloseTo(Math.sqrt(2 * Math.LN2), 12);
  });

  it('generateSynthetic({ projects: 20, seed: 7 }) is the same data set as before the generator moved', () => {
    const data = generateSynthetic({ projects: 20, seed: 7 });
    const evidence = [...data.evidence()];
    const text = JSON.stringify({ o: [...data.organizations()], p: [...data.projects()], e: evidence });
    // SHA-256 of that JSON, obtained once before the generator moved into packages/scoring.
    expect(evidence).toHaveLength(2000);
    expect(createHash('sha256').update(text).digest('hex')).toBe(
      '785f13c15d2ba5f1d5429621fb8efba5ddc52207fd79d0afb7cce6d307f4d6cd',
    );
  });
});
