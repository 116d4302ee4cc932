/**
 * `direction: "lower"` (docs/methodology-format.md step 7): v ↦ 1 − v on normalised values, so the best value
 * (the lowest) gets the highest normalised score. NaN (missing) stays NaN.
 *
 * Complexity: O(n).
 *
 * @param out where to write; may be `values` itself
 * @example
 * reverseDirection(Float64Array.of(0, 0.25, 1)) // → [1, 0.75, 0]
 */
export function reverseDirection(
  values: Float64Array,
  out: Float64Array = new Float64Array(values.length),
): Float64Array {
  for (let i = 0; i < values.length; i++) out[i] = 1 - (values[i] as number);
  return out;
}
