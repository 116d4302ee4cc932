/**
 * Evidence collection end to end against the collectors' local upstream fakes
 * (@ranking/collectors/testing): project sources from the catalog and from `ranking sources import`,
 * `ranking collect` as a child process (pending evidence with provenance, not found → finding, a
 * second run adds nothing, a killed run resumed adds no duplicate, bad arguments exit 2), and over
 * GraphQL: startCollection → collectionRun → review → an edition computed with the collected values.
 */

import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import {
  type FakeGithub,
  type FakeServer,
  type GithubFixture,
  startFakeGithub,
  startFakeHub,
  startServer,
} from '@ranking/collectors/testing';
import { openDatabase, queryRows } from '@ranking/schema';
import { testDrivers } from '@ranking/schema/testing';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitOf, RANKING_BIN, runRanking } from './cli-process';
import { startTestApi, type TestApi } from './helpers';

const TOKEN = 'ghp_collectionTestToken0123456789';
const STARS = 4242;
const FORKS = 777;
const now = new Date();
const day = (offset: number) => new Date(now.getTime() - offset * 86_400_000).toISOString();

const fixture: GithubFixture = {
  repos: {
    'vllm-project/vllm': {
      nameWithOwner: 'vllm-project/vllm',
      stargazerCount: STARS,
      forkCount: FORKS,
      owner: {
        __typename: 'Organization',
        login: 'vllm-project',
        name: 'vLLM',
        websiteUrl: null,
        email: null,
      },
      commits: [
        { date: day(10), author: { email: 'a@example.org', name: 'A', user: { login: 'a', company: null } } },
        { date: day(20), author: { email: 'b@example.org', name: 'B', user: { login: 'b', company: null } } },
      ],
      releases: [{ createdAt: day(30), publishedAt: day(30), isDraft: false }],
      issues: [],
    },
  },
  members: { 'vllm-project': [['a']] },
};

const githubEnv = (gh: FakeServer) => ({
  GITHUB_TOKEN: TOKEN,
  GITHUB_GRAPHQL_URL: `${gh.url}/graphql`,
  GITHUB_API_URL: gh.url,
});

