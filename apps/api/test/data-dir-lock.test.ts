/**
 * One process per embedded data directory (README.md, "Configuration"): while `ranking serve` owns
 * a PGlite directory, every other command that would open it — writing or reading — stops at once
 * with exit code 2, names the owner and writes nothing; once the server is gone the same commands
 * succeed and a restarted server sees what they wrote. A lock left by a killed process is taken over.
 * Real child processes of the CLI, real HTTP.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirLockedError, LOCK_FILE_NAME, openDatabase } from '@ranking/schema';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphQL, runRanking, type Served, startServing, stopServing } from './cli-process';

let dir: string;
let env: Record<string, string>;
const lockFile = () => join(env.PGLITE_DIR ?? '', LOCK_FILE_NAME);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ranking-lock-'));
  env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    NODE_ENV: 'test',
    AUTH_SECRET: 'lock-test-secret-lock-test-secret-0123456789',
    SENSITIVITY_SAMPLES: '5',
    PGLITE_DIR: join(dir, 'pglite'),
    HOST: '127.0.0.1',
    PORT: '0',
  };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ranking = (args: string[], extra: Record<string, string> = {}) =>
  runRanking(args, { ...env, ...extra });
const serve = () => startServing('serve', env);
const stop = stopServing;

async function gql<T>(
  server: Served,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const body = await postGraphQL<T>(server, query, variables, token);
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  if (!body.data) throw new Error('no data');
  return body.data;
}

/** Row counts of the tables the commands write, read in this process (the directory is free then). */
async function counts(): Promise<Record<string, number>> {
  const handle = await openDatabase({ dataDir: env.PGLITE_DIR });
  try {
    const result: Record<string, number> = {};
    for (const table of ['users', 'api_keys', 'evidence', 'organizations', 'editions']) {
      const rows = await handle.db.execute<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`));
      const list = (rows as unknown as { rows: { n: number }[] }).rows;
      result[table] = Number(list[0]?.n);
    }
    return result;
  } finally {
    await handle.close();
  }
}

const PASSWORD = 'a-long-enough-password';
const SOURCE = 'https://example.org/lock-test/stars';

describe('ranking CLI on an embedded data directory another process owns', () => {
  it('stops every command with exit 2 naming the server, writes nothing; after the server stops they succeed and a restarted server sees their work', async () => {
    const csv = join(dir, 'evidence.csv');
    writeFileSync(
      csv,
      `project,indicator,value,observed_at,source_url\nvllm,github_stars,123456,2026-06-01,${SOURCE}\n`,
    );
    const exportDir = join(dir, 'export');
    const commands: { args: string[]; extra?: Record<string, string> }[] = [
      { args: ['apikey', 'create', 'lock-partner', '--scopes', 'read'] },
      { args: ['user', 'add', 'ops@example.org', '--role', 'admin'], extra: { RANKING_PASSWORD: PASSWORD } },
      { args: ['seed'] },
      { args: ['import', 'evidence', csv, '--approve'] },
      { args: ['edition', 'create', '2027', '--cutoff', '2026-12-31'] },
      { args: ['edition', 'compute', '2027'] },
      { args: ['edition', 'publish', '2027'] },
      { args: ['migrate'] },
      { args: ['verify', '2027'] },
      { args: ['audit', 'verify'] },
      { args: ['export', '2027', exportDir] },
    ];

    const server = await serve();
    const pid = server.child.pid;
    for (const { args, extra } of commands) {
      const run = await ranking(args, extra);
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(2);
      expect(run.stderr).toContain(`is in use by pid ${pid} (ranking serve, since `);
      expect(run.stderr).toMatch(/Nothing was done/);
      expect(run.stderr).toMatch(/GraphQL API or admin app/);
      expect(run.stderr).toMatch(/DATABASE_URL/);
      expect(run.stdout).toBe('');
    }
    for (const command of ['serve', 'start']) {
      const second = await ranking([command]);
      expect(second.code, second.stderr).toBe(2);
      expect(second.stderr).toContain(`pid ${pid} (ranking serve`);
    }
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toMatchObject({
      pid,
      command: 'ranking serve',
      hostname: hostname(),
    });
    // The server is unaffected by the refused attempts.
    expect(await gql(server, '{ editions { year } }')).toEqual({ editions: [] });

    expect(await stop(server)).toBe(0);
    expect(existsSync(lockFile())).toBe(false);
    expect(await counts()).toEqual({ users: 0, api_keys: 0, evidence: 0, organizations: 0, editions: 0 });
    expect(existsSync(exportDir)).toBe(false);

    let key = '';
    for (const { args, extra } of commands) {
      const run = await ranking(args, extra);
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
      if (args[0] === 'apikey') key = run.stdout.trim();
      expect(existsSync(lockFile()), `lock left by ${args.join(' ')}`).toBe(false);
    }

    const again = await serve();
    try {
      const viewer = await gql<{ viewer: { kind: string; apiKey: { name: string } } }>(
        again,
        '{ viewer { kind apiKey { name } } }',
        {},
        key,
      );
      expect(viewer.viewer.apiKey.name).toBe('lock-partner');
      const signedIn = await gql<{ signIn: { user: { email: string; role: string } } }>(
        again,
        'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { user { email role } } }',
        { e: 'ops@example.org', p: PASSWORD },
      );
      expect(signedIn.signIn.user).toEqual({ email: 'ops@example.org', role: 'ADMIN' });
      const editions = await gql<{ editions: { year: number; status: string }[] }>(
        again,
        '{ editions { year status } }',
      );
      expect(editions.editions.find((e) => e.year === 2027)?.status).toBe('PUBLISHED');
      const evidence = await gql<{ evidence: { edges: { node: { sourceUrl: string; value: number } }[] } }>(
        again,
        '{ evidence(filter: { project: "vllm", indicator: "github_stars" }, first: 100) { edges { node { sourceUrl value } } } }',
        {},
        key,
      );
      expect(evidence.evidence.edges.map((e) => e.node)).toContainEqual({ sourceUrl: SOURCE, value: 123456 });
    } finally {
      expect(await stop(again)).toBe(0);
    }
    expect(existsSync(lockFile())).toBe(false);
  }, 900_000);

  it('refuses a second open in the same process too, and frees the directory on close', async () => {
    const path = join(dir, 'in-process');
    const first = await openDatabase({ dataDir: path });
    try {
      const second = openDatabase({ dataDir: path });
      await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
      await expect(second).rejects.toMatchObject({ owner: { pid: process.pid } });
    } finally {
      await first.close();
    }
    expect(existsSync(join(path, LOCK_FILE_NAME))).toBe(false);
    const again = await openDatabase({ dataDir: path });
    await again.close();
  }, 120_000);

  it('takes over the lock of a killed server; refuses one from another host or one it cannot read', async () => {
    const server = await serve();
    const pid = server.child.pid;
    await stop(server, 'SIGKILL');
    // A crash leaves the lock behind, naming a process that no longer exists.
    expect(JSON.parse(readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid });
    const migrated = await ranking(['migrate']);
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(existsSync(lockFile())).toBe(false);

    const foreign = {
      pid: 1,
      command: 'ranking serve',
      startedAt: '2026-01-01T00:00:00.000Z',
      hostname: `not-${hostname()}`,
    };
    writeFileSync(lockFile(), JSON.stringify(foreign));
    const refused = await ranking(['migrate']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `pid 1 (ranking serve, since 2026-01-01T00:00:00.000Z on not-${hostname()})`,
    );
    expect(refused.stderr).toContain('on another host');
    writeFileSync(lockFile(), 'not json');
    const unreadable = await ranking(['audit', 'verify']);
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toContain('cannot be read');
    rmSync(lockFile());
  }, 300_000);
});
