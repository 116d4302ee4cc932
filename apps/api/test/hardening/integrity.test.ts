/**
 * Integrity: a published edition cannot be changed (UPDATE, DELETE, TRUNCATE) through the
 * application's connection, nor by a least-privilege application role that also cannot switch the
 * guards off; the audit log's hash chain catches a row altered below the guards, through
 * `ranking audit verify` (exit 1, first bad id). `ranking verify YEAR` catching a changed snapshot
 * is test/cli.test.ts ("a changed input fails verification"), on PGlite and PostgreSQL.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { migrateDatabase, openDatabase, verifyAuditChain } from '@ranking/schema';
import { createTestDatabase } from '@ranking/schema/testing';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeps } from '../../src/app';
import { createMemoryRateLimitStore } from '../../src/auth/rate-limit';
import { seedDemoData } from '../../src/cli/demo';
import { createSystemContext } from '../../src/context';
import { loadEnv } from '../../src/env';
import { createOrganization } from '../../src/modules/organizations/service';
import { RANKING_BIN } from '../cli-process';
import { TEST_SECRET } from '../helpers';
import { describeWithPrivatePostgres, type PrivatePostgres, startPrivatePostgres } from './private-postgres';

const API_DIR = fileURLToPath(new URL('../..', import.meta.url));

/** SQLSTATE of what `run` throws, or 'ok' when it does not throw. */
async function stateOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'ok';
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? code : String(error);
  }
}

const TAMPER = (editionId: number) => [
  `update editions set title = 'tampered' where id = ${editionId}`,
  `delete from editions where id = ${editionId}`,
  `update results set score = score + 1 where edition_id = ${editionId}`,
  `delete from results where edition_id = ${editionId}`,
  `update edition_evidence set value = value + 1 where edition_id = ${editionId}`,
  `delete from edition_evidence where edition_id = ${editionId}`,
  'truncate results',
  'truncate edition_evidence',
  'truncate editions cascade',
  'update audit_log set action = $$x$$ where id = (select min(id) from audit_log)',
  'delete from audit_log where id = (select min(id) from audit_log)',
  'truncate audit_log',
];

describe('audit chain on PGlite', () => {
  it('detects a row altered with the triggers disabled', async () => {
    const handle = await createTestDatabase({ driver: 'pglite' });
    try {
      const deps = createDeps(loadEnv({ NODE_ENV: 'test', AUTH_SECRET: TEST_SECRET }), {
        handle,
        authSecret: TEST_SECRET,
        rateLimits: createMemoryRateLimitStore(),
      });
      const system = createSystemContext(deps, 'test');
      for (const slug of ['org-a', 'org-b', 'org-c'])
        await createOrganization(system, { slug, name: slug, kind: 'lab' });
      expect((await verifyAuditChain(handle.db)).ok).toBe(true);
      const ids = await handle.db.execute<{ id: number }>(sql`select id from audit_log order by id`);
      const list = Array.isArray(ids) ? ids : (ids as unknown as { rows: { id: number }[] }).rows;
      const middle = Number(list[1]?.id);
      await handle.db.execute(sql`alter table audit_log disable trigger all`);
      await handle.db.execute(sql`update audit_log set entity_id = 'org-z' where id = ${middle}`);
      await handle.db.execute(sql`alter table audit_log enable trigger all`);
      const report = await verifyAuditChain(handle.db);
      expect(report.ok).toBe(false);
      expect(Number(report.firstBadId)).toBe(middle);
    } finally {
      await handle.close();
    }
  });
});

