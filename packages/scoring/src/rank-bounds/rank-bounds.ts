import { GEOMETRIC } from '../engine/compile-dimension';
import { rankOrder } from '../rank/rank-order';
import { createWork, evaluateWeights, type WeightOverride, type WhatIfModel } from '../what-if/what-if';
import { WhatIfError } from '../what-if/what-if-error';
import {
  countAbove,
  createSweepBuffers,
  type RootSurrogate,
  type SweepResult,
  sweepLine,
} from './line-sweep';

/** Options of {@link rankBounds}. */
export interface RankBoundsOptions {
  /** Each top-level weight varies within w·(1 ± band); 0 ≤ band < 1, default 0.5. */
  band?: number;
}

/** How a {@link RankBoundsReport} was found (see {@link rankBounds}). */
export type RankBoundsMethod = 'exact' | 'search';

/** One project's best and worst rank, each with top-level weights that reach it. */
export interface RankBound {
  project: string;
  officialRank: number;
  bestRank: number;
  /** The root's children's weights that give `bestRank` (pass them to `whatIf` to see it). */
  bestWeights: WeightOverride[];
  worstRank: number;
  worstWeights: WeightOverride[];
}

export interface RankBoundsReport {
  dimension: string;
  band: number;
  method: RankBoundsMethod;
  /** The top-level weights that vary: official value and the band's limits. */
  weights: Array<{ node: string; official: number; min: number; max: number }>;
  /** One per project, ordered by official rank, then slug. */
  entries: RankBound[];
}

/** Beyond this population a k = 3 dimension is searched rather than solved exactly (O(n⁴ log n)). */
export const EXACT_THREE_WEIGHTS_MAX_PROJECTS = 48;
/** Box vertices tried as starting points when there are at most this many top-level weights (2^k vertices). */
const ALL_VERTICES_MAX_WEIGHTS = 10;
const SEARCH_ROUNDS = 8;

/**
 * Rank bounds: for every project of a dimension, the best and the worst rank it can reach when each
 * top-level weight w_j (the root's children) varies independently in [w⁰_j·(1 − band), w⁰_j·(1 + band)]
 * (the "box"; weights of 0 stay 0), every other weight and every normalised value staying as scored.
 * Each bound comes with a weight vector that reaches it, and every reported rank is *certified*: it
 * is the rank `whatIf(model, weights)` gives with exactly those weights (engine arithmetic,
 * competition ranks, ties within 1e-9), never a prediction.
 *
 * Formula: the children's values x_qj are fixed, so project q's score is a ratio of linear forms
 * in w (a weighted mean over its present children; for a geometric root, of ln x — see
 * `RootSurrogate`), homogeneous of degree 0. p's rank is 1 + #{q : s_q(w) > s_p(w)}, and each
 * comparison changes sign only on the surface N_pq(w) = 0 (a plane through the origin when p and q
 * have the same children present). The best rank minimises that count over the box, the worst
 * maximises it.
 *
 * Method (`method` in the report):
 * - **exact** with k ≤ 1 active weights or band 0 (nothing varies);
 * - **exact** with k = 2: the scores depend on w₂/w₁ only, and one exact line sweep over the full
 *   ratio range per project (`sweepLine`: every root of every N_pq, the midpoints between them)
 *   finds the optimum of the count, whatever the missing children;
 * - **exact** with k = 3 when every comparison is linear (the non-constant projects all have the
 *   same children present) and n ≤ {@link EXACT_THREE_WEIGHTS_MAX_PROJECTS}: in the plane
 *   (w₂/w₁, w₃/w₁) the box is a polygon bounded by 6 lines and p's comparisons are n − 1 lines;
 *   every cell of that arrangement spans, in w₂/w₁, an interval between two of its vertices, so
 *   sweeping exactly along w₂/w₁ = const at every vertex abscissa (best ranks: every vertex) and
 *   every midpoint between consecutive ones (both: every cell) visits them all. O(n⁴ log n) in all;
 * - **search** otherwise (k ≥ 4, a k = 3 population with different children missing or larger than
 *   the limit): from the best (resp. worst) of the official weights and the box's vertices (all 2^k
 *   when k ≤ 10), cyclic exact line sweeps along each coordinate and each exchange of weight between
 *   two children (w_i up, w_j down), moving whenever the count improves, up to 8 rounds per project.
 *   A local optimum: the bounds are reached (certified) but a wider rank may exist.
 *   O(n² · k² · (k + log n)) time.
 *
 * Either way, the exact method's counts are exact in real arithmetic; the certified ranks can differ
 * from them only where scores come within the 1e-9 tie tolerance of each other at the chosen weights.
 *
 * Complexity: as above, plus one engine evaluation O(nodes · n + n log n) per certified vector
 * (2n + 2^k at most); about 50 ms of CPU for 120 projects and 4 top-level weights (bench/RESULTS.md).
 *
 * @throws {WhatIfError} INVALID_OPTION (`band`) when band is not a number in [0, 1)
 * @example
 * const report = rankBounds(prepareWhatIf({ methodology, dimension: 'model', projects: entries }));
 * report.entries[0] // → { project: 'qwen', officialRank: 1, bestRank: 1, bestWeights, worstRank: 4, worstWeights }
 * whatIf(model, report.entries[0].worstWeights).find((e) => e.project === 'qwen').rank // → 4
 */
