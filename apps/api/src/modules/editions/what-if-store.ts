/** SQL for what-if re-aggregation: a dimension's stored normalised values, one row per project. */
import { type Executor, projects, results } from '@ranking/schema';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { IndicatorResult } from './model';

export interface WhatIfSourceRow {
  projectId: number;
  slug: string;
  /** The stored indicator results; only `normalized` is read. */
  indicators: Record<string, Pick<IndicatorResult, 'normalized'>>;
}

/** Every result of one dimension of an edition (the whole population: ranks are relative to all of it). */
export async function listWhatIfRows(
  db: Executor,
  params: { editionId: number; dimension: string },
): Promise<WhatIfSourceRow[]> {
  return db
    .select({
      projectId: results.projectId,
      slug: projects.slug,
      indicators: sql<Record<string, Pick<IndicatorResult, 'normalized'>>>`${results.indicators}`,
    })
    .from(results)
    .innerJoin(projects, eq(projects.id, results.projectId))
    .where(and(eq(results.editionId, params.editionId), eq(results.dimensionKey, params.dimension)))
    .orderBy(asc(projects.slug));
}
