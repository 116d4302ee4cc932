import { sortFloat64 } from '../rank/sort-float64';

/**
 * The non-NaN entries of `values`, in order. Throughout the engine NaN marks a missing value
 * (no evidence, or an indicator left out), so statistics over "the projects that have a value" are
 * statistics over these entries.
 *
 * Complexity: O(n).
 *
 * @example
 * presentValues([3, NaN, 1]) // → Float64Array [3, 1]
 */
export function presentValues(values: ArrayLike<number>): Float64Array {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) count++;
  const out = new Float64Array(count);
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    if (!Number.isNaN(x)) out[k++] = x;
  }
  return out;
}

/**
 * The non-NaN entries of `values` sorted ascending ({@link sortFloat64}).
 *
 * Complexity: O(n log n).
 */
export function sortedPresentValues(values: ArrayLike<number>): Float64Array {
  return sortFloat64(presentValues(values));
}