export function rankBounds(model: WhatIfModel, options: RankBoundsOptions = {}): RankBoundsReport {
  const band = options.band ?? 0.5;
  if (typeof band !== 'number' || !(band >= 0 && band < 1)) {
    throw new WhatIfError('INVALID_OPTION', 'band', `band must be a number in [0, 1), not ${String(band)}`, {
      field: 'band',
    });
  }
  const { dimension, n } = model;
  const rootChildren = Array.from(
    dimension.children.subarray(
      dimension.childStart[dimension.root] as number,
      dimension.childEnd[dimension.root] as number,
    ),
  );
  const active = rootChildren.filter((c) => (dimension.weight[c] as number) > 0);
  const k = active.length;
  const low = Float64Array.from(active, (c) => (dimension.weight[c] as number) * (1 - band));
  const high = Float64Array.from(active, (c) => (dimension.weight[c] as number) * (1 + band));

  // Engine evaluations: every certified vector updates every project's bounds.
  const work = createWork(model);
  const weights = Float64Array.from(dimension.weight);
  const bestRank = new Int32Array(n).fill(n + 1);
  const worstRank = new Int32Array(n);
  const bestAt: Float64Array[] = new Array(n);
  const worstAt: Float64Array[] = new Array(n);
  const certify = (w: Float64Array) => {
    const vector = Float64Array.from(w);
    active.forEach((c, j) => {
      weights[c] = vector[j] as number;
    });
    evaluateWeights(model, weights, work);
    for (let q = 0; q < n; q++) {
      const rank = work.ranks[q] as number;
      if (rank < (bestRank[q] as number)) {
        bestRank[q] = rank;
        bestAt[q] = vector;
      }
      if (rank > (worstRank[q] as number)) {
        worstRank[q] = rank;
        worstAt[q] = vector;
      }
    }
  };
  const official = Float64Array.from(active, (c) => dimension.weight[c] as number);
  certify(official);

  let method: RankBoundsMethod = 'exact';
  if (k >= 2 && band > 0 && n > 1) {
    // The official evaluation left the root's children's rows in work.matrix.
    const surrogate = buildSurrogate(model, work.matrix, active);
    if (k === 2) exactTwo(surrogate, low, high, certify);
    else if (k === 3 && linearComparisons(surrogate) && n <= EXACT_THREE_WEIGHTS_MAX_PROJECTS)
      exactThree(surrogate, low, high, certify);
    else {
      method = 'search';
      search(surrogate, low, high, certify, bestAt, worstAt);
    }
  }

  const keys = rootChildren.map((c) => dimension.nodeKey[c] as string);
  const overrides = (vector: Float64Array): WeightOverride[] =>
    rootChildren.map((c, i) => {
      const j = active.indexOf(c);
      return { node: keys[i] as string, weight: j < 0 ? 0 : (vector[j] as number) };
    });
  const order = rankOrder(model.officialRanks);
  const entries: RankBound[] = Array.from(order, (q) => ({
    project: model.projects[q] as string,
    officialRank: model.officialRanks[q] as number,
    bestRank: bestRank[q] as number,
    bestWeights: overrides(bestAt[q] as Float64Array),
    worstRank: worstRank[q] as number,
    worstWeights: overrides(worstAt[q] as Float64Array),
  }));
  return {
    dimension: dimension.key,
    band,
    method,
    weights: active.map((c, j) => ({
      node: dimension.nodeKey[c] as string,
      official: dimension.weight[c] as number,
      min: low[j] as number,
      max: high[j] as number,
    })),
    entries,
  };
}

