/**
 * One typed database object over either driver: embedded PGlite (persisted in a directory) when no
 * URL is given, a PostgreSQL server through postgres.js otherwise. Both run the same migrations.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { acquireDataDirLock } from './data-dir-lock';
import * as tables from './tables';

export {
  DataDirLockedError,
  describeOwner,
  LOCK_FILE_NAME,
  type LockOwner,
} from './data-dir-lock';

export type Schema = typeof tables;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything a store function can run SQL on: the database or an open transaction. */
export type Executor = Database | Transaction;

export type Driver = 'pglite' | 'postgres';

export interface OpenDatabaseOptions {
  /** `postgres://…`; without it the embedded PGlite database is used. */
  url?: string | undefined;
  /** PGlite data directory; `memory://` for a throwaway in-memory database. */
  dataDir?: string | undefined;
  /** postgres.js pool size. */
  max?: number | undefined;
  /**
   * postgres.js's named prepared statements (default on). Off for a pooler that hands each
   * transaction to any server connection without tracking them (PgBouncer before 1.21, or 1.21+
   * without `max_prepared_statements`): a statement prepared on one connection is missing on the next.
   */
  prepare?: boolean | undefined;
  /**
   * Behind a transaction-pooling PgBouncer (`pool_mode = transaction`): one statement in flight per
   * connection (postgres.js `max_pipeline: 0`: none queued behind the running one) and no `statement_timeout` startup parameter (PgBouncer
   * refuses unknown ones). postgres.js otherwise pipelines a parameterised statement's first half
   * (Parse, Describe, Flush: no Sync) behind another statement's Sync; the pooler hands the server
   * connection back at that ReadyForQuery, the first half's answers are lost and the query never ends.
   */
  transactionPooler?: boolean | undefined;
  /** Seconds to wait for a new connection (postgres.js default: 30); replicas use a short one. */
  connectTimeoutSeconds?: number | undefined;
  /** Server-side statement_timeout in milliseconds (0 = none). */
  statementTimeoutMs?: number | undefined;
  /** Application name shown in pg_stat_activity. */
  applicationName?: string | undefined;
  /** PGlite only: start from this data directory tarball (from `pglite.dumpDataDir()`) instead of initdb. */
  loadDataDir?: Blob | undefined;
  /** PGlite only: how the data directory's lock names this process (default: its command line). */
  lockCommand?: string | undefined;
}

export interface DatabaseHandle {
  db: Database;
  driver: Driver;
  /** The raw client, for the few paths that need driver features (COPY, LISTEN). */
  client: { kind: 'pglite'; pglite: PGlite } | { kind: 'postgres'; sql: postgres.Sql };
  close(): Promise<void>;
}

/** The migrations folder shipped with this package. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../drizzle', import.meta.url));

/** PGlite extensions the migrations create; PostgreSQL servers provide them from contrib. */
const PGLITE_EXTENSIONS = { pg_trgm };

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<DatabaseHandle> {
  if (options.url) {
    const sql = postgres(options.url, {
      max: options.max ?? 10,
      ...(options.prepare === false ? { prepare: false } : {}),
      ...(options.transactionPooler ? { max_pipeline: 0 } : {}),
      ...(options.connectTimeoutSeconds ? { connect_timeout: options.connectTimeoutSeconds } : {}),
      onnotice: () => {},
      connection: {
        application_name: options.applicationName ?? 'ranking',
        ...(options.statementTimeoutMs && !options.transactionPooler
          ? { statement_timeout: options.statementTimeoutMs }
          : {}),
      },
    });
    const db = drizzlePostgres(sql, { schema: tables }) as unknown as Database;
    return {
      db,
      driver: 'postgres',
      client: { kind: 'postgres', sql },
      close: () => sql.end({ timeout: 5 }),
    };
  }
  const dataDir = options.dataDir ?? 'memory://';
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  // One process per directory, taken before PGlite reads a byte of it (see data-dir-lock.ts).
  const lock = inMemory ? undefined : acquireDataDirLock(dataDir, options.lockCommand);
  let pglite: PGlite | undefined;
  try {
    pglite = await PGlite.create({
      dataDir,
      extensions: PGLITE_EXTENSIONS,
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
    if (options.statementTimeoutMs)
      await pglite.exec(`SET statement_timeout = ${Math.floor(options.statementTimeoutMs)}`);
  } catch (error) {
    await pglite?.close().catch(() => {});
    lock?.release();
    throw error;
  }
  const opened = pglite;
  const db = drizzlePglite(opened, { schema: tables }) as unknown as Database;
  const close = async () => {
    try {
      await opened.close();
    } finally {
      lock?.release();
    }
  };
  return { db, driver: 'pglite', client: { kind: 'pglite', pglite: opened }, close };
}

/** Applies the committed migrations (idempotent: already applied ones are skipped). */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_DIR, migrationsSchema: 'drizzle' };
  if (handle.client.kind === 'pglite') {
    await migratePglite(drizzlePglite(handle.client.pglite), config);
  } else {
    await migratePostgres(drizzlePostgres(handle.client.sql), config);
  }
}

/** The channel on which migration 0004 announces committed changes (payload: the table's name). */
export const CHANGE_CHANNEL = 'ranking_changes';

/**
 * Calls `onChange(table)` for every change another connection (or this one) commits to the tables
 * migration 0004 watches, and `onListening()` each time listening starts — including after
 * postgres.js re-established a dropped connection, when notifications may have been missed. Returns
 * a function that stops listening.
 */
export async function listenForChanges(
  handle: DatabaseHandle,
  onChange: (table: string) => void,
  onListening: () => void = () => {},
): Promise<() => Promise<void>> {
  return listenOn(handle, CHANGE_CHANNEL, onChange, onListening);
}

/** The channel on which migration 0013 announces new webhook deliveries (no payload). */
export const WEBHOOK_CHANNEL = 'ranking_webhooks';

/**
 * Calls `onNotify(payload)` for every notification on `channel` (delivered at commit) and
 * `onListening()` each time listening (re)starts; returns a function that stops listening.
 */
export async function listenOn(
  handle: DatabaseHandle,
  channel: string,
  onNotify: (payload: string) => void,
  onListening: () => void = () => {},
): Promise<() => Promise<void>> {
  if (handle.client.kind === 'pglite') {
    const stop = await handle.client.pglite.listen(channel, onNotify);
    onListening();
    return () => stop();
  }
  const request = await handle.client.sql.listen(channel, onNotify, onListening);
  return () => request.unlisten();
}
