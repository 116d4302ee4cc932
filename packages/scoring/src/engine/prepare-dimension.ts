import { DomainError, ScoringInputError } from '../errors';
import type { CompiledDimension } from './compile-dimension';
import { evaluateTree, markCompleteRows } from './evaluate-tree';
import { normalizeIndicator } from './normalize-indicator';
import { cellObservations, type ObservationTable } from './observation-table';

/** One dimension ready to aggregate: its population and the normalised leaf values. */
export interface PreparedDimension {
  compiled: CompiledDimension;
  /** Project indices (into the table's slugs) of the population, ascending — i.e. by slug. */
  population: Int32Array;
  n: number;
  /** Row-major node × project matrix: leaf rows normalised, group rows evaluated with nominal weights. */
  matrix: Float64Array;
  /** complete[node] = 1 when the node's row holds no NaN (see `evaluateTree`). */
  complete: Uint8Array;
  /** Row-major leaf × project combined raw values (NaN: no evidence). */
  raw: Float64Array;
}

/**
 * Normalised columns already computed, by population and indicator: dimensions over the same
 * population (e.g. every project, without a projects list) normalise a shared indicator once.
 */
export type NormalizationCache = Map<string, { raw: Float64Array; normalized: Float64Array }>;

/**
 * Step 1 of docs/methodology-format.md (population) and, per tree indicator, steps 3–8 over that population;
 * then evaluates the tree with the methodology's weights. Normalisation does not depend on weights,
 * so sensitivity analysis prepares once and re-aggregates per sample.
 *
 * Population: the projects whose category equals the dimension's; every project when the dimension
 * has no category or when no projects list was given (the CLI's contract).
 *
 * Complexity: O(leaves · n log n) at most; O(nodes · n) memory.
 *
 * @throws {ScoringInputError} TRANSFORM_DOMAIN / NORMALIZE_DOMAIN naming the project, the indicator
 *   and the observations behind the offending value
 */
export function prepareDimension(
  compiled: CompiledDimension,
  table: ObservationTable,
  cache: NormalizationCache = new Map(),
): PreparedDimension {
  const everyone = !table.hasProjectList || compiled.category === undefined;
  const population = selectPopulation(compiled, table, everyone);
  const populationKey = everyone ? '*' : `category:${compiled.category}`;
  const n = population.length;
  const projectCount = table.slugs.length;
  const matrix = new Float64Array(compiled.nodeCount * n);
  const raw = new Float64Array(compiled.leafNode.length * n);
  for (let l = 0; l < compiled.leafNode.length; l++) {
    const definition = compiled.leafIndicator[l];
    const node = compiled.leafNode[l] as number;
    if (definition === undefined) continue;
    const cacheKey = `${populationKey}\u0000${definition.key}`;
    const cached = cache.get(cacheKey);
    if (cached !== undefined) {
      raw.set(cached.raw, l * n);
      matrix.set(cached.normalized, node * n);
      continue;
    }
    const indicator = table.indicatorIndex.get(definition.key) as number;
    const rawRow = raw.subarray(l * n, (l + 1) * n);
    const base = indicator * projectCount;
    if (everyone) rawRow.set(table.raw.subarray(base, base + n));
    else for (let k = 0; k < n; k++) rawRow[k] = table.raw[base + (population[k] as number)] as number;
    const normalizedRow = matrix.subarray(node * n, (node + 1) * n);
    try {
      normalizeIndicator(rawRow, definition, normalizedRow);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const project = population[error.index] as number;
      const slug = table.slugs[project] as string;
      const code = error.message.startsWith('normalize') ? 'NORMALIZE_DOMAIN' : 'TRANSFORM_DOMAIN';
      throw new ScoringInputError(
        code,
        `project ${JSON.stringify(slug)}, indicator ${JSON.stringify(definition.key)} (dimension ${compiled.key}): ${error.message}`,
        {
          project: slug,
          indicator: definition.key,
          observations: cellObservations(table, indicator, project),
        },
      );
    }
    cache.set(cacheKey, { raw: rawRow, normalized: normalizedRow });
  }
  const complete = markCompleteRows(compiled, matrix, n);
  evaluateTree(compiled, matrix, n, compiled.weight, new Float64Array(n), complete);
  return { compiled, population, n, matrix, complete, raw };
}

function selectPopulation(
  compiled: CompiledDimension,
  table: ObservationTable,
  everyone: boolean,
): Int32Array {
  const all = table.slugs.length;
  if (everyone) {
    const population = new Int32Array(all);
    for (let p = 0; p < all; p++) population[p] = p;
    return population;
  }
  const members: number[] = [];
  for (let p = 0; p < all; p++) if (table.categories[p] === compiled.category) members.push(p);
  return Int32Array.from(members);
}
