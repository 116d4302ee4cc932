import type { RandomSource } from './sfc32';

/**
 * mulberry32, Tommy Ettinger's 32-bit generator: one 32-bit state advanced by the Weyl increment
 * 0x6d2b79f5 and scrambled by three xor-shift-multiply rounds; period 2³². Each call returns a
 * multiple of 2⁻³² in [0, 1). Fast and small, good enough for demo and synthetic data (the platform's
 * seeded data sets are drawn with it, so its output must never change); the Monte Carlo analysis uses
 * the stronger {@link sfc32} through {@link createSeededRandom}.
 *
 * Source: T. Ettinger, mulberry32 (public domain C, 2017), as in bryc's "PRNGs in JavaScript".
 *
 * Complexity: O(1) per number.
 *
 * @example
 * const random = mulberry32(42);
 * random(); // → 0.6011037519201636 on every platform
 */
export function mulberry32(seed: number): RandomSource {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
