import { DomainError } from '../errors';
import type { TransformMethod } from '../methodology/types';

/**
 * The monotone transforms (docs/methodology-format.md step 4), applied after capping:
 *
 * - `none`:  x
 * - `log`:   ln x          (defined for x > 0)
 * - `log1p`: ln(1 + x)     (defined for x > −1; `Math.log1p`, exact for small x)
 * - `sqrt`:  √x            (defined for x ≥ 0)
 *
 * All four are strictly increasing, so order (and hence ranks and goalpost order) is preserved.
 *
 * Complexity: O(1).
 *
 * @returns the transformed value, or NaN outside the transform's domain
 * @example
 * transformValue(Math.E - 1, 'log1p') // → 1
 * transformValue(0, 'log')             // → NaN (ln 0 is not a real number)
 */
export function transformValue(x: number, method: TransformMethod): number {
  switch (method) {
    case 'none':
      return x;
    case 'log':
      return x > 0 ? Math.log(x) : Number.NaN;
    case 'log1p':
      return x > -1 ? Math.log1p(x) : Number.NaN;
    case 'sqrt':
      return x >= 0 ? Math.sqrt(x) : Number.NaN;
  }
}

/**
 * Applies a transform ({@link transformValue}) to every present value; NaN (missing) stays NaN.
 *
 * Complexity: O(n).
 *
 * @param out where to write; may be `values` itself
 * @throws {DomainError} at the first value outside the domain (log of x ≤ 0, log1p of x ≤ −1,
 *   sqrt of x < 0), with its index — a value the methodology cannot take is an error, never a
 *   silently missing value
 * @example
 * applyTransform(Float64Array.of(1, Math.E), 'log') // → [0, 1]
 * applyTransform(Float64Array.of(0), 'log')         // throws DomainError (index 0)
 */
export function applyTransform(
  values: Float64Array,
  method: TransformMethod,
  out: Float64Array = new Float64Array(values.length),
): Float64Array {
  // One loop per method (rather than a call per value): this runs over every cell of every slot.
  switch (method) {
    case 'none':
      if (out !== values) out.set(values);
      return out;
    case 'log':
      for (let i = 0; i < values.length; i++) {
        const x = values[i] as number;
        if (x > 0) out[i] = Math.log(x);
        else if (Number.isNaN(x)) out[i] = x;
        else throw domainError(method, i, x);
      }
      return out;
    case 'log1p':
      for (let i = 0; i < values.length; i++) {
        const x = values[i] as number;
        if (x > -1) out[i] = Math.log1p(x);
        else if (Number.isNaN(x)) out[i] = x;
        else throw domainError(method, i, x);
      }
      return out;
    case 'sqrt':
      for (let i = 0; i < values.length; i++) {
        const x = values[i] as number;
        if (x >= 0) out[i] = Math.sqrt(x);
        else if (Number.isNaN(x)) out[i] = x;
        else throw domainError(method, i, x);
      }
      return out;
  }
}

function domainError(method: TransformMethod, index: number, x: number): DomainError {
  const domain = method === 'log' ? 'x > 0' : method === 'log1p' ? 'x > −1' : 'x ≥ 0';
  return new DomainError(`${method} is undefined at ${x} (needs ${domain})`, index, x);
}
