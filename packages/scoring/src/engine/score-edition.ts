import type { IndicatorDefinition, Methodology } from '../methodology/types';
import { competitionRanks } from '../rank/competition-rank';
import { rankOrder } from '../rank/rank-order';
import type {
  DimensionScores,
  EditionScores,
  IndicatorResult,
  ScoreEditionInput,
  ScoreEntry,
} from '../types';
import { compileDimension } from './compile-dimension';
import { computeContributions } from './contributions';
import { rootScores } from './evaluate-tree';
import { buildObservationTableFromColumns, type ColumnarScoreInput } from './observation-columns';
import { buildObservationTable, cellEvidenceIds, type ObservationTable } from './observation-table';
import { type NormalizationCache, type PreparedDimension, prepareDimension } from './prepare-dimension';

/** The methodology compiled and the evidence combined and normalised: what scoring and sensitivity share. */
export interface PreparedEdition {
  table: ObservationTable;
  dimensions: PreparedDimension[];
  scale: number;
}

/** Whether results carry `imputed`, `stale`, `ageDays` (see `ScoreEditionInput.freshness`). */
function reportsFreshness(input: ScoreEditionInput, table: ObservationTable): boolean {
  return input.freshness === 'always' || table.hasWindows;
}

/**
 * Prepares an edition: combines the evidence ({@link buildObservationTable}), compiles each
 * dimension tree and normalises its indicators over its population ({@link prepareDimension}).
 *
 * @throws {ScoringInputError} see `buildObservationTable` and `prepareDimension`
 */
export function prepareEdition(input: ScoreEditionInput): PreparedEdition {
  return prepareFromTable(input.methodology, buildObservationTable(input));
}

/**
 * {@link prepareEdition} for evidence given as columns ({@link buildObservationTableFromColumns}):
 * the same prepared edition, without an object per observation.
 */
export function prepareEditionFromColumns(input: ColumnarScoreInput): PreparedEdition {
  return prepareFromTable(input.methodology, buildObservationTableFromColumns(input));
}

/** {@link prepareEdition} after the evidence is combined: compile and normalise every dimension. */
export function prepareFromTable(methodology: Methodology, table: ObservationTable): PreparedEdition {
  const byKey = new Map<string, IndicatorDefinition>(methodology.indicators.map((i) => [i.key, i]));
  const cache: NormalizationCache = new Map();
  const dimensions = methodology.dimensions.map((dimension) =>
    prepareDimension(compileDimension(dimension, byKey), table, cache),
  );
  return { table, dimensions, scale: methodology.scale };
}

/** One dimension's results as columns (typed arrays), for callers that do not need per-cell objects. */
export interface DimensionColumns {
  key: string;
  name: string;
  /** The population's slugs, sorted; position k in every array below is project `projects[k]`. */
  projects: string[];
  /** Root value × scale (0 when the root is left out). */
  scores: Float64Array;
  /** Competition ranks (ties within 1e-9). */
  ranks: Int32Array;
  /** Positions ordered by rank, then slug. */
  order: Int32Array;
  /** Indicator keys of the tree's leaves, in preorder. */
  indicators: string[];
  /** Leaf-major matrices, entry [l · n + k] for indicator l and project k; NaN = none / left out. */
  raw: Float64Array;
  normalized: Float64Array;
  contributions: Float64Array;
  /** Leaf-major [l · n + k]: 1 when no evidence value entered (the missing-value policy decided). */
  imputed: Uint8Array;
  /** Leaf-major: 1 when the evidence is older than the indicator's window (see `IndicatorFreshness`). */
  stale: Uint8Array;
  /** Leaf-major: days from the oldest evidence's observed date to the cutoff; NaN when unknown or imputed. */
  ageDays: Float64Array;
  /** Keys of the group nodes below the root, in preorder. */
  nodes: string[];
  /** Node-major matrix [g · n + k] of group values × scale; NaN when left out. */
  nodeValues: Float64Array;
}

