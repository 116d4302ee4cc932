import { neumaierSum } from './neumaier-sum';
import { presentValues } from './present-values';

/**
 * Arithmetic mean of the present (non-NaN) values, x̄ = (Σ xᵢ) / n, with the sum computed by
 * Neumaier compensated summation ({@link neumaierSum}).
 *
 * Complexity: O(n).
 *
 * @returns the mean, or NaN when no value is present
 * @example
 * mean([1, 2, NaN, 6]) // → 3
 * mean([NaN])          // → NaN
 */
export function mean(values: ArrayLike<number>): number {
  const present = presentValues(values);
  return present.length === 0 ? Number.NaN : neumaierSum(present) / present.length;
}
