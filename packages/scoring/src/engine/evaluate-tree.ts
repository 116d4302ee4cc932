import { arithmeticRows } from '../aggregate/arithmetic';
import { geometricRows } from '../aggregate/geometric';
import { ARITHMETIC, type CompiledDimension } from './compile-dimension';

/**
 * Evaluates every group node of a dimension tree for n projects at once, bottom-up (reverse
 * preorder), on the row-major `matrix` (row r = the n values of node r, leaf rows already filled
 * with normalised values, NaN = left out), with the aggregation methods' row kernels
 * ({@link arithmeticRows}, {@link geometricRows}). Row `dimension.root` ends up holding the root values.
 *
 * `weights` (one per node) are the tree's weights, or perturbed ones in sensitivity analysis.
 * `complete[node]` = 1 marks rows without NaN: set for the leaves by the caller (see
 * {@link markCompleteRows}), written for the groups here.
 *
 * Complexity: O(nodes · n), allocation-free (`scratch` has length ≥ n).
 */
export function evaluateTree(
  dimension: CompiledDimension,
  matrix: Float64Array,
  n: number,
  weights: Float64Array,
  scratch: Float64Array,
  complete: Uint8Array,
): void {
  const { groups, kind, children, childStart, childEnd } = dimension;
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i] as number;
    const aggregate = kind[g] === ARITHMETIC ? arithmeticRows : geometricRows;
    aggregate(
      matrix,
      n,
      children,
      childStart[g] as number,
      childEnd[g] as number,
      weights,
      g,
      scratch,
      complete,
    );
  }
}

/**
 * Flags (1) the leaf rows of the matrix that hold no NaN — no project left out of that indicator —
 * so that aggregation can take its fast path. Group rows are flagged by {@link evaluateTree}.
 *
 * Complexity: O(leaves · n).
 */
export function markCompleteRows(dimension: CompiledDimension, matrix: Float64Array, n: number): Uint8Array {
  const complete = new Uint8Array(dimension.nodeCount);
  for (let l = 0; l < dimension.leafNode.length; l++) {
    const node = dimension.leafNode[l] as number;
    let ok = 1;
    for (let k = node * n, end = k + n; k < end; k++) {
      if (Number.isNaN(matrix[k])) {
        ok = 0;
        break;
      }
    }
    complete[node] = ok;
  }
  return complete;
}

/**
 * Dimension scores from the evaluated matrix: root value × scale, and 0 where the root is left out
 * (docs/methodology-format.md step 10: a root that is left out scores 0).
 *
 * Complexity: O(n).
 */
export function rootScores(
  dimension: CompiledDimension,
  matrix: Float64Array,
  n: number,
  scale: number,
  out: Float64Array = new Float64Array(n),
): Float64Array {
  const base = dimension.root * n;
  for (let k = 0; k < n; k++) {
    const v = matrix[base + k] as number;
    out[k] = Number.isNaN(v) ? 0 : v * scale;
  }
  return out;
}
