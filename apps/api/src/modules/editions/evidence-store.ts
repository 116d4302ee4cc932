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

/** Evidence ids a compute collects from the results it writes (see {@link markUsedEditionEvidence}). */
export class UsedEvidenceIds {
  private ids = new Float64Array(1024);
  private length = 0;

  /** Adds the evidence ids behind one result (its indicators' evidenceIds). */
  addResult(result: { indicators: Record<string, { evidenceIds: readonly (number | string)[] }> }): void {
    for (const indicator of Object.values(result.indicators)) {
      for (const id of indicator.evidenceIds) {
        if (this.length === this.ids.length) {
          const bigger = new Float64Array(this.ids.length * 2);
          bigger.set(this.ids);
          this.ids = bigger;
        }
        this.ids[this.length++] = Number(id);
      }
    }
  }

  /** The ids added, ascending and without repeats. */
  sorted(): Float64Array {
    const ids = this.ids.subarray(0, this.length).sort();
    let n = 0;
    for (let i = 0; i < ids.length; i++) if (i === 0 || ids[i] !== ids[n - 1]) ids[n++] = ids[i] as number;
    return ids.subarray(0, n);
  }
}

/** Ids per UPDATE in {@link markUsedEditionEvidence}: one text parameter of a few hundred kB. */
const USED_BATCH = 50_000;

/**
 * Marks the snapshot values behind the edition's results as used: `ids` are the evidence ids listed
 * in the written results' indicator evidenceIds ({@link UsedEvidenceIds}, collected while the
 * results are made), so the results' jsonb is never unpacked again. Only those rows are updated, in
 * batches of ids passed as one bigint[] each (`= ANY`: an index scan per batch; a join with
 * unnest was planned as a hash join over the whole snapshot), inside the caller's transaction,
 * after the snapshot was written (every row `used = false`). Ids not in the snapshot match nothing.
 */
export async function markUsedEditionEvidence(
  db: Executor,
  editionId: number,
  ids: Float64Array,
): Promise<number> {
  let marked = 0;
  for (let start = 0; start < ids.length; start += USED_BATCH) {
    const batch = `{${ids.subarray(start, start + USED_BATCH).join(',')}}`;
    const rows = await queryRows<{ n: number }>(
      db,
      sql`WITH marked AS (
            UPDATE edition_evidence SET used = true
             WHERE edition_id = ${editionId} AND evidence_id = ANY(${batch}::bigint[]) AND NOT used
            RETURNING 1)
          SELECT count(*)::int AS n FROM marked`,
    );
    marked += Number(rows[0]?.n ?? 0);
  }
  return marked;
}
