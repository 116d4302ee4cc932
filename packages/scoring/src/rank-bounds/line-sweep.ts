/**
 * The root of a dimension as a function of its top-level weights, for searching rank bounds.
 *
 * Only the root's children's weights vary, so every child value x_qj of project q is fixed (it is
 * computed below the root with the methodology's weights). Over the active children j (official
 * weight > 0), with b_qj = 1 when x_qj is present and y_qj its value on the comparison scale:
 *
 *     arithmetic root:  s_q(w) = Σⱼ b_qj·w_j·y_qj / Σⱼ b_qj·w_j,           y = x
 *     geometric root:   ln s_q(w) = Σⱼ b_qj·w_j·y_qj / Σⱼ b_qj·w_j,        y = ln x
 *
 * (the geometric mean is the exponential of a weighted mean of logarithms, so it orders projects
 * exactly as that mean does). A project is *constant* when nothing active is present for it (its root
 * is left out: score 0) or, under a geometric root, when a present active child is 0 (score 0): its
 * comparison value is then 0 (arithmetic) or −∞ (geometric).
 *
 * Both forms are homogeneous of degree 0 in w, and for two projects the sign of s_q − s_p is the sign
 * of the quadratic form N(w) = (A_q·w)(B_p·w) − (A_p·w)(B_q·w) (A = b·y, B = b); it is linear when
 * the two have the same children present (N = (B·w)·((A_q − A_p)·w)) or one of them is constant.
 */
export interface RootSurrogate {
  n: number;
  /** Number of active top-level weights. */
  k: number;
  /** Row-major n × k: b_qj · y_qj. */
  a: Float64Array;
  /** Row-major n × k: b_qj. */
  b: Float64Array;
  /** NaN for a project whose score varies; otherwise its constant comparison value (0 or −∞). */
  constant: Float64Array;
}

/** The counts and positions found by {@link sweepLine} for one project along one line. */
export interface SweepResult {
  /** τ where the fewest projects are strictly above, and how many. */
  bestTau: number;
  bestCount: number;
  /** τ where the most projects are strictly above, and how many. */
  worstTau: number;
  worstCount: number;
}

/** Reusable buffers of {@link sweepLine} for a population of n. */
export interface SweepBuffers {
  a0: Float64Array;
  a1: Float64Array;
  b0: Float64Array;
  b1: Float64Array;
  /** Per project: its up to two roots and, per piece, the piece's sign. */
  roots: Float64Array;
  rootCount: Int8Array;
  all: Float64Array;
  points: Float64Array;
  diff: Int32Array;
}

export function createSweepBuffers(n: number): SweepBuffers {
  return {
    a0: new Float64Array(n),
    a1: new Float64Array(n),
    b0: new Float64Array(n),
    b1: new Float64Array(n),
    roots: new Float64Array(2 * n),
    rootCount: new Int8Array(n),
    all: new Float64Array(2 * n),
    points: new Float64Array(4 * n + 3),
    diff: new Int32Array(4 * n + 4),
  };
}

/**
 * The coefficients (c0, c1, c2) of N(τ) = c0 + c1·τ + c2·τ² whose sign is the sign of s_q − s_p
 * along w(τ) = P + τ·D (the a0..b1 buffers hold A·P, A·D, B·P, B·D per project). `null`: the sign
 * is constant and given by `fixed` (q strictly above p or not).
 */
