/**
 * Webhooks (docs/webhooks.md): endpoints an admin registers for events, the outbox rows written in
 * the transaction of the change each event announces, and the admin's view of the delivery log.
 * Sending is dispatcher.ts's job, in the API process, after commit.
 *
 * Endpoint URLs are user-supplied server-side requests: http(s) only (https in production), no
 * credentials in the URL, and the SSRF rule of packages/collectors (public addresses only, checked
 * after DNS) at registration and again at every delivery; `WEBHOOK_ALLOW_PRIVATE=1` lifts the
 * address rule for tests and is refused in production.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { DnsError, resolveAllowed, SsrfRefusedError } from '@ranking/collectors';
import { type Executor, WEBHOOK_EVENTS, type WebhookEvent } from '@ranking/schema';
import { actorUserId, requireScope } from '../../auth/actor';
import type { AppDeps, ServiceContext } from '../../context';
import type { Env } from '../../env';
import { badInput, conflict, notFound } from '../../errors';
import { type Connection, type PageArgs, pageWindow, toConnection } from '../../lib/pagination';
import { inTransaction } from '../../lib/transaction';
import { optionalText, requireHttpUrl, requireId } from '../../lib/validate';
import { recordAudit } from '../audit/service';
import {
  countDeliveries,
  findDelivery,
  findWebhook,
  findWebhookForUpdate,
  insertEventWithDeliveries,
  insertWebhook,
  listAttempts,
  listDeliveries,
  listWebhookRows,
  requeueDelivery,
  updateWebhookRow,
  type WebhookAttemptRow,
  type WebhookDeliveryRow,
  type WebhookRow,
} from './store';

export type { WebhookAttemptRow, WebhookDeliveryRow, WebhookRow } from './store';
export type WebhookDeliveryConnectionModel = Connection<WebhookDeliveryRow>;

/** How long a delivery is retried after its event (then it is marked failed). */
export const WEBHOOK_RETRY_FOR_MS = 24 * 60 * 60 * 1000;
/** The longest wait between two attempts, before jitter. */
export const WEBHOOK_MAX_BACKOFF_MS = 60 * 60 * 1000;
/** Endpoints an installation may have (deleted ones not counted). */
export const MAX_WEBHOOKS = 50;
/** Longest description. */
export const MAX_WEBHOOK_DESCRIPTION = 500;
/** Longest endpoint URL. */
export const MAX_WEBHOOK_URL = 2000;

/** The `X-Ranking-Signature` value of `body` sent at `t` (unix seconds): `t=<t>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export function signatureHeader(secret: string, body: string, t: number): string {
  const mac = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${mac}`;
}

/**
 * The wait before the next attempt after `attempts` failed ones: the base doubled per attempt, at
 * most an hour, with "equal jitter" (half fixed, half random) so endpoints coming back are not hit
 * by every delivery at once.
 */
export function retryDelayMs(baseMs: number, attempts: number, random: () => number = Math.random): number {
  const exponential = Math.min(baseMs * 2 ** Math.max(0, attempts - 1), WEBHOOK_MAX_BACKOFF_MS);
  return Math.round(exponential / 2 + random() * (exponential / 2));
}

const ssrfPolicy = (env: Env) => ({ allowPrivate: env.WEBHOOK_ALLOW_PRIVATE });

/**
 * The scheme and credential rules of an endpoint URL; the message names `field`.
 * @returns the URL as given (trimmed), or a refusal message.
 */
export function endpointUrlProblem(env: Env, url: URL): string | undefined {
  if (env.NODE_ENV === 'production' && url.protocol !== 'https:') return 'must be an https URL in production';
  if (url.username || url.password) return 'must not carry credentials (user:password@)';
  return undefined;
}

/** Validates an endpoint URL for registration: the URL rules, then the SSRF rule after DNS. */
async function requireEndpointUrl(env: Env, field: string, value: string): Promise<string> {
  const text = requireHttpUrl(field, value);
  if (text.length > MAX_WEBHOOK_URL)
    throw badInput(field, `${field} is longer than ${MAX_WEBHOOK_URL} characters`);
  const url = new URL(text);
  const problem = endpointUrlProblem(env, url);
  if (problem) throw badInput(field, `${field} ${problem}`);
  try {
    await resolveAllowed(url, ssrfPolicy(env));
  } catch (error) {
    if (error instanceof SsrfRefusedError) {
      throw badInput(
        field,
        `${field} is not allowed: ${error.message} (webhooks reach public addresses only)`,
      );
    }
    if (error instanceof DnsError) throw badInput(field, `${field}: ${error.message}`);
    throw error;
  }
  return text;
}

