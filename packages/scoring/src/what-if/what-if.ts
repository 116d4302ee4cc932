import { type CompiledDimension, compileDimension } from '../engine/compile-dimension';
import { evaluateTree, markCompleteRows, rootScores } from '../engine/evaluate-tree';
import type { IndicatorDefinition, Methodology } from '../methodology/types';
import { argsortFloat64 } from '../rank/argsort-float64';
import { competitionRanks, TIE_TOLERANCE } from '../rank/competition-rank';
import { rankOrder } from '../rank/rank-order';
import { selectFloat64 } from '../rank/select-float64';
import { WhatIfError } from './what-if-error';

/**
 * One project's stored result in the dimension, as much of it as re-aggregation needs: the value of
 * every indicator of the dimension's tree that entered aggregation — `normalized` of a
 * `ScoreEntry`'s `indicators` (or of a stored result row), null when the indicator was left out for
 * the project (`missing: exclude`, or `mean` with nobody to average). A `ScoreEntry` is one as it is.
 */
export interface WhatIfProjectRow {
  project: string;
  indicators: Readonly<Record<string, { readonly normalized: number | null } | undefined>>;
}

/** What {@link prepareWhatIf} needs: the edition's methodology, one dimension, its whole population. */
export interface WhatIfInput {
  methodology: Methodology;
  /** The dimension's key, exactly as in the methodology. */
  dimension: string;
  /** Every project of the dimension's population (ranks are relative to all of them), in any order. */
  projects: readonly WhatIfProjectRow[];
}

/** A new weight for one node of the dimension's tree: a group key or an indicator key. */
export interface WeightOverride {
  node: string;
  /** Relative to the node's siblings, like the methodology's own weights; finite and ≥ 0. */
  weight: number;
}

/** One project's result under the overridden weights, beside its official one. */
export interface WhatIfEntry {
  project: string;
  /** Root value × scale with the overridden weights. */
  score: number;
  /** Competition rank with the overridden weights (ties within 1e-9). */
  rank: number;
  officialScore: number;
  officialRank: number;
  /** officialRank − rank: positive when the project moves up. */
  rankChange: number;
}

/**
 * A dimension's population ready to be re-aggregated with other weights (see {@link prepareWhatIf}).
 * Read-only: every evaluation works on its own copy of the leaf rows.
 */
export interface WhatIfModel {
  dimension: CompiledDimension;
  scale: number;
  /** The population's slugs in UTF-16 code-unit order — the engine's order; position k below is `projects[k]`. */
  projects: string[];
  n: number;
  /** Leaf-major normalised values, entry [l · n + k] for leaf l and project k; NaN = left out. */
  leaves: Float64Array;
  /** The scores and ranks with the methodology's weights (equal, bit for bit, to the scored edition's). */
  officialScores: Float64Array;
  officialRanks: Int32Array;
  /** The keys a weight override may name: every node below the root, in preorder. */
  nodeKeys: string[];
  /** Node id by key; −1 for a key that names both a group and an indicator. */
  nodeIds: Map<string, number>;
}

/** Scratch space of one evaluation (reused across evaluations of the same model). */
export interface WhatIfWork {
  matrix: Float64Array;
  complete: Uint8Array;
  leafComplete: Uint8Array;
  scratch: Float64Array;
  scores: Float64Array;
  ranks: Int32Array;
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Prepares one dimension of a scored edition for what-if re-aggregation: compiles the tree as the
 * engine does, lays the stored normalised values out as the engine's leaf rows (population sorted by
 * slug, NaN where the value is null) and scores them once with the methodology's weights. Because
 * the leaf rows are exactly the engine's and the aggregation is the engine's own
 * (`evaluateTree`, `rootScores`, `competitionRanks`), these official scores are bit for bit the
 * scored edition's, and so is every re-aggregation with the official weights.
 *
 * Do this once per (edition, dimension) and keep the model: {@link whatIf} then costs only the
 * aggregation.
 *
 * Complexity: O(n log n + n · leaves) time (the object look-ups of the rows dominate), O(n · nodes) memory.
 *
 * @throws {WhatIfError} UNKNOWN_DIMENSION (listing the dimension keys in `validKeys`),
 *   DUPLICATE_PROJECT (`projects[i].project`), INVALID_NORMALIZED (`projects[i].indicators.KEY`: an
 *   indicator of the tree absent from the row, or a value that is neither null nor in [0, 1])
 * @example
 * const scores = scoreEdition({ methodology, projects, observations });
 * const model = prepareWhatIf({ methodology, dimension: 'model', projects: scores.dimensions[0].entries });
 * whatIf(model, [{ node: 'adoption', weight: 60 }])[0]
 * // → { project: 'qwen', score: 81.2, rank: 1, officialScore: 79.5, officialRank: 2, rankChange: 1 }
 */
