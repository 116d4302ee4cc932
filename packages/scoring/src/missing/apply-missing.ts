import type { MissingPolicy } from '../methodology/types';
import { mean } from '../stats/mean';

/**
 * Missing-value policy (docs/methodology-format.md step 8), on normalised values where NaN marks a project
 * without evidence:
 *
 * - `zero`:    the project gets 0;
 * - `exclude`: stays NaN — the indicator is left out of the project's tree and its siblings' weights
 *              are rescaled (see the aggregation methods);
 * - `mean`:    the population mean of the normalised values of the projects that have one
 *              (compensated sum); if nobody has one, the mean does not exist and the indicator is
 *              left out (NaN) as with `exclude`.
 *
 * Complexity: O(n).
 *
 * @param out where to write; may be `values` itself
 * @example
 * applyMissing(Float64Array.of(0.2, NaN, 0.6), 'mean') // → [0.2, 0.4, 0.6]
 */
export function applyMissing(
  values: Float64Array,
  policy: MissingPolicy,
  out: Float64Array = new Float64Array(values.length),
): Float64Array {
  if (out !== values) out.set(values);
  if (policy === 'exclude') return out;
  const fill = policy === 'zero' ? 0 : mean(values);
  for (let i = 0; i < out.length; i++) if (Number.isNaN(out[i])) out[i] = fill;
  return out;
}
