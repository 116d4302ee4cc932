/** SQL for evidence. */
import {
  type EvidenceStatus,
  type Executor,
  evidence,
  evidenceProvenance,
  type ProjectCategory,
  projectOrganizations,
  projects,
} from '@ranking/schema';
import { and, asc, desc, eq, gte, inArray, lt, lte, ne, type SQL, sql } from 'drizzle-orm';
import type { EvidenceRow, EvidenceValues } from './model';

export type { EvidenceRow, EvidenceValues } from './model';

export const evidenceColumns = {
  id: evidence.id,
  projectId: evidence.projectId,
  indicatorKey: evidence.indicatorKey,
  value: evidence.value,
  sourceUrl: evidence.sourceUrl,
  canonicalUrl: evidence.canonicalUrl,
  observedAt: evidence.observedAt,
  retrievedAt: evidence.retrievedAt,
  sourceKind: evidence.sourceKind,
  note: evidence.note,
  isIllustrative: evidence.isIllustrative,
  status: evidence.status,
  submittedBy: evidence.submittedBy,
  submittedAt: evidence.submittedAt,
  reviewedBy: evidence.reviewedBy,
  reviewedAt: evidence.reviewedAt,
  reviewNote: evidence.reviewNote,
  supersededBy: evidence.supersededBy,
  supersededAt: evidence.supersededAt,
};

export async function findEvidenceByIds(db: Executor, ids: readonly number[]): Promise<EvidenceRow[]> {
  if (ids.length === 0) return [];
  return db
    .select(evidenceColumns)
    .from(evidence)
    .where(
      // One array parameter, not one parameter per id: a ranking page with indicators and evidence asks
      // for thousands of ids at once, and a list of that many parameters was the slowest part of it.
      sql`${evidence.id} = ANY(${`{${ids.map((id) => Math.trunc(id)).join(',')}}`}::bigint[])`,
    );
}

/**
 * Every value of one project, indicator and observation date, whatever its status, oldest first:
 * the supersede chain and the rejected values beside it (docs/corrections.md, bi-temporal evidence).
 */
export async function listEvidenceHistory(
  db: Executor,
  key: { projectId: number; indicatorKey: string; observedAt: string },
  statuses: readonly EvidenceStatus[],
): Promise<EvidenceRow[]> {
  return db
    .select(evidenceColumns)
    .from(evidence)
    .where(
      and(
        eq(evidence.projectId, key.projectId),
        eq(evidence.indicatorKey, key.indicatorKey),
        eq(evidence.observedAt, key.observedAt),
        inArray(evidence.status, [...statuses]),
      ),
    )
    .orderBy(asc(evidence.id))
    .limit(1000);
}

/** Locks one row for a review decision. */
export async function findEvidenceForUpdate(db: Executor, id: number): Promise<EvidenceRow | undefined> {
  const [row] = await db.select(evidenceColumns).from(evidence).where(eq(evidence.id, id)).for('update');
  return row;
}

export interface EvidenceQuery {
  projectId?: number | undefined;
  /** Projects of this category (a dimension's population). */
  category?: ProjectCategory | undefined;
  /** Projects this organization is one of the organizations of (at any position). */
  organizationId?: number | undefined;
  indicatorKey?: string | undefined;
  statuses: readonly EvidenceStatus[];
  observedFrom?: string | undefined;
  observedTo?: string | undefined;
  illustrative?: boolean | undefined;
  /** Only values with (true) or without (false) an anomaly flag. */
  flagged?: boolean | undefined;
  /** Only values this collection run added (their provenance names the run). */
  collectionRunId?: number | undefined;
}

/**
 * One keyset page of evidence, newest (highest id) first: `id < after`, so a deep page reads only its
 * own rows from the primary key and evidence submitted meanwhile never shifts a page.
 */