function requireEvents(field: string, values: readonly string[]): WebhookEvent[] {
  if (values.length === 0) throw badInput(field, `${field} must name at least one event`);
  const unknown = values.find((v) => !(WEBHOOK_EVENTS as readonly string[]).includes(v));
  if (unknown !== undefined) {
    throw badInput(
      field,
      `${field}: unknown event ${JSON.stringify(unknown)} (one of ${WEBHOOK_EVENTS.join(', ')})`,
    );
  }
  return [...new Set(values)] as WebhookEvent[];
}

export async function listWebhooks(ctx: ServiceContext, includeDeleted: boolean): Promise<WebhookRow[]> {
  requireScope(ctx.actor, 'admin');
  ctx.cache.mark('private');
  return listWebhookRows(ctx.db, includeDeleted);
}

export async function getWebhook(ctx: ServiceContext, id: string | number): Promise<WebhookRow | null> {
  requireScope(ctx.actor, 'admin');
  ctx.cache.mark('private');
  return (await findWebhook(ctx.db, requireId('id', id))) ?? null;
}

export async function createWebhook(
  ctx: ServiceContext,
  input: { url: string; events: readonly string[]; description?: string | null },
): Promise<{ webhook: WebhookRow; secret: string }> {
  requireScope(ctx.actor, 'admin');
  const events = requireEvents('events', input.events);
  const description = optionalText('description', input.description, MAX_WEBHOOK_DESCRIPTION) ?? '';
  const url = await requireEndpointUrl(ctx.deps.env, 'url', input.url);
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  const webhook = await inTransaction(ctx, async (tx) => {
    const existing = await listWebhookRows(tx, false);
    if (existing.length >= MAX_WEBHOOKS) {
      throw conflict(`At most ${MAX_WEBHOOKS} webhooks: delete one first`);
    }
    const row = await insertWebhook(tx, {
      url,
      description,
      events,
      secret,
      createdBy: actorUserId(ctx.actor),
    });
    // The secret is never audited, logged or returned again.
    await recordAudit(tx, ctx, {
      action: 'webhook.create',
      entityType: 'webhook',
      entityId: row.id,
      after: row,
    });
    return row;
  });
  return { webhook, secret };
}

export async function updateWebhook(
  ctx: ServiceContext,
  id: string | number,
  input: { enabled?: boolean | null; events?: readonly string[] | null; description?: string | null },
): Promise<WebhookRow> {
  requireScope(ctx.actor, 'admin');
  const webhookId = requireId('id', id);
  const events = input.events == null ? undefined : requireEvents('events', input.events);
  const description =
    input.description == null
      ? undefined
      : (optionalText('description', input.description, MAX_WEBHOOK_DESCRIPTION) ?? '');
  const enabled = input.enabled ?? undefined;
  return inTransaction(ctx, async (tx) => {
    const before = await findWebhookForUpdate(tx, webhookId);
    if (!before || before.deletedAt) throw notFound('Webhook');
    const after = await updateWebhookRow(tx, webhookId, { enabled, events, description });
    await recordAudit(tx, ctx, {
      action: 'webhook.update',
      entityType: 'webhook',
      entityId: webhookId,
      before: { enabled: before.enabled, events: before.events, description: before.description },
      after: { enabled: after.enabled, events: after.events, description: after.description },
    });
    return after;
  });
}

/** Deletes an endpoint: no more deliveries; the row and its delivery log stay readable. */
export async function deleteWebhook(ctx: ServiceContext, id: string | number): Promise<WebhookRow> {
  requireScope(ctx.actor, 'admin');
  const webhookId = requireId('id', id);
  return inTransaction(ctx, async (tx) => {
    const before = await findWebhookForUpdate(tx, webhookId);
    if (!before || before.deletedAt) throw notFound('Webhook');
    const after = await updateWebhookRow(tx, webhookId, { deleted: true });
    await recordAudit(tx, ctx, {
      action: 'webhook.delete',
      entityType: 'webhook',
      entityId: webhookId,
      before,
      after: { deletedAt: after.deletedAt },
    });
    return after;
  });
}

