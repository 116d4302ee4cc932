/**
 * Min–max normalisation over the population (`minmax`, docs/methodology-format.md step 6):
 *
 *     v = (x − min) / (max − min)
 *
 * with min and max taken over the present (non-NaN) values; when they are all equal (including a
 * single value) every present value gets 1 — nobody is below anybody, and a lone project should not
 * score 0. NaN (missing) stays NaN.
 *
 * Source: OECD/JRC (2008), Handbook on Constructing Composite Indicators, §5.2 "Min-Max".
 *
 * Complexity: O(n).
 *
 * @param out where to write; may be `values` itself
 * @example
 * minMax(Float64Array.of(10, 20, 30)) // → [0, 0.5, 1]
 * minMax(Float64Array.of(7, 7))       // → [1, 1]
 */
export function minMax(
  values: Float64Array,
  out: Float64Array = new Float64Array(values.length),
): Float64Array {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const range = max - min;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    out[i] = Number.isNaN(x) ? x : range > 0 ? (x - min) / range : 1;
  }
  return out;
}
