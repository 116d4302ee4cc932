import { neumaierSum } from './neumaier-sum';
import { presentValues } from './present-values';

/**
 * Population standard deviation (n denominator) of the present (non-NaN) values,
 *
 *     σ = √( Σ (xᵢ − x̄)² / n )
 *
 * computed in two passes (mean first, then squared deviations), both sums compensated — the
 * numerically stable scheme recommended by Chan, Golub & LeVeque (1983), "Algorithms for computing
 * the sample variance: analysis and recommendations", The American Statistician 37(3):242–247.
 * The one-pass "E[x²] − E[x]²" formula is avoided: it cancels catastrophically for large, close values.
 *
 * Complexity: O(n).
 *
 * @returns σ, 0 for a single value, NaN when no value is present
 * @example
 * populationStandardDeviation([2, 4, 4, 4, 5, 5, 7, 9]) // → 2
 */
export function populationStandardDeviation(values: ArrayLike<number>): number {
  const present = presentValues(values);
  const n = present.length;
  if (n === 0) return Number.NaN;
  const mean = neumaierSum(present) / n;
  for (let i = 0; i < n; i++) {
    const d = (present[i] as number) - mean;
    present[i] = d * d;
  }
  return Math.sqrt(neumaierSum(present) / n);
}
