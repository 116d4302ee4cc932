import { mean } from '../stats/mean';
import { normalCdf } from '../stats/normal-cdf';
import { populationStandardDeviation } from '../stats/population-standard-deviation';

/**
 * Z-score normalisation mapped to [0, 1] by the standard normal CDF (`zscore`,
 * docs/methodology-format.md step 6):
 *
 *     v = Φ((x − x̄) / σ)
 *
 * with x̄ and σ the mean and the **population** standard deviation (n denominator) of the present
 * values ({@link mean}, {@link populationStandardDeviation}, both compensated); when σ = 0 (all
 * equal, or a single value) every present value gets ½. Φ is {@link normalCdf} (Cody's erfc).
 * NaN (missing) stays NaN.
 *
 * Source: OECD/JRC (2008), Handbook on Constructing Composite Indicators, §5.2 "Standardisation
 * (or z-scores)"; the Φ mapping keeps the result in [0, 1] like the other methods.
 *
 * Complexity: O(n).
 *
 * @param out where to write; may be `values` itself
 * @example
 * zScore(Float64Array.of(1, 2, 3)) // → [Φ(−1.2247…), 0.5, Φ(1.2247…)] = [0.1103…, 0.5, 0.8896…]
 */
export function zScore(
  values: Float64Array,
  out: Float64Array = new Float64Array(values.length),
): Float64Array {
  const mu = mean(values);
  const sigma = populationStandardDeviation(values);
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    out[i] = Number.isNaN(x) ? x : sigma > 0 ? normalCdf((x - mu) / sigma) : 0.5;
  }
  return out;
}