export async function listEvidence(
  db: Executor,
  query: EvidenceQuery,
  window: { limit: number; after: number | null },
): Promise<{ rows: EvidenceRow[]; count: () => Promise<number> }> {
  const conditions: SQL[] = [inArray(evidence.status, [...query.statuses])];
  if (query.projectId !== undefined) conditions.push(eq(evidence.projectId, query.projectId));
  if (query.category !== undefined) {
    conditions.push(
      inArray(
        evidence.projectId,
        db.select({ id: projects.id }).from(projects).where(eq(projects.category, query.category)),
      ),
    );
  }
  if (query.organizationId !== undefined) {
    conditions.push(
      inArray(
        evidence.projectId,
        db
          .select({ id: projectOrganizations.projectId })
          .from(projectOrganizations)
          .where(eq(projectOrganizations.organizationId, query.organizationId)),
      ),
    );
  }
  if (query.indicatorKey !== undefined) conditions.push(eq(evidence.indicatorKey, query.indicatorKey));
  if (query.observedFrom) conditions.push(gte(evidence.observedAt, query.observedFrom));
  if (query.observedTo) conditions.push(lte(evidence.observedAt, query.observedTo));
  if (query.illustrative !== undefined) conditions.push(eq(evidence.isIllustrative, query.illustrative));
  if (query.flagged !== undefined) {
    const flagged = sql`EXISTS (SELECT 1 FROM evidence_anomalies AS a WHERE a.evidence_id = ${evidence.id})`;
    conditions.push(query.flagged ? flagged : sql`NOT ${flagged}`);
  }
  if (query.collectionRunId !== undefined) {
    conditions.push(
      inArray(
        evidence.id,
        db
          .select({ id: evidenceProvenance.evidenceId })
          .from(evidenceProvenance)
          .where(eq(evidenceProvenance.runId, query.collectionRunId)),
      ),
    );
  }
  const condition = and(...conditions);
  const rows = await db
    .select(evidenceColumns)
    .from(evidence)
    .where(window.after === null ? condition : and(condition, lt(evidence.id, window.after)))
    .orderBy(desc(evidence.id))
    .limit(window.limit + 1);
  const count = async () => {
    const [row] = await db
      .select({ total: sql<number>`count(*)`.mapWith(Number) })
      .from(evidence)
      .where(condition);
    return row?.total ?? 0;
  };
  return { rows, count };
}

/** The same project, indicator, observation date, canonical URL and value (the natural key). */
export async function findDuplicateEvidence(
  db: Executor,
  values: EvidenceValues,
): Promise<EvidenceRow | undefined> {
  const [row] = await db
    .select(evidenceColumns)
    .from(evidence)
    .where(
      and(
        eq(evidence.projectId, values.projectId),
        eq(evidence.indicatorKey, values.indicatorKey),
        eq(evidence.observedAt, values.observedAt),
        eq(evidence.canonicalUrl, values.canonicalUrl),
        eq(evidence.value, values.value),
      ),
    )
    .limit(1);
  return row;
}

export async function insertEvidence(db: Executor, values: EvidenceValues): Promise<EvidenceRow> {
  const [row] = await db.insert(evidence).values(values).returning(evidenceColumns);
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function setEvidenceReview(
  db: Executor,
  id: number,
  review: { status: 'approved' | 'rejected'; reviewedBy: number | null; note: string | null },
): Promise<EvidenceRow> {
  const [row] = await db
    .update(evidence)
    .set({
      status: review.status,
      reviewedBy: review.reviewedBy,
      reviewedAt: sql`now()`,
      reviewNote: review.note,
    })
    .where(eq(evidence.id, id))
    .returning(evidenceColumns);
  if (!row) throw new Error('update returned no row');
  return row;
}

/** Marks the other approved values of the same project, indicator and date as superseded by `id`. */
export async function supersedeApprovedEvidence(
  db: Executor,
  row: { id: number; projectId: number; indicatorKey: string; observedAt: string },
): Promise<number[]> {
  const superseded = await db
    .update(evidence)
    .set({ status: 'superseded', supersededBy: row.id })
    .where(
      and(
        eq(evidence.projectId, row.projectId),
        eq(evidence.indicatorKey, row.indicatorKey),
        eq(evidence.observedAt, row.observedAt),
        eq(evidence.status, 'approved'),
        ne(evidence.id, row.id),
      ),
    )
    .returning({ id: evidence.id });
  return superseded.map((r) => r.id);
}

export interface ScoringEvidenceRow {
  id: number;
  project: string;
  indicator: string;
  value: number;
  observedAt: string;
  retrievedAt: Date | null;
  sourceUrl: string;
}

/** Approved evidence observed on or before the cutoff, for computing an edition. */
export async function listApprovedEvidenceForScoring(
  db: Executor,
  cutoff: string,
): Promise<ScoringEvidenceRow[]> {
  return db
    .select({
      id: evidence.id,
      project: projects.slug,
      indicator: evidence.indicatorKey,
      value: evidence.value,
      observedAt: evidence.observedAt,
      retrievedAt: evidence.retrievedAt,
      sourceUrl: evidence.sourceUrl,
    })
    .from(evidence)
    .innerJoin(projects, eq(projects.id, evidence.projectId))
    .where(and(eq(evidence.status, 'approved'), lte(evidence.observedAt, cutoff)))
    .orderBy(asc(evidence.id));
}

/** Number of evidence rows (tests prove refused mutations wrote nothing). */
export async function countEvidenceRows(db: Executor): Promise<number> {
  const [row] = await db.select({ total: sql<number>`count(*)`.mapWith(Number) }).from(evidence);
  return row?.total ?? 0;
}
