/** SQL for the append-only audit log. The hash chain is filled in by the database trigger. */
import { auditLog, type Executor } from '@ranking/schema';
import { and, count, desc, eq, type SQL } from 'drizzle-orm';

export interface AuditEntryInput {
  actorType: 'user' | 'api_key' | 'system';
  actorId: number | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export interface AuditEntryRow {
  id: number;
  at: Date;
  actorType: string;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  hash: string;
}

const columns = {
  id: auditLog.id,
  at: auditLog.at,
  actorType: auditLog.actorType,
  actorLabel: auditLog.actorLabel,
  action: auditLog.action,
  entityType: auditLog.entityType,
  entityId: auditLog.entityId,
  before: auditLog.before,
  after: auditLog.after,
  requestId: auditLog.requestId,
  hash: auditLog.hash,
};

export async function insertAuditEntry(db: Executor, entry: AuditEntryInput): Promise<void> {
  await db.insert(auditLog).values({
    actorType: entry.actorType,
    actorId: entry.actorId,
    actorLabel: entry.actorLabel,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: entry.requestId,
  });
}

export interface AuditFilter {
  entityType?: string | null | undefined;
  entityId?: string | null | undefined;
  action?: string | null | undefined;
}

function where(filter: AuditFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.entityType) conditions.push(eq(auditLog.entityType, filter.entityType));
  if (filter.entityId) conditions.push(eq(auditLog.entityId, filter.entityId));
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  return conditions.length ? and(...conditions) : undefined;
}

export async function listAuditEntries(
  db: Executor,
  filter: AuditFilter,
  window: { limit: number; offset: number },
): Promise<{ rows: AuditEntryRow[]; count: () => Promise<number> }> {
  const condition = where(filter);
  const rows = await db
    .select(columns)
    .from(auditLog)
    .where(condition)
    .orderBy(desc(auditLog.id))
    .limit(window.limit + 1)
    .offset(window.offset);
  const countRows = async () => {
    const [row] = await db.select({ total: count() }).from(auditLog).where(condition);
    return row?.total ?? 0;
  };
  return { rows, count: countRows };
}

/** Number of audit entries; tests use it to prove a refused mutation wrote nothing. */
export async function countAuditEntries(db: Executor): Promise<number> {
  const [row] = await db.select({ total: count() }).from(auditLog);
  return row?.total ?? 0;
}