/** An edition's results as columns (see {@link DimensionColumns}). */
export interface EditionColumns {
  methodology: { id: string; version: string };
  dimensions: DimensionColumns[];
}

/**
 * The same results as {@link scoreEdition}, as typed-array columns instead of one object per project
 * and indicator — what a caller that pages or streams results, or a benchmark of the arithmetic,
 * wants. Evidence ids are not included (see `scoreEdition`).
 *
 * Complexity: as `scoreEdition`, without its O(projects · indicators) object allocations.
 *
 * @throws {ScoringInputError} as `scoreEdition`
 */
export function scoreEditionColumns(input: ScoreEditionInput): EditionColumns {
  const prepared = prepareEdition(input);
  return {
    methodology: { id: input.methodology.id, version: input.methodology.version },
    dimensions: prepared.dimensions.map((dimension) =>
      dimensionColumns(dimension, prepared.table, prepared.scale),
    ),
  };
}

/**
 * Scores an edition (docs/methodology-format.md): per dimension, every project of its population gets a score
 * (root value × scale, in [0, scale]), a competition rank (ties within 1e-9), the value of every
 * group node below the root (× scale, on the score's scale; null when left out) and, per indicator,
 * the raw value, the normalised value, its contribution (contributions add up to the score) and
 * the ids of the evidence used — plus `imputed`, `stale` and `ageDays` when the methodology has
 * freshness windows or `input.freshness` is `always` (see `IndicatorFreshness`). Entries are ordered
 * by rank, then by slug.
 *
 * Pure: no I/O, no clock, no randomness; the result does not depend on the order of `projects` or
 * `observations` (populations are processed in slug order, combined values in value order, and
 * `latest` breaks ties by retrievedAt, id, value).
 *
 * Complexity: O(m + Σ_dimensions leaves · n log n) for m observations and n projects per dimension.
 *
 * @throws {ScoringInputError} UNKNOWN_INDICATOR (an observation names an indicator the methodology
 *   does not define), UNKNOWN_PROJECT, DUPLICATE_PROJECT, INVALID_VALUE, INVALID_DATE,
 *   TRANSFORM_DOMAIN (e.g. log of a value ≤ 0, naming project and indicator), NORMALIZE_DOMAIN
 * @example
 * const scores = scoreEdition({ methodology: parseMethodology(text), observations });
 * scores.dimensions[0].entries[0] // → { project, score, rank: 1, nodes, indicators }
 */
export function scoreEdition(input: ScoreEditionInput): EditionScores {
  const prepared = prepareEdition(input);
  return {
    methodology: { id: input.methodology.id, version: input.methodology.version },
    dimensions: prepared.dimensions.map((dimension) =>
      materializeDimension(
        dimensionColumns(dimension, prepared.table, prepared.scale),
        dimension,
        prepared.table,
        reportsFreshness(input, prepared.table),
      ),
    ),
  };
}

