/** SQL of the disputes module. The contact address is selected only by `findDisputeContact`. */
import {
  type ContestVisibility,
  contestWindows,
  type DisputeStatus,
  disputeEmails,
  disputes,
  type Executor,
  editionProjects,
  queryRows,
} from '@ranking/schema';
import { and, asc, count, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { KeysetWindow } from '../../lib/pagination';
import type { ContestWindowRow, DisputeCountsModel, DisputeRow } from './model';

export const disputeColumns = {
  id: disputes.id,
  editionId: disputes.editionId,
  projectId: disputes.projectId,
  indicatorKey: disputes.indicatorKey,
  claim: disputes.claim,
  proposedValue: disputes.proposedValue,
  sourceUrl: disputes.sourceUrl,
  status: disputes.status,
  reason: disputes.reason,
  submittedBy: disputes.submittedBy,
  apiKeyId: disputes.apiKeyId,
  evidenceId: disputes.evidenceId,
  decidedBy: disputes.decidedBy,
  decidedAt: disputes.decidedAt,
  createdAt: disputes.createdAt,
};

export interface NewDispute {
  editionId: number;
  projectId: number;
  indicatorKey: string;
  claim: string;
  proposedValue: number | null;
  sourceUrl: string | null;
  contact: string | null;
  withdrawalTokenHash: string;
  submittedBy: number | null;
  apiKeyId: number | null;
}

export async function insertDispute(db: Executor, values: NewDispute): Promise<DisputeRow> {
  const [row] = await db.insert(disputes).values(values).returning(disputeColumns);
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function findDisputesByIds(db: Executor, ids: readonly number[]): Promise<DisputeRow[]> {
  if (ids.length === 0) return [];
  return db
    .select(disputeColumns)
    .from(disputes)
    .where(inArray(disputes.id, [...ids]));
}

export async function findDisputesByEvidenceIds(db: Executor, ids: readonly number[]): Promise<DisputeRow[]> {
  if (ids.length === 0) return [];
  return db
    .select(disputeColumns)
    .from(disputes)
    .where(inArray(disputes.evidenceId, [...ids]));
}

export async function findDisputeForUpdate(
  db: Executor,
  id: number,
): Promise<(DisputeRow & { withdrawalTokenHash: string; hasContact: boolean }) | undefined> {
  const [row] = await db
    .select({
      ...disputeColumns,
      withdrawalTokenHash: disputes.withdrawalTokenHash,
      hasContact: sql<boolean>`${disputes.contact} IS NOT NULL`,
    })
    .from(disputes)
    .where(eq(disputes.id, id))
    .for('update');
  return row;
}

/** The only read of the contact address: for the decision email. */
export async function findDisputeContact(db: Executor, id: number): Promise<string | null> {
  const [row] = await db.select({ contact: disputes.contact }).from(disputes).where(eq(disputes.id, id));
  return row?.contact ?? null;
}

export async function setDisputeDecision(
  db: Executor,
  id: number,
  values: {
    status: DisputeStatus;
    reason: string | null;
    decidedBy: number | null;
    decidedAt: Date;
    evidenceId?: number | null;
  },
): Promise<DisputeRow> {
  const [row] = await db.update(disputes).set(values).where(eq(disputes.id, id)).returning(disputeColumns);
  if (!row) throw new Error('update returned no row');
  return row;
}

export interface DisputeListFilter {
  editionId?: number | undefined;
  projectId?: number | undefined;
  statuses?: readonly DisputeStatus[] | undefined;
}

const whereOf = (filter: DisputeListFilter) =>
  and(
    filter.editionId === undefined ? undefined : eq(disputes.editionId, filter.editionId),
    filter.projectId === undefined ? undefined : eq(disputes.projectId, filter.projectId),
    filter.statuses && filter.statuses.length > 0
      ? inArray(disputes.status, [...filter.statuses])
      : undefined,
  );

/** A keyset page of disputes in id order (oldest first: the triage queue) and a lazy count. */
export async function listDisputes(
  db: Executor,
  filter: DisputeListFilter,
  window: KeysetWindow,
): Promise<{ rows: DisputeRow[]; count: () => Promise<number> }> {
  const where = whereOf(filter);
  const rows = await db
    .select(disputeColumns)
    .from(disputes)
    .where(and(where, window.after === null ? undefined : gt(disputes.id, window.after)))
    .orderBy(asc(disputes.id))
    .limit(window.limit + 1);
  return {
    rows,
    count: async () => {
      const [row] = await db.select({ n: count() }).from(disputes).where(where);
      return Number(row?.n ?? 0);
    },
  };
}

export async function countDisputes(db: Executor, editionId: number): Promise<DisputeCountsModel> {
  const rows = await db
    .select({ status: disputes.status, n: count() })
    .from(disputes)
    .where(eq(disputes.editionId, editionId))
    .groupBy(disputes.status);
  const counts: DisputeCountsModel = { raised: 0, open: 0, accepted: 0, rejected: 0, withdrawn: 0 };
  for (const { status, n } of rows) {
    counts[status] = Number(n);
    counts.raised += Number(n);
  }
  return counts;
}

/** The project of an edition's snapshot with this slug (the projects the edition ranks). */
export async function findEditionProject(
  db: Executor,
  editionId: number,
  slug: string,
): Promise<{ projectId: number; category: string } | undefined> {
  const [row] = await db
    .select({ projectId: editionProjects.projectId, category: editionProjects.category })
    .from(editionProjects)
    .where(and(eq(editionProjects.editionId, editionId), eq(editionProjects.slug, slug)));
  return row;
}

// ---------------------------------------------------------------------------------------------
// Outbox

export async function insertDisputeEmail(
  db: Executor,
  disputeId: number,
  kind: 'accepted' | 'rejected',
): Promise<void> {
  await db.insert(disputeEmails).values({ disputeId, kind });
}

export interface DueEmail {
  id: number;
  disputeId: number;
  kind: 'accepted' | 'rejected';
  attempts: number;
}

/**
 * Claims up to `limit` due emails for `leaseMs`: their next attempt moves past the lease, so another
 * sender (a replica) skips them while this one sends; rows another sender is claiming are skipped.
 */
export async function claimDueEmails(
  db: Executor,
  now: Date,
  limit: number,
  leaseMs: number,
): Promise<DueEmail[]> {
  const rows = await queryRows<{
    id: string | number;
    dispute_id: string | number;
    kind: 'accepted' | 'rejected';
    attempts: number;
  }>(
    db,
    sql`UPDATE dispute_emails SET next_attempt_at = ${new Date(now.getTime() + leaseMs).toISOString()}::timestamptz
        WHERE id IN (
          SELECT id FROM dispute_emails
          WHERE sent_at IS NULL AND next_attempt_at <= ${now.toISOString()}::timestamptz
          ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
        RETURNING id, dispute_id, kind, attempts`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    disputeId: Number(r.dispute_id),
    kind: r.kind,
    attempts: r.attempts,
  }));
}

