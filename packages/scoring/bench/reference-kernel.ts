/**
 * Minimal reference kernels for the benchmark: the same arithmetic as the engine on plain
 * Float64Array loops, with none of its generality (no validation, no cutoff, no combine beyond
 * last-write-wins, no missing policies beyond zero, minmax for every normalised indicator, no
 * contributions or explanations). They bound what the arithmetic itself costs.
 */
import type { Methodology, Observation } from '../src/index';
import { isIndicatorNode } from '../src/index';
import type { RandomSource } from '../src/random/sfc32';

interface ReferenceDimension {
  /** Per leaf: indicator index, pillar index, leaf weight relative within its pillar. */
  leafIndicator: Int32Array;
  leafPillar: Int32Array;
  leafWeight: Float64Array;
  /** Per pillar: weight relative within the root. */
  pillarWeight: Float64Array;
}

function compile(methodology: Methodology): ReferenceDimension[] {
  const index = new Map(methodology.indicators.map((d, i) => [d.key, i]));
  return methodology.dimensions.map((dimension) => {
    const leafIndicator: number[] = [];
    const leafPillar: number[] = [];
    const leafWeight: number[] = [];
    const pillarWeight: number[] = [];
    dimension.children.forEach((pillar, p) => {
      if (isIndicatorNode(pillar)) throw new Error('reference kernel expects root → pillars → indicators');
      pillarWeight.push(pillar.weight);
      const total = pillar.children.reduce((sum, c) => sum + c.weight, 0);
      for (const leaf of pillar.children) {
        if (!isIndicatorNode(leaf)) throw new Error('reference kernel expects two levels');
        leafIndicator.push(index.get(leaf.indicator) ?? -1);
        leafPillar.push(p);
        leafWeight.push(leaf.weight / total);
      }
    });
    const total = pillarWeight.reduce((a, b) => a + b, 0);
    return {
      leafIndicator: Int32Array.from(leafIndicator),
      leafPillar: Int32Array.from(leafPillar),
      leafWeight: Float64Array.from(leafWeight),
      pillarWeight: Float64Array.from(pillarWeight, (w) => w / total),
    };
  });
}

/** Observations → dense indicator-major matrix (last write wins), by two map look-ups each. */
export function ingest(
  methodology: Methodology,
  observations: readonly Observation[],
): { matrix: Float64Array; n: number } {
  const indicators = new Map(methodology.indicators.map((d, i) => [d.key, i]));
  const projects = new Map<string, number>();
  for (const o of observations) if (!projects.has(o.project)) projects.set(o.project, projects.size);
  const n = projects.size;
  const matrix = new Float64Array(methodology.indicators.length * n).fill(Number.NaN);
  for (const o of observations) {
    matrix[(indicators.get(o.indicator) as number) * n + (projects.get(o.project) as number)] = o.value;
  }
  return { matrix, n };
}

/** Transform (log1p / log / none) then minmax (pass-through for 0–1 rates), missing → 0. */
function normalise(methodology: Methodology, matrix: Float64Array, n: number): Float64Array {
  const out = new Float64Array(matrix.length);
  methodology.indicators.forEach((indicator, i) => {
    const base = i * n;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < n; k++) {
      let x = matrix[base + k] as number;
      if (indicator.transform === 'log1p') x = Math.log1p(x);
      else if (indicator.transform === 'log') x = Math.log(x);
      out[base + k] = x;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    const passThrough = indicator.normalize.method === 'none';
    const range = max - min;
    for (let k = 0; k < n; k++) {
      const x = out[base + k] as number;
      if (Number.isNaN(x)) out[base + k] = 0;
      else if (!passThrough) out[base + k] = range > 0 ? (x - min) / range : 1;
    }
  });
  return out;
}

/** Two-level weighted sums: scores[k] = Σ_pillar W_p · Σ_leaf w_l · v_lk (× 100). */
function aggregate(
  dimension: ReferenceDimension,
  normalised: Float64Array,
  n: number,
  leafWeight: Float64Array,
  pillarWeight: Float64Array,
  scores: Float64Array,
): void {
  scores.fill(0);
  for (let l = 0; l < dimension.leafIndicator.length; l++) {
    const w = (pillarWeight[dimension.leafPillar[l] as number] as number) * (leafWeight[l] as number) * 100;
    const base = (dimension.leafIndicator[l] as number) * n;
    for (let k = 0; k < n; k++) scores[k] = (scores[k] as number) + w * (normalised[base + k] as number);
  }
}

