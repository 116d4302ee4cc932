/**
 * SQL of the evidence import: a temporary staging table filled by COPY (postgres.js) or batched
 * multi-row INSERTs (PGlite), then one INSERT … SELECT … ON CONFLICT DO NOTHING on the natural key.
 */
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { type Database, type DatabaseHandle, type Executor, formatCsvRow, queryRows } from '@ranking/schema';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type postgres from 'postgres';

/** One validated row, ready for the staging table. */
export interface StagedRow {
  line: number;
  projectId: number;
  indicatorKey: string;
  value: number;
  sourceUrl: string;
  canonicalUrl: string;
  observedAt: string;
  retrievedAt: string | null;
  sourceKind: string;
  note: string | null;
}

const STAGING_COLUMNS =
  'line, project_id, indicator_key, value, source_url, canonical_url, observed_at, retrieved_at, source_kind, note';

export async function createStagingTable(db: Executor): Promise<void> {
  // A temporary table: no WAL, no indexes, gone at commit or rollback.
  await db.execute(
    sql.raw(`CREATE TEMPORARY TABLE evidence_import (
      line integer NOT NULL, project_id integer NOT NULL, indicator_key text NOT NULL,
      value double precision NOT NULL, source_url text NOT NULL, canonical_url text NOT NULL,
      observed_at date NOT NULL, retrieved_at timestamptz, source_kind text NOT NULL, note text
    ) ON COMMIT DROP`),
  );
}

/** Receives staged rows; `close` flushes what is buffered. */
export interface StagingSink {
  add(row: StagedRow): Promise<void>;
  close(): Promise<void>;
}

/** COPY's CSV is no file anyone opens: text is kept as written (no spreadsheet-formula quote). */
const csvLine = (r: StagedRow) =>
  formatCsvRow(
    [
      r.line,
      r.projectId,
      r.indicatorKey,
      r.value,
      r.sourceUrl,
      r.canonicalUrl,
      r.observedAt,
      r.retrievedAt,
      r.sourceKind,
      r.note,
    ],
    { formulas: 'keep' },
  );

/** postgres.js: one `COPY evidence_import FROM STDIN` fed as rows arrive, with backpressure. */
async function copySink(raw: postgres.TransactionSql): Promise<StagingSink> {
  const writable = await raw
    .unsafe(`COPY evidence_import (${STAGING_COLUMNS}) FROM STDIN WITH (FORMAT csv)`)
    .writable();
  let failure: unknown;
  writable.on('error', (error) => {
    failure = error;
  });
  let buffer = '';
  const flush = async () => {
    if (failure) throw failure;
    if (buffer === '') return;
    const ok = writable.write(buffer);
    buffer = '';
    if (!ok) await once(writable, 'drain');
  };
  return {
    async add(row) {
      buffer += csvLine(row);
      if (buffer.length >= 1 << 16) await flush();
    },
    async close() {
      await flush();
      writable.end();
      await finished(writable);
      if (failure) throw failure;
    },
  };
}

/** PGlite: multi-row INSERTs of `batch` rows (10 parameters each, under the 65,535 limit). */
function insertSink(db: Executor, batch = 2000): StagingSink {
  let rows: StagedRow[] = [];
  const flush = async () => {
    if (rows.length === 0) return;
    const values = sql.join(
      rows.map(
        (r) =>
          sql`(${r.line}, ${r.projectId}, ${r.indicatorKey}, ${r.value}, ${r.sourceUrl}, ${r.canonicalUrl}, ${r.observedAt}, ${r.retrievedAt}, ${r.sourceKind}, ${r.note})`,
      ),
      sql`, `,
    );
    rows = [];
    await db.execute(sql`INSERT INTO evidence_import (${sql.raw(STAGING_COLUMNS)}) VALUES ${values}`);
  };
  return {
    async add(row) {
      rows.push(row);
      if (rows.length >= batch) await flush();
    },
    close: flush,
  };
}

/**
 * Runs `work` in one transaction with a staging sink suited to the driver. On postgres.js the
 * transaction is opened on the raw client (COPY needs it) and wrapped in drizzle for everything else.
 */