export function prepareWhatIf(input: WhatIfInput): WhatIfModel {
  const { methodology } = input;
  const definition = methodology.dimensions.find((d) => d.key === input.dimension);
  if (definition === undefined) {
    const keys = methodology.dimensions.map((d) => d.key);
    throw new WhatIfError(
      'UNKNOWN_DIMENSION',
      'dimension',
      `no dimension ${JSON.stringify(input.dimension)}; the dimensions are ${keys.join(', ')}`,
      { field: 'dimension', validKeys: keys },
    );
  }
  const byKey = new Map<string, IndicatorDefinition>(methodology.indicators.map((i) => [i.key, i]));
  const dimension = compileDimension(definition, byKey);

  const rows = input.projects.map((row, index) => ({ row, index }));
  rows.sort((a, b) => byCodeUnits(a.row.project, b.row.project));
  for (let k = 1; k < rows.length; k++) {
    const here = rows[k] as (typeof rows)[number];
    const before = rows[k - 1] as (typeof rows)[number];
    if (here.row.project === before.row.project) {
      const index = Math.max(here.index, before.index);
      throw new WhatIfError(
        'DUPLICATE_PROJECT',
        `projects[${index}].project`,
        `project ${JSON.stringify(here.row.project)} is listed twice (also at projects[${Math.min(here.index, before.index)}])`,
        { index, field: 'project' },
      );
    }
  }

  const n = rows.length;
  const leafKeys = dimension.leafIndicator.map((d) => d.key);
  const leaves = new Float64Array(leafKeys.length * n);
  for (let k = 0; k < n; k++) {
    const { row, index } = rows[k] as (typeof rows)[number];
    for (let l = 0; l < leafKeys.length; l++) {
      const key = leafKeys[l] as string;
      const cell = Object.hasOwn(row.indicators, key) ? row.indicators[key] : undefined;
      const value = cell?.normalized;
      if (value === null) {
        leaves[l * n + k] = Number.NaN;
        continue;
      }
      if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
        const what =
          cell === undefined ? 'is missing' : `has normalized ${String(value)}, not null or in [0, 1]`;
        throw new WhatIfError(
          'INVALID_NORMALIZED',
          `projects[${index}].indicators.${key}`,
          `project ${JSON.stringify(row.project)}: indicator ${JSON.stringify(key)} ${what}`,
          { index, field: 'indicators' },
        );
      }
      leaves[l * n + k] = value;
    }
  }

  const nodeKeys: string[] = [];
  const nodeIds = new Map<string, number>();
  for (let i = 1; i < dimension.preorder.length; i++) {
    const node = dimension.preorder[i] as number;
    const key = dimension.nodeKey[node] as string;
    nodeKeys.push(key);
    nodeIds.set(key, nodeIds.has(key) ? -1 : node);
  }

  const model: WhatIfModel = {
    dimension,
    scale: methodology.scale,
    projects: rows.map((r) => r.row.project),
    n,
    leaves,
    officialScores: new Float64Array(n),
    officialRanks: new Int32Array(n),
    nodeKeys,
    nodeIds,
  };
  const work = createWork(model);
  evaluateWeights(model, dimension.weight, work);
  model.officialScores.set(work.scores);
  model.officialRanks.set(work.ranks);
  return model;
}

