/** SQL for editions, their results and their evidence snapshots. */
import {
  type EditionStatus,
  type Executor,
  editionEvidence,
  editions,
  evidence,
  organizations,
  projectOrganizations,
  projects,
  results,
} from '@ranking/schema';
import { and, asc, desc, eq, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { type ProjectFilter, projectConditions } from '../projects/store';

export interface SensitivityParams {
  samples: number;
  seed: number;
  delta: number;
}

export interface EditionRow {
  id: number;
  year: number;
  revision: number;
  title: string;
  status: EditionStatus;
  methodologyId: number;
  cutoff: string;
  createdAt: Date;
  computedAt: Date | null;
  publishedAt: Date | null;
  publishedBy: number | null;
  contentHash: string | null;
  sensitivityParams: SensitivityParams | null;
  previousEditionId: number | null;
}

const editionColumns = {
  id: editions.id,
  year: editions.year,
  revision: editions.revision,
  title: editions.title,
  status: editions.status,
  methodologyId: editions.methodologyId,
  cutoff: editions.cutoff,
  createdAt: editions.createdAt,
  computedAt: editions.computedAt,
  publishedAt: editions.publishedAt,
  publishedBy: editions.publishedBy,
  contentHash: editions.contentHash,
  sensitivityParams: sql<SensitivityParams | null>`${editions.sensitivityParams}`,
  previousEditionId: editions.previousEditionId,
};

export async function findEditionsByIds(db: Executor, ids: readonly number[]): Promise<EditionRow[]> {
  if (ids.length === 0) return [];
  return db
    .select(editionColumns)
    .from(editions)
    .where(inArray(editions.id, [...ids]));
}

export async function findEditionForUpdate(db: Executor, id: number): Promise<EditionRow | undefined> {
  const [row] = await db.select(editionColumns).from(editions).where(eq(editions.id, id)).for('update');
  return row;
}

/** Every edition, newest year and revision first (a few per year: small). */
export async function listEditionRows(db: Executor): Promise<EditionRow[]> {
  return db.select(editionColumns).from(editions).orderBy(desc(editions.year), desc(editions.revision));
}

export async function listEditionsOfYear(db: Executor, year: number): Promise<EditionRow[]> {
  return db
    .select(editionColumns)
    .from(editions)
    .where(eq(editions.year, year))
    .orderBy(asc(editions.revision));
}

/** The latest published revision of the latest year before `year`. */
export async function findPreviousPublishedEdition(
  db: Executor,
  year: number,
): Promise<EditionRow | undefined> {
  const [row] = await db
    .select(editionColumns)
    .from(editions)
    .where(and(eq(editions.status, 'published'), lt(editions.year, year)))
    .orderBy(desc(editions.year), desc(editions.revision))
    .limit(1);
  return row;
}

export interface NewEdition {
  year: number;
  revision: number;
  title: string;
  methodologyId: number;
  cutoff: string;
  createdBy: number | null;
}

export async function insertEdition(db: Executor, values: NewEdition): Promise<EditionRow> {
  const [row] = await db.insert(editions).values(values).returning(editionColumns);
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function markEditionComputed(
  db: Executor,
  id: number,
  values: { contentHash: string; sensitivityParams: SensitivityParams; previousEditionId: number | null },
): Promise<EditionRow> {
  const [row] = await db
    .update(editions)
    .set({
      status: 'computed',
      computedAt: sql`now()`,
      contentHash: values.contentHash,
      sensitivityParams: values.sensitivityParams,
      previousEditionId: values.previousEditionId,
    })
    .where(eq(editions.id, id))
    .returning(editionColumns);
  if (!row) throw new Error('update returned no row');
  return row;
}

export async function markEditionPublished(
  db: Executor,
  id: number,
  publishedBy: number | null,
): Promise<EditionRow> {
  const [row] = await db
    .update(editions)
    .set({ status: 'published', publishedAt: sql`now()`, publishedBy })
    .where(eq(editions.id, id))
    .returning(editionColumns);
  if (!row) throw new Error('update returned no row');
  return row;
}

// ---------------------------------------------------------------------------------------------
// Results

export interface IndicatorResult {
  raw: number | null;
  normalized: number | null;
  contribution: number;
  evidenceIds: (number | string)[];
}

export interface ResultRow {
  editionId: number;
  dimension: string;
  projectId: number;
  score: number;
  rank: number;
  previousRank: number | null;
  nodes: Record<string, number>;
  indicators: Record<string, IndicatorResult>;
  rankMedian: number | null;
  rankP05: number | null;
  rankP95: number | null;
}

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

/** One page of a dimension's ranking, optionally filtered by project; ranks stay global. */
export async function listRankingPage(
  db: Executor,
  params: { editionId: number; dimension: string; filter: ProjectFilter },
  window: { limit: number; offset: number },
): Promise<{ rows: ResultRow[]; total: number }> {
  const conditions: SQL[] = [
    eq(results.editionId, params.editionId),
    eq(results.dimensionKey, params.dimension),
    ...projectConditions(db, params.filter),
  ];
  const rows = await db
    .select({ ...resultColumns, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(results)
    .innerJoin(projects, eq(projects.id, results.projectId))
    .where(and(...conditions))
    .orderBy(asc(results.rank), asc(projects.slug))
    .limit(window.limit)
    .offset(window.offset);
  let total = rows[0]?.total;
  if (total === undefined) {
    const [row] = await db
      .select({ total: sql<number>`count(*)`.mapWith(Number) })
      .from(results)
      .innerJoin(projects, eq(projects.id, results.projectId))
      .where(and(...conditions));
    total = row?.total ?? 0;
  }
  return { rows: rows.map(({ total: _t, ...row }) => row), total };
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

export interface GroupTotalRow {
  groupKey: string | null;
  organizationId: number | null;
  score: number;
  entries: number;
  ranks: number[];
}

/**
 * Σ scores, entry counts and ranks per country or per primary organization, in one dimension or in
 * all of them. A project counts for its primary organization (position 0).
 */
export async function sumScoresByGroup(
  db: Executor,
  params: { editionId: number; dimension?: string | undefined; groupBy: 'country' | 'organization' },
): Promise<GroupTotalRow[]> {
  const groupExpression = params.groupBy === 'country' ? organizations.country : organizations.slug;
  const rows = await db
    .select({
      groupKey: groupExpression,
      organizationId: sql<number | null>`min(${organizations.id})`,
      score: sql<number>`coalesce(sum(${results.score}), 0)::float8`.mapWith(Number),
      entries: sql<number>`count(*)::int`.mapWith(Number),
      ranks: sql<number[]>`array_agg(${results.rank})`,
    })
    .from(results)
    .leftJoin(
      projectOrganizations,
      and(eq(projectOrganizations.projectId, results.projectId), eq(projectOrganizations.position, 0)),
    )
    .leftJoin(organizations, eq(organizations.id, projectOrganizations.organizationId))
    .where(
      params.dimension === undefined
        ? eq(results.editionId, params.editionId)
        : and(eq(results.editionId, params.editionId), eq(results.dimensionKey, params.dimension)),
    )
    .groupBy(groupExpression);
  return rows.map((r) => ({
    ...r,
    organizationId: r.organizationId === null ? null : Number(r.organizationId),
    ranks: (r.ranks ?? []).map(Number),
  }));
}

export type NewResult = Omit<ResultRow, 'editionId'>;

export async function replaceResults(
  db: Executor,
  editionId: number,
  rows: readonly NewResult[],
): Promise<void> {
  await db.delete(results).where(eq(results.editionId, editionId));
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

export interface SnapshotRow {
  evidenceId: number;
  projectId: number;
  indicatorKey: string;
  value: number;
  observedAt: string;
  sourceUrl: string;
}

export async function replaceEditionEvidence(
  db: Executor,
  editionId: number,
  rows: readonly SnapshotRow[],
): Promise<void> {
  await db.delete(editionEvidence).where(eq(editionEvidence.editionId, editionId));
  for (let i = 0; i < rows.length; i += 1000) {
    await db.insert(editionEvidence).values(rows.slice(i, i + 1000).map((r) => ({ editionId, ...r })));
  }
}

/** The evidence snapshot of an edition with project slugs, for verification and export. */
export async function listEditionEvidence(
  db: Executor,
  editionId: number,
): Promise<
  {
    evidenceId: number;
    project: string;
    indicator: string;
    value: number;
    observedAt: string;
    retrievedAt: Date | null;
    sourceUrl: string;
  }[]
> {
  return db
    .select({
      evidenceId: editionEvidence.evidenceId,
      project: projects.slug,
      indicator: editionEvidence.indicatorKey,
      value: editionEvidence.value,
      observedAt: editionEvidence.observedAt,
      retrievedAt: evidence.retrievedAt,
      sourceUrl: editionEvidence.sourceUrl,
    })
    .from(editionEvidence)
    .innerJoin(projects, eq(projects.id, editionEvidence.projectId))
    .innerJoin(evidence, eq(evidence.id, editionEvidence.evidenceId))
    .where(eq(editionEvidence.editionId, editionId))
    .orderBy(asc(editionEvidence.evidenceId));
}