function buildSurrogate(model: WhatIfModel, matrix: Float64Array, active: number[]): RootSurrogate {
  const { n, dimension } = model;
  const k = active.length;
  const geometric = dimension.kind[dimension.root] === GEOMETRIC;
  const a = new Float64Array(n * k);
  const b = new Float64Array(n * k);
  const constant = new Float64Array(n).fill(Number.NaN);
  for (let q = 0; q < n; q++) {
    let present = 0;
    let zero = false;
    active.forEach((child, j) => {
      const x = matrix[child * n + q] as number;
      if (Number.isNaN(x)) return;
      present++;
      if (geometric && x === 0) zero = true;
      b[q * k + j] = 1;
      a[q * k + j] = geometric ? Math.log(x) : x;
    });
    if (present === 0 || zero) constant[q] = geometric ? Number.NEGATIVE_INFINITY : 0;
  }
  return { n, k, a, b, constant };
}

/** True when every comparison N_pq is linear: the non-constant projects share one presence pattern. */
function linearComparisons(s: RootSurrogate): boolean {
  let first = -1;
  for (let q = 0; q < s.n; q++) {
    if (!Number.isNaN(s.constant[q] as number)) continue;
    if (first < 0) {
      first = q;
      continue;
    }
    for (let j = 0; j < s.k; j++) if (s.b[q * s.k + j] !== s.b[first * s.k + j]) return false;
  }
  return true;
}

/** A positive multiple of v inside the box (v must be a valid direction): the middle of the feasible factors. */
function intoBox(v: Float64Array, low: Float64Array, high: Float64Array): Float64Array {
  let from = 0;
  let to = Number.POSITIVE_INFINITY;
  for (let j = 0; j < v.length; j++) {
    from = Math.max(from, (low[j] as number) / (v[j] as number));
    to = Math.min(to, (high[j] as number) / (v[j] as number));
  }
  const factor = to >= from ? from + (to - from) / 2 : from;
  return Float64Array.from(v, (x, j) => Math.min(high[j] as number, Math.max(low[j] as number, x * factor)));
}

function pointOnLine(P: Float64Array, D: Float64Array, tau: number): Float64Array {
  return Float64Array.from(P, (x, j) => x + tau * (D[j] as number));
}

/** k = 2: one sweep over w₂/w₁ from its smallest to its largest value in the box, per project. */
function exactTwo(
  s: RootSurrogate,
  low: Float64Array,
  high: Float64Array,
  certify: (w: Float64Array) => void,
) {
  const from = (low[1] as number) / (high[0] as number);
  const to = (high[1] as number) / (low[0] as number);
  const P = Float64Array.of(1, from);
  const D = Float64Array.of(0, to - from);
  const buffers = createSweepBuffers(s.n);
  const result: SweepResult = { bestTau: 0, bestCount: 0, worstTau: 0, worstCount: 0 };
  for (let p = 0; p < s.n; p++) {
    sweepLine(s, p, P, D, 0, 1, buffers, result);
    certify(intoBox(pointOnLine(P, D, result.bestTau), low, high));
    certify(intoBox(pointOnLine(P, D, result.worstTau), low, high));
  }
}

/**
 * k = 3, linear comparisons: in (σ, θ) = (w₂/w₁, w₃/w₁) the box is the polygon
 * l₂/u₁ ≤ σ ≤ u₂/l₁, l₃/u₁ ≤ θ ≤ u₃/l₁, (l₃/u₂)·σ ≤ θ ≤ (u₃/l₂)·σ, and p against q is the line
 * c·(1, σ, θ) = 0. Sweeps θ exactly at every vertex abscissa and every midpoint between them.
 */