export async function markEmailSent(db: Executor, id: number, at: Date): Promise<void> {
  await db
    .update(disputeEmails)
    .set({ sentAt: at, attempts: sql`${disputeEmails.attempts} + 1`, lastError: null })
    .where(eq(disputeEmails.id, id));
}

export async function markEmailFailed(db: Executor, id: number, error: string, retryAt: Date): Promise<void> {
  await db
    .update(disputeEmails)
    .set({
      attempts: sql`${disputeEmails.attempts} + 1`,
      lastError: error.slice(0, 500),
      nextAttemptAt: retryAt,
    })
    .where(eq(disputeEmails.id, id));
}

/** The earliest time an unsent email is due (for the retry timer), if any. */
export async function nextEmailDue(db: Executor): Promise<Date | null> {
  const [row] = await db
    .select({ at: sql<Date | string | null>`min(${disputeEmails.nextAttemptAt})` })
    .from(disputeEmails)
    .where(isNull(disputeEmails.sentAt));
  return row?.at ? new Date(row.at) : null;
}

// ---------------------------------------------------------------------------------------------
// Contest windows

const windowColumns = {
  editionId: contestWindows.editionId,
  opensAt: contestWindows.opensAt,
  closesAt: contestWindows.closesAt,
  visibility: contestWindows.visibility,
  openedBy: contestWindows.openedBy,
  createdAt: contestWindows.createdAt,
};

export async function findContestWindows(
  db: Executor,
  editionIds: readonly number[],
): Promise<ContestWindowRow[]> {
  if (editionIds.length === 0) return [];
  return db
    .select(windowColumns)
    .from(contestWindows)
    .where(inArray(contestWindows.editionId, [...editionIds]));
}

export async function upsertContestWindow(
  db: Executor,
  values: {
    editionId: number;
    opensAt: Date;
    closesAt: Date;
    visibility: ContestVisibility;
    openedBy: number | null;
  },
): Promise<ContestWindowRow> {
  const [row] = await db
    .insert(contestWindows)
    .values(values)
    .onConflictDoUpdate({
      target: contestWindows.editionId,
      set: {
        opensAt: values.opensAt,
        closesAt: values.closesAt,
        visibility: values.visibility,
        openedBy: values.openedBy,
      },
    })
    .returning(windowColumns);
  if (!row) throw new Error('upsert returned no row');
  return row;
}
