/**
 * Sample quantile, Hyndman & Fan **type 7** (linear interpolation between order statistics), of
 * values already sorted in ascending order:
 *
 *     h = (n − 1)·p,   Q(p) = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎)      (0-based order statistics)
 *
 * so Q(0) is the minimum, Q(1) the maximum and Q(0.5) the usual median. This is the default of R's
 * `quantile()`, NumPy's `quantile(method="linear")`, Excel's `PERCENTILE.INC` and d3's `quantileSorted`.
 *
 * Source: R. J. Hyndman & Y. Fan (1996), "Sample quantiles in statistical packages", The American
 * Statistician 50(4):361–365, definition 7.
 *
 * Complexity: O(1) (the caller sorts, O(n log n), once for several quantiles).
 *
 * @param sorted ascending values, no NaN
 * @param p probability in [0, 1]
 * @throws {RangeError} when `sorted` is empty or `p` is outside [0, 1]
 * @example
 * quantileType7([1, 2, 3, 4], 0.25) // → 1.75 (R: quantile(1:4, 0.25) = 1.75)
 */
export function quantileType7(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('quantile of an empty sample');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile probability must be in [0, 1], not ${p}`);
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const below = sorted[lo] as number;
  if (lo + 1 >= n) return below;
  const above = sorted[lo + 1] as number;
  const fraction = h - lo;
  return fraction === 0 ? below : below + fraction * (above - below);
}