describeWithPrivatePostgres('integrity on a private PostgreSQL', () => {
  let pg: PrivatePostgres;
  let ownerUrl: string;
  let appUrl: string;
  let publishedId = 0;

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    pg.psql('create database ranking');
    ownerUrl = `postgres://postgres@127.0.0.1:${pg.port}/ranking`;
    const handle = await openDatabase({ url: ownerUrl, max: 4 });
    await migrateDatabase(handle);
    const deps = createDeps(
      loadEnv({ NODE_ENV: 'test', AUTH_SECRET: TEST_SECRET, SENSITIVITY_SAMPLES: '5' }),
      { handle, authSecret: TEST_SECRET, rateLimits: createMemoryRateLimitStore() },
    );
    await seedDemoData(deps);
    const [row] =
      handle.client.kind === 'postgres'
        ? await handle.client.sql<
            { id: number }[]
          >`select id from editions where status = 'published' order by year limit 1`
        : [];
    publishedId = row?.id ?? 0;
    await handle.close();
    // The least-privilege role (SECURITY.md): reads and writes rows, owns nothing, no TRUNCATE.
    pg.psql(
      [
        'create role ranking_app login nosuperuser nocreatedb nocreaterole noinherit',
        'grant connect on database ranking to ranking_app',
        'grant usage on schema public to ranking_app',
        'grant select, insert, update, delete on all tables in schema public to ranking_app',
        'grant usage, select on all sequences in schema public to ranking_app',
        'grant usage on schema drizzle to ranking_app',
        'grant select on all tables in schema drizzle to ranking_app',
      ].join('; '),
      'ranking',
    );
    appUrl = `postgres://ranking_app@127.0.0.1:${pg.port}/ranking`;
  }, 180_000);
  afterAll(() => pg?.destroy());

  it('refuses every tamper with a published edition and the audit log, as the owner and as the app role', async () => {
    expect(publishedId).toBeGreaterThan(0);
    const summary: string[] = [];
    for (const [who, url] of [
      ['owner (superuser, as tests and CI connect)', ownerUrl],
      ['ranking_app', appUrl],
    ] as const) {
      const client = postgres(url, { max: 1, onnotice: () => {} });
      try {
        for (const statement of TAMPER(publishedId)) {
          const state = await stateOf(() => client.unsafe(statement));
          summary.push(`${who}: ${statement.slice(0, 40)} → ${state}`);
          expect(['RK001', 'RK002', '42501'], `${who}: ${statement}`).toContain(state);
        }
      } finally {
        await client.end({ timeout: 1 });
      }
    }
    process.stdout.write(`${summary.length} tamper attempts refused\n`);
  });

  it('does not let the app role switch the guards off', async () => {
    const client = postgres(appUrl, { max: 1, onnotice: () => {} });
    try {
      expect(await stateOf(() => client.unsafe('set session_replication_role = replica'))).toBe('42501');
      expect(await stateOf(() => client.unsafe('alter table editions disable trigger all'))).toBe('42501');
      expect(await stateOf(() => client.unsafe('alter table audit_log disable trigger all'))).toBe('42501');
      expect(await stateOf(() => client.unsafe('drop trigger audit_log_append_only on audit_log'))).toBe(
        '42501',
      );
    } finally {
      await client.end({ timeout: 1 });
    }
  });

  it('runs the CLI as the app role with SKIP_MIGRATIONS (it needs nothing more)', () => {
    const env = {
      ...process.env,
      NODE_ENV: 'production',
      AUTH_SECRET: TEST_SECRET,
      DATABASE_URL: appUrl,
      REDIS_URL: '',
      SKIP_MIGRATIONS: '1',
    };
    const created = spawnSync(
      process.execPath,
      [RANKING_BIN, 'apikey', 'create', 'least-privilege', '--scopes', 'read'],
      { cwd: API_DIR, env, encoding: 'utf8', timeout: 60_000 },
    );
    expect(created.status, created.stderr).toBe(0);
    expect(created.stdout.trim()).toMatch(/^rk_/);
  });

  it('`ranking audit verify` passes, then catches a row altered below the guards (exit 1, its id)', () => {
    const env = {
      ...process.env,
      NODE_ENV: 'production',
      AUTH_SECRET: TEST_SECRET,
      DATABASE_URL: ownerUrl,
      REDIS_URL: '',
    };
    const verify = () =>
      spawnSync(process.execPath, [RANKING_BIN, 'audit', 'verify'], {
        cwd: API_DIR,
        env,
        encoding: 'utf8',
        timeout: 60_000,
      });
    const ok = verify();
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^OK: \d+ audit entries/);
    const target = Number(pg.psql('select id from audit_log order by id offset 3 limit 1', 'ranking'));
    pg.psql(
      `set session_replication_role = replica; update audit_log set after = '{"forged":true}' where id = ${target}`,
      'ranking',
    );
    const bad = verify();
    expect(bad.status).toBe(1);
    expect(bad.stdout.trim()).toBe(String(target));
    expect(bad.stderr).toContain(`audit entry ${target} does not verify`);
  });
});
