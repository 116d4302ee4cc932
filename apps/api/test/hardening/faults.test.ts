/**
 * Faults, on a private PostgreSQL 15 instance (never the shared server): a restart under load, an
 * exhausted pool, a statement over statement_timeout, SIGTERM during load and an import killed
 * halfway. For every one, what was acknowledged must still be there afterwards. Bounded: a few
 * seconds of load each, loopback only.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signUserToken } from '@ranking/contracts/auth';
import { type DatabaseHandle, migrateDatabase, openDatabase, seedDemo } from '@ranking/schema';
import postgres from 'postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDeps } from '../../src/app';
import { createMemoryRateLimitStore } from '../../src/auth/rate-limit';
import type { AppDeps } from '../../src/context';
import { loadEnv } from '../../src/env';
import { type ApiServer, createApiServer } from '../../src/http/server';
import { SESSION_LIFETIME_MS } from '../../src/modules/users/service';
import { insertSession } from '../../src/modules/users/store';
import { RANKING_BIN } from '../cli-process';
import { TEST_SECRET } from '../helpers';
import {
  describeWithPrivatePostgres,
  freePort,
  type PrivatePostgres,
  startPrivatePostgres,
} from './private-postgres';
import { leaksIn } from './support';

const API_DIR = fileURLToPath(new URL('../..', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `condition` until it holds (true) or `deadlineMs` has passed (false): waits on a state, not a clock. */
async function until(condition: () => boolean | Promise<boolean>, deadlineMs: number): Promise<boolean> {
  const deadline = performance.now() + deadlineMs;
  while (performance.now() < deadline) {
    if (await condition()) return true;
    await sleep(25);
  }
  return condition();
}

const SUBMIT = `mutation S($input: SubmitEvidenceInput!) { submitEvidence(input: $input) { id } }`;

interface Outcome {
  at: number;
  status: number;
  id?: string;
  code?: string;
  leaks: string[];
}

async function submit(url: string, token: string, n: number, tag: string): Promise<Outcome> {
  const at = performance.now();
  try {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: SUBMIT,
        variables: {
          input: {
            project: 'vllm',
            indicator: 'github_stars',
            value: n,
            sourceUrl: `https://example.org/${tag}/${n}`,
            observedAt: '2026-06-01',
          },
        },
      }),
      signal: AbortSignal.timeout(20_000),
    });
    const text = await response.text();
    const body = JSON.parse(text) as {
      data?: { submitEvidence?: { id: string } } | null;
      errors?: { extensions?: { code?: string } }[];
    };
    return {
      at,
      status: response.status,
      ...(body.data?.submitEvidence?.id ? { id: body.data.submitEvidence.id } : {}),
      ...(body.errors?.[0]?.extensions?.code ? { code: body.errors[0].extensions.code } : {}),
      leaks: leaksIn(JSON.stringify(body.errors ?? [])),
    };
  } catch {
    return { at, status: 0, leaks: [] };
  }
}

/** Which of `ids` are missing from the evidence table. */
async function missing(handle: DatabaseHandle, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const client = handle.client.kind === 'postgres' ? handle.client.sql : undefined;
  if (!client) throw new Error('postgres only');
  const rows = await client<
    { id: string }[]
  >`select id::text as id from evidence where id = any(${ids.map(Number)}::bigint[])`;
  const found = new Set(rows.map((r) => r.id));
  return ids.filter((id) => !found.has(id));
}