function exactThree(
  s: RootSurrogate,
  low: Float64Array,
  high: Float64Array,
  certify: (w: Float64Array) => void,
) {
  const [l1, l2, l3] = low as unknown as [number, number, number];
  const [u1, u2, u3] = high as unknown as [number, number, number];
  const sigmaLow = l2 / u1;
  const sigmaHigh = u2 / l1;
  const thetaRange = (sigma: number): [number, number] => {
    const from = Math.max(l3 / u1, (l3 / u2) * sigma);
    const to = Math.min(u3 / l1, (u3 / l2) * sigma);
    return to >= from ? [from, to] : [from, from];
  };
  const inside = (sigma: number, theta: number) => {
    const eps = 1e-12 * (1 + Math.abs(sigma) + Math.abs(theta));
    if (sigma < sigmaLow - eps || sigma > sigmaHigh + eps) return false;
    const [from, to] = thetaRange(Math.min(sigmaHigh, Math.max(sigmaLow, sigma)));
    return theta >= from - eps && theta <= to + eps;
  };
  // The polygon's sides as lines α + β·σ + γ·θ = 0.
  const boundary: Array<[number, number, number]> = [
    [-sigmaLow, 1, 0],
    [-sigmaHigh, 1, 0],
    [-l3 / u1, 0, 1],
    [-u3 / l1, 0, 1],
    [0, -l3 / u2, 1],
    [0, -u3 / l2, 1],
  ];
  const buffers = createSweepBuffers(s.n);
  const result: SweepResult = { bestTau: 0, bestCount: 0, worstTau: 0, worstCount: 0 };
  const k = s.k;
  for (let p = 0; p < s.n; p++) {
    const lines: Array<[number, number, number]> = [...boundary];
    for (let q = 0; q < s.n; q++) {
      if (q === p) continue;
      const cp = s.constant[p] as number;
      const cq = s.constant[q] as number;
      const line: [number, number, number] = [0, 0, 0];
      if (!Number.isNaN(cp) && !Number.isNaN(cq)) continue;
      if (!Number.isNaN(cq)) {
        if (cq === Number.NEGATIVE_INFINITY) continue;
        for (let j = 0; j < 3; j++) line[j] = cq * (s.b[p * k + j] as number) - (s.a[p * k + j] as number);
      } else if (!Number.isNaN(cp)) {
        if (cp === Number.NEGATIVE_INFINITY) continue;
        for (let j = 0; j < 3; j++) line[j] = (s.a[q * k + j] as number) - cp * (s.b[q * k + j] as number);
      } else {
        for (let j = 0; j < 3; j++) line[j] = (s.a[q * k + j] as number) - (s.a[p * k + j] as number);
      }
      if (line[1] !== 0 || line[2] !== 0) lines.push(line);
    }
    const sigmas: number[] = [sigmaLow, sigmaHigh];
    for (let i = 0; i < lines.length; i++) {
      const [a1, b1, c1] = lines[i] as [number, number, number];
      for (let j = i + 1; j < lines.length; j++) {
        const [a2, b2, c2] = lines[j] as [number, number, number];
        const det = b1 * c2 - b2 * c1;
        if (det === 0) continue;
        const sigma = (-a1 * c2 + a2 * c1) / det;
        const theta = (-b1 * a2 + b2 * a1) / det;
        if (inside(sigma, theta)) sigmas.push(Math.min(sigmaHigh, Math.max(sigmaLow, sigma)));
      }
    }
    sigmas.sort((x, y) => x - y);
    const abscissas: number[] = [];
    sigmas.forEach((sigma, i) => {
      if (i > 0 && sigma === sigmas[i - 1]) return;
      if (abscissas.length > 0) {
        const before = abscissas[abscissas.length - 1] as number;
        abscissas.push(before + (sigma - before) / 2);
      }
      abscissas.push(sigma);
    });
    let best = Number.POSITIVE_INFINITY;
    let worst = -1;
    let bestPoint: Float64Array = Float64Array.of(1, sigmaLow, thetaRange(sigmaLow)[0]);
    let worstPoint: Float64Array = bestPoint;
    for (const [i, sigma] of abscissas.entries()) {
      const [from, to] = thetaRange(sigma);
      const P = Float64Array.of(1, sigma, from);
      const D = Float64Array.of(0, 0, to - from);
      sweepLine(s, p, P, D, 0, 1, buffers, result);
      if (result.bestCount < best) {
        best = result.bestCount;
        bestPoint = pointOnLine(P, D, result.bestTau);
      }
      // Worst ranks on the midpoint lines only: a vertex abscissa can carry a comparison line
      // (σ = const), where the competitor ties all along and only rounding would put it above.
      if (i % 2 === 1 && result.worstCount > worst) {
        worst = result.worstCount;
        worstPoint = pointOnLine(P, D, result.worstTau);
      }
    }
    certify(intoBox(bestPoint, low, high));
    certify(intoBox(worstPoint, low, high));
  }
}

