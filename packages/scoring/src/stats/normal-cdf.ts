import { erfc } from './erfc';

/**
 * Standard normal cumulative distribution function,
 *
 *     Φ(z) = ½·erfc(−z/√2)
 *
 * Written with erfc rather than ½(1 + erf(z/√2)) so that the lower tail keeps full relative
 * accuracy (Φ(−10) ≈ 7.6e−24 instead of 0). Accuracy follows {@link erfc} (a few ulp).
 *
 * Source: M. Abramowitz & I. A. Stegun (1964), Handbook of Mathematical Functions, 26.2.2 and 7.1.2.
 *
 * Complexity: O(1).
 *
 * @example
 * normalCdf(0)     // → 0.5
 * normalCdf(1.96)  // → 0.9750021048517795
 * normalCdf(-1)    // → 0.158655253931457 (exact: 0.158655253931457051…)
 */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z * Math.SQRT1_2);
}
