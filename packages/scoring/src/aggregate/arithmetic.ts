/**
 * Weighted arithmetic mean over the children that are present (`aggregate: arithmetic`,
 * docs/methodology-format.md step 9):
 *
 *     v = Σᵢ w̃ᵢ·xᵢ,   w̃ᵢ = wᵢ / Σⱼ wⱼ        over i, j with x present (not NaN)
 *
 * i.e. the weights are made relative over the present children first, so leaving a child out
 * rescales its siblings' weights. Dividing each weight (rather than the weighted sum) keeps full
 * precision whatever the magnitude of the weights (even subnormal ones). When no child is present,
 * or the present ones weigh 0 in total, the node itself is left out (NaN).
 *
 * Sums run over a node's children (a handful), so they are not compensated.
 *
 * Source: OECD/JRC (2008), Handbook on Constructing Composite Indicators, §6.2 "Additive aggregation".
 *
 * Complexity: O(k) for k children.
 *
 * @example
 * weightedArithmeticMean([0.5, 1], [3, 1])   // → 0.625
 * weightedArithmeticMean([0.5, NaN], [3, 1]) // → 0.5 (the missing child is left out)
 * weightedArithmeticMean([NaN], [1])         // → NaN (left out)
 */
export function weightedArithmeticMean(values: ArrayLike<number>, weights: ArrayLike<number>): number {
  let weightSum = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) weightSum += weights[i] as number;
  if (!(weightSum > 0)) return Number.NaN;
  let acc = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    if (!Number.isNaN(x)) acc += ((weights[i] as number) / weightSum) * x;
  }
  return acc;
}

/**
 * The same formula as {@link weightedArithmeticMean} for n projects at once, on a row-major matrix
 * (row r holds the n values of tree node r): writes row `target` from the rows `rows[from..to)`
 * weighted by `weights[row]`. `weightSum` is scratch space of length ≥ n.
 *
 * `complete[row]` = 1 promises that row has no NaN; when every child row is complete the relative
 * weights are the same for every project and are computed once (the common case: `missing: zero`).
 * The kernel records whether the target row came out complete.
 *
 * The inputs are normalised values in [0, 1]; the result is capped at 1, which only removes
 * rounding (relative weights can sum to 1 + 1 ulp), so a score never exceeds the scale.
 *
 * Complexity: O(k·n), allocation-free.
 */
export function arithmeticRows(
  matrix: Float64Array,
  n: number,
  rows: Int32Array,
  from: number,
  to: number,
  weights: Float64Array,
  target: number,
  weightSum: Float64Array,
  complete: Uint8Array,
): void {
  const out = target * n;
  let allComplete = true;
  let total = 0;
  for (let c = from; c < to; c++) {
    const row = rows[c] as number;
    if (complete[row] !== 1) allComplete = false;
    total += weights[row] as number;
  }
  if (allComplete) {
    complete[target] = total > 0 ? 1 : 0;
    if (!(total > 0)) {
      matrix.fill(Number.NaN, out, out + n);
      return;
    }
    matrix.fill(0, out, out + n);
    for (let c = from; c < to; c++) {
      const row = rows[c] as number;
      const relative = (weights[row] as number) / total;
      if (relative === 0) continue;
      const base = row * n;
      for (let k = 0; k < n; k++)
        matrix[out + k] = (matrix[out + k] as number) + relative * (matrix[base + k] as number);
    }
    for (let k = 0; k < n; k++) if ((matrix[out + k] as number) > 1) matrix[out + k] = 1;
    return;
  }
  weightSum.fill(0, 0, n);
  for (let c = from; c < to; c++) {
    const row = rows[c] as number;
    const w = weights[row] as number;
    const base = row * n;
    for (let k = 0; k < n; k++) {
      if (!Number.isNaN(matrix[base + k])) weightSum[k] = (weightSum[k] as number) + w;
    }
  }
  matrix.fill(0, out, out + n);
  for (let c = from; c < to; c++) {
    const row = rows[c] as number;
    const w = weights[row] as number;
    if (w === 0) continue;
    const base = row * n;
    for (let k = 0; k < n; k++) {
      const x = matrix[base + k] as number;
      const sum = weightSum[k] as number;
      if (!Number.isNaN(x) && sum > 0) matrix[out + k] = (matrix[out + k] as number) + (w / sum) * x;
    }
  }
  let targetComplete = 1;
  for (let k = 0; k < n; k++) {
    const sum = weightSum[k] as number;
    if (sum > 0) matrix[out + k] = Math.min(matrix[out + k] as number, 1);
    else {
      matrix[out + k] = Number.NaN;
      targetComplete = 0;
    }
  }
  complete[target] = targetComplete;
}
