import type { CombineMethod } from '../methodology/types';
import { sortFloat64 } from '../rank/sort-float64';
import { neumaierSum } from '../stats/neumaier-sum';
import { quantileType7 } from '../stats/quantile-type7';

/**
 * Combines several evidence values of one project and one indicator into one raw value
 * (docs/methodology-format.md step 2), for all methods but `latest` (it needs dates: see `compareRecency`):
 *
 * - `sum`:    Σ xᵢ (Neumaier-compensated, over the values in ascending order so the result never
 *             depends on input order)
 * - `max`, `min`
 * - `mean`:   Σ xᵢ / k
 * - `median`: the type-7 quantile at ½ (mean of the two middle values when k is even)
 * - `count`:  k, the number of evidence values (their values are ignored)
 *
 * Complexity: O(k log k) for k values (one sort).
 *
 * @param values the k ≥ 1 values (not modified)
 * @throws {RangeError} when `values` is empty (no evidence is "missing", not a combined value)
 * @example
 * combineValues([3, 1, 2], 'median') // → 2
 * combineValues([3, 1, 2], 'count')  // → 3
 */
export function combineValues(values: ArrayLike<number>, method: Exclude<CombineMethod, 'latest'>): number {
  const k = values.length;
  if (k === 0) throw new RangeError('combine of no values');
  if (method === 'count') return k;
  const sorted = sortFloat64(Float64Array.from(values));
  switch (method) {
    case 'sum':
      return neumaierSum(sorted);
    case 'max':
      return sorted[k - 1] as number;
    case 'min':
      return sorted[0] as number;
    case 'mean':
      return neumaierSum(sorted) / k;
    case 'median':
      return quantileType7(sorted, 0.5);
  }
}
