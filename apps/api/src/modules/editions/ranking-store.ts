/** SQL for an edition's results: ranking pages, per-group sums, value counts, and writing them. */
import { type Executor, editionProjects, organizations, projects, queryRows, results } from '@ranking/schema';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { prepared } from '../../lib/prepared';
import type { ProjectFilter } from '../projects/model';
import { type ProjectRow, projectColumns, projectConditions } from '../projects/store';
import type { IndicatorResult, NewResult, ResultRow } from './model';

const resultColumns = {
  editionId: results.editionId,
  dimension: results.dimensionKey,
  projectId: results.projectId,
  score: results.score,
  rank: results.rank,
  previousRank: results.previousRank,
  nodes: sql<Record<string, number>>`${results.nodes}`,
  indicators: sql<Record<string, IndicatorResult>>`${results.indicators}`,
  rankMedian: results.rankMedian,
  rankP05: results.rankP05,
  rankP95: results.rankP95,
};

/**
 * One page of a dimension's ranking (`limit + 1` rows, see PageWindow), optionally filtered by
 * project; ranks stay global. Each row brings its project (the join orders by slug anyway), so a
 * page needs no second statement for them. `count` counts the whole filtered ranking, for `totalCount`.
 */
export async function listRankingPage(
  db: Executor,
  params: { editionId: number; dimension: string; filter: ProjectFilter },
  window: { limit: number; offset: number },
): Promise<{ rows: (ResultRow & { project: ProjectRow })[]; count: () => Promise<number> }> {
  const filters = projectConditions(db, params.filter);
  const conditions: SQL[] = [
    eq(results.editionId, params.editionId),
    eq(results.dimensionKey, params.dimension),
    ...filters,
  ];
  const page = (where: SQL[]) =>
    db
      .select({ ...resultColumns, project: projectColumns })
      .from(results)
      .innerJoin(projects, eq(projects.id, results.projectId))
      .where(and(...where))
      .orderBy(asc(results.rank), asc(projects.slug));
  // The unfiltered page — what nearly every reader asks for — is a prepared statement. Ties are broken
  // by slug, which is in `projects`, so without a bound PostgreSQL joined and sorted every result of
  // the dimension to return a page; `rank <= the rank of the page's last row in rank order` (read from
  // the ranking index) keeps exactly the rows that can be on the page or before it: a row at a position
  // up to `cutoff` in (rank, slug) order has a rank no greater than the row at `cutoff` in rank order.
  const rows =
    filters.length === 0
      ? await prepared(db, 'ranking_page', (name) =>
          page([
            eq(results.editionId, sql.placeholder('editionId')),
            eq(results.dimensionKey, sql.placeholder('dimension')),
            sql`${results.rank} <= coalesce((SELECT r2.rank FROM results AS r2
              WHERE r2.edition_id = ${sql.placeholder('editionId')} AND r2.dimension_key = ${sql.placeholder('dimension')}
              ORDER BY r2.rank OFFSET ${sql.placeholder('cutoff')} LIMIT 1), 2147483647)`,
          ])
            .limit(sql.placeholder('limit'))
            .offset(sql.placeholder('offset'))
            .prepare(name),
        ).execute({
          editionId: params.editionId,
          dimension: params.dimension,
          limit: window.limit + 1,
          offset: window.offset,
          // The 0-based position of the last row asked for (limit + 1 rows from offset).
          cutoff: window.offset + window.limit,
        })
      : await page(conditions)
          .limit(window.limit + 1)
          .offset(window.offset);
  return { rows, count: () => countRankingRows(db, params) };
}

/** How many entries a ranking has (those matching the filter). */
export async function countRankingRows(
  db: Executor,
  params: { editionId: number; dimension: string; filter: ProjectFilter },
): Promise<number> {
  const [row] = await db
    .select({ total: sql<number>`count(*)`.mapWith(Number) })
    .from(results)
    .innerJoin(projects, eq(projects.id, results.projectId))
    .where(
      and(
        eq(results.editionId, params.editionId),
        eq(results.dimensionKey, params.dimension),
        ...projectConditions(db, params.filter),
      ),
    );
  return row?.total ?? 0;
}

