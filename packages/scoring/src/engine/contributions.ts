import { ARITHMETIC, type CompiledDimension } from './compile-dimension';

/**
 * Each indicator's contribution to each project's score (docs/methodology-format.md step 12), by a top-down
 * pass that gives every node a multiplier m with contribution = m · value · scale:
 *
 * - root: m = 1 (0 when the root is left out: the score is 0 and so is every contribution);
 * - child c of an **arithmetic** node g:  m_c = m_g · w_c / Σ_present w — so along an arithmetic
 *   path m is the effective weight (the product of the normalised weights), and contributions add
 *   up to the score exactly as Σ w̃ᵢ xᵢ does;
 * - child c of a **geometric** node g, whose own contribution is C_g = m_g · v_g · scale: the share
 *   C_g · w̃_c·x_c / Σ_present w̃ⱼ·xⱼ (in proportion to wᵢ·xᵢ; w̃ = w / Σ_present w), i.e.
 *   m_c = m_g · v_g · w̃_c / Σ w̃ⱼxⱼ; when Σ w̃ⱼxⱼ = 0 every child gets 0 (and then v_g = 0 too).
 *
 * So contributions always add up to the score (up to rounding), at any depth and mix of methods.
 * A left-out indicator contributes 0.
 *
 * Complexity: O(nodes · n).
 *
 * @param matrix the evaluated node matrix (see `evaluateTree`)
 * @param complete rows without NaN (see `evaluateTree`): under an arithmetic node whose children are
 *   all complete, the relative weights are the same for every project and computed once
 * @returns contributions, row-major by leaf: out[leaf · n + k]
 */
export function computeContributions(
  dimension: CompiledDimension,
  matrix: Float64Array,
  n: number,
  weights: Float64Array,
  scale: number,
  complete: Uint8Array,
): Float64Array {
  const { groups, kind, children, childStart, childEnd, leafNode, root, nodeCount } = dimension;
  const leafOf = new Int32Array(nodeCount).fill(-1);
  for (let l = 0; l < leafNode.length; l++) leafOf[leafNode[l] as number] = l;
  const out = new Float64Array(leafNode.length * n);
  // uniform[node]: the node's multiplier when it is the same for every project (NaN otherwise). It
  // is, from a root present for everyone down through arithmetic nodes whose children are all
  // complete — the common case — and then a leaf's contributions take one pass and no matrix.
  const uniform = new Float64Array(nodeCount).fill(Number.NaN);
  if (complete[root] === 1) uniform[root] = 1;
  let multiplier: Float64Array | undefined;
  const weightSum = new Float64Array(n);
  const weightedSum = new Float64Array(n);
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i] as number;
    const from = childStart[g] as number;
    const to = childEnd[g] as number;
    const base = g * n;
    const arithmetic = kind[g] === ARITHMETIC;
    const shared = uniform[g] as number;
    if (!Number.isNaN(shared) && arithmetic && allComplete(children, from, to, complete)) {
      let total = 0;
      for (let c = from; c < to; c++) total += weights[children[c] as number] as number;
      for (let c = from; c < to; c++) {
        const child = children[c] as number;
        const m = shared * (total > 0 ? (weights[child] as number) / total : 0);
        uniform[child] = m;
        const leaf = leafOf[child] as number;
        if (leaf < 0) continue;
        const cb = child * n;
        const ob = leaf * n;
        for (let k = 0; k < n; k++) out[ob + k] = m * (matrix[cb + k] as number) * scale;
      }
      continue;
    }
    // General path: multipliers vary by project; keep them as rows of a node × project matrix.
    if (multiplier === undefined) multiplier = new Float64Array(nodeCount * n);
    if (!Number.isNaN(shared)) multiplier.fill(shared, base, base + n);
    else if (g === root)
      for (let k = 0; k < n; k++) multiplier[base + k] = Number.isNaN(matrix[base + k]) ? 0 : 1;
    // W = Σ_present w, per project; for a geometric node also S = Σ_present (w/W)·x. Relative
    // weights w/W keep these exact whatever the magnitude of the weights.
    weightSum.fill(0);
    for (let c = from; c < to; c++) {
      const child = children[c] as number;
      const w = weights[child] as number;
      const cb = child * n;
      for (let k = 0; k < n; k++)
        if (!Number.isNaN(matrix[cb + k])) weightSum[k] = (weightSum[k] as number) + w;
    }
    if (!arithmetic) {
      weightedSum.fill(0);
      for (let c = from; c < to; c++) {
        const child = children[c] as number;
        const w = weights[child] as number;
        const cb = child * n;
        for (let k = 0; k < n; k++) {
          const x = matrix[cb + k] as number;
          const total = weightSum[k] as number;
          if (!Number.isNaN(x) && total > 0) weightedSum[k] = (weightedSum[k] as number) + (w / total) * x;
        }
      }
    }
    for (let c = from; c < to; c++) {
      const child = children[c] as number;
      const w = weights[child] as number;
      const cb = child * n;
      const leaf = leafOf[child] as number;
      for (let k = 0; k < n; k++) {
        const x = matrix[cb + k] as number;
        const total = weightSum[k] as number;
        const m = multiplier[base + k] as number;
        let childMultiplier = 0;
        let contribution = 0;
        if (!Number.isNaN(x) && total > 0 && m !== 0) {
          if (arithmetic) {
            childMultiplier = m * (w / total);
            contribution = childMultiplier * x * scale;
          } else {
            // C_c = C_g · (w̃_c·x_c)/S with C_g = m·v_g. The share (w̃_c·x_c)/S ≤ 1 is computed first so
            // that tiny values never overflow; v_g = 0 (or S = 0) gives 0, never 0·∞.
            const v = matrix[base + k] as number;
            const share = weightedSum[k] as number;
            if (v !== 0 && share > 0) {
              childMultiplier = m * (w / total) * (v / share); // v ≤ S (GM ≤ AM): every factor ≤ 1
              contribution = m * v * (((w / total) * x) / share) * scale;
            }
          }
        }
        multiplier[cb + k] = childMultiplier;
        if (leaf >= 0) out[leaf * n + k] = contribution;
      }
    }
  }
  return out;
}

function allComplete(children: Int32Array, from: number, to: number, complete: Uint8Array): boolean {
  for (let c = from; c < to; c++) if (complete[children[c] as number] !== 1) return false;
  return true;
}