/** Scratch buffers for {@link evaluateWeights} on `model`. */
export function createWork(model: WhatIfModel): WhatIfWork {
  const { dimension, n } = model;
  const matrix = new Float64Array(dimension.nodeCount * n);
  matrix.set(model.leaves);
  return {
    matrix,
    complete: new Uint8Array(dimension.nodeCount),
    leafComplete: markCompleteRows(dimension, matrix, n),
    scratch: new Float64Array(n),
    scores: new Float64Array(n),
    ranks: new Int32Array(n),
  };
}

/**
 * Scores and ranks the model's population with one weight per node (`weights[node]`, the compiled
 * tree's numbering), into `work.scores` and `work.ranks`: the engine's own tree evaluation, root
 * scores and competition ranks on the engine's leaf rows.
 *
 * Complexity: O(nodes · n + n log n), allocation-free apart from the ranking's argsort buffers.
 */
export function evaluateWeights(model: WhatIfModel, weights: Float64Array, work: WhatIfWork): void {
  evaluateScores(model, weights, work);
  competitionRanks(work.scores, undefined, work.ranks);
}

/** {@link evaluateWeights} without the ranks: the scores only, into `work.scores`. */
function evaluateScores(model: WhatIfModel, weights: Float64Array, work: WhatIfWork): void {
  const { dimension, n } = model;
  // Group rows are rewritten by every evaluation; the leaf rows (the first L·n entries) never change.
  work.complete.set(work.leafComplete);
  evaluateTree(dimension, work.matrix, n, weights, work.scratch, work.complete);
  rootScores(dimension, work.matrix, n, model.scale, work.scores);
}

/**
 * Turns weight overrides into one weight per node of the compiled tree: the methodology's weights
 * with the overridden nodes replaced.
 *
 * Complexity: O(nodes + overrides).
 *
 * @throws {WhatIfError} UNKNOWN_NODE / AMBIGUOUS_NODE / DUPLICATE_NODE (`weights[i].node`),
 *   INVALID_WEIGHT (`weights[i].weight`: negative, NaN or infinite), ZERO_WEIGHTS (`weights[i].weight`
 *   of the last override that left every child of a group at 0); node errors list `validKeys`
 */
export function resolveWeights(model: WhatIfModel, overrides: readonly WeightOverride[]): Float64Array {
  const { dimension, nodeIds, nodeKeys } = model;
  const weights = Float64Array.from(dimension.weight);
  const overriddenAt = new Map<number, number>();
  /** Group node → index of the last override among its children. */
  const touched = new Map<number, number>();
  const validKeys = { validKeys: nodeKeys };
  overrides.forEach((override, index) => {
    const { node: key, weight } = override;
    const node = typeof key === 'string' ? nodeIds.get(key) : undefined;
    if (node === undefined) {
      throw new WhatIfError(
        'UNKNOWN_NODE',
        `weights[${index}].node`,
        `${JSON.stringify(key)} is not a node of dimension ${dimension.key}; the nodes are ${nodeKeys.join(', ')}`,
        { index, field: 'node', ...validKeys },
      );
    }
    if (node < 0) {
      throw new WhatIfError(
        'AMBIGUOUS_NODE',
        `weights[${index}].node`,
        `${JSON.stringify(key)} names both a group and an indicator of dimension ${dimension.key}`,
        { index, field: 'node', ...validKeys },
      );
    }
    const earlier = overriddenAt.get(node);
    if (earlier !== undefined) {
      throw new WhatIfError(
        'DUPLICATE_NODE',
        `weights[${index}].node`,
        `${JSON.stringify(key)} is already weighted by weights[${earlier}]`,
        { index, field: 'node', ...validKeys },
      );
    }
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
      throw new WhatIfError(
        'INVALID_WEIGHT',
        `weights[${index}].weight`,
        `the weight of ${JSON.stringify(key)} must be a finite number ≥ 0, not ${String(weight)}`,
        { index, field: 'weight', ...validKeys },
      );
    }
    overriddenAt.set(node, index);
    weights[node] = weight + 0; // + 0 turns −0 into 0
    touched.set(dimension.parent[node] as number, index);
  });
  for (const [group, index] of touched) {
    let total = 0;
    const siblings: string[] = [];
    for (let c = dimension.childStart[group] as number; c < (dimension.childEnd[group] as number); c++) {
      const child = dimension.children[c] as number;
      total += weights[child] as number;
      siblings.push(dimension.nodeKey[child] as string);
    }
    if (!(total > 0)) {
      const where =
        group === dimension.root
          ? `the root of dimension ${dimension.key}`
          : `group ${dimension.nodeKey[group]}`;
      throw new WhatIfError(
        'ZERO_WEIGHTS',
        `weights[${index}].weight`,
        `every child of ${where} (${siblings.join(', ')}) would weigh 0; at least one must weigh more`,
        { index, field: 'weight', ...validKeys },
      );
    }
  }
  return weights;
}