/** Every result of an edition (optionally one dimension), in rank order. */
export async function listResults(db: Executor, editionId: number, dimension?: string): Promise<ResultRow[]> {
  return db
    .select(resultColumns)
    .from(results)
    .innerJoin(projects, eq(projects.id, results.projectId))
    .where(
      dimension === undefined
        ? eq(results.editionId, editionId)
        : and(eq(results.editionId, editionId), eq(results.dimensionKey, dimension)),
    )
    .orderBy(asc(results.dimensionKey), asc(results.rank), asc(projects.slug));
}

/** Results of some projects in some editions (batched for `Project.results`). */
export async function findResultsForProjects(
  db: Executor,
  editionIds: readonly number[],
  projectIds: readonly number[],
): Promise<ResultRow[]> {
  if (editionIds.length === 0 || projectIds.length === 0) return [];
  return db
    .select(resultColumns)
    .from(results)
    .where(and(inArray(results.editionId, [...editionIds]), inArray(results.projectId, [...projectIds])))
    .orderBy(asc(results.dimensionKey));
}

/** Light rows for diffs: rank and score of every entry. */
export async function listRanks(
  db: Executor,
  editionId: number,
): Promise<{ dimension: string; projectId: number; slug: string; rank: number; score: number }[]> {
  return db
    .select({
      dimension: results.dimensionKey,
      projectId: results.projectId,
      slug: projects.slug,
      rank: results.rank,
      score: results.score,
    })
    .from(results)
    .innerJoin(projects, eq(projects.id, results.projectId))
    .where(eq(results.editionId, editionId))
    .orderBy(asc(results.dimensionKey), asc(results.rank), asc(projects.slug));
}

/** Every stored result of an edition with its project's slug (a corrected revision's basis). */
export async function listResultsWithSlugs(
  db: Executor,
  editionId: number,
): Promise<(ResultRow & { slug: string })[]> {
  return db
    .select({ ...resultColumns, slug: projects.slug })
    .from(results)
    .innerJoin(projects, eq(projects.id, results.projectId))
    .where(eq(results.editionId, editionId))
    .orderBy(asc(results.dimensionKey), asc(results.rank), asc(projects.slug));
}

export interface GroupTotalRow {
  groupKey: string | null;
  organizationId: number | null;
  score: number;
  /** Distinct projects: over all dimensions a project ranked in several counts once. */
  projects: number;
  /** The rank of every entry (one per project and dimension). */
  ranks: number[];
}

/**
 * Σ scores, project counts and ranks per country or per primary organization, in one dimension or
 * in all of them. A project counts for its primary organization (position 0); `projects` counts
 * distinct projects, as the scoring engine's `computeShares` does (docs/methodology-format.md, Shares).
 */
export async function sumScoresByGroup(
  db: Executor,
  params: { editionId: number; dimension?: string | undefined; groupBy: 'country' | 'organization' },
): Promise<GroupTotalRow[]> {
  return (await sumScores(db, params, false)).map(({ dimension: _, ...row }) => row);
}

/**
 * Σ scores per dimension and group (country or primary organization), for the shares over all
 * dimensions (`sharesAcrossDimensions` combines them by the methodology's rule).
 */
export async function sumScoresByDimensionAndGroup(
  db: Executor,
  params: { editionId: number; groupBy: 'country' | 'organization' },
): Promise<Array<{ dimension: string; groupKey: string | null; score: number }>> {
  return (await sumScores(db, params, true)).map((r) => ({
    dimension: r.dimension ?? '',
    groupKey: r.groupKey,
    score: r.score,
  }));
}

