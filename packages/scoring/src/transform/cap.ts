import type { CapSpec } from '../methodology/types';

/**
 * Caps raw values: x ↦ min(max(x, cap.min), cap.max), bounds optional (docs/methodology-format.md step 3).
 * NaN (a missing value) stays NaN.
 *
 * Complexity: O(n).
 *
 * @param out where to write; may be `values` itself (in place)
 * @example
 * capValues(Float64Array.of(-5, 3, 500), { min: 0, max: 100 }) // → [0, 3, 100]
 */
export function capValues(
  values: Float64Array,
  cap: CapSpec | undefined,
  out: Float64Array = new Float64Array(values.length),
): Float64Array {
  const lo = cap?.min ?? Number.NEGATIVE_INFINITY;
  const hi = cap?.max ?? Number.POSITIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    out[i] = Math.min(Math.max(x, lo), hi);
  }
  return out;
}