/** Competition ranks by one typed-array sort and a binary search per score. */
function rank(scores: Float64Array, ranks: Int32Array, sorted: Float64Array): void {
  const n = scores.length;
  sorted.set(scores);
  sorted.sort();
  for (let k = 0; k < n; k++) {
    const x = scores[k] as number;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] as number) <= x) lo = mid + 1;
      else hi = mid;
    }
    ranks[k] = n - lo + 1;
  }
}

/** Scores and ranks every project in every dimension. */
export function referenceScore(methodology: Methodology, observations: readonly Observation[]): Int32Array[] {
  const { matrix, n } = ingest(methodology, observations);
  return referenceScoreMatrix(methodology, matrix, n);
}

/** {@link referenceScore} from the dense matrix: normalise, weighted sums, ranks. */
export function referenceScoreMatrix(
  methodology: Methodology,
  matrix: Float64Array,
  n: number,
): Int32Array[] {
  const dimensions = compile(methodology);
  const normalised = normalise(methodology, matrix, n);
  const sorted = new Float64Array(n);
  return dimensions.map((dimension) => {
    const scores = new Float64Array(n);
    const ranks = new Int32Array(n);
    aggregate(dimension, normalised, n, dimension.leafWeight, dimension.pillarWeight, scores);
    rank(scores, ranks, sorted);
    return ranks;
  });
}

/** Monte Carlo rank intervals: per sample, every weight × U[1−δ, 1+δ], re-aggregate, re-rank. */
export function referenceSensitivity(
  methodology: Methodology,
  observations: readonly Observation[],
  samples: number,
  delta: number,
  random: RandomSource,
): Float64Array[] {
  const dimensions = compile(methodology);
  const { matrix, n } = ingest(methodology, observations);
  const normalised = normalise(methodology, matrix, n);
  const states = dimensions.map((dimension) => ({
    dimension,
    leafWeight: new Float64Array(dimension.leafWeight.length),
    pillarWeight: new Float64Array(dimension.pillarWeight.length),
    rawLeaf: new Float64Array(dimension.leafWeight.length),
    scores: new Float64Array(n),
    ranks: new Int32Array(n),
    sampled: new Float64Array(n * samples),
  }));
  const sorted = new Float64Array(n);
  for (let s = 0; s < samples; s++) {
    for (const state of states) {
      const { dimension } = state;
      // Perturb pillar weights and leaf weights, renormalise within each parent.
      let pillarTotal = 0;
      for (let p = 0; p < dimension.pillarWeight.length; p++) {
        const w = (dimension.pillarWeight[p] as number) * (1 - delta + 2 * delta * random());
        state.pillarWeight[p] = w;
        pillarTotal += w;
      }
      for (let p = 0; p < dimension.pillarWeight.length; p++)
        state.pillarWeight[p] = (state.pillarWeight[p] as number) / pillarTotal;
      const leafTotals = new Float64Array(dimension.pillarWeight.length);
      for (let l = 0; l < dimension.leafWeight.length; l++) {
        const w = (dimension.leafWeight[l] as number) * (1 - delta + 2 * delta * random());
        state.rawLeaf[l] = w;
        const p = dimension.leafPillar[l] as number;
        leafTotals[p] = (leafTotals[p] as number) + w;
      }
      for (let l = 0; l < dimension.leafWeight.length; l++) {
        state.leafWeight[l] =
          (state.rawLeaf[l] as number) / (leafTotals[dimension.leafPillar[l] as number] as number);
      }
      aggregate(dimension, normalised, n, state.leafWeight, state.pillarWeight, state.scores);
      rank(state.scores, state.ranks, sorted);
      for (let k = 0; k < n; k++) state.sampled[k * samples + s] = state.ranks[k] as number;
    }
  }
  return states.map((state) => {
    const out = new Float64Array(n * 3);
    for (let k = 0; k < n; k++) {
      const ranks = state.sampled.subarray(k * samples, (k + 1) * samples).sort();
      const q = (p: number) => {
        const h = (samples - 1) * p;
        const lo = Math.floor(h);
        const a = ranks[lo] as number;
        const b = ranks[Math.min(lo + 1, samples - 1)] as number;
        return a + (h - lo) * (b - a);
      };
      out[k * 3] = q(0.05);
      out[k * 3 + 1] = q(0.5);
      out[k * 3 + 2] = q(0.95);
    }
    return out;
  });
}
