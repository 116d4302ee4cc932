/**
 * Once per test run, before any test file:
 * - builds the `ranking` CLI as production runs it (`npm run build`: scripts/build.ts) into a
 *   temporary folder of its own, so concurrent runs never share one; tests that start the CLI as a
 *   child process run this compiled file (test/cli-process.ts). The folder is under
 *   apps/api/node_modules/.cache: the bundle loads its npm dependencies from the node_modules folders
 *   above it, as `dist/` does;
 * - seeds the demo once per database driver (test/helpers.ts, `seedTestDatabase`): a PGlite data
 *   directory tarball, and on TEST_DATABASE_URL's server a database that `startTestApi({ seed: true })`
 *   copies (`CREATE DATABASE … TEMPLATE`) instead of seeding its own — the same rows, a few seconds
 *   less per test file and driver.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrateDatabase, openDatabase } from '@ranking/schema';
import { createTestDatabase } from '@ranking/schema/testing';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { buildCli } from '../scripts/build';
import { seedTestDatabase } from './helpers';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the compiled CLI entry point (dist/bin/ranking.js in a temporary build). */
    rankingBin: string;
    /** A seeded PGlite data directory tarball (file path). */
    seededPglite: string;
    /** A seeded database on TEST_DATABASE_URL's server, to copy; '' without a server. */
    seededPostgres: string;
  }
}

async function seedPglite(file: string): Promise<void> {
  const handle = await createTestDatabase({ driver: 'pglite' });
  try {
    await seedTestDatabase(handle);
    if (handle.client.kind !== 'pglite') throw new Error('unreachable');
    const dump = await handle.client.pglite.dumpDataDir('none');
    writeFileSync(file, new Uint8Array(await dump.arrayBuffer()));
  } finally {
    await handle.close();
  }
}

/** Creates and seeds database `name`; leaves nobody connected to it (a template must be idle). */
async function seedPostgres(server: string, name: string): Promise<void> {
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), max: 4, applicationName: 'ranking-test-seed' });
  try {
    await migrateDatabase(handle);
    await seedTestDatabase(handle);
  } finally {
    await handle.close();
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cache = fileURLToPath(new URL('../node_modules/.cache', import.meta.url));
  mkdirSync(cache, { recursive: true });
  const outDir = mkdtempSync(join(cache, 'ranking-cli-'));
  project.provide('rankingBin', await buildCli(outDir));

  const pgliteFile = join(outDir, 'seeded-pglite.tar');
  await seedPglite(pgliteFile);
  project.provide('seededPglite', pgliteFile);

  const server = process.env.TEST_DATABASE_URL;
  const seeded = server ? `test_seeded_${randomBytes(5).toString('hex')}` : '';
  if (server) await seedPostgres(server, seeded);
  project.provide('seededPostgres', seeded);

  return async () => {
    rmSync(outDir, { recursive: true, force: true });
    if (server) {
      const admin = postgres(server, { max: 1, onnotice: () => {} });
      try {
        await admin.unsafe(`DROP DATABASE IF EXISTS "${seeded}" WITH (FORCE)`);
      } finally {
        await admin.end({ timeout: 5 });
      }
    }
  };
}