async function sumScores(
  db: Executor,
  params: { editionId: number; dimension?: string | undefined; groupBy: 'country' | 'organization' },
  byDimension: boolean,
): Promise<Array<GroupTotalRow & { dimension: string | null }>> {
  // From the edition's project snapshot: a project's country and primary organization as they were
  // when the edition was computed, whatever the catalogue says now.
  const groupExpression =
    params.groupBy === 'country' ? editionProjects.country : editionProjects.organization;
  const rows = await db
    .select({
      dimension: byDimension ? results.dimensionKey : sql<string | null>`NULL::text`,
      groupKey: groupExpression,
      organizationId: sql<number | null>`min(${organizations.id})`,
      score: sql<number>`coalesce(sum(${results.score}), 0)::float8`.mapWith(Number),
      projects: sql<number>`count(DISTINCT ${results.projectId})::int`.mapWith(Number),
      ranks: sql<number[]>`array_agg(${results.rank})`,
    })
    .from(results)
    .leftJoin(
      editionProjects,
      and(eq(editionProjects.editionId, results.editionId), eq(editionProjects.projectId, results.projectId)),
    )
    .leftJoin(organizations, eq(organizations.slug, editionProjects.organization))
    .where(
      params.dimension === undefined
        ? eq(results.editionId, params.editionId)
        : and(eq(results.editionId, params.editionId), eq(results.dimensionKey, params.dimension)),
    )
    .groupBy(...(byDimension ? [results.dimensionKey, groupExpression] : [groupExpression]));
  return rows.map((r) => ({
    ...r,
    organizationId: r.organizationId === null ? null : Number(r.organizationId),
    ranks: (r.ranks ?? []).map(Number),
  }));
}

export interface ValueCountsRow {
  /** Indicator values in the edition's results (one per dimension, project and indicator). */
  total: number;
  imputed: number;
  stale: number;
  /** Values not imputed with some illustrative evidence behind them. */
  illustrative: number;
  /** Values with some evidence behind them flagged as an anomaly. */
  flagged: number;
}

/**
 * Counts an edition's indicator values by how they came about, in one statement over the results'
 * `indicators` JSON (flags read as `freshnessOf` in ranking-service.ts reads them; rows without flags: imputed = raw
 * is null, stale = false) and the illustrative flag of the evidence behind each value.
 */
export async function countEditionValues(db: Executor, editionId: number): Promise<ValueCountsRow> {
  const [row] = await queryRows<{
    total: number;
    imputed: number;
    stale: number;
    illustrative: number;
    flagged: number;
  }>(
    db,
    sql`WITH cells AS (
          SELECT coalesce((c.value ->> 'imputed')::boolean, jsonb_typeof(c.value -> 'raw') = 'null') AS imputed,
                 coalesce((c.value ->> 'stale')::boolean, false) AS stale,
                 c.value -> 'evidenceIds' AS ids
            FROM results AS r CROSS JOIN LATERAL jsonb_each(r.indicators) AS c
           WHERE r.edition_id = ${editionId})
        SELECT count(*)::int AS total,
               count(*) FILTER (WHERE imputed)::int AS imputed,
               count(*) FILTER (WHERE stale)::int AS stale,
               count(*) FILTER (WHERE NOT imputed AND EXISTS (
                 SELECT 1 FROM jsonb_array_elements_text(ids) AS i(id)
                   JOIN evidence AS e ON e.id = i.id::int
                  WHERE e.is_illustrative))::int AS illustrative,
               count(*) FILTER (WHERE EXISTS (
                 SELECT 1 FROM jsonb_array_elements_text(ids) AS i(id)
                   JOIN evidence_anomalies AS a ON a.evidence_id = i.id::bigint))::int AS flagged
          FROM cells`,
  );
  return {
    total: Number(row?.total ?? 0),
    imputed: Number(row?.imputed ?? 0),
    stale: Number(row?.stale ?? 0),
    illustrative: Number(row?.illustrative ?? 0),
    flagged: Number(row?.flagged ?? 0),
  };
}

/** Removes an edition's results (before they are written again, batch by batch: {@link insertResults}). */
export async function deleteResults(db: Executor, editionId: number): Promise<void> {
  await db.delete(results).where(eq(results.editionId, editionId));
}

/** Writes results of an edition, 500 rows a statement. */
export async function insertResults(
  db: Executor,
  editionId: number,
  rows: readonly NewResult[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db.insert(results).values(
      rows.slice(i, i + 500).map((r) => ({
        editionId,
        dimensionKey: r.dimension,
        projectId: r.projectId,
        score: r.score,
        rank: r.rank,
        previousRank: r.previousRank,
        nodes: r.nodes,
        indicators: r.indicators,
        rankMedian: r.rankMedian,
        rankP05: r.rankP05,
        rankP95: r.rankP95,
      })),
    );
  }
}

export async function replaceResults(
  db: Executor,
  editionId: number,
  rows: readonly NewResult[],
): Promise<void> {
  await deleteResults(db, editionId);
  await insertResults(db, editionId, rows);
}
