/** Writing and reading the audit log. Every mutation records itself through `recordAudit`, inside its transaction. */
import type { Executor } from '@ranking/schema';
import { actorLabel, requireScope } from '../../auth/actor';
import type { ServiceContext } from '../../context';
import { type Connection, type PageArgs, pageWindow, toConnection } from '../../lib/pagination';
import { type AuditEntryRow, type AuditFilter, insertAuditEntry, listAuditEntries } from './store';

/** The parent of `AuditEntryConnection` resolvers (its `totalCount` is counted only when selected). */
export type AuditEntryConnectionModel = Connection<AuditEntryRow>;

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
}

/** JSON-safe copy: Dates become ISO strings, undefined disappears. */
const toJson = (value: unknown): unknown =>
  value === undefined
    ? null
    : JSON.parse(JSON.stringify(value, (_k, v: unknown) => (v === undefined ? null : v)));

export async function recordAudit(tx: Executor, ctx: ServiceContext, record: AuditRecord): Promise<void> {
  const actor = ctx.actor;
  await insertAuditEntry(tx, {
    actorType: actor.kind === 'anonymous' ? 'system' : actor.kind,
    actorId: actor.kind === 'user' ? actor.userId : actor.kind === 'api_key' ? actor.apiKeyId : null,
    actorLabel: actorLabel(actor),
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId === null ? null : String(record.entityId),
    before: toJson(record.before),
    after: toJson(record.after),
    requestId: ctx.requestId,
  });
}

export async function listAuditLog(
  ctx: ServiceContext,
  filter: AuditFilter,
  page: PageArgs,
): Promise<Connection<AuditEntryRow>> {
  requireScope(ctx.actor, 'admin');
  ctx.cache.mark('private');
  const window = pageWindow(page, 50);
  const { rows, count } = await listAuditEntries(ctx.db, filter, window);
  return toConnection(rows, window, count);
}