function pairCoefficients(
  s: RootSurrogate,
  buffers: SweepBuffers,
  p: number,
  q: number,
  out: Float64Array,
): boolean | null {
  const { a0, a1, b0, b1 } = buffers;
  const cp = s.constant[p] as number;
  const cq = s.constant[q] as number;
  const pConstant = !Number.isNaN(cp);
  const qConstant = !Number.isNaN(cq);
  if (pConstant && qConstant) return cq > cp;
  if (qConstant) {
    if (cq === Number.NEGATIVE_INFINITY) return false;
    // s_q − s_p = (c·B_p·w − A_p·w) / (B_p·w)
    out[0] = cq * (b0[p] as number) - (a0[p] as number);
    out[1] = cq * (b1[p] as number) - (a1[p] as number);
    out[2] = 0;
    return null;
  }
  if (pConstant) {
    if (cp === Number.NEGATIVE_INFINITY) return true;
    out[0] = (a0[q] as number) - cp * (b0[q] as number);
    out[1] = (a1[q] as number) - cp * (b1[q] as number);
    out[2] = 0;
    return null;
  }
  const aq0 = a0[q] as number;
  const aq1 = a1[q] as number;
  const ap0 = a0[p] as number;
  const ap1 = a1[p] as number;
  const bq0 = b0[q] as number;
  const bq1 = b1[q] as number;
  const bp0 = b0[p] as number;
  const bp1 = b1[p] as number;
  out[0] = aq0 * bp0 - ap0 * bq0;
  out[1] = aq0 * bp1 + aq1 * bp0 - ap0 * bq1 - ap1 * bq0;
  out[2] = aq1 * bp1 - ap1 * bq1;
  // N ≡ 0 up to rounding: q ties p all along the line (e.g. the line lies on their crossing plane).
  const size =
    (Math.abs(aq0) + Math.abs(aq1) + Math.abs(ap0) + Math.abs(ap1)) *
    (Math.abs(bq0) + Math.abs(bq1) + Math.abs(bp0) + Math.abs(bp1));
  const tiny = 1e-12 * size;
  if (Math.abs(out[0]) <= tiny && Math.abs(out[1]) <= tiny && Math.abs(out[2]) <= tiny) return false;
  return null;
}

/** Real roots of c0 + c1·τ + c2·τ² strictly inside (lo, hi), ascending, written at out[at..]; returns how many. */
function rootsInside(c: Float64Array, lo: number, hi: number, out: Float64Array, at: number): number {
  const c0 = c[0] as number;
  const c1 = c[1] as number;
  const c2 = c[2] as number;
  let r1 = Number.NaN;
  let r2 = Number.NaN;
  if (c2 === 0) {
    if (c1 !== 0) r1 = -c0 / c1;
  } else {
    const disc = c1 * c1 - 4 * c2 * c0;
    if (disc >= 0) {
      // The stable form: no cancellation between −c1 and ±√disc.
      const h = -0.5 * (c1 + (c1 >= 0 ? Math.sqrt(disc) : -Math.sqrt(disc)));
      r1 = h / c2;
      r2 = h !== 0 ? c0 / h : Number.NaN;
    }
  }
  let count = 0;
  const lowFirst = !(r2 < r1);
  for (const r of lowFirst ? [r1, r2] : [r2, r1]) {
    if (r > lo && r < hi && (count === 0 || r !== out[at])) out[at + count++] = r;
  }
  return count;
}

