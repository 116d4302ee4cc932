/**
 * Goalpost normalisation (`goalposts`, docs/methodology-format.md step 6): fixed bounds, clipped to [0, 1]:
 *
 *     v = min(1, max(0, (x − lo) / (hi − lo)))
 *
 * `lo` and `hi` are in the units of `values`, i.e. the caller applies the indicator's transform to
 * the methodology's raw-unit bounds first (as the UNDP does for income: ln 100 and ln 75 000).
 * NaN (missing) stays NaN.
 *
 * Source: UNDP Human Development Report Office, "Technical notes" (dimension indices of the HDI).
 *
 * Complexity: O(n).
 *
 * @param out where to write; may be `values` itself
 * @throws {RangeError} unless lo < hi (both finite)
 * @example
 * goalposts(Float64Array.of(81.6, 90, 10), 20, 85) // → [0.9476923076923077, 1, 0]
 */
export function goalposts(
  values: Float64Array,
  lo: number,
  hi: number,
  out: Float64Array = new Float64Array(values.length),
): Float64Array {
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi)) {
    throw new RangeError(`goalposts need finite lo < hi, not [${lo}, ${hi}]`);
  }
  const range = hi - lo;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    out[i] = Math.min(Math.max((x - lo) / range, 0), 1);
  }
  return out;
}
