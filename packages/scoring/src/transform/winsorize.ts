import { sortedPresentValues } from '../stats/present-values';
import { quantileType7 } from '../stats/quantile-type7';

/**
 * Winsorizing (docs/methodology-format.md step 5) clips present values to [Q(p), Q(1 − p)], the population's
 * type-7 quantiles ({@link quantileType7}: linear interpolation between order statistics), computed
 * over the present (non-NaN) values only. p = 0 leaves values unchanged (Q(0) = min, Q(1) = max).
 *
 * Source: the clipping form of C. Hastings, F. Mosteller, J. W. Tukey & C. P. Winsor (1947), "Low
 * moments for small samples: a comparative study of order statistics", Annals of Mathematical
 * Statistics 18(3):413–426; with type-7 quantiles as the bounds.
 *
 * Complexity: O(n log n) (one sort of the present values).
 *
 * @param p proportion clipped in each tail, 0 ≤ p < 0.5
 * @param out where to write; may be `values` itself
 * @throws {RangeError} when p is outside [0, 0.5)
 * @example
 * // Q(0.1) = 1.9 and Q(0.9) = 9.1 for the values 1..10:
 * winsorize(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 0.1) // → [1.9, 2, 3, …, 9, 9.1]
 */
export function winsorize(
  values: Float64Array,
  p: number,
  out: Float64Array = new Float64Array(values.length),
): Float64Array {
  if (!(p >= 0 && p < 0.5)) throw new RangeError(`winsorize proportion must be in [0, 0.5), not ${p}`);
  if (out !== values) out.set(values);
  if (p === 0) return out;
  const sorted = sortedPresentValues(values);
  if (sorted.length === 0) return out;
  const lo = quantileType7(sorted, p);
  const hi = quantileType7(sorted, 1 - p);
  for (let i = 0; i < out.length; i++) {
    const x = out[i] as number;
    if (x < lo) out[i] = lo;
    else if (x > hi) out[i] = hi;
  }
  return out;
}