function lowerBound(sorted: Float64Array, length: number, x: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * For project p, along the line w(τ) = P + τ·D, τ ∈ [lo, hi] (every w(τ) a valid weight vector up to
 * a positive factor, with B_q·w(τ) > 0 for every non-constant q), finds where the fewest and the most
 * projects are strictly above p, exactly (in real arithmetic): each competitor q is above p on the
 * pieces between the real roots of its N(τ) where N > 0; the count is constant between consecutive
 * roots of all competitors, so it is read at every root (where the competitors crossing there tie
 * with p — what a best rank wants) and at both ends; the most are read at the midpoints between
 * consecutive roots and ends only (open cells: the competitors above there are strictly above).
 *
 * Complexity: O(n·k + n log n) time, allocation-free with `buffers`.
 */
export function sweepLine(
  s: RootSurrogate,
  p: number,
  P: Float64Array,
  D: Float64Array,
  lo: number,
  hi: number,
  buffers: SweepBuffers,
  result: SweepResult,
): SweepResult {
  const { n, k, a, b } = s;
  const { a0, a1, b0, b1, roots, rootCount, all, points, diff } = buffers;
  for (let q = 0; q < n; q++) {
    let ap = 0;
    let ad = 0;
    let bp = 0;
    let bd = 0;
    for (let j = 0, at = q * k; j < k; j++, at++) {
      const pj = P[j] as number;
      const dj = D[j] as number;
      ap += (a[at] as number) * pj;
      ad += (a[at] as number) * dj;
      bp += (b[at] as number) * pj;
      bd += (b[at] as number) * dj;
    }
    a0[q] = ap;
    a1[q] = ad;
    b0[q] = bp;
    b1[q] = bd;
  }
  const c = new Float64Array(3);
  let allCount = 0;
  for (let q = 0; q < n; q++) {
    rootCount[q] = 0;
    if (q === p || hi <= lo) continue;
    if (pairCoefficients(s, buffers, p, q, c) !== null) continue;
    const m = rootsInside(c, lo, hi, roots, 2 * q);
    rootCount[q] = m;
    for (let r = 0; r < m; r++) all[allCount++] = roots[2 * q + r] as number;
  }
  const sorted = all.subarray(0, allCount).sort();
  let unique = 0;
  for (let i = 0; i < allCount; i++)
    if (unique === 0 || sorted[i] !== sorted[unique - 1]) sorted[unique++] = sorted[i] as number;
  // points: lo, mid, r0, mid, r1, …, mid, hi — base point i (lo, the roots, hi) sits at 2i.
  let pointCount = 0;
  points[pointCount++] = lo;
  let previous = lo;
  for (let i = 0; i <= unique; i++) {
    const next = i < unique ? (sorted[i] as number) : hi;
    if (hi > lo) {
      points[pointCount++] = previous + (next - previous) / 2;
      points[pointCount++] = next;
    }
    previous = next;
  }
  const last = pointCount - 1;
  diff.fill(0, 0, pointCount + 1);
  const addRange = (from: number, to: number) => {
    if (from > to) return;
    diff[from] = (diff[from] as number) + 1;
    diff[to + 1] = (diff[to + 1] as number) - 1;
  };
  const signAt = (t: number) => (c[0] as number) + t * ((c[1] as number) + t * (c[2] as number));
  for (let q = 0; q < n; q++) {
    if (q === p) continue;
    const fixed = pairCoefficients(s, buffers, p, q, c);
    if (fixed !== null) {
      if (fixed) addRange(0, last);
      continue;
    }
    const m = rootCount[q] as number;
    // Piece boundaries as point indices: −1 (before lo), each root's index, last + 1 (after hi).
    let fromIndex = -1;
    let fromTau = lo;
    for (let r = 0; r <= m; r++) {
      const toTau = r < m ? (roots[2 * q + r] as number) : hi;
      const toIndex = r < m ? 2 * (lowerBound(sorted, unique, toTau) + 1) : last + 1;
      if (signAt(fromTau + (toTau - fromTau) / 2) > 0) addRange(fromIndex + 1, toIndex - 1);
      fromIndex = toIndex;
      fromTau = toTau;
    }
  }
  let running = 0;
  result.bestCount = Number.POSITIVE_INFINITY;
  result.worstCount = -1;
  for (let i = 0; i < pointCount; i++) {
    running += diff[i] as number;
    if (running < result.bestCount) {
      result.bestCount = running;
      result.bestTau = points[i] as number;
    }
    // A maximum is reached on open pieces: read it at their midpoints (odd indices), never at a
    // root or an end, where a competitor crossing there ties instead of being above.
    if ((i % 2 === 1 || pointCount === 1) && running > result.worstCount) {
      result.worstCount = running;
      result.worstTau = points[i] as number;
    }
  }
  return result;
}

/** The number of projects strictly above p at weights w (the surrogate's count, in real arithmetic up to rounding). */
export function countAbove(s: RootSurrogate, p: number, w: Float64Array): number {
  const value = (q: number) => {
    const constant = s.constant[q] as number;
    if (!Number.isNaN(constant)) return constant;
    let num = 0;
    let den = 0;
    for (let j = 0, at = q * s.k; j < s.k; j++, at++) {
      num += (s.a[at] as number) * (w[j] as number);
      den += (s.b[at] as number) * (w[j] as number);
    }
    return num / den;
  };
  const mine = value(p);
  let count = 0;
  for (let q = 0; q < s.n; q++) if (q !== p && value(q) > mine) count++;
  return count;
}
