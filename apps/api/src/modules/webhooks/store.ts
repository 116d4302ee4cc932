/**
 * SQL for webhooks (migration 0013): endpoints, the outbox of events, deliveries and their attempts.
 * The secret column is read only by `findEndpointSecret` (the dispatcher signing a request).
 */
import {
  type Executor,
  queryRows,
  type WebhookDeliveryStatus,
  type WebhookEvent,
  webhookAttempts,
  webhookDeliveries,
  webhookEvents,
  webhooks,
} from '@ranking/schema';
import { and, asc, count, desc, eq, isNull, sql } from 'drizzle-orm';

export interface WebhookRow {
  id: number;
  url: string;
  description: string;
  events: WebhookEvent[];
  enabled: boolean;
  createdBy: number | null;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
}

const webhookColumns = {
  id: webhooks.id,
  url: webhooks.url,
  description: webhooks.description,
  events: webhooks.events,
  enabled: webhooks.enabled,
  createdBy: webhooks.createdBy,
  createdAt: webhooks.createdAt,
  updatedAt: webhooks.updatedAt,
  deletedAt: webhooks.deletedAt,
};

export interface WebhookDeliveryRow {
  id: string;
  webhookId: number;
  eventId: string;
  event: WebhookEvent;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastResponseCode: number | null;
  lastError: string | null;
  lastDurationMs: number | null;
  deliveredAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const deliveryColumns = {
  id: webhookDeliveries.id,
  webhookId: webhookDeliveries.webhookId,
  eventId: webhookDeliveries.eventId,
  event: webhookEvents.event,
  status: webhookDeliveries.status,
  attempts: webhookDeliveries.attempts,
  nextAttemptAt: webhookDeliveries.nextAttemptAt,
  lastResponseCode: webhookDeliveries.lastResponseCode,
  lastError: webhookDeliveries.lastError,
  lastDurationMs: webhookDeliveries.lastDurationMs,
  deliveredAt: webhookDeliveries.deliveredAt,
  createdAt: webhookDeliveries.createdAt,
  updatedAt: webhookDeliveries.updatedAt,
};

export interface WebhookAttemptRow {
  id: number;
  deliveryId: string;
  attemptedAt: Date;
  responseCode: number | null;
  error: string | null;
  durationMs: number;
  ok: boolean;
}

export async function insertWebhook(
  db: Executor,
  values: {
    url: string;
    description: string;
    events: WebhookEvent[];
    secret: string;
    createdBy: number | null;
  },
): Promise<WebhookRow> {
  const [row] = await db.insert(webhooks).values(values).returning(webhookColumns);
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function listWebhookRows(db: Executor, includeDeleted: boolean): Promise<WebhookRow[]> {
  return db
    .select(webhookColumns)
    .from(webhooks)
    .where(includeDeleted ? undefined : isNull(webhooks.deletedAt))
    .orderBy(asc(webhooks.id));
}

export async function findWebhook(db: Executor, id: number): Promise<WebhookRow | undefined> {
  const [row] = await db.select(webhookColumns).from(webhooks).where(eq(webhooks.id, id));
  return row;
}

export async function findWebhookForUpdate(db: Executor, id: number): Promise<WebhookRow | undefined> {
  const [row] = await db.select(webhookColumns).from(webhooks).where(eq(webhooks.id, id)).for('update');
  return row;
}

export async function updateWebhookRow(
  db: Executor,
  id: number,
  values: Partial<{ enabled: boolean; events: WebhookEvent[]; description: string; deleted: boolean }>,
): Promise<WebhookRow> {
  const [row] = await db
    .update(webhooks)
    .set({
      ...(values.enabled === undefined ? {} : { enabled: values.enabled }),
      ...(values.events === undefined ? {} : { events: values.events }),
      ...(values.description === undefined ? {} : { description: values.description }),
      ...(values.deleted ? { deletedAt: sql`now()`, enabled: false } : {}),
      updatedAt: sql`now()`,
    })
    .where(eq(webhooks.id, id))
    .returning(webhookColumns);
  if (!row) throw new Error('update returned no row');
  return row;
}

/** The endpoint as the dispatcher needs it, secret included. */
export async function findEndpointSecret(
  db: Executor,
  id: number,
): Promise<{ url: string; secret: string; enabled: boolean; deleted: boolean } | undefined> {
  const [row] = await db
    .select({
      url: webhooks.url,
      secret: webhooks.secret,
      enabled: webhooks.enabled,
      deletedAt: webhooks.deletedAt,
    })
    .from(webhooks)
    .where(eq(webhooks.id, id));
  return row && { url: row.url, secret: row.secret, enabled: row.enabled, deleted: row.deletedAt !== null };
}

/**
 * Writes an event to the outbox and one pending delivery per enabled endpoint subscribed to it, in
 * the caller's transaction; the insert's trigger announces them at commit.
 */
export async function insertEventWithDeliveries(
  db: Executor,
  event: { id: string; event: WebhookEvent; body: string; createdAt: Date },
  retryForMs: number,
): Promise<number> {
  await db.insert(webhookEvents).values(event);
  const rows = await queryRows<{ id: string }>(
    db,
    sql`INSERT INTO webhook_deliveries (webhook_id, event_id, next_attempt_at, retry_until)
        SELECT id, ${event.id}::uuid, now(), now() + make_interval(secs => ${retryForMs / 1000}::float8)
        FROM webhooks
        WHERE enabled AND deleted_at IS NULL AND ${event.event}::text = ANY(events)
        RETURNING id`,
  );
  return rows.length;
}

export async function listDeliveries(
  db: Executor,
  webhookId: number,
  window: { limit: number; offset: number },
): Promise<WebhookDeliveryRow[]> {
  return db
    .select(deliveryColumns)
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(eq(webhookDeliveries.webhookId, webhookId))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(window.limit + 1)
    .offset(window.offset);
}

export async function countDeliveries(db: Executor, webhookId: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.webhookId, webhookId));
  return Number(row?.n ?? 0);
}