export async function withImportTransaction<T>(
  handle: DatabaseHandle,
  db: Database,
  work: (tx: Executor, openSink: () => Promise<StagingSink>) => Promise<T>,
): Promise<T> {
  if (handle.client.kind === 'postgres') {
    const pool = handle.client.sql;
    const result = await pool.begin(async (raw) => {
      // drizzle reads (and sets its type parsers on) `options`, which a transaction handle lacks;
      // the pool's options object is the one its connections use.
      Object.assign(raw, { options: pool.options });
      const tx = drizzlePostgres(raw as unknown as postgres.Sql) as unknown as Database;
      return [await work(tx, () => copySink(raw))];
    });
    return (result as unknown as [T])[0];
  }
  return db.transaction((tx) => work(tx, async () => insertSink(tx)));
}

/** Rows of the staging table that are new (not in `evidence` by the natural key), counted once. */
export async function countNewStagedRows(db: Executor): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM (
          SELECT DISTINCT s.project_id, s.indicator_key, s.observed_at, s.canonical_url, s.value
            FROM evidence_import AS s
           WHERE NOT EXISTS (
             SELECT 1 FROM evidence AS e
              WHERE e.project_id = s.project_id AND e.indicator_key = s.indicator_key
                AND e.observed_at = s.observed_at AND e.canonical_url = s.canonical_url
                AND e.value = s.value)) AS fresh`,
  );
  return Number(rows[0]?.n ?? 0);
}

export interface StagedInsertOptions {
  submittedBy: number | null;
  /** Approved on import: reviewed by `reviewedBy` (null = the system) now. */
  approve: { reviewedBy: number | null; note: string } | null;
}

/** Moves the staging table into `evidence`; rows already there (natural key) are skipped. */
export async function insertStagedEvidence(db: Executor, options: StagedInsertOptions): Promise<number> {
  const status = options.approve ? 'approved' : 'pending';
  const rows = await queryRows<{ n: number }>(
    db,
    sql`WITH inserted AS (
          INSERT INTO evidence (project_id, indicator_key, value, source_url, canonical_url, observed_at,
                                retrieved_at, source_kind, note, status, submitted_by, reviewed_by,
                                reviewed_at, review_note)
          SELECT s.project_id, s.indicator_key, s.value, s.source_url, s.canonical_url, s.observed_at,
                 coalesce(s.retrieved_at, now()), s.source_kind, s.note, ${status}, ${options.submittedBy},
                 ${options.approve?.reviewedBy ?? null},
                 ${options.approve ? sql`now()` : sql`NULL`}, ${options.approve?.note ?? null}
            FROM evidence_import AS s
           ORDER BY s.line
          ON CONFLICT (project_id, indicator_key, observed_at, canonical_url, value) DO NOTHING
          RETURNING 1)
        SELECT count(*)::int AS n FROM inserted`,
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * After an approving import: older approved values of the same project, indicator and observation
 * date are superseded by the newest approved one (docs/data-model.md), as `reviewEvidence` does one by one.
 */
export async function supersedeAfterImport(db: Executor): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`WITH keys AS (
          SELECT DISTINCT project_id, indicator_key, observed_at FROM evidence_import),
        latest AS (
          SELECT e.project_id, e.indicator_key, e.observed_at, max(e.id) AS id
            FROM evidence AS e JOIN keys AS k USING (project_id, indicator_key, observed_at)
           WHERE e.status = 'approved'
           GROUP BY 1, 2, 3 HAVING count(*) > 1),
        superseded AS (
          UPDATE evidence AS old SET status = 'superseded', superseded_by = latest.id
            FROM latest
           WHERE old.project_id = latest.project_id AND old.indicator_key = latest.indicator_key
             AND old.observed_at = latest.observed_at AND old.status = 'approved' AND old.id <> latest.id
          RETURNING 1)
        SELECT count(*)::int AS n FROM superseded`,
  );
  return Number(rows[0]?.n ?? 0);
}

export async function loadProjectIds(db: Executor): Promise<Map<string, number>> {
  const rows = await queryRows<{ id: number; slug: string }>(db, sql`SELECT id, slug FROM projects`);
  return new Map(rows.map((r) => [r.slug, Number(r.id)]));
}

export async function loadIndicatorKeys(db: Executor): Promise<Set<string>> {
  const rows = await queryRows<{ key: string }>(db, sql`SELECT key FROM indicators`);
  return new Set(rows.map((r) => r.key));
}