/** The box's vertices to start from: all of them for small k, else each weight alone high, then alone low. */
function startingVertices(low: Float64Array, high: Float64Array): Float64Array[] {
  const k = low.length;
  const vertices: Float64Array[] = [];
  if (k <= ALL_VERTICES_MAX_WEIGHTS) {
    for (let mask = 0; mask < 1 << k; mask++)
      vertices.push(Float64Array.from(low, (l, j) => ((mask >> j) & 1 ? (high[j] as number) : l)));
    return vertices;
  }
  for (let j = 0; j < k; j++) {
    vertices.push(Float64Array.from(low, (l, i) => (i === j ? (high[i] as number) : l)));
    vertices.push(Float64Array.from(high, (h, i) => (i === j ? (low[i] as number) : h)));
  }
  return vertices;
}

/**
 * Local search (k ≥ 3 without an exact method): from the certified best / worst start of each
 * project, exact sweeps along every coordinate and every two-weight exchange through the current
 * point, moving to the line's optimum whenever it beats the current count.
 */
function search(
  s: RootSurrogate,
  low: Float64Array,
  high: Float64Array,
  certify: (w: Float64Array) => void,
  bestAt: Float64Array[],
  worstAt: Float64Array[],
) {
  for (const vertex of startingVertices(low, high)) certify(vertex);
  const k = s.k;
  const buffers = createSweepBuffers(s.n);
  const result: SweepResult = { bestTau: 0, bestCount: 0, worstTau: 0, worstCount: 0 };
  const D = new Float64Array(k);
  const improve = (p: number, start: Float64Array, minimise: boolean): Float64Array => {
    let w = Float64Array.from(start);
    let count = countAbove(s, p, w);
    for (let round = 0; round < SEARCH_ROUNDS; round++) {
      let moved = false;
      for (let i = 0; i < k; i++) {
        for (let j = i; j < k; j++) {
          // Line through w along e_i (j = i) or along (u_i − l_i)·e_i − (u_j − l_j)·e_j, clipped to the box.
          D.fill(0);
          const spanI = (high[i] as number) - (low[i] as number);
          const spanJ = (high[j] as number) - (low[j] as number);
          D[i] = spanI;
          let from = ((low[i] as number) - (w[i] as number)) / spanI;
          let to = ((high[i] as number) - (w[i] as number)) / spanI;
          if (j !== i) {
            D[j] = -spanJ;
            from = Math.max(from, ((w[j] as number) - (high[j] as number)) / spanJ);
            to = Math.min(to, ((w[j] as number) - (low[j] as number)) / spanJ);
          }
          if (!(to > from)) continue;
          sweepLine(s, p, w, D, from, to, buffers, result);
          const better = minimise ? result.bestCount < count : result.worstCount > count;
          if (!better) continue;
          count = minimise ? result.bestCount : result.worstCount;
          const point = pointOnLine(w, D, minimise ? result.bestTau : result.worstTau);
          w = Float64Array.from(point, (x, m) => Math.min(high[m] as number, Math.max(low[m] as number, x)));
          moved = true;
        }
      }
      if (!moved) break;
    }
    return w;
  };
  for (let p = 0; p < s.n; p++) {
    certify(improve(p, bestAt[p] as Float64Array, true));
    certify(improve(p, worstAt[p] as Float64Array, false));
  }
}
