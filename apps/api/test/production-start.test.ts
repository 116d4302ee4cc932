/**
 * `ranking start` in production (README.md, "Production"): it migrates and serves but creates no
 * account and no demo key, shows no demo password, tells the operator how to add the first admin;
 * and it will not serve while an account still has the published demo password. Real CLI processes
 * on a temporary embedded database, real HTTP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD, DEMO_USERS, openDatabase } from '@ranking/schema';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL, runRanking, startServing, stopServing } from './cli-process';

let dir: string;
let production: Record<string, string>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ranking-production-'));
  production = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    NODE_ENV: 'production',
    AUTH_SECRET: 'production-test-secret-production-test-0123',
    SENSITIVITY_SAMPLES: '5',
    PGLITE_DIR: join(dir, 'pglite'),
    HOST: '127.0.0.1',
    PORT: '0',
  };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function count(table: string): Promise<number> {
  const handle = await openDatabase({ dataDir: production.PGLITE_DIR });
  try {
    const result = await handle.db.execute<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`));
    return Number((result as unknown as { rows: { n: number }[] }).rows[0]?.n);
  } finally {
    await handle.close();
  }
}

const SIGN_IN = 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { user { email } } }';

describe('ranking start with NODE_ENV=production', () => {
  it('migrates and serves an empty database: no accounts, no demo key, no demo password; says how to add the admin', async () => {
    const served = await startServing('start', production);
    try {
      const output = served.output();
      expect(output).toContain('ranking user add EMAIL --role admin');
      expect(output).not.toContain(DEMO_PASSWORD);
      expect(output).not.toContain('@example.org');
      expect(output).not.toMatch(/rk_[0-9a-f]{8}_/);
      const answer = await postGraphQL(served, SIGN_IN, { e: DEMO_USERS[0]?.email, p: DEMO_PASSWORD });
      expect(answer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    } finally {
      expect(await stopServing(served)).toBe(0);
    }
    // Migrated (the tables exist), and nothing in them.
    expect(await count('users')).toBe(0);
    expect(await count('api_keys')).toBe(0);
    expect(await count('editions')).toBe(0);
  }, 600_000);

  it('refuses to start or serve while a demo account has the demo password; starts once it is disabled', async () => {
    // The development path creates the demo admin with the demo password.
    const added = await runRanking(['user', 'add', 'admin@example.org', '--role', 'admin'], {
      ...production,
      NODE_ENV: 'development',
      RANKING_PASSWORD: DEMO_PASSWORD,
    });
    expect(added.code, added.stderr).toBe(0);

    for (const command of ['start', 'serve']) {
      const refused = await runRanking([command], production, undefined, 120_000);
      expect(refused.code, refused.stdout).not.toBe(0);
      expect(refused.stderr).toContain('Refusing to start in production');
      expect(refused.stderr).toContain('admin@example.org');
      expect(refused.stderr).toContain('ranking user disable admin@example.org');
      expect(`${refused.stdout}${refused.stderr}`).not.toContain(DEMO_PASSWORD);
      expect(refused.stdout).not.toContain('/graphql');
    }

    const disabled = await runRanking(['user', 'disable', 'admin@example.org'], production);
    expect(disabled.code, disabled.stderr).toBe(0);
    const served = await startServing('start', production);
    expect(await stopServing(served)).toBe(0);
  }, 600_000);

  it('ranking seed in production adds the demo catalog and editions but no accounts', async () => {
    const before = await count('users');
    const seeded = await runRanking(['seed'], production);
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.stdout).toContain('no demo accounts were created');
    expect(await count('users')).toBe(before);
    expect(await count('editions')).toBeGreaterThan(0);
  }, 900_000);
});
