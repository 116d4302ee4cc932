/**
 * Partner API keys: minted with a scope list (secret shown once, SHA-256 stored), revoked at once,
 * authenticated per request with a throttled `last_used_at`. Each request of a key is counted against
 * its rate limit by the HTTP layer once the key is known (auth/rate-limit.ts, `countRequest`).
 */
import { expandScopes, SCOPES, type Scope } from '@ranking/contracts';
import { type Actor, actorUserId, requireScope } from '../../auth/actor';
import { generateApiKey, hashApiKey, isWellFormedApiKey } from '../../auth/api-key-format';
import { peekKeyAllowance, type RequestAllowance } from '../../auth/rate-limit';
import type { AppDeps, ServiceContext } from '../../context';
import { AppError, badInput, notFound } from '../../errors';
import { inTransaction } from '../../lib/transaction';
import { requireId, requireText } from '../../lib/validate';
import { recordAudit } from '../audit/service';
import { requireOwnKeyOrAdmin } from './documents';
import {
  type ApiKeyRow,
  findApiKeyByHash,
  findApiKeyById,
  findApiKeyForUpdate,
  insertApiKey,
  listApiKeys as listApiKeyRows,
  listUsageCounts,
  revokeApiKeyRow,
  touchApiKey,
} from './store';

const LAST_USED_THROTTLE_MS = 60_000;

/**
 * A key's row by its secret's hash, kept in the row cache (lib/row-cache.ts): every request of a
 * partner authenticates. What a key grants changes only through the columns migration 0022 announces
 * (revoked, scopes, …), and every announced change empties the cache in every process: a key revoked
 * through another process is refused as soon as the announcement arrives (without announcements,
 * `DB_POOL_MODE=transaction`, within 5 s). Unknown keys are not kept (they would crowd out the known).
 */
async function keyRowByHash(deps: AppDeps, secretHash: string): Promise<ApiKeyRow | undefined> {
  const cacheKey = `api-key:${secretHash}`;
  const kept = deps.rowCache.get<ApiKeyRow>(cacheKey);
  if (kept) return kept;
  const generation = deps.rowCache.generation;
  const row = await findApiKeyByHash(deps.db, secretHash);
  if (row) deps.rowCache.set(cacheKey, row, generation);
  return row;
}

export async function authenticateApiKey(deps: AppDeps, key: string): Promise<Actor> {
  if (!isWellFormedApiKey(key)) throw new AppError('UNAUTHENTICATED', 'Invalid API key');
  const row = await keyRowByHash(deps, hashApiKey(key));
  if (!row || row.revokedAt !== null) throw new AppError('UNAUTHENTICATED', 'Invalid API key');
  const now = Date.now();
  // The app's own record (AppDeps.apiKeyLastUsed): tests run several apps in one process.
  const touched = deps.apiKeyLastUsed;
  if ((touched.get(row.id) ?? 0) < now - LAST_USED_THROTTLE_MS) {
    touched.set(row.id, now);
    // Bookkeeping only: never fail or slow the request for it.
    touchApiKey(deps.db, row.id, LAST_USED_THROTTLE_MS).catch(() => touched.delete(row.id));
  }
  return {
    kind: 'api_key',
    apiKeyId: row.id,
    name: row.name,
    ownerId: row.ownerId,
    scopes: expandScopes(row.scopes),
    trustedDocumentsOnly: row.trustedDocumentsOnly,
  };
}

export async function listApiKeys(ctx: ServiceContext, includeRevoked: boolean): Promise<ApiKeyRow[]> {
  requireScope(ctx.actor, 'admin');
  ctx.cache.mark('private');
  return listApiKeyRows(ctx.db, includeRevoked);
}

