/**
 * Test helpers for this package's tests and other packages' (exported as `@ranking/schema/testing`):
 * a migrated, empty database per test file, on PGlite in memory or on a fresh database of a real
 * PostgreSQL server. The only module of the package that reads `process.env`, and only as a default.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import postgres from 'postgres';
import { type DatabaseHandle, type Driver, MIGRATIONS_DIR, migrateDatabase, openDatabase } from './db';

/** Drivers to run database suites on: PGlite always, PostgreSQL when a server URL is given. */
export function testDrivers(url: string | undefined = process.env.TEST_DATABASE_URL): Driver[] {
  return url ? ['pglite', 'postgres'] : ['pglite'];
}

export interface CreateTestDatabaseOptions {
  driver: Driver;
  /**
   * Server URL for `postgres` (any database on it; used to create and drop the test database).
   * Defaults to `TEST_DATABASE_URL`.
   */
  url?: string | undefined;
  /** postgres.js pool size (default 4). */
  max?: number | undefined;
  /** Apply the migrations (default true). */
  migrate?: boolean | undefined;
  /**
   * Start from a prepared database instead of an empty one: on `postgres` the name of a database on
   * the same server to copy (`CREATE DATABASE … TEMPLATE`; nobody may be connected to it), on
   * `pglite` a data directory tarball (`dumpDataDir`). Migrations still run (a no-op when current).
   */
  template?: string | Blob | undefined;
}

/**
 * A migrated, empty database. On `postgres`, a new database `test_<random>` is created on the server
 * and `close()` drops it, so concurrent test files (and packages) never share state. On `pglite`, an
 * in-memory instance started from a cached, already migrated data directory (see
 * {@link migratedPgliteTemplate}).
 */
export async function createTestDatabase(options: CreateTestDatabaseOptions): Promise<DatabaseHandle> {
  const migrate = options.migrate ?? true;
  if (options.driver === 'pglite') {
    if (!migrate) return openDatabase({ dataDir: 'memory://' });
    const start = options.template instanceof Blob ? options.template : await migratedPgliteTemplate();
    const handle = await openDatabase({ dataDir: 'memory://', loadDataDir: start });
    await migrateDatabase(handle); // a no-op unless the template is stale
    return handle;
  }

  const serverUrl = options.url ?? process.env.TEST_DATABASE_URL;
  if (!serverUrl)
    throw new Error('createTestDatabase({ driver: "postgres" }) needs a url or TEST_DATABASE_URL');
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = () => postgres(serverUrl, { max: 1, onnotice: () => {} });

  const creator = admin();
  try {
    const from =
      typeof options.template === 'string' ? ` TEMPLATE "${options.template.replace(/"/g, '""')}"` : '';
    await creator.unsafe(`CREATE DATABASE "${name}"${from}`);
  } finally {
    await creator.end({ timeout: 5 });
  }

  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({
    url: url.toString(),
    max: options.max ?? 4,
    applicationName: 'ranking-test',
  });
  try {
    if (migrate) await migrateDatabase(handle);
  } catch (error) {
    await handle.close();
    await dropDatabase(admin(), name);
    throw error;
  }
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await dropDatabase(admin(), name);
    },
  };
}

async function dropDatabase(sql: postgres.Sql, name: string): Promise<void> {
  try {
    await sql.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

let template: Promise<Blob> | undefined;

/**
 * A tarball of a freshly migrated PGlite data directory. Starting PGlite from it takes about a third
 * of the time of initdb plus migrations, which adds up over many test files. It is built once per
 * PGlite version and migrations content and cached in the OS temporary directory (shared by test
 * workers and packages); a cache entry that is not a tar archive is rebuilt.
 */
export function migratedPgliteTemplate(): Promise<Blob> {
  template ??= loadOrBuildTemplate().catch((error: unknown) => {
    template = undefined;
    throw error;
  });
  return template;
}

function templateKey(): string {
  const hash = createHash('sha256');
  const pgliteEntry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const pglitePackage = join(dirname(pgliteEntry), '..', 'package.json');
  hash.update(readFileSync(pglitePackage));
  const files = [
    ...readdirSync(MIGRATIONS_DIR)
      .filter((f) => f.endsWith('.sql'))
      .map((f) => join(MIGRATIONS_DIR, f)),
    join(MIGRATIONS_DIR, 'meta', '_journal.json'),
  ].sort();
  for (const file of files) hash.update(file.slice(MIGRATIONS_DIR.length)).update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

/** A POSIX tar archive: whole 512-byte blocks, `ustar` magic in the first header. */
const isTar = (bytes: Uint8Array) =>
  bytes.length >= 1024 &&
  bytes.length % 512 === 0 &&
  Buffer.from(bytes.subarray(257, 262)).toString('latin1') === 'ustar';

async function loadOrBuildTemplate(): Promise<Blob> {
  const dir = join(tmpdir(), 'ranking-schema-pglite');
  const file = join(dir, `template-${templateKey()}.tar`);
  if (existsSync(file)) {
    // PGlite cannot report a bad archive as a rejected promise (it crashes the process), so check first.
    const cached = readFileSync(file);
    if (isTar(cached)) return new Blob([cached]);
    rmSync(file, { force: true });
  }
  const handle = await openDatabase({ dataDir: 'memory://' });
  try {
    await migrateDatabase(handle);
    if (handle.client.kind !== 'pglite') throw new Error('unreachable');
    const dump = await handle.client.pglite.dumpDataDir('none');
    const bytes = new Uint8Array(await dump.arrayBuffer());
    mkdirSync(dir, { recursive: true });
    // Write then rename, so a concurrent reader never sees half a file.
    const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(partial, bytes);
    renameSync(partial, file);
    pruneTemplates(dir, file);
    return new Blob([bytes]);
  } finally {
    await handle.close();
  }
}

/** Removes templates of other migration sets that nobody has written for an hour. */
function pruneTemplates(dir: string, keep: string): void {
  const hourAgo = Date.now() - 3_600_000;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (path === keep || !name.startsWith('template-')) continue;
    try {
      if (statSync(path).mtimeMs < hourAgo) rmSync(path, { force: true });
    } catch {
      // Another process pruned it first.
    }
  }
}