/** Polls `check` until it is true or the deadline passes (waits on state, not on time). */
async function until(check: () => Promise<boolean>, what: string, deadlineMs = 120_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(testDrivers())('evidence collection over GraphQL (%s)', (driver) => {
  let api: TestApi;
  let gh: FakeGithub;
  let stuckHub: FakeServer;
  let hubReached: () => void = () => {};
  beforeAll(async () => {
    gh = await startFakeGithub(fixture, TOKEN);
    // A Hub that never answers: a run collecting from it is in flight until cancelled.
    stuckHub = await startServer(() => {
      hubReached();
      return new Promise<void>(() => {});
    });
    api = await startTestApi(driver, { seed: true, env: { ...githubEnv(gh), HF_ENDPOINT: stuckHub.url } });
  }, 600_000);
  afterAll(async () => {
    await api?.close();
    await gh?.close();
    await stuckHub?.close();
  });

  it('cancels a run in flight: the request is aborted and the run stays cancelled', async () => {
    const editor = await api.tokenFor('editor');
    const reached = new Promise<void>((resolve) => {
      hubReached = resolve;
    });
    const started = await api.gql<{ startCollection: { id: string } }>(
      'mutation { startCollection(input: { sources: ["huggingface"], projects: ["deepseek-v3"] }) { id } }',
      {},
      { token: editor },
    );
    expect(started.errors).toBeUndefined();
    const id = started.data?.startCollection.id ?? '';
    await reached;
    const viewer = await api.tokenFor('viewer');
    const refused = await api.gql(
      `mutation { cancelCollection(id: "${id}") { status } }`,
      {},
      { token: viewer },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const cancelled = await api.gql<{ cancelCollection: { status: string } }>(
      `mutation { cancelCollection(id: "${id}") { status } }`,
      {},
      { token: editor },
    );
    expect(cancelled.data?.cancelCollection.status).toBe('CANCELLED');
    // The runner ends (its last audit entry) without the Hub ever answering.
    await until(async () => {
      const rows = await queryRows<{ n: number }>(
        api.handle.db,
        sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'collection.finish' AND entity_id = ${id}`,
      );
      return Number(rows[0]?.n) === 1;
    }, 'the runner to stop');
    const run = await api.gql<{ collectionRun: { status: string; counts: { added: number }[] } }>(
      `{ collectionRun(id: "${id}") { status counts { added } } }`,
      {},
      { token: editor },
    );
    expect(run.data?.collectionRun).toEqual({ status: 'CANCELLED', counts: [{ added: 0 }] });
  }, 120_000);

  it('lists sources from the catalog; collects, reviews and computes an edition with the values', async () => {
    const sources = await api.gql<{ project: { sources: { kind: string; identifier: string }[] } }>(
      '{ project(slug: "deepseek-v3") { sources { kind identifier } } }',
    );
    expect(sources.data?.project.sources).toEqual([
      { kind: 'GITHUB', identifier: 'deepseek-ai/DeepSeek-V3' },
      { kind: 'HUGGINGFACE_MODEL', identifier: 'deepseek-ai/DeepSeek-V3' },
    ]);

    const editor = await api.tokenFor('editor');
    const reviewer = await api.tokenFor('reviewer');
    const publisher = await api.tokenFor('publisher');
    const anonymous = await api.gql('mutation { startCollection(input: { sources: ["github"] }) { id } }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const started = await api.gql<{ startCollection: { id: string; status: string } }>(
      'mutation { startCollection(input: { sources: ["github"], projects: ["vllm", "deepseek-v3"] }) { id status } }',
      {},
      { token: editor },
    );
    expect(started.errors).toBeUndefined();
    const runId = started.data?.startCollection.id ?? '';
    type RunAnswer = {
      collectionRun: {
        status: string;
        progress: { done: number; total: number };
        counts: { source: string; added: number; unchanged: number; failed: number }[];
        findings: { project: string; kind: string; identifier: string }[];
      };
    };
    let run: RunAnswer['collectionRun'] | undefined;
    await until(async () => {
      const answer = await api.gql<RunAnswer>(
        `{ collectionRun(id: "${runId}") { status progress { done total } counts { source added unchanged failed } findings { project kind identifier } } }`,
        {},
        { token: editor },
      );
      run = answer.data?.collectionRun;
      return run?.status === 'COMPLETED';
    }, 'the run to complete');
    expect(run?.progress).toEqual({ done: 1, total: 1 });
    expect(run?.counts[0]?.added).toBeGreaterThanOrEqual(2);
    expect(run?.findings).toContainEqual({
      project: 'deepseek-v3',
      kind: 'not_found',
      identifier: 'deepseek-ai/DeepSeek-V3',
    });

    const pending = await api.gql<{
      evidence: {
        edges: {
          node: {
            id: string;
            indicator: { key: string };
            value: number;
            status: string;
            sourceUrl: string;
            provenance: {
              collector: string;
              responseSha256: string;
              requestUrl: string;
              run: { id: string } | null;
            };
          };
        }[];
      };
    }>(
      `{ evidence(filter: { project: "vllm", status: [PENDING] }, first: 50) { edges { node { id indicator { key } value status sourceUrl
          provenance { collector responseSha256 requestUrl run { id } } } } } }`,
      {},
      { token: reviewer },
    );
    expect(pending.errors).toBeUndefined();
    const nodes = pending.data?.evidence.edges.map((e) => e.node) ?? [];
    const stars = nodes.find((n) => n.indicator.key === 'github_stars');
    expect(stars).toMatchObject({ value: STARS, sourceUrl: 'https://github.com/vllm-project/vllm' });
    expect(stars?.provenance).toMatchObject({ collector: 'github', run: { id: runId } });
    expect(stars?.provenance.responseSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(stars?.provenance.requestUrl).not.toContain(TOKEN);
    // No evidence for the project the source did not know.
    const none = await api.gql<{ evidence: { totalCount: number } }>(
      '{ evidence(filter: { project: "deepseek-v3", status: [PENDING] }) { totalCount } }',
      {},
      { token: reviewer },
    );
    expect(none.data?.evidence.totalCount).toBe(0);

    // Collected values far from the demo's illustrative ones arrive flagged as anomalies
    // (Evidence.anomaly), and approving a flagged value needs a note.
    const reviewed = await api.gql(
      'mutation ($ids: [ID!]!) { reviewEvidenceBatch(ids: $ids, decision: APPROVE, note: "checked against the sources") { id } }',
      { ids: nodes.map((n) => n.id) },
      { token: reviewer },
    );
    expect(reviewed.errors).toBeUndefined();
    const cutoff = now.toISOString().slice(0, 10);
    const created = await api.gql<{ createEdition: { id: string } }>(
      `mutation { createEdition(input: { year: 2026, title: "2026 with collected values", cutoff: "${cutoff}" }) { id } }`,
      {},
      { token: publisher },
    );
    expect(created.errors).toBeUndefined();
    const computed = await api.gql(
      `mutation { computeEdition(id: "${created.data?.createEdition.id}") { status } }`,
      {},
      { token: publisher },
    );
    expect(computed.errors).toBeUndefined();
    const ranking = await api.gql<{
      edition: {
        ranking: { edges: { node: { indicators: { indicator: { key: string }; raw: number }[] } }[] };
      };
    }>(
      `{ edition(year: 2026) { ranking(dimension: "system", first: 1, filter: { search: "vllm" }) {
        edges { node { indicators { indicator { key } raw } } } } } }`,
      {},
      { token: publisher },
    );
    const raw = Object.fromEntries(
      (ranking.data?.edition.ranking.edges[0]?.node.indicators ?? []).map((i) => [i.indicator.key, i.raw]),
    );
    expect(raw.github_stars).toBe(STARS);
    expect(raw.github_forks).toBe(FORKS);

    // The raw response is kept, compressed, and matches its hash.
    const [kept] = await queryRows<{ body: Uint8Array; sha: string }>(
      api.handle.db,
      sql`SELECT response_body AS body, response_sha256 AS sha FROM evidence_provenance WHERE evidence_id = ${Number(stars?.id)}`,
    );
    const body = gunzipSync(Buffer.from(kept?.body ?? new Uint8Array()));
    expect(createHash('sha256').update(body).digest('hex')).toBe(kept?.sha);
    expect(body.toString()).not.toContain(TOKEN);
  }, 300_000);
});

describe.each(testDrivers())('ranking collect (%s)', (driver) => {
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  let gh: FakeGithub;
  let dir: string;
  const open = () => openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.PGLITE_DIR });
  /** Runs SQL against the CLI's database while no CLI process holds it. */
  async function query<T extends Record<string, unknown>>(q: ReturnType<typeof sql>): Promise<T[]> {
    const handle = await open();
    try {
      return await queryRows<T>(handle.db, q);
    } finally {
      await handle.close();
    }
  }
  const evidenceCount = async () =>
    Number((await query<{ n: number }>(sql`SELECT count(*)::int AS n FROM evidence`))[0]?.n);

  beforeAll(async () => {
    gh = await startFakeGithub(fixture, TOKEN);
    dir = mkdtempSync(join(tmpdir(), 'ranking-collect-'));
    const base: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      NODE_ENV: 'test',
      AUTH_SECRET: 'cli-test-secret-cli-test-secret-0123456789',
      SENSITIVITY_SAMPLES: '10',
      ...githubEnv(gh),
    };
    if (driver === 'pglite') {
      env = { ...base, PGLITE_DIR: join(dir, 'pglite') };
      cleanup = async () => {};
    } else {
      const server = process.env.TEST_DATABASE_URL ?? '';
      const name = `test_collect_${randomBytes(5).toString('hex')}`;
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
    const seeded = await runRanking(['seed'], env);
    expect(seeded.code, seeded.stderr).toBe(0);
  }, 600_000);
  afterAll(async () => {
    await gh?.close();
    await cleanup?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses bad arguments with exit 2 before touching the database', async () => {
    for (const args of [
      ['collect', '--source', 'gitlab'],
      ['collect', '--frobnicate'],
      ['collect', '--resume', 'x'],
      ['collect', '--resume', '1', '--source', 'github'],
      ['sources', 'import'],
      ['sources', 'import', join(dir, 'missing.csv')],
    ]) {
      const run = await runRanking(args, env);
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(2);
      expect(run.stderr).toMatch(/Usage: ranking (collect|sources import)/);
    }
  });

  it('imports source identifiers all or nothing, line by line, idempotently', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      'project,kind,identifier\nvllm,pypi,vllm\nno-such-project,pypi,x\nvllm,gitlab,x\nvllm,github,not a repo\nvllm,huggingface_collection,Qwen/qwen25\n',
    );
    const refused = await runRanking(['sources', 'import', bad], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('line 3, column project: unknown project "no-such-project"');
    expect(refused.stderr).toContain('line 4, column kind: unknown kind "gitlab"');
    expect(refused.stderr).toContain('line 5, column identifier');
    expect(refused.stderr).toContain('line 6, column identifier');
    expect(refused.stderr).toContain('NAMESPACE/SLUG-ID');
    const count = async () =>
      Number(
        (
          await query<{ n: number }>(
            sql`SELECT count(*)::int AS n FROM project_sources ps JOIN projects p ON p.id = ps.project_id WHERE p.slug = 'vllm'`,
          )
        )[0]?.n,
      );
    expect(await count()).toBe(1); // the catalog's GitHub repository
    const good = join(dir, 'good.csv');
    writeFileSync(
      good,
      'kind,project,identifier\npypi,vllm,vllm\ngithub,vllm,https://github.com/vllm-project/vllm\n' +
        'huggingface_collection,vllm,https://huggingface.co/collections/Qwen/qwen25-66e81a666513e518adb90d9e\n',
    );
    const first = await runRanking(['sources', 'import', good], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Added 2 source identifiers;');
    const again = await runRanking(['sources', 'import', good], env);
    expect(again.stdout).toContain('Added 0 source identifiers;');
    expect(await count()).toBe(3);
    // The collection's URL is stored as its bare id.
    const collections = await query<{ identifier: string }>(
      sql`SELECT identifier FROM project_sources WHERE kind = 'huggingface_collection'`,
    );
    expect(collections.map((c) => c.identifier)).toEqual(['Qwen/qwen25-66e81a666513e518adb90d9e']);
  });

  it('collects pending evidence with provenance; not found is a finding; a second run adds nothing', async () => {
    const before = await evidenceCount();
    const first = await runRanking(
      ['collect', '--source', 'github', '--project', 'vllm', '--project', 'deepseek-v3'],
      env,
    );
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Run \d+: completed/);
    expect(first.stdout).toMatch(/not_found github deepseek-v3 deepseek-ai\/DeepSeek-V3/);
    expect(first.stderr).not.toContain(TOKEN);
    expect(first.stdout).not.toContain(TOKEN);
    const added = await evidenceCount();
    expect(added).toBeGreaterThan(before);
    const rows = await query<{ slug: string; status: string; source_kind: string; with_provenance: number }>(
      sql`SELECT p.slug, e.status, e.source_kind, count(ep.evidence_id)::int AS with_provenance
          FROM evidence e JOIN projects p ON p.id = e.project_id LEFT JOIN evidence_provenance ep ON ep.evidence_id = e.id
          WHERE e.id > (SELECT max(id) FROM evidence) - ${added - before}
          GROUP BY p.slug, e.status, e.source_kind`,
    );
    expect(rows).toEqual([
      { slug: 'vllm', status: 'pending', source_kind: 'github', with_provenance: added - before },
    ]);
    const githubLine = /github\s+(\d+)\s+(\d+)\s+(\d+)/.exec(first.stdout);
    expect(Number(githubLine?.[1])).toBe(added - before);
    expect(Number(githubLine?.[3])).toBe(1);

    const second = await runRanking(['collect', '--source', 'github', '--project', 'vllm'], env);
    expect(second.code, second.stderr).toBe(0);
    const again = /github\s+(\d+)\s+(\d+)\s+(\d+)/.exec(second.stdout);
    expect([Number(again?.[1]), Number(again?.[2])]).toEqual([0, added - before]);
    expect(await evidenceCount()).toBe(added);
  });

  it('resumes a run killed midway without adding a duplicate', async () => {
    // A Hub that never answers holds the run in its huggingface job, after the github job.
    let reached: () => void = () => {};
    const hubReached = new Promise<void>((resolve) => {
      reached = resolve;
    });
    const stuckHub = await startServer(() => {
      reached();
      return new Promise<void>(() => {});
    });
    const child = spawn(
      process.execPath,
      [
        RANKING_BIN,
        'collect',
        '--source',
        'github',
        '--source',
        'huggingface',
        '--project',
        'vllm',
        '--project',
        'deepseek-v3',
      ],
      { env: { ...env, HF_ENDPOINT: stuckHub.url }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.stderr?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    await Promise.race([
      hubReached,
      exitOf(child).then((code) => {
        throw new Error(`collect exited (${code}) before reaching the Hub:\n${output}`);
      }),
    ]);
    const killed = exitOf(child);
    child.kill('SIGKILL');
    await killed;
    await stuckHub.close();
    const [run] = await query<{ id: number; status: string }>(
      sql`SELECT id::int, status FROM collection_runs ORDER BY id DESC LIMIT 1`,
    );
    expect(run?.status).toBe('running');
    const afterKill = await evidenceCount();

    const hub = await startFakeHub({
      models: [{ id: 'deepseek-ai/DeepSeek-V3', downloads: 1000, downloadsAllTime: 5000, likes: 50 }],
      datasets: [],
      renamed: {},
    });
    try {
      const resumed = await runRanking(['collect', '--resume', String(run?.id)], {
        ...env,
        HF_ENDPOINT: hub.url,
      });
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(resumed.stdout).toContain(`Run ${run?.id}: completed`);
    } finally {
      await hub.close();
    }
    const duplicates = await query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM evidence WHERE submitted_by IS NULL AND id IN (SELECT evidence_id FROM evidence_provenance)
        GROUP BY project_id, indicator_key, observed_at, source_kind, value HAVING count(*) > 1) d`,
    );
    expect(duplicates[0]?.n).toBe(0);
    const hf = await query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM evidence WHERE source_kind = 'huggingface' AND submitted_by IS NULL AND status = 'pending'`,
    );
    expect(Number(hf[0]?.n)).toBeGreaterThan(0);
    expect(await evidenceCount()).toBeGreaterThan(afterKill);
    const [finished] = await query<{ status: string }>(
      sql`SELECT status FROM collection_runs WHERE id = ${run?.id}`,
    );
    expect(finished?.status).toBe('completed');
  }, 300_000);
});