describeWithPrivatePostgres('faults on a private PostgreSQL', () => {
  let pg: PrivatePostgres;
  let url: string;
  let editorToken: string;
  const report: string[] = [];

  /** A server over its own pool on the private instance. */
  async function startServer(
    env: Record<string, string>,
  ): Promise<{ deps: AppDeps; server: ApiServer; close(): Promise<void> }> {
    const parsed = loadEnv({
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      AUTH_SECRET: TEST_SECRET,
      DATABASE_URL: url,
      ...env,
    });
    const handle = await openDatabase({
      url,
      max: parsed.DB_POOL_MAX,
      statementTimeoutMs: parsed.STATEMENT_TIMEOUT_MS,
      applicationName: 'ranking-api',
    });
    const deps = createDeps(parsed, {
      handle,
      authSecret: TEST_SECRET,
      rateLimits: createMemoryRateLimitStore(),
    });
    const server = await createApiServer(deps, { log: () => {}, exactHost: true });
    return {
      deps,
      server,
      close: async () => {
        await server.close(1000);
        await handle.close();
      },
    };
  }

  /** Holds an ACCESS EXCLUSIVE lock on `table` from another connection until released. */
  async function lockTable(table: string): Promise<() => Promise<void>> {
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked: () => void = () => {};
    const isLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const done = sql.begin(async (tx) => {
      await tx.unsafe(`lock table ${table} in access exclusive mode`);
      locked();
      await gate;
    });
    await isLocked;
    return async () => {
      release();
      await done;
      await sql.end({ timeout: 1 });
    };
  }

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    pg.psql('create database ranking');
    url = `postgres://postgres@127.0.0.1:${pg.port}/ranking`;
    const handle = await openDatabase({ url, max: 2 });
    await migrateDatabase(handle);
    // Not the published demo password: the production `ranking serve` below would refuse to start.
    await seedDemo(handle, { password: 'faults-test-password' });
    const client = handle.client.kind === 'postgres' ? handle.client.sql : undefined;
    const [editor] = client
      ? await client<
          { id: number; role: string; email: string; name: string }[]
        >`select id, role, email, name from users where email = 'editor@example.org'`
      : [];
    if (!editor) throw new Error('no editor');
    const sessionId = await insertSession(handle.db, editor.id, new Date(Date.now() + SESSION_LIFETIME_MS));
    await handle.close();
    editorToken = (
      await signUserToken(TEST_SECRET, {
        userId: editor.id,
        sessionId,
        role: editor.role,
        email: editor.email,
        name: editor.name,
      })
    ).token;
  }, 120_000);

  afterAll(() => {
    pg?.destroy();
    if (report.length) process.stdout.write(`${report.join('\n')}\n`);
  });

  it('survives a PostgreSQL restart under load and recovers within 5 s, losing nothing acknowledged', async () => {
    const api = await startServer({ DB_POOL_MAX: '6', REQUEST_TIMEOUT_MS: '3000' });
    const outcomes: Outcome[] = [];
    const ready: { at: number; status: number }[] = [];
    let stop = false;
    let n = 0;
    const worker = async () => {
      while (!stop) {
        outcomes.push(await submit(api.server.url, editorToken, n++, 'restart'));
        await sleep(20);
      }
    };
    const poller = (async () => {
      while (!stop) {
        const at = performance.now();
        const status = await fetch(`${api.server.url}/readyz`, { signal: AbortSignal.timeout(3000) }).then(
          (r) => r.status,
          () => 0,
        );
        ready.push({ at, status });
        await sleep(100);
      }
    })();
    const workers = Array.from({ length: 4 }, worker);
    // Under load first, down until the server has noticed, then back.
    expect(await until(() => outcomes.filter((o) => o.id).length > 10, 30_000)).toBe(true);
    const down = performance.now();
    pg.stop('fast');
    expect(await until(() => ready.some((r) => r.status === 503 && r.at > down), 15_000)).toBe(true);
    pg.start();
    const up = performance.now();
    // Recovered: a write acknowledged and /readyz green, both within 5 s of PostgreSQL being back.
    const recovered = await until(
      () => outcomes.some((o) => o.id && o.at >= up) && ready.some((r) => r.status === 200 && r.at >= up),
      5000,
    );
    stop = true;
    await Promise.all([...workers, poller]);
    await api.close();

    const acked = outcomes.filter((o) => o.id).map((o) => o.id as string);
    const handle = await openDatabase({ url, max: 1 });
    const lost = await missing(handle, acked);
    await handle.close();
    const firstOkAfterUp = outcomes.filter((o) => o.id && o.at >= up).sort((a, b) => a.at - b.at)[0];
    const readyAfterUp = ready.filter((r) => r.status === 200 && r.at >= up).sort((a, b) => a.at - b.at)[0];
    const failures = outcomes.filter((o) => !o.id);
    report.push(
      `restart: ${outcomes.length} submits, ${acked.length} acknowledged, ${lost.length} lost, ${failures.length} refused (${[...new Set(failures.map((f) => `${f.status}/${f.code}`))].join(', ')}), ` +
        `first success ${((firstOkAfterUp?.at ?? Number.NaN) - up).toFixed(0)} ms and readyz green ${((readyAfterUp?.at ?? Number.NaN) - up).toFixed(0)} ms after PostgreSQL was back`,
    );
    expect(lost).toEqual([]);
    expect(acked.length).toBeGreaterThan(10);
    expect(ready.some((r) => r.status === 503 && r.at > down && r.at < up)).toBe(true);
    expect(recovered).toBe(true);
    // Refusals during the outage are clean: 503 or SERVICE_UNAVAILABLE, never a 500 or a leak.
    for (const f of failures) {
      expect([503, 200]).toContain(f.status);
      expect(f.code).toBe('SERVICE_UNAVAILABLE');
      expect(f.leaks).toEqual([]);
    }
  }, 60_000);

  it('answers 503 within the deadline when the pool is exhausted; /healthz keeps answering', async () => {
    const api = await startServer({
      DB_POOL_MAX: '2',
      REQUEST_TIMEOUT_MS: '1500',
      STATEMENT_TIMEOUT_MS: '0',
    });
    const release = await lockTable('projects');
    try {
      const query = `${api.server.url}/graphql?query=${encodeURIComponent('{ projects { totalCount } }')}`;
      let received = 0;
      api.server.server.on('request', () => received++);
      const started = performance.now();
      let answered = 0;
      // The lock is held until all six are answered, so only the request deadline can answer them;
      // a server waiting on the pool instead would run into the 10 s abort.
      const pending = Array.from({ length: 6 }, () =>
        fetch(query, { signal: AbortSignal.timeout(10_000) }).then(async (r) => {
          answered++;
          return { status: r.status, ms: performance.now() - started, text: await r.text() };
        }),
      );
      expect(await until(() => received >= 6, 10_000)).toBe(true);
      const healthz = await fetch(`${api.server.url}/healthz`);
      // Answered while all six still waited for a connection: /healthz does not need the pool.
      const answeredBeforeHealthz = answered;
      const answers = await Promise.all(pending);
      report.push(
        `pool exhausted: ${answers.filter((a) => a.status === 503).length}/6 answered 503 within ${Math.max(...answers.map((a) => a.ms)).toFixed(0)} ms (deadline 1500 ms); /healthz ${healthz.status} before any of them`,
      );
      expect(healthz.status).toBe(200);
      expect(answeredBeforeHealthz).toBe(0);
      for (const a of answers) {
        expect(a.status).toBe(503);
        expect(leaksIn(a.text)).toEqual([]);
      }
    } finally {
      await release();
    }
    // And it recovers once the lock is gone.
    const recovered = await until(
      () =>
        fetch(`${api.server.url}/graphql?query=${encodeURIComponent('{ projects { totalCount } }')}`).then(
          (r) => r.status === 200,
          () => false,
        ),
      10_000,
    );
    expect(recovered).toBe(true);
    await api.close();
  }, 30_000);

  it('cancels a statement over statement_timeout and answers cleanly', async () => {
    const api = await startServer({
      DB_POOL_MAX: '2',
      // The request deadline is far off, so a SERVICE_UNAVAILABLE can only be the statement's timeout.
      REQUEST_TIMEOUT_MS: '60000',
      STATEMENT_TIMEOUT_MS: '700',
    });
    const release = await lockTable('projects');
    try {
      const started = performance.now();
      const response = await fetch(
        `${api.server.url}/graphql?query=${encodeURIComponent('{ projects { totalCount } }')}`,
        { signal: AbortSignal.timeout(30_000) },
      );
      const ms = performance.now() - started;
      const text = await response.text();
      report.push(
        `statement_timeout 700 ms: answered ${response.status} ${JSON.parse(text).errors?.[0]?.extensions?.code} after ${ms.toFixed(0)} ms`,
      );
      // Not before the timeout: a floor, which load cannot break.
      expect(ms).toBeGreaterThan(600);
      expect(JSON.parse(text).errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(leaksIn(text)).toEqual([]);
      // The cancelled statement left its connection usable.
      await release();
      const after = await fetch(
        `${api.server.url}/graphql?query=${encodeURIComponent('{ projects { totalCount } }')}`,
      );
      expect(after.status).toBe(200);
    } finally {
      await release().catch(() => {});
      await api.close();
    }
  }, 30_000);

  it('finishes in-flight requests on SIGTERM and exits 0 within 10 s (the real CLI)', async () => {
    const port = await freePort();
    const child: ChildProcess = spawn(process.execPath, [RANKING_BIN, 'serve'], {
      cwd: API_DIR,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: url,
        AUTH_SECRET: TEST_SECRET,
        DB_POOL_MAX: '8',
        REDIS_URL: '',
      },
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
      child.once('exit', (code) => resolve({ code, at: performance.now() })),
    );
    const base = `http://127.0.0.1:${port}`;
    try {
      const ready = await until(
        () =>
          fetch(`${base}/readyz`).then(
            (r) => r.ok,
            () => false,
          ),
        30_000,
      );
      expect(ready, stderr).toBe(true);
      // In flight: submits held by a lock on evidence, reads by a lock on projects.
      const releaseEvidence = await lockTable('evidence');
      const submits = Array.from({ length: 5 }, (_, i) => submit(base, editorToken, 1000 + i, 'sigterm'));
      const reads = Array.from({ length: 3 }, () =>
        fetch(`${base}/graphql?query=${encodeURIComponent('{ evidence(first: 1) { totalCount } }')}`).then(
          (r) => r.status,
          () => 0,
        ),
      );
      // In flight for sure once PostgreSQL shows all eight waiting for the lock.
      const waiting = () =>
        Number(
          pg.psql(
            "select count(*) from pg_stat_activity where datname = 'ranking' and wait_event_type = 'Lock'",
          ),
        );
      expect(await until(() => waiting() >= 8, 20_000)).toBe(true);
      const term = performance.now();
      process.kill(child.pid ?? 0, 'SIGTERM');
      const refused = await until(
        () =>
          fetch(`${base}/healthz`).then(
            () => false,
            () => true,
          ),
        10_000,
      );
      await releaseEvidence();
      const [outcomes, readStatuses, exit] = await Promise.all([
        Promise.all(submits),
        Promise.all(reads),
        exited,
      ]);
      const acked = outcomes.filter((o) => o.id).map((o) => o.id as string);
      const handle = await openDatabase({ url, max: 1 });
      const lost = await missing(handle, acked);
      await handle.close();
      report.push(
        `SIGTERM: ${acked.length}/5 in-flight submits and ${readStatuses.filter((s) => s === 200).length}/3 reads finished, ${lost.length} lost, exit ${exit.code} after ${(exit.at - term).toFixed(0)} ms`,
      );
      expect(refused).toBe(true);
      expect(acked).toHaveLength(5);
      expect(readStatuses).toEqual([200, 200, 200]);
      expect(lost).toEqual([]);
      expect(exit.code, stderr).toBe(0);
      expect(exit.at - term).toBeLessThan(10_000);
    } finally {
      if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
    }
  }, 60_000);

  it('leaves no partial rows when an import is killed halfway; a rerun succeeds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ranking-import-'));
    const file = join(dir, 'evidence.csv');
    const rows = 40_000;
    const lines = ['project,indicator,value,observed_at,source_url,source_kind'];
    for (let i = 0; i < rows; i++)
      lines.push(
        `vllm,github_forks,${i},2025-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')},https://example.org/import/${i},github`,
      );
    writeFileSync(file, `${lines.join('\n')}\n`);
    const env = {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: url,
      AUTH_SECRET: TEST_SECRET,
      REDIS_URL: '',
    };
    const count = async () => {
      const handle = await openDatabase({ url, max: 1 });
      const client = handle.client.kind === 'postgres' ? handle.client.sql : undefined;
      const [row] = client
        ? await client<
            { n: number }[]
          >`select count(*)::int as n from evidence where source_url like 'https://example.org/import/%'`
        : [];
      await handle.close();
      return row?.n ?? -1;
    };
    /** Runs the import; with `killAtRows`, SIGKILLs it once it reports having read that many rows. */
    const run = (killAtRows?: number) =>
      new Promise<{
        code: number | null;
        signal: NodeJS.Signals | null;
        output: string;
        rowsAtKill: number;
      }>((resolve) => {
        const child = spawn(process.execPath, [RANKING_BIN, 'import', 'evidence', file], {
          cwd: API_DIR,
          env,
          detached: true,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        let rowsAtKill = 0;
        const kill = () => child.pid && child.exitCode === null && process.kill(-child.pid, 'SIGKILL');
        // Bounded: killed after 60 s whatever happens.
        const timer = setTimeout(kill, 60_000);
        child.stdout?.on('data', (c: Buffer) => {
          output += c.toString();
        });
        child.stderr?.on('data', (c: Buffer) => {
          output += c.toString();
          const reported = [...output.matchAll(/(\d+) rows/g)].map((m) => Number(m[1]));
          const latest = reported[reported.length - 1] ?? 0;
          if (killAtRows !== undefined && rowsAtKill === 0 && latest >= killAtRows) {
            rowsAtKill = latest;
            kill();
          }
        });
        child.once('exit', (code, signal) => {
          clearTimeout(timer);
          resolve({ code, signal, output, rowsAtKill });
        });
      });
    try {
      const before = await count();
      const killed = await run(1);
      const afterKill = await count();
      const rerun = await run();
      const afterRerun = await count();
      report.push(
        `import killed (${killed.signal ?? `exit ${killed.code}: ${killed.output.slice(0, 400)}`}) after ${killed.rowsAtKill} of ${rows} rows read: ${afterKill - before} partial rows; rerun exit ${rerun.code}, ${afterRerun - before}/${rows} rows`,
      );
      expect(killed.signal).toBe('SIGKILL');
      // Killed halfway: after the import had read rows and before it committed (on a fast machine
      // the first progress report may already count every row: the write is still in flight).
      expect(killed.rowsAtKill).toBeGreaterThan(0);
      expect(killed.rowsAtKill).toBeLessThanOrEqual(rows);
      expect(killed.output).not.toMatch(/Imported/);
      expect(afterKill).toBe(before);
      expect(rerun.code, rerun.output).toBe(0);
      expect(afterRerun - before).toBe(rows);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
