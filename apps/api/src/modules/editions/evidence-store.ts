/** SQL for an edition's frozen evidence snapshot as partners page through it. */
import { type Executor, editionEvidence, evidence, queryRows } from '@ranking/schema';
import { and, asc, eq, gt, type SQL, sql } from 'drizzle-orm';

export interface SnapshotEvidenceFilter {
  projectId?: number | undefined;
  indicatorKey?: string | undefined;
  used?: boolean | undefined;
  illustrative?: boolean | undefined;
}

export interface EditionEvidenceRow {
  editionId: number;
  evidenceId: number;
  projectId: number;
  indicatorKey: string;
  value: number;
  observedAt: string;
  sourceUrl: string;
  used: boolean;
  isIllustrative: boolean;
}

function conditionsOf(editionId: number, filter: SnapshotEvidenceFilter): SQL[] {
  const conditions: SQL[] = [eq(editionEvidence.editionId, editionId)];
  if (filter.projectId !== undefined) conditions.push(eq(editionEvidence.projectId, filter.projectId));
  if (filter.indicatorKey !== undefined)
    conditions.push(eq(editionEvidence.indicatorKey, filter.indicatorKey));
  if (filter.used !== undefined) conditions.push(eq(editionEvidence.used, filter.used));
  if (filter.illustrative !== undefined) conditions.push(eq(evidence.isIllustrative, filter.illustrative));
  return conditions;
}

/**
 * One keyset page of an edition's evidence snapshot in evidence id order (`evidence_id > after` on
 * the primary key (edition_id, evidence_id)): the values as they were when the edition was computed.
 * Whether a value is illustrative is a property of the evidence record, fixed once it is reviewed.
 */
export async function listEditionEvidencePage(
  db: Executor,
  params: { editionId: number; filter: SnapshotEvidenceFilter },
  window: { limit: number; after: number | null },
): Promise<{ rows: EditionEvidenceRow[]; count: () => Promise<number> }> {
  const conditions = conditionsOf(params.editionId, params.filter);
  const rows = await db
    .select({
      editionId: editionEvidence.editionId,
      evidenceId: editionEvidence.evidenceId,
      projectId: editionEvidence.projectId,
      indicatorKey: editionEvidence.indicatorKey,
      value: editionEvidence.value,
      observedAt: editionEvidence.observedAt,
      sourceUrl: editionEvidence.sourceUrl,
      used: editionEvidence.used,
      isIllustrative: evidence.isIllustrative,
    })
    .from(editionEvidence)
    .innerJoin(evidence, eq(evidence.id, editionEvidence.evidenceId))
    .where(
      and(
        ...conditions,
        // The bound repeated on evidence.id lets the join start at the keyset too.
        ...(window.after === null
          ? []
          : [gt(editionEvidence.evidenceId, window.after), gt(evidence.id, window.after)]),
      ),
    )
    .orderBy(asc(editionEvidence.evidenceId))
    .limit(window.limit + 1);
  const count = async () => {
    const [row] = await db
      .select({ total: sql<number>`count(*)`.mapWith(Number) })
      .from(editionEvidence)
      .innerJoin(evidence, eq(evidence.id, editionEvidence.evidenceId))
      .where(and(...conditions));
    return row?.total ?? 0;
  };
  return { rows, count };
}

export interface EvidenceCountsRow {
  total: number;
  used: number;
  illustrative: number;
}

/** How many values the snapshot holds, how many are behind a result, how many are illustrative. */
export async function countEditionEvidence(db: Executor, editionId: number): Promise<EvidenceCountsRow> {
  const [row] = await db
    .select({
      total: sql<number>`count(*)`.mapWith(Number),
      used: sql<number>`count(*) FILTER (WHERE ${editionEvidence.used})`.mapWith(Number),
      illustrative: sql<number>`count(*) FILTER (WHERE ${evidence.isIllustrative})`.mapWith(Number),
    })
    .from(editionEvidence)
    .innerJoin(evidence, eq(evidence.id, editionEvidence.evidenceId))
    .where(eq(editionEvidence.editionId, editionId));
  return row ?? { total: 0, used: 0, illustrative: 0 };
}

/**
 * Marks the snapshot values behind the edition's stored results (listed in an indicator result's
 * evidenceIds) as used; call after the results are written. Set-based, inside the caller's transaction.
 */
export async function markUsedEditionEvidence(db: Executor, editionId: number): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`WITH marked AS (
          UPDATE edition_evidence AS ee SET used = true
            FROM (SELECT DISTINCT x.id::bigint AS evidence_id
                    FROM results AS r
                    CROSS JOIN LATERAL jsonb_each(r.indicators) AS i(key, value)
                    CROSS JOIN LATERAL jsonb_array_elements_text(i.value -> 'evidenceIds') AS x(id)
                   WHERE r.edition_id = ${editionId}) AS u
           WHERE ee.edition_id = ${editionId} AND ee.evidence_id = u.evidence_id
          RETURNING 1)
        SELECT count(*)::int AS n FROM marked`,
  );
  return Number(rows[0]?.n ?? 0);
}