export async function webhookDeliveries(
  ctx: ServiceContext,
  webhookId: number,
  page: PageArgs,
): Promise<WebhookDeliveryConnectionModel> {
  requireScope(ctx.actor, 'admin');
  const window = pageWindow(page);
  const rows = await listDeliveries(ctx.db, webhookId, window);
  return toConnection(rows, window, () => countDeliveries(ctx.db, webhookId));
}

export async function deliveryAttempts(
  ctx: ServiceContext,
  deliveryId: string,
): Promise<WebhookAttemptRow[]> {
  requireScope(ctx.actor, 'admin');
  return listAttempts(ctx.db, deliveryId);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "Send again": the delivery is due now and its next request is a new attempt in its log. */
export async function redeliverWebhookDelivery(ctx: ServiceContext, id: string): Promise<WebhookDeliveryRow> {
  requireScope(ctx.actor, 'admin');
  if (!UUID.test(id)) throw badInput('id', 'id must be a delivery id (a UUID)');
  return inTransaction(ctx, async (tx) => {
    const delivery = await findDelivery(tx, id);
    if (!delivery) throw notFound('Webhook delivery');
    const webhook = await findWebhookForUpdate(tx, delivery.webhookId);
    if (!webhook || webhook.deletedAt) throw conflict('The webhook was deleted');
    if (!webhook.enabled) throw conflict('The webhook is disabled: enable it first');
    await requeueDelivery(tx, id);
    await recordAudit(tx, ctx, {
      action: 'webhook.redeliver',
      entityType: 'webhook_delivery',
      entityId: id,
      before: { status: delivery.status, attempts: delivery.attempts },
    });
    return (await findDelivery(tx, id)) as WebhookDeliveryRow;
  });
}

/**
 * Writes `event` with `data` to the outbox, fanned out to the enabled endpoints subscribed to it, in
 * the caller's transaction (`tx`): a rolled-back change announces nothing, a committed one is
 * delivered after commit whatever happens to this process.
 */
export async function enqueueWebhookEvent(
  tx: Executor,
  deps: AppDeps,
  event: WebhookEvent,
  data: Record<string, unknown>,
): Promise<void> {
  const id = randomUUID();
  const createdAt = deps.now();
  const body = JSON.stringify({ id, event, createdAt: createdAt.toISOString(), data });
  await insertEventWithDeliveries(tx, { id, event, body, createdAt }, WEBHOOK_RETRY_FOR_MS);
}

/** The API's public base URL (PUBLIC_API_URL, else this server on localhost), without a trailing slash. */
function apiBaseUrl(env: Env): string {
  return (env.PUBLIC_API_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
}

/**
 * Announces a published edition, in the publishing transaction: `edition.published` for a year's
 * first revision, `edition.corrected` for a later one.
 */
export async function announceEditionPublished(
  tx: Executor,
  ctx: ServiceContext,
  edition: {
    id: number;
    year: number;
    revision: number;
    title: string;
    contentHash: string | null;
    publishedAt: Date | string | null;
  },
): Promise<void> {
  const base = apiBaseUrl(ctx.deps.env);
  const files = `${base}/editions/${edition.year}/export`;
  const pinned = `?revision=${edition.revision}`;
  await enqueueWebhookEvent(tx, ctx.deps, edition.revision > 1 ? 'edition.corrected' : 'edition.published', {
    id: String(edition.id),
    year: edition.year,
    revision: edition.revision,
    title: edition.title,
    contentHash: edition.contentHash,
    publishedAt:
      edition.publishedAt instanceof Date ? edition.publishedAt.toISOString() : edition.publishedAt,
    urls: {
      graphql: `${base}/graphql`,
      export: `${files}/datapackage.json${pinned}`,
      manifest: `${files}/manifest.json${pinned}`,
    },
  });
}

/** Announces the end of a collection run (completed, failed or cancelled), in the transaction recording it. */
export async function announceCollectionFinished(
  tx: Executor,
  ctx: ServiceContext,
  run: {
    id: number;
    status: string;
    counts: unknown;
    sources: readonly string[];
    finishedAt: Date | string | null;
    error: string | null;
  },
): Promise<void> {
  await enqueueWebhookEvent(tx, ctx.deps, 'collection.finished', {
    runId: String(run.id),
    status: run.status,
    sources: run.sources,
    counts: run.counts,
    finishedAt: run.finishedAt instanceof Date ? run.finishedAt.toISOString() : run.finishedAt,
    error: run.error,
  });
}