/** One scratch matrix per model, reused by every {@link whatIf} call on it (calls are synchronous). */
const workCache = new WeakMap<WhatIfModel, WhatIfWork>();

function cachedWork(model: WhatIfModel): WhatIfWork {
  let work = workCache.get(model);
  if (work === undefined) {
    work = createWork(model);
    workCache.set(model, work);
  }
  return work;
}

/**
 * What-if re-aggregation: the dimension's scores and ranks with some weights overridden, beside the
 * official ones. Every node keeps its methodology weight unless overridden; weights stay relative to
 * siblings and are rescaled over the children present for a project (`missing: exclude`) exactly as
 * in the scored edition, because the aggregation is the engine's own code on the engine's leaf rows:
 *
 *     score = root value × scale,   rank = competition rank (ties within 1e-9)
 *     rankChange = officialRank − rank
 *
 * With no override (or the official weights) every score equals the official one bit for bit.
 * Entries are ordered by the new rank, then by slug (the engine's order).
 *
 * Complexity: O(nodes · n + n log n) time per call, plus the n entry objects; O(nodes · n) memory
 * per model (one scratch matrix, allocated by the first call and reused). See bench/RESULTS.md for
 * 10 000 projects.
 *
 * @throws {WhatIfError} see {@link resolveWeights}: UNKNOWN_NODE, AMBIGUOUS_NODE, DUPLICATE_NODE,
 *   INVALID_WEIGHT, ZERO_WEIGHTS, each naming `weights[i].node` or `weights[i].weight`, with the
 *   valid node keys in `validKeys`
 * @example
 * whatIf(model, [{ node: 'adoption', weight: 60 }, { node: 'stars', weight: 0 }])
 * // → [{ project, score, rank: 1, officialScore, officialRank: 3, rankChange: 2 }, …]
 */
export function whatIf(model: WhatIfModel, overrides: readonly WeightOverride[]): WhatIfEntry[] {
  const weights = resolveWeights(model, overrides);
  const work = cachedWork(model);
  evaluateWeights(model, weights, work);
  const { n, projects, officialScores, officialRanks } = model;
  const order = rankOrder(work.ranks);
  const entries: WhatIfEntry[] = new Array(n);
  for (let position = 0; position < n; position++) {
    const k = order[position] as number;
    const rank = work.ranks[k] as number;
    const officialRank = officialRanks[k] as number;
    entries[position] = {
      project: projects[k] as string,
      score: work.scores[k] as number,
      rank,
      officialScore: officialScores[k] as number,
      officialRank,
      rankChange: officialRank - rank,
    };
  }
  return entries;
}

/** A window of a what-if ranking (see {@link whatIfPage}). */
export interface WhatIfPage {
  /** Projects in the dimension's population: the length of the whole what-if ranking. */
  total: number;
  /** Positions `offset` … `offset + limit − 1` of {@link whatIf}'s list (fewer at its end). */
  entries: WhatIfEntry[];
}

/** Pages ending past this share of the population are cut from the fully ranked list instead. */
const PARTIAL_RANKING_SHARE = 0.25;

