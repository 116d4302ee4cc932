/** SQL for anomaly flags (docs/data-model.md, "Anomaly flags"). */
import { type AnomalyBasis, type Executor, evidenceAnomalies, queryRows } from '@ranking/schema';
import { inArray, sql } from 'drizzle-orm';

export interface AnomalyRow {
  evidenceId: number;
  score: number;
  reason: string;
  basis: AnomalyBasis;
  flaggedAt: Date;
}

export type AnomalyCandidate = {
  id: number;
  projectId: number;
  indicatorKey: string;
  value: number;
  observedAt: string;
};

export type SeriesRow = {
  projectId: number;
  value: number;
  observedAt: string;
};

/** An id list as one array parameter (any length, unlike one parameter per id). */
const idArray = (ids: readonly number[]) =>
  sql`${`{${ids.map((id) => Math.trunc(id)).join(',')}}`}::bigint[]`;

const candidateColumns = sql`e.id::int AS id, e.project_id AS "projectId", e.indicator_key AS "indicatorKey",
  e.value, e.observed_at::text AS "observedAt"`;

export async function findAnomalyCandidates(
  db: Executor,
  ids: readonly number[],
): Promise<AnomalyCandidate[]> {
  if (ids.length === 0) return [];
  return queryRows<AnomalyCandidate>(
    db,
    sql`SELECT ${candidateColumns} FROM evidence AS e WHERE e.id = ANY(${idArray(ids)})`,
  );
}

/**
 * The pending values the current transaction's import added that can be judged at all: the staging
 * table's rows as stored (natural key), submitted in this transaction (`submitted_at` defaults to the
 * transaction's start), with an accepted value of the same project and indicator observed before
 * them. Without one, nothing is flagged (detectAnomaly compares with the last earlier value), so
 * those are left in the database: a first load of millions of values reads none of them into memory.
 */
export async function findImportedAnomalyCandidates(db: Executor): Promise<AnomalyCandidate[]> {
  return queryRows<AnomalyCandidate>(
    db,
    sql`SELECT ${candidateColumns}
          FROM evidence_import AS s
          JOIN evidence AS e ON e.project_id = s.project_id AND e.indicator_key = s.indicator_key
                            AND e.observed_at = s.observed_at AND e.canonical_url = s.canonical_url
                            AND e.value = s.value
         WHERE e.status = 'pending' AND e.submitted_at = now()
           AND EXISTS (SELECT 1 FROM evidence AS h
                        WHERE h.project_id = e.project_id AND h.indicator_key = e.indicator_key
                          AND h.status IN ('approved', 'superseded') AND h.observed_at < e.observed_at)`,
  );
}

/**
 * Refreshes the planner's statistics of `evidence` and the import's staging table inside the
 * import's transaction: after a load that is a large part of the table, they describe the table
 * before it, and the statements that follow (finding the imported rows, their history) would be
 * planned as over a small table (measured: a 10,000,000-row first load spent minutes in sequential
 * scans).
 */
export async function analyzeImportedEvidence(db: Executor): Promise<void> {
  await db.execute(sql`ANALYZE evidence, evidence_import`);
}

/**
 * The accepted history (approved and superseded values) of `indicatorKey` for `projectIds`, without
 * the candidates themselves.
 */
export async function findSeries(
  db: Executor,
  indicatorKey: string,
  projectIds: readonly number[],
  excludeIds: readonly number[],
): Promise<SeriesRow[]> {
  if (projectIds.length === 0) return [];
  return queryRows<SeriesRow>(
    db,
    sql`SELECT e.project_id AS "projectId", e.value, e.observed_at::text AS "observedAt"
          FROM evidence AS e
         WHERE e.indicator_key = ${indicatorKey} AND e.status IN ('approved', 'superseded')
           AND e.project_id = ANY(${idArray(projectIds)}::int[])
           AND NOT (e.id = ANY(${idArray(excludeIds)}))`,
  );
}

/** Each project's two latest accepted values of `indicatorKey` (the peers' latest changes). */
export async function findLatestPairs(db: Executor, indicatorKey: string): Promise<SeriesRow[]> {
  return queryRows<SeriesRow>(
    db,
    sql`SELECT "projectId", value, "observedAt" FROM (
          SELECT e.project_id AS "projectId", e.value, e.observed_at::text AS "observedAt",
                 row_number() OVER (PARTITION BY e.project_id ORDER BY e.observed_at DESC, e.id DESC) AS n
            FROM evidence AS e
           WHERE e.indicator_key = ${indicatorKey} AND e.status IN ('approved', 'superseded')) AS latest
         WHERE n <= 2
         ORDER BY "projectId", "observedAt"`,
  );
}

export async function insertAnomalies(
  db: Executor,
  rows: readonly { evidenceId: number; score: number; reason: string; basis: AnomalyBasis }[],
): Promise<void> {
  // In batches: one statement may carry at most 65,535 parameters (four per row here).
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insert(evidenceAnomalies)
      .values(rows.slice(i, i + 1000))
      .onConflictDoNothing();
}

export async function findAnomalies(db: Executor, evidenceIds: readonly number[]): Promise<AnomalyRow[]> {
  if (evidenceIds.length === 0) return [];
  return db
    .select({
      evidenceId: evidenceAnomalies.evidenceId,
      score: evidenceAnomalies.score,
      reason: evidenceAnomalies.reason,
      basis: evidenceAnomalies.basis,
      flaggedAt: evidenceAnomalies.flaggedAt,
    })
    .from(evidenceAnomalies)
    .where(inArray(evidenceAnomalies.evidenceId, [...evidenceIds]));
}
