import type { RandomSource } from '../random/sfc32';

/**
 * One Monte Carlo draw of weights (docs/methodology-format.md, Sensitivity): every weight is
 * multiplied by its own independent factor uniform on [1 − δ, 1 + δ]:
 *
 *     w'ᵢ = wᵢ · (1 − δ + 2δ·uᵢ),   uᵢ ~ U[0, 1) from `random`
 *
 * Draws are taken one per weight (also for weights of 0, which stay 0) in index order, or in the
 * order of the indices listed in `order` (the others are copied unchanged), so the stream of
 * `random` fully determines the result.
 *
 * Source: M. Saisana, A. Saltelli & S. Tarantola (2005), "Uncertainty and sensitivity analysis
 * techniques as tools for the quality assessment of composite indicators", J. R. Stat. Soc. A
 * 168(2):307–323 (weight perturbation as an uncertainty input).
 *
 * Complexity: O(k) for k weights.
 *
 * @param delta 0 ≤ δ ≤ 1 (so weights stay non-negative)
 * @param out where to write; may be `weights` itself
 * @param order the indices to perturb, in draw order (default: all, ascending)
 * @example
 * perturbWeights(Float64Array.of(3, 2), 0.25, createSeededRandom(1)) // → each within ±25 % of 3 and 2
 */
export function perturbWeights(
  weights: Float64Array,
  delta: number,
  random: RandomSource,
  out: Float64Array = new Float64Array(weights.length),
  order?: ArrayLike<number>,
): Float64Array {
  const low = 1 - delta;
  const span = 2 * delta;
  if (order === undefined) {
    for (let i = 0; i < weights.length; i++) out[i] = (weights[i] as number) * (low + span * random());
    return out;
  }
  if (out !== weights) out.set(weights);
  for (let j = 0; j < order.length; j++) {
    const i = order[j] as number;
    out[i] = (weights[i] as number) * (low + span * random());
  }
  return out;
}