/** Scores, ranks, contributions and node values of one prepared dimension, as columns. */
export function dimensionColumns(
  prepared: PreparedDimension,
  table: ObservationTable,
  scale: number,
): DimensionColumns {
  const { compiled, matrix, n, population, raw } = prepared;
  const scores = rootScores(compiled, matrix, n, scale);
  const ranks = competitionRanks(scores);
  // Leaves are nodes 0..L−1: their rows are the leaf-major normalised matrix, no copy needed.
  const normalized = matrix.subarray(0, compiled.leafNode.length * n);
  const leafCount = compiled.leafNode.length;
  const imputed = new Uint8Array(leafCount * n);
  const stale = new Uint8Array(leafCount * n);
  const ageDays = new Float64Array(leafCount * n);
  const projectCount = table.slugs.length;
  for (let l = 0; l < leafCount; l++) {
    const base = (table.indicatorIndex.get(compiled.leafIndicator[l]?.key ?? '') ?? 0) * projectCount;
    for (let k = 0; k < n; k++) {
      const cell = base + (population[k] as number);
      const isImputed = Number.isNaN(raw[l * n + k] as number);
      imputed[l * n + k] = isImputed ? 1 : 0;
      stale[l * n + k] = table.stale[cell] as number;
      ageDays[l * n + k] = isImputed ? Number.NaN : (table.ageDays[cell] as number);
    }
  }
  const groupNodes = Array.from(compiled.groups.subarray(1));
  const nodeValues = new Float64Array(groupNodes.length * n);
  groupNodes.forEach((g, i) => {
    for (let k = 0; k < n; k++) nodeValues[i * n + k] = (matrix[g * n + k] as number) * scale;
  });
  return {
    key: compiled.key,
    name: compiled.name,
    projects: Array.from(population, (p) => table.slugs[p] as string),
    scores,
    ranks,
    order: rankOrder(ranks),
    indicators: compiled.leafIndicator.map((d) => d.key),
    raw,
    normalized,
    contributions: computeContributions(compiled, matrix, n, compiled.weight, scale, prepared.complete),
    imputed,
    stale,
    ageDays,
    nodes: groupNodes.map((g) => compiled.nodeKey[g] as string),
    nodeValues,
  };
}

/** One object per project (and per indicator within it), in rank order: the explanation records. */
function materializeDimension(
  columns: DimensionColumns,
  prepared: PreparedDimension,
  table: ObservationTable,
  withFreshness: boolean,
): DimensionScores {
  const entries: ScoreEntry[] = new Array(prepared.n);
  for (let position = 0; position < prepared.n; position++)
    entries[position] = scoreEntryAt(columns, prepared, table, position, withFreshness);
  return { key: columns.key, name: columns.name, entries };
}

/**
 * The explanation record ({@link ScoreEntry}) of the project at `position` in rank order of one
 * dimension — what `scoreEdition` lists at that position — built on its own, so a caller can write
 * results one project at a time and never hold every record.
 *
 * @param withFreshness whether indicator results carry `imputed`, `stale`, `ageDays`
 */
export function scoreEntryAt(
  columns: DimensionColumns,
  prepared: PreparedDimension,
  table: ObservationTable,
  position: number,
  withFreshness: boolean,
): ScoreEntry {
  const { n, population } = prepared;
  const { indicators: keys, nodes: nodeKeys, raw, normalized, contributions, nodeValues } = columns;
  const leafCount = keys.length;
  const k = columns.order[position] as number;
  const project = population[k] as number;
  const nodes: Record<string, number | null> = {};
  for (let g = 0; g < nodeKeys.length; g++) {
    const v = nodeValues[g * n + k] as number;
    nodes[nodeKeys[g] as string] = Number.isNaN(v) ? null : v;
  }
  const indicators: Record<string, IndicatorResult> = {};
  for (let l = 0; l < leafCount; l++) {
    const rawValue = raw[l * n + k] as number;
    const value = normalized[l * n + k] as number;
    const result: IndicatorResult = {
      raw: Number.isNaN(rawValue) ? null : rawValue,
      normalized: Number.isNaN(value) ? null : value,
      contribution: contributions[l * n + k] as number,
      evidenceIds: cellEvidenceIds(table, table.indicatorIndex.get(keys[l] as string) as number, project),
    };
    if (withFreshness) {
      const age = columns.ageDays[l * n + k] as number;
      result.imputed = columns.imputed[l * n + k] === 1;
      result.stale = columns.stale[l * n + k] === 1;
      result.ageDays = Number.isNaN(age) ? null : age;
    }
    indicators[keys[l] as string] = result;
  }
  return {
    project: columns.projects[k] as string,
    score: columns.scores[k] as number,
    rank: columns.ranks[k] as number,
    nodes,
    indicators,
  };
}