/**
 * One window of {@link whatIf}'s list — the same entries, bit for bit — without ranking the whole
 * population when the window is near the top: a reader's page of 50 out of 10,000 projects.
 *
 * Why it is exact: let m = offset + limit and t the m-th highest score. Every project at a position
 * below m belongs to a tie group whose first (highest) score is ≥ t (there are at least m scores ≥ t,
 * all in such groups, and those groups come first), so all its members score ≥ t − 1e-9. The projects
 * scoring ≥ t − 1e-9 are a prefix of the population sorted by score, and a competition rank depends
 * only on the scores above it; so ranking that prefix alone gives every one of them its true rank,
 * and its first m by (rank, slug) are the first m of the whole list. t is found by selection
 * ({@link selectFloat64}) in linear time.
 *
 * Complexity: O(nodes · n + s log s) for a window ending at m ≤ n/4, s the projects within 1e-9 of
 * the top m scores (about m); otherwise {@link whatIf}'s O(nodes · n + n log n). Entry objects are
 * made for the window only.
 *
 * @throws {WhatIfError} as {@link whatIf}
 * @throws {RangeError} when offset or limit is not a non-negative integer
 */
export function whatIfPage(
  model: WhatIfModel,
  overrides: readonly WeightOverride[],
  window: { offset: number; limit: number },
): WhatIfPage {
  const { offset, limit } = window;
  if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 0) {
    throw new RangeError(`whatIfPage: offset and limit must be integers ≥ 0, not ${offset} and ${limit}`);
  }
  const weights = resolveWeights(model, overrides);
  const { n, projects, officialScores, officialRanks } = model;
  const end = Math.min(n, offset + limit);
  if (end <= offset) return { total: n, entries: [] };
  const work = cachedWork(model);
  const entry = (k: number, rank: number): WhatIfEntry => {
    const officialRank = officialRanks[k] as number;
    return {
      project: projects[k] as string,
      score: work.scores[k] as number,
      rank,
      officialScore: officialScores[k] as number,
      officialRank,
      rankChange: officialRank - rank,
    };
  };

  if (end > n * PARTIAL_RANKING_SHARE) {
    evaluateWeights(model, weights, work);
    const order = rankOrder(work.ranks);
    const entries: WhatIfEntry[] = [];
    for (let position = offset; position < end; position++) {
      const k = order[position] as number;
      entries.push(entry(k, work.ranks[k] as number));
    }
    return { total: n, entries };
  }

  evaluateScores(model, weights, work);
  const scores = work.scores;
  for (let k = 0; k < n; k++) {
    if (Number.isNaN(scores[k])) throw new RangeError(`cannot rank NaN (position ${k})`);
  }
  // t: the end-th highest score, i.e. the (n − end)-th smallest.
  const copy = work.scratch;
  copy.set(scores);
  selectFloat64(copy, n - end);
  const floor = (copy[n - end] as number) - TIE_TOLERANCE;
  let s = 0;
  for (let k = 0; k < n; k++) if ((scores[k] as number) >= floor) s++;
  const keys = new Float64Array(s);
  const position = new Int32Array(s);
  for (let k = 0, at = 0; k < n; k++) {
    if ((scores[k] as number) >= floor) {
      keys[at] = scores[k] as number;
      position[at++] = k;
    }
  }
  argsortFloat64(keys, position);
  // The walk of competitionRanks over the prefix, from the highest score down.
  const ranks = new Int32Array(s);
  let leader = Number.NaN;
  let rank = 0;
  for (let at = s - 1, count = 1; at >= 0; at--, count++) {
    const x = keys[at] as number;
    if (count === 1 || leader - x > TIE_TOLERANCE) {
      leader = x;
      rank = count;
    }
    ranks[at] = rank;
  }
  // By rank, then by position in the population (the slug order), as rankOrder lists them.
  const byRank = Array.from({ length: s }, (_, at) => at).sort(
    (a, b) =>
      (ranks[a] as number) - (ranks[b] as number) || (position[a] as number) - (position[b] as number),
  );
  const entries: WhatIfEntry[] = [];
  for (let p = offset; p < end; p++) {
    const at = byRank[p] as number;
    entries.push(entry(position[at] as number, ranks[at] as number));
  }
  return { total: n, entries };
}
