/** SQL for methodologies and the indicator catalogue. */
import { type Executor, indicators, methodologies } from '@ranking/schema';
import { and, asc, desc, eq, inArray, type Placeholder, sql } from 'drizzle-orm';
import { prepared } from '../../lib/prepared';

export interface MethodologyRow {
  id: number;
  key: string;
  version: string;
  title: string;
  document: unknown;
  documentHash: string;
  createdAt: Date;
}

const methodologyColumns = {
  id: methodologies.id,
  key: methodologies.key,
  version: methodologies.version,
  title: methodologies.title,
  document: sql<unknown>`${methodologies.document}`,
  documentHash: methodologies.documentHash,
  createdAt: methodologies.createdAt,
};

export async function findMethodologiesByIds(
  db: Executor,
  ids: readonly number[],
): Promise<MethodologyRow[]> {
  if (ids.length === 0) return [];
  return db
    .select(methodologyColumns)
    .from(methodologies)
    .where(inArray(methodologies.id, [...ids]));
}

/** Newest first (by creation, then id). */
/** The stored documents' hashes, newest first (as listMethodologyRows orders them): a small read. */
export async function listMethodologyHashes(db: Executor): Promise<string[]> {
  const rows = await db
    .select({ documentHash: methodologies.documentHash })
    .from(methodologies)
    .orderBy(desc(methodologies.createdAt), desc(methodologies.id));
  return rows.map((r) => r.documentHash);
}

export async function listMethodologyRows(db: Executor): Promise<MethodologyRow[]> {
  return db
    .select(methodologyColumns)
    .from(methodologies)
    .orderBy(desc(methodologies.createdAt), desc(methodologies.id));
}

export async function findMethodology(
  db: Executor,
  params: { key?: string | undefined; version?: string | undefined },
): Promise<MethodologyRow | undefined> {
  const conditions = [];
  if (params.key) conditions.push(eq(methodologies.key, params.key));
  if (params.version) conditions.push(eq(methodologies.version, params.version));
  const [row] = await db
    .select(methodologyColumns)
    .from(methodologies)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(methodologies.createdAt), desc(methodologies.id))
    .limit(1);
  return row;
}

export async function insertMethodology(
  db: Executor,
  values: {
    key: string;
    version: string;
    title: string;
    document: unknown;
    documentHash: string;
    createdBy: number | null;
  },
): Promise<MethodologyRow> {
  const [row] = await db.insert(methodologies).values(values).returning(methodologyColumns);
  if (!row) throw new Error('insert returned no row');
  return row;
}

export interface IndicatorRow {
  key: string;
  name: string;
  nameZh: string | null;
  unit: string | null;
  description: string | null;
}

const indicatorColumns = {
  key: indicators.key,
  name: indicators.name,
  nameZh: indicators.nameZh,
  unit: indicators.unit,
  description: indicators.description,
};

/** Prepared per list length up to this many keys (a methodology has 53); longer lists are not. */
const PREPARED_KEYS = 64;

export async function findIndicatorsByKeys(db: Executor, keys: readonly string[]): Promise<IndicatorRow[]> {
  if (keys.length === 0) return [];
  const select = (list: (string | Placeholder)[]) =>
    db
      .select(indicatorColumns)
      .from(indicators)
      .where(inArray(indicators.key, list))
      .orderBy(asc(indicators.key));
  if (keys.length > PREPARED_KEYS) return select([...keys]);
  const names = keys.map((_, i) => `k${i}`);
  return prepared(db, `indicators_by_${keys.length}_keys`, (name) =>
    select(names.map((n) => sql.placeholder(n))).prepare(name),
  ).execute(Object.fromEntries(names.map((n, i) => [n, keys[i]])));
}

/** Inserts or refreshes indicator rows from a methodology's definitions (latest methodology wins). */
export async function upsertIndicators(db: Executor, rows: readonly IndicatorRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(indicators)
    .values([...rows])
    .onConflictDoUpdate({
      target: indicators.key,
      set: {
        name: sql`excluded.name`,
        nameZh: sql`excluded.name_zh`,
        unit: sql`excluded.unit`,
        description: sql`coalesce(excluded.description, ${indicators.description})`,
      },
    });
}
