/**
 * The operator CLI as an operator runs it: a child process on a fresh database (a PGlite directory,
 * or a new database on TEST_DATABASE_URL's server), checking output and exit codes.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, projects } from '@ranking/schema';
import { testDrivers } from '@ranking/schema/testing';
import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RANKING_BIN } from './cli-process';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe.each(testDrivers())('ranking CLI (%s)', (driver) => {
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;

  const ranking = (args: string[], extra: Record<string, string> = {}): Promise<Run> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        [RANKING_BIN, ...args],
        { env: { ...env, ...extra }, timeout: 120_000 },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          resolve({ code, stdout, stderr });
        },
      );
    });

  beforeAll(async () => {
    const base: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      NODE_ENV: 'test',
      AUTH_SECRET: 'cli-test-secret-cli-test-secret-0123456789',
      SENSITIVITY_SAMPLES: '10',
    };
    if (driver === 'pglite') {
      const dir = mkdtempSync(join(tmpdir(), 'ranking-cli-'));
      env = { ...base, PGLITE_DIR: dir };
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const server = process.env.TEST_DATABASE_URL ?? '';
      const name = `test_cli_${randomBytes(5).toString('hex')}`;
      const admin = postgres(server, { max: 1, onnotice: () => {} });
      await admin.unsafe(`CREATE DATABASE "${name}"`);
      await admin.end();
      const url = new URL(server);
      url.pathname = `/${name}`;
      env = { ...base, DATABASE_URL: url.toString() };
      cleanup = async () => {
        const dropper = postgres(server, { max: 1, onnotice: () => {} });
        await dropper.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await dropper.end();
      };
    }
  });
  afterAll(async () => cleanup?.());

  it('migrates, adds a user and mints an API key; refuses bad usage', async () => {
    expect((await ranking(['migrate'])).code).toBe(0);
    const user = await ranking(['user', 'add', 'ops@example.org', '--role', 'publisher'], {
      RANKING_PASSWORD: 'long-enough-password',
    });
    expect(user.code, user.stderr).toBe(0);
    expect(user.stdout).toMatch(/Added user ops@example\.org .*publisher/);
    const key = await ranking(['apikey', 'create', 'partner', '--scopes', 'read,read:drafts']);
    expect(key.code, key.stderr).toBe(0);
    expect(key.stdout.trim()).toMatch(/^rk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect((await ranking(['apikey', 'create', 'x', '--scopes', 'bogus'])).code).toBe(2);
    const noMethodology = await ranking(['edition', 'create', '2026']);
    expect(noMethodology.code).toBe(1);
    expect(noMethodology.stderr).toContain('BAD_USER_INPUT');
    expect((await ranking(['no-such-command'])).code).toBe(2);
  }, 300_000);

  it('seeds the demo editions and verifies their content hashes; a changed input fails verification', async () => {
    const seeded = await ranking(['seed']);
    expect(seeded.code, seeded.stderr).toBe(0);
    const ok = await ranking(['verify', '2025']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('OK: edition 2025 revision 1');
    // Move a project to another category behind the API's back: the edition keeps its own project
    // snapshot, so it still verifies; tampering with the snapshot itself does not. The handle is
    // closed before each CLI run: an embedded directory is open in one process at a time.
    const open = () =>
      openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.PGLITE_DIR });
    const moved = await open();
    try {
      await moved.db.update(projects).set({ category: 'data' }).where(eq(projects.slug, 'vllm'));
    } finally {
      await moved.close();
    }
    const still = await ranking(['verify', '2025']);
    expect(still.code, still.stderr).toBe(0);
    const handle = await open();
    try {
      await handle.db.transaction(async (tx) => {
        // Triggers off (superuser only) to simulate tampering below the API and the guards.
        await tx.execute(sql`SET LOCAL session_replication_role = replica`);
        await tx.execute(
          sql`UPDATE edition_evidence SET value = value + 1 WHERE edition_id =
                (SELECT id FROM editions WHERE year = 2025 AND revision = 1)
              AND evidence_id = (SELECT min(evidence_id) FROM edition_evidence WHERE edition_id =
                (SELECT id FROM editions WHERE year = 2025 AND revision = 1))`,
        );
      });
    } finally {
      await handle.close();
    }
    const bad = await ranking(['verify', '2025']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('MISMATCH');
  }, 300_000);

  it('exports an edition, verifies the export, and imports evidence all or nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ranking-cli-export-'));
    try {
      const exported = await ranking(['export', '2026', join(dir, 'out')]);
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.stdout).toMatch(/Exported edition 2026 revision 1: \d+ projects/);
      const ok = await ranking(['verify', '--dir', join(dir, 'out')]);
      expect(ok.code, ok.stderr).toBe(0);
      writeFileSync(join(dir, 'out', 'results.csv'), 'dimension,project\n');
      const tampered = await ranking(['verify', '--dir', join(dir, 'out')]);
      expect(tampered.code).toBe(1);
      expect(tampered.stderr).toContain('TAMPERED: results.csv');

      const header = 'project,indicator,value,observed_at,source_url';
      writeFileSync(join(dir, 'bad.csv'), `${header}\nvllm,github_stars,many,2025-01-01,https://a.org\n`);
      const bad = await ranking(['import', 'evidence', join(dir, 'bad.csv')]);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('line 2, column value: non-numeric value "many"');
      writeFileSync(join(dir, 'good.csv'), `${header}\nvllm,github_stars,4242,2025-01-01,https://a.org/x\n`);
      const dry = await ranking(['import', 'evidence', join(dir, 'good.csv'), '--dry-run']);
      expect(dry.stdout).toContain('Dry run: would add 1 evidence value');
      const first = await ranking(['import', 'evidence', join(dir, 'good.csv')]);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toContain('Imported 1 evidence value (pending)');
      const again = await ranking(['import', 'evidence', join(dir, 'good.csv')]);
      expect(again.stdout).toContain('Imported 0 evidence values (pending); 1 already present');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
