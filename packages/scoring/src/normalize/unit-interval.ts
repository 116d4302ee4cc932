import { DomainError } from '../errors';

/**
 * `none` normalisation (docs/methodology-format.md step 6): values already on [0, 1] (shares, rubric scores)
 * are used as they are; anything outside is an error rather than being clipped silently.
 * NaN (missing) stays NaN.
 *
 * Complexity: O(n).
 *
 * @param out where to write; may be `values` itself
 * @throws {DomainError} at the first present value outside [0, 1], with its index
 * @example
 * unitInterval(Float64Array.of(0, 0.25, 1)) // → [0, 0.25, 1]
 * unitInterval(Float64Array.of(1.5))        // throws DomainError (index 0)
 */
export function unitInterval(
  values: Float64Array,
  out: Float64Array = new Float64Array(values.length),
): Float64Array {
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    if (x < 0 || x > 1) throw new DomainError(`normalize "none" needs a value in [0, 1], not ${x}`, i, x);
    out[i] = x;
  }
  return out;
}
