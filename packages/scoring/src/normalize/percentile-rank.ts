import { sortedPresentValues } from '../stats/present-values';

/**
 * Percentile-rank normalisation (`rank`, docs/methodology-format.md step 6):
 *
 *     v = (#{values < x} + ½·#{other values = x}) / (n − 1)
 *
 * over the n present values, so the lowest distinct value gets 0, the highest 1, and tied values
 * share the mid-rank; a single value gets 1. Equality is exact (no tolerance). NaN (missing) stays NaN.
 *
 * This is the "mid-rank" empirical CDF rescaled so that the extremes reach 0 and 1: with r the
 * 1-based average rank of x, v = (r − 1)/(n − 1).
 *
 * Complexity: O(n log n) (one sort, then two binary searches per value).
 *
 * @param out where to write; may be `values` itself
 * @example
 * percentileRank(Float64Array.of(10, 20, 20, 40)) // → [0, 0.5, 0.5, 1]
 */
export function percentileRank(
  values: Float64Array,
  out: Float64Array = new Float64Array(values.length),
): Float64Array {
  const sorted = sortedPresentValues(values);
  const n = sorted.length;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    if (Number.isNaN(x)) {
      out[i] = x;
      continue;
    }
    if (n === 1) {
      out[i] = 1;
      continue;
    }
    const below = lowerBound(sorted, x);
    const equalOthers = upperBound(sorted, x) - below - 1;
    out[i] = (below + 0.5 * equalOthers) / (n - 1);
  }
  return out;
}

/** First index whose value is ≥ x. */
function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose value is > x. */
function upperBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
