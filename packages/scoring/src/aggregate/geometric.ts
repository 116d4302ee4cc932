/**
 * Weighted geometric mean over the children that are present (`aggregate: geometric`,
 * docs/methodology-format.md step 9):
 *
 *     v = Πᵢ xᵢ^(wᵢ / Σⱼ wⱼ)        over i, j with x present (not NaN)
 *
 * with weights made relative over the present children, as for the arithmetic mean. A present child
 * at 0 with positive weight makes the node 0 (no compensation between children — the point of the
 * geometric form, e.g. the UNDP HDI); a child of weight 0 has no effect (x⁰ = 1, also for x = 0).
 * When no child is present, or the present ones weigh 0 in total, the node is left out (NaN).
 *
 * Source: OECD/JRC (2008), Handbook on Constructing Composite Indicators, §6.2 "Geometric
 * aggregation"; UNDP Human Development Report, Technical note 1.
 *
 * Complexity: O(k) for k children.
 *
 * @example
 * weightedGeometricMean([0.25, 1], [1, 1])  // → 0.5
 * weightedGeometricMean([0, 0.9], [1, 1])   // → 0
 * weightedGeometricMean([0, 0.81], [0, 1])  // → 0.81 (weight 0: no effect)
 */
export function weightedGeometricMean(values: ArrayLike<number>, weights: ArrayLike<number>): number {
  let weightSum = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) weightSum += weights[i] as number;
  if (!(weightSum > 0)) return Number.NaN;
  let product = 1;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    const w = weights[i] as number;
    if (Number.isNaN(x) || w === 0) continue;
    product *= x ** (w / weightSum);
  }
  return product;
}

/**
 * The same formula as {@link weightedGeometricMean} for n projects at once, on a row-major matrix
 * (row r holds the n values of tree node r): writes row `target` from the rows `rows[from..to)`
 * weighted by `weights[row]`. `weightSum` is scratch space of length ≥ n. `complete` as for
 * `arithmeticRows`: complete child rows let the exponents be computed once for every project.
 *
 * Complexity: O(k·n), allocation-free.
 */
export function geometricRows(
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
    matrix.fill(1, out, out + n);
    for (let c = from; c < to; c++) {
      const row = rows[c] as number;
      const exponent = (weights[row] as number) / total;
      if (exponent === 0) continue;
      const base = row * n;
      for (let k = 0; k < n; k++)
        matrix[out + k] = (matrix[out + k] as number) * (matrix[base + k] as number) ** exponent;
    }
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
  matrix.fill(1, out, out + n);
  for (let c = from; c < to; c++) {
    const row = rows[c] as number;
    const w = weights[row] as number;
    if (w === 0) continue;
    const base = row * n;
    for (let k = 0; k < n; k++) {
      const x = matrix[base + k] as number;
      const sum = weightSum[k] as number;
      if (!Number.isNaN(x) && sum > 0) matrix[out + k] = (matrix[out + k] as number) * x ** (w / sum);
    }
  }
  let targetComplete = 1;
  for (let k = 0; k < n; k++) {
    if (!((weightSum[k] as number) > 0)) {
      matrix[out + k] = Number.NaN;
      targetComplete = 0;
    }
  }
  complete[target] = targetComplete;
}
