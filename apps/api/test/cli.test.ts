/**
 * The operator CLI as an operator runs it: a child process on a fresh database (a PGlite directory,
 * or a new database on TEST_DATABASE_URL's server), checking output and exit codes.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, projects } from '@ranking/schema';
import { testDrivers } from '@ranking/schema/testing';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/ranking.js', import.meta.url));

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
        [BIN, ...args],
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
    // Move a project to another category behind the API's back: its results no longer reproduce.
    const handle = await openDatabase(
      env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.PGLITE_DIR },
    );
    try {
      await handle.db.update(projects).set({ category: 'data' }).where(eq(projects.slug, 'vllm'));
    } finally {
      await handle.close();
    }
    const bad = await ranking(['verify', '2025']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('MISMATCH');
  }, 300_000);
});
