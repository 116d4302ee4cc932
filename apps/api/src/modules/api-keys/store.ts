/** SQL for partner API keys. Only the SHA-256 of a key is stored. */
import { apiKeys, type Executor, type Scope } from '@ranking/schema';
import { and, asc, eq, isNull, lt, or, sql } from 'drizzle-orm';

export interface ApiKeyRow {
  id: number;
  name: string;
  prefix: string;
  scopes: Scope[];
  ownerId: number | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
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
