/**
 * Type-7 quantiles (see `quantileType7`) of integer data, by counting instead of sorting: one pass
 * finds the range [lo, hi], a second counts each value (counting sort, H. H. Seward 1954), then each
 * requested order statistic is read off the cumulative counts:
 *
 *     h = (m − 1)·p,   Q(p) = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎)
 *
 * For Monte Carlo ranks — m samples of integers in a narrow band — this is O(m + range) instead of
 * O(m log m), and gives exactly the same numbers as sorting.
 *
 * Source: R. J. Hyndman & Y. Fan (1996), The American Statistician 50(4):361–365, definition 7;
 * D. E. Knuth, The Art of Computer Programming, vol. 3, §5.2 (counting sort).
 *
 * Complexity: O(m + range · probabilities).
 *
 * @param values integers (not checked; non-integers would be truncated), read in [from, to)
 * @param counts scratch space of length ≥ hi − lo + 1 (e.g. n + 1 for ranks 1..n)
 * @throws {RangeError} when the range is empty, a probability is outside [0, 1] or `counts` is too short
 * @example
 * integerQuantilesType7(Float64Array.of(3, 1, 2, 4), 0, 4, [0.25, 0.5], new Int32Array(5)) // → [1.75, 2.5]
 */
export function integerQuantilesType7(
  values: ArrayLike<number>,
  from: number,
  to: number,
  probabilities: readonly number[],
  counts: Int32Array,
): number[] {
  const m = to - from;
  if (m <= 0) throw new RangeError('quantile of an empty sample');
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = from; i < to; i++) {
    const x = values[i] as number;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  const range = hi - lo + 1;
  if (range > counts.length) throw new RangeError(`counts needs ${range} slots, has ${counts.length}`);
  counts.fill(0, 0, range);
  for (let i = from; i < to; i++) {
    const slot = (values[i] as number) - lo;
    counts[slot] = (counts[slot] as number) + 1;
  }
  /** The j-th smallest value (0-based). */
  const orderStatistic = (j: number): number => {
    let seen = 0;
    for (let v = 0; v < range; v++) {
      seen += counts[v] as number;
      if (seen > j) return lo + v;
    }
    return hi;
  };
  return probabilities.map((p) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile probability must be in [0, 1], not ${p}`);
    const h = (m - 1) * p;
    const below = Math.floor(h);
    const x = orderStatistic(below);
    const fraction = h - below;
    return fraction === 0 || below + 1 >= m ? x : x + fraction * (orderStatistic(below + 1) - x);
  });
}