export async function createApiKey(
  ctx: ServiceContext,
  input: { name: string; scopes: readonly string[] },
): Promise<{ apiKey: ApiKeyRow; key: string }> {
  requireScope(ctx.actor, 'admin');
  const name = requireText('name', input.name, 200);
  if (input.scopes.length === 0) throw badInput('scopes', 'At least one scope is required');
  const unknown = input.scopes.find((s) => !(SCOPES as readonly string[]).includes(s));
  if (unknown) throw badInput('scopes', `Unknown scope ${unknown}`);
  const scopes = [...new Set(input.scopes)] as Scope[];
  const generated = generateApiKey();
  const apiKey = await inTransaction(ctx, async (tx) => {
    const row = await insertApiKey(tx, {
      name,
      prefix: generated.prefix,
      secretHash: generated.secretHash,
      scopes,
      ownerId: actorUserId(ctx.actor),
    });
    await recordAudit(tx, ctx, {
      action: 'api_key.create',
      entityType: 'api_key',
      entityId: row.id,
      after: row,
    });
    return row;
  });
  return { apiKey, key: generated.key };
}

export async function revokeApiKey(ctx: ServiceContext, id: string | number): Promise<ApiKeyRow> {
  requireScope(ctx.actor, 'admin');
  const keyId = requireId('id', id);
  return inTransaction(ctx, async (tx) => {
    const before = await findApiKeyForUpdate(tx, keyId);
    if (!before) throw notFound('API key');
    const row = await revokeApiKeyRow(tx, keyId);
    await recordAudit(tx, ctx, {
      action: 'api_key.revoke',
      entityType: 'api_key',
      entityId: keyId,
      before: { revokedAt: before.revokedAt },
      after: { revokedAt: row.revokedAt },
    });
    return row;
  });
}

/**
 * A key's request allowance: the caller's own as counted for this request (`counted`, so that it
 * matches the response's `RateLimit-*` headers), or, for another key, its window as it stands.
 */
export async function getKeyAllowance(
  ctx: ServiceContext,
  apiKeyId: number,
  counted: RequestAllowance | undefined,
): Promise<RequestAllowance> {
  const own = ctx.actor.kind === 'api_key' && ctx.actor.apiKeyId === apiKeyId;
  return own && counted ? counted : peekKeyAllowance(ctx.deps.rateLimits, ctx.deps.env, apiKeyId);
}

/** The key the caller is using (for `viewer.apiKey`). */
export async function getOwnApiKey(ctx: ServiceContext): Promise<ApiKeyRow | null> {
  if (ctx.actor.kind !== 'api_key') return null;
  return (await findApiKeyById(ctx.db, ctx.actor.apiKeyId)) ?? null;
}

/** The longest usage history asked for (days). */
export const MAX_USAGE_DAYS = 90;

export interface ApiKeyUsageDay {
  /** YYYY-MM-DD (UTC). */
  day: string;
  requests: number;
  errors: number;
  rateLimited: number;
  operations: { name: string; count: number }[];
  deprecatedFields: { field: string; count: number }[];
}

/**
 * A key's usage of the last `days` UTC days (today included) as flushed so far, newest first, days
 * without requests left out: for `admin`, or for the key itself.
 */
export async function getApiKeyUsage(
  ctx: ServiceContext,
  apiKeyId: number,
  days: number,
): Promise<ApiKeyUsageDay[]> {
  requireOwnKeyOrAdmin(ctx.actor, apiKeyId);
  if (!Number.isInteger(days) || days < 1 || days > MAX_USAGE_DAYS)
    throw badInput('days', `Between 1 and ${MAX_USAGE_DAYS}`);
  ctx.cache.mark('private');
  const since = new Date(ctx.deps.now().getTime() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  const byDay = new Map<string, ApiKeyUsageDay>();
  for (const row of await listUsageCounts(ctx.db, apiKeyId, since)) {
    let day = byDay.get(row.day);
    if (!day) {
      day = { day: row.day, requests: 0, errors: 0, rateLimited: 0, operations: [], deprecatedFields: [] };
      byDay.set(row.day, day);
    }
    if (row.metric === 'requests') day.requests += row.count;
    else if (row.metric === 'errors') day.errors += row.count;
    else if (row.metric === 'rate_limited') day.rateLimited += row.count;
    else if (row.metric === 'operation') day.operations.push({ name: row.name, count: row.count });
    else day.deprecatedFields.push({ field: row.name, count: row.count });
  }
  return [...byDay.values()];
}
