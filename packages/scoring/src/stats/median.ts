import { sortedPresentValues } from './present-values';
import { quantileType7 } from './quantile-type7';

/**
 * Median of the present (non-NaN) values: the middle order statistic, or the mean of the two middle
 * ones when n is even — the type-7 quantile at p = ½ ({@link quantileType7}).
 *
 * Complexity: O(n log n) (sorts a copy).
 *
 * @returns the median, or NaN when no value is present
 * @example
 * median([5, 1, 3])    // → 3
 * median([4, 1, 3, 2]) // → 2.5
 */
export function median(values: ArrayLike<number>): number {
  const sorted = sortedPresentValues(values);
  return sorted.length === 0 ? Number.NaN : quantileType7(sorted, 0.5);
}