export async function findDelivery(db: Executor, id: string): Promise<WebhookDeliveryRow | undefined> {
  const [row] = await db
    .select(deliveryColumns)
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(eq(webhookDeliveries.id, id));
  return row;
}

export async function listAttempts(db: Executor, deliveryId: string): Promise<WebhookAttemptRow[]> {
  return db
    .select()
    .from(webhookAttempts)
    .where(eq(webhookAttempts.deliveryId, deliveryId))
    .orderBy(asc(webhookAttempts.id));
}

/**
 * Makes a delivery due now (again): pending, one more attempt whatever its state, with at least
 * until now to retry; announces it to the dispatchers at commit.
 */
export async function requeueDelivery(db: Executor, id: string): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({
      status: 'pending',
      nextAttemptAt: sql`now()`,
      retryUntil: sql`greatest(${webhookDeliveries.retryUntil}, now())`,
      updatedAt: sql`now()`,
    })
    .where(eq(webhookDeliveries.id, id));
  await db.execute(sql`SELECT pg_notify('ranking_webhooks', '')`);
}

export type ClaimedDelivery = {
  id: string;
  webhookId: number;
  body: string;
  event: WebhookEvent;
};

/**
 * Claims up to `limit` due deliveries: rows locked by another dispatcher are skipped, and each claimed
 * row's next attempt moves `leaseMs` ahead, so no other process sends it while this one does (a
 * process that dies mid-request leaves it due again once the lease ends).
 */
export async function claimDueDeliveries(
  db: Executor,
  limit: number,
  leaseMs: number,
): Promise<ClaimedDelivery[]> {
  return queryRows<ClaimedDelivery>(
    db,
    sql`UPDATE webhook_deliveries d
        SET next_attempt_at = now() + make_interval(secs => ${leaseMs / 1000}::float8), updated_at = now()
        FROM webhook_events e
        WHERE e.id = d.event_id AND d.id IN (
          SELECT id FROM webhook_deliveries
          WHERE status = 'pending' AND next_attempt_at <= now()
          ORDER BY next_attempt_at
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED
        )
        RETURNING d.id::text AS "id", d.webhook_id::int AS "webhookId", e.body AS "body", e.event AS "event"`,
  );
}

/**
 * Records one attempt and its outcome: delivered; failed for good (`retryInMs` null, or the retry
 * would fall past the delivery's retry window); or due again after `retryInMs`.
 */
export async function recordAttempt(
  db: Executor,
  deliveryId: string,
  attempt: {
    attemptedAt: Date;
    ok: boolean;
    responseCode: number | null;
    error: string | null;
    durationMs: number;
    retryInMs: number | null;
  },
): Promise<WebhookDeliveryStatus> {
  await db.insert(webhookAttempts).values({
    deliveryId,
    attemptedAt: attempt.attemptedAt,
    ok: attempt.ok,
    responseCode: attempt.responseCode,
    error: attempt.error,
    durationMs: attempt.durationMs,
  });
  const retryAt =
    attempt.retryInMs === null
      ? sql`NULL::timestamptz`
      : sql`now() + make_interval(secs => ${attempt.retryInMs / 1000}::float8)`;
  const [row] = await queryRows<{ status: WebhookDeliveryStatus }>(
    db,
    sql`UPDATE webhook_deliveries SET
          attempts = attempts + 1,
          last_response_code = ${attempt.responseCode}::int,
          last_error = ${attempt.error}::text,
          last_duration_ms = ${attempt.durationMs}::int,
          status = CASE WHEN ${attempt.ok}::boolean THEN 'delivered'
                        WHEN ${retryAt} IS NULL OR ${retryAt} > retry_until THEN 'failed'
                        ELSE 'pending' END,
          next_attempt_at = CASE WHEN ${attempt.ok}::boolean OR ${retryAt} IS NULL OR ${retryAt} > retry_until THEN NULL
                                 ELSE ${retryAt} END,
          delivered_at = CASE WHEN ${attempt.ok}::boolean THEN now() ELSE delivered_at END,
          updated_at = now()
        WHERE id = ${deliveryId}::uuid
        RETURNING status`,
  );
  return row?.status ?? 'failed';
}

/** Ends a delivery whose endpoint was disabled or deleted since it was queued, without a request. */
export async function abandonDelivery(db: Executor, deliveryId: string, reason: string): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({ status: 'failed', nextAttemptAt: null, lastError: reason, updatedAt: sql`now()` })
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.status, 'pending')));
}
