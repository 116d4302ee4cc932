/** SQL for partner API keys. Only the SHA-256 of a key is stored. */
import {
  type ApiKeyUsageMetric,
  apiKeyDocuments,
  apiKeys,
  apiKeyUsage,
  type Executor,
  type Scope,
} from '@ranking/schema';
import { and, asc, desc, eq, gte, isNull, lt, or, sql } from 'drizzle-orm';

export interface ApiKeyRow {
  id: number;
  name: string;
  prefix: string;
  scopes: Scope[];
  ownerId: number | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  trustedDocumentsOnly: boolean;
}

const apiKeyColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  scopes: apiKeys.scopes,
  ownerId: apiKeys.ownerId,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
  trustedDocumentsOnly: apiKeys.trustedDocumentsOnly,
};

export async function findApiKeyByHash(db: Executor, secretHash: string): Promise<ApiKeyRow | undefined> {
  const [row] = await db
    .select(apiKeyColumns)
    .from(apiKeys)
    .where(eq(apiKeys.secretHash, secretHash))
    .limit(1);
  return row;
}

export async function findApiKeyForUpdate(db: Executor, id: number): Promise<ApiKeyRow | undefined> {
  const [row] = await db.select(apiKeyColumns).from(apiKeys).where(eq(apiKeys.id, id)).for('update');
  return row;
}

export async function listApiKeys(db: Executor, includeRevoked: boolean): Promise<ApiKeyRow[]> {
  return db
    .select(apiKeyColumns)
    .from(apiKeys)
    .where(includeRevoked ? undefined : isNull(apiKeys.revokedAt))
    .orderBy(asc(apiKeys.id));
}

export async function insertApiKey(
  db: Executor,
  values: { name: string; prefix: string; secretHash: string; scopes: Scope[]; ownerId: number | null },
): Promise<ApiKeyRow> {
  const [row] = await db.insert(apiKeys).values(values).returning(apiKeyColumns);
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function revokeApiKeyRow(db: Executor, id: number): Promise<ApiKeyRow> {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())` })
    .where(eq(apiKeys.id, id))
    .returning(apiKeyColumns);
  if (!row) throw new Error('update returned no row');
  return row;
}

/** Records use, at most once per `throttleMs` per key (one UPDATE that usually matches nothing). */
export async function touchApiKey(db: Executor, id: number, throttleMs: number): Promise<void> {
  await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiKeys.id, id),
        or(
          isNull(apiKeys.lastUsedAt),
          lt(apiKeys.lastUsedAt, sql`now() - make_interval(secs => ${throttleMs / 1000})`),
        ),
      ),
    );
}

export async function findApiKeyById(db: Executor, id: number): Promise<ApiKeyRow | undefined> {
  const [row] = await db.select(apiKeyColumns).from(apiKeys).where(eq(apiKeys.id, id)).limit(1);
  return row;
}

export async function setTrustedDocumentsOnly(db: Executor, id: number, only: boolean): Promise<ApiKeyRow> {
  const [row] = await db
    .update(apiKeys)
    .set({ trustedDocumentsOnly: only })
    .where(eq(apiKeys.id, id))
    .returning(apiKeyColumns);
  if (!row) throw new Error('update returned no row');
  return row;
}

export interface TrustedDocumentRow {
  apiKeyId: number;
  hash: string;
  name: string;
  document: string;
  createdAt: Date;
}

const documentColumns = {
  apiKeyId: apiKeyDocuments.apiKeyId,
  hash: apiKeyDocuments.hash,
  name: apiKeyDocuments.name,
  document: apiKeyDocuments.document,
  createdAt: apiKeyDocuments.createdAt,
};

/** The key's document of that hash: one primary-key lookup. */
export async function findTrustedDocument(
  db: Executor,
  apiKeyId: number,
  hash: string,
): Promise<TrustedDocumentRow | undefined> {
  const [row] = await db
    .select(documentColumns)
    .from(apiKeyDocuments)
    .where(and(eq(apiKeyDocuments.apiKeyId, apiKeyId), eq(apiKeyDocuments.hash, hash)))
    .limit(1);
  return row;
}

export async function listTrustedDocuments(db: Executor, apiKeyId: number): Promise<TrustedDocumentRow[]> {
  return db
    .select(documentColumns)
    .from(apiKeyDocuments)
    .where(eq(apiKeyDocuments.apiKeyId, apiKeyId))
    .orderBy(asc(apiKeyDocuments.name), asc(apiKeyDocuments.hash));
}

/** Inserts the document; undefined when the key already has it. */
export async function insertTrustedDocument(
  db: Executor,
  values: { apiKeyId: number; hash: string; name: string; document: string },
): Promise<TrustedDocumentRow | undefined> {
  const [row] = await db
    .insert(apiKeyDocuments)
    .values(values)
    .onConflictDoNothing()
    .returning(documentColumns);
  return row;
}

export async function deleteTrustedDocument(
  db: Executor,
  apiKeyId: number,
  hash: string,
): Promise<TrustedDocumentRow | undefined> {
  const [row] = await db
    .delete(apiKeyDocuments)
    .where(and(eq(apiKeyDocuments.apiKeyId, apiKeyId), eq(apiKeyDocuments.hash, hash)))
    .returning(documentColumns);
  return row;
}

export interface UsageCount {
  apiKeyId: number;
  /** YYYY-MM-DD (UTC). */
  day: string;
  metric: ApiKeyUsageMetric;
  name: string;
  count: number;
}

/** Adds the counts to the stored ones: several API processes flushing the same day add up. */
export async function addUsageCounts(db: Executor, counts: readonly UsageCount[]): Promise<void> {
  if (counts.length === 0) return;
  await db
    .insert(apiKeyUsage)
    .values([...counts])
    .onConflictDoUpdate({
      target: [apiKeyUsage.apiKeyId, apiKeyUsage.day, apiKeyUsage.metric, apiKeyUsage.name],
      set: { count: sql`${apiKeyUsage.count} + excluded.count` },
    });
}

/** The key's counts from `sinceDay` (YYYY-MM-DD) on, newest day first. */
export async function listUsageCounts(
  db: Executor,
  apiKeyId: number,
  sinceDay: string,
): Promise<UsageCount[]> {
  return db
    .select({
      apiKeyId: apiKeyUsage.apiKeyId,
      day: apiKeyUsage.day,
      metric: apiKeyUsage.metric,
      name: apiKeyUsage.name,
      count: apiKeyUsage.count,
    })
    .from(apiKeyUsage)
    .where(and(eq(apiKeyUsage.apiKeyId, apiKeyId), gte(apiKeyUsage.day, sinceDay)))
    .orderBy(desc(apiKeyUsage.day), desc(apiKeyUsage.count), asc(apiKeyUsage.name));
}
