/**
 * The partner workload (issue #16): what partner institutions send — each with its own API key, so
 * never the anonymous path — measured side by side against PostGraphile 5 and the raw floor on one
 * fresh PostgreSQL database.
 *
 * Data: `seedSynthetic` (PROJECTS projects, seed 1, 20 evidence per project), editions 2029 and 2030
 * computed and published (with rank intervals), 2031 computed and left a draft. Keys: 10 `read` keys
 * for the published workload, 10 `read` + `read:drafts` keys for the drafts workload, one per
 * connection.
 *
 * Operations (each workload cycles through all of them, ≥ 100 distinct documents): the four
 * dimensions × five page sizes (10, 20, 25, 50, 100) × four selections — breakdown (with previous
 * rank), indicators with their evidence (ids and values), the project's organizations, rank intervals —
 * plus 10 project lookups (with organizations) and 10 project histories (ranks and scores in every
 * edition of the workload). The published workload reads 2030 (histories: 2029, 2030); the drafts
 * workload reads the draft 2031 (histories: 2029, 2030, 2031).
 *
 * Every server's answer to every operation is compared field by field with the API's before load
 * (the same view for each: entries, order, numbers). Load: a closed loop of CONNECTIONS keep-alive
 * connections in this process (node:http, one socket per connection, each with its key), cycling
 * through the operations in order, for `seconds` per run; then the same connections at a fixed
 * overall rate, latency measured from each request's scheduled time (no coordinated omission).
 * Medians over runs.
 */

import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { type Agent, Agent as HttpAgent, request as httpRequest } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase, openDatabase, seedSynthetic } from '@ranking/schema';
import { createDeps } from '../src/app';
import { createMemoryRateLimitStore } from '../src/auth/rate-limit';
import { createSystemContext } from '../src/context';
import { loadEnv } from '../src/env';
import { createApiKey } from '../src/modules/api-keys/service';
import { computeEdition } from '../src/modules/editions/compute-service';
import { createEdition, publishEdition } from '../src/modules/editions/lifecycle-service';
import { fmt, median, waitFor } from './measure';
import type { RawRequest, Selection } from './partners-raw-floor';
import { startPostGraphile } from './peers/postgraphile';
import { spawnApi, spawnGroup, stopGroup } from './process-group';

const CONNECTIONS = 10;
const DIMENSIONS = ['data', 'model', 'system', 'evaluation'];
const PAGES = [10, 20, 25, 50, 100];
const SELECTIONS: Selection[] = ['breakdown', 'evidence', 'organizations', 'intervals'];
const LOOKUPS = 10;
// Not 4190: the fetch standard's "bad ports" list has it (sieve).
const PORTS = { api: 4193, postgraphile: 4194, raw: 4195 };
const YEARS = { first: 2029, published: 2030, draft: 2031 };

export type Server = 'api' | 'postgraphile' | 'raw';
const SERVERS: Server[] = ['api', 'postgraphile', 'raw'];
export type Workload = 'published' | 'drafts';
const WORKLOADS: Workload[] = ['published', 'drafts'];

export interface PartnersOptions {
  root: string;
  withDatabase<T>(name: string, work: (url: string) => Promise<T>): Promise<T>;
  projects: number;
  seconds: number;
  runs: number;
  rate: number;
  log(line: string): void;
}

export interface Loop {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  failures: number;
}

export interface WorkloadResult {
  operations: number;
  /** Operations whose answer differs from the API's, per server: the first few, with the difference. */
  differences: Partial<Record<Server, string[]>>;
  closed: Partial<Record<Server, Loop[]>>;
  fixed: Partial<Record<Server, Loop[]>>;
}

export interface PartnersResult {
  projects: number;
  seconds: number;
  runs: number;
  rate: number;
  prepareMs: number;
  /** The 1, 5 and 15 minute load averages when the section started. */
  loadStart: string;
  workloads: Record<Workload, WorkloadResult>;
  postgraphileMissing: string | null;
  /** Samples of the documents, for the report. */
  samples: { api: string; postgraphile: string; raw: string }[];
}

interface Editions {
  first: number;
  published: number;
  draft: number;
}

/** Seeds, computes 2029, 2030 (published) and 2031 (draft), mints the keys. */
export async function prepare(
  url: string,
  projects: number,
): Promise<{ editions: Editions; keys: Record<Workload, string[]> }> {
  const env = loadEnv({
    NODE_ENV: 'test',
    AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-000',
    STATEMENT_TIMEOUT_MS: '0',
  });
  const handle = await openDatabase({ url, max: 10 });
  try {
    await migrateDatabase(handle);
    await seedSynthetic(handle, { projects, seed: 1, evidencePerProject: 20 });
    const deps = createDeps(env, {
      handle,
      authSecret: 'x'.repeat(40),
      rateLimits: createMemoryRateLimitStore(),
    });
    const ctx = createSystemContext(deps, 'bench');
    const ids: number[] = [];
    for (const year of [YEARS.first, YEARS.published, YEARS.draft]) {
      const edition = await createEdition(ctx, { year, title: `Partners ${year}`, cutoff: '2026-12-31' });
      const computed = await computeEdition(ctx, edition.id);
      if (year !== YEARS.draft) {
        if (!computed.contentHash) throw new Error(`edition ${year} has no content hash`);
        await publishEdition(ctx, computed.id, computed.contentHash);
      }
      ids.push(computed.id);
    }
    const keys: Record<Workload, string[]> = { published: [], drafts: [] };
    for (let i = 0; i < CONNECTIONS; i++) {
      keys.published.push((await createApiKey(ctx, { name: `partner ${i}`, scopes: ['read'] })).key);
      keys.drafts.push(
        (await createApiKey(ctx, { name: `partner ${i} (drafts)`, scopes: ['read', 'read:drafts'] })).key,
      );
    }
    return { editions: { first: ids[0] ?? 0, published: ids[1] ?? 0, draft: ids[2] ?? 0 }, keys };
  } finally {
    await handle.close();
  }
}

// ---- operations

interface Operation {
  name: string;
  api: string;
  postgraphile: string;
  raw: RawRequest;
  /**
   * `server`'s answer reduced to what it and the server it is compared `against` both return (the
   * API's answer is reduced once per server it is compared with).
   */
  view(server: Server, json: unknown, against?: Server): unknown;
}

const byKey = <T>(entries: [string, T][]) => entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
type Json = Record<string, unknown>;
const obj = (x: unknown) => (x ?? {}) as Json;
const arr = (x: unknown) => (Array.isArray(x) ? (x as unknown[]) : []);

/** The API's (and the raw floor's) selection of a ranking entry, and PostGraphile's nearest. */
const API_ENTRY: Record<Selection, string> = {
  breakdown: 'rank previousRank score project { slug name } breakdown { key score }',
  evidence:
    'rank score project { slug } indicators { indicator { key } raw normalized contribution evidence { id value } }',
  organizations: 'rank score project { slug name category organizations { slug name country } }',
  intervals: 'rank score project { slug } rankInterval { medianRank p05Rank p95Rank }',
};
const ORGS_PG =
  'projectOrganizationsByProjectId(orderBy: [POSITION_ASC]) { nodes { organizationByOrganizationId { slug name country } } }';
const PG_ENTRY: Record<Selection, string> = {
  breakdown: 'rank previousRank score projectByProjectId { slug name } nodes',
  evidence: 'rank score projectByProjectId { slug } indicators',
  organizations: `rank score projectByProjectId { slug name category ${ORGS_PG} }`,
  intervals: 'rank score projectByProjectId { slug } rankMedian rankP05 rankP95',
};

const pgOrganizations = (p: Json) =>
  arr(obj(p.projectOrganizationsByProjectId).nodes).map((n) => obj(n).organizationByOrganizationId);

/** Rank-interval bounds as the API gives them (`rankQuantile`: to the nearest 0.05). */
const quantile = (x: unknown) => Math.round(Number(x) * 20) / 20;

function entryView(selection: Selection, server: Server, e: Json, against: Server): unknown {
  if (server === 'postgraphile') {
    const p = obj(e.projectByProjectId);
    switch (selection) {
      case 'breakdown':
        return [e.rank, e.previousRank, e.score, p.slug, p.name, byKey(Object.entries(obj(e.nodes)))];
      case 'evidence':
        // Evidence ids only: PostGraphile returns the stored jsonb, the values are another table.
        return [
          e.rank,
          e.score,
          p.slug,
          byKey(
            Object.entries(obj(e.indicators)).map(([k, v]) => {
              const i = obj(v);
              return [k, [i.raw, i.normalized, i.contribution, arr(i.evidenceIds).map(String).sort()]];
            }),
          ),
        ];
      case 'organizations':
        return [e.rank, e.score, p.slug, p.name, String(p.category).toUpperCase(), pgOrganizations(p)];
      case 'intervals':
        return [
          e.rank,
          e.score,
          p.slug,
          e.rankMedian === null ? null : [quantile(e.rankMedian), quantile(e.rankP05), quantile(e.rankP95)],
        ];
    }
  }
  const p = obj(e.project);
  switch (selection) {
    case 'breakdown':
      return [
        e.rank,
        e.previousRank,
        e.score,
        p.slug,
        p.name,
        byKey(arr(e.breakdown).map((b) => [String(obj(b).key), obj(b).score])),
      ];
    case 'evidence':
      return [
        e.rank,
        e.score,
        p.slug,
        byKey(
          arr(e.indicators).map((x) => {
            const i = obj(x);
            const evidence = arr(i.evidence).map(obj);
            return [
              String(obj(i.indicator).key),
              [
                i.raw,
                i.normalized,
                i.contribution,
                evidence.map((v) => String(v.id)).sort(),
                // Values too, except against PostGraphile (see above).
                ...(against === 'postgraphile' ? [] : [byKey(evidence.map((v) => [String(v.id), v.value]))]),
              ],
            ];
          }),
        ),
      ];
    case 'organizations':
      return [e.rank, e.score, p.slug, p.name, p.category, p.organizations];
    case 'intervals': {
      const r = e.rankInterval === null ? null : obj(e.rankInterval);
      return [e.rank, e.score, p.slug, r === null ? null : [r.medianRank, r.p05Rank, r.p95Rank]];
    }
  }
}

export function operations(workload: Workload, editions: Editions, slugs: string[]): Operation[] {
  const year = workload === 'published' ? YEARS.published : YEARS.draft;
  const editionId = workload === 'published' ? editions.published : editions.draft;
  const history =
    workload === 'published'
      ? [
          [YEARS.first, editions.first],
          [YEARS.published, editions.published],
        ]
      : [
          [YEARS.first, editions.first],
          [YEARS.published, editions.published],
          [YEARS.draft, editions.draft],
        ];
  const ops: Operation[] = [];
  for (const dimension of DIMENSIONS)
    for (const first of PAGES)
      for (const selection of SELECTIONS)
        ops.push({
          name: `ranking ${dimension} ${first} ${selection}`,
          api: `{ edition(year: ${year}) { ranking(dimension: "${dimension}", first: ${first}) { edges { node { ${API_ENTRY[selection]} } } } } }`,
          postgraphile: `{ allResults(condition: {editionId: ${editionId}, dimensionKey: "${dimension}"}, orderBy: [RANK_ASC], first: ${first}) { nodes { ${PG_ENTRY[selection]} } } }`,
          raw: { op: 'ranking', edition: editionId, dimension, first, selection },
          view: (server, json, against = server) => {
            const data = obj(obj(json).data);
            const entries =
              server === 'postgraphile'
                ? arr(obj(data.allResults).nodes)
                : arr(obj(obj(data.edition).ranking).edges).map((e) => obj(e).node);
            return entries.map((e) => entryView(selection, server, obj(e), against));
          },
        });
  for (const slug of slugs.slice(0, LOOKUPS))
    ops.push({
      name: `project ${slug}`,
      api: `{ project(slug: "${slug}") { slug name category organizations { slug name country } } }`,
      postgraphile: `{ allProjects(condition: {slug: "${slug}"}, first: 1) { nodes { slug name category ${ORGS_PG} } } }`,
      raw: { op: 'project', slug },
      view: (server, json) => {
        const data = obj(obj(json).data);
        if (server === 'postgraphile') {
          const p = obj(arr(obj(data.allProjects).nodes)[0]);
          return [p.slug, p.name, String(p.category).toUpperCase(), pgOrganizations(p)];
        }
        const p = obj(data.project);
        return [p.slug, p.name, p.category, p.organizations];
      },
    });
  for (const slug of slugs.slice(LOOKUPS, 2 * LOOKUPS))
    ops.push({
      name: `history ${slug}`,
      api: `{ project(slug: "${slug}") { slug resultsIn(editions: [${history.map(([y]) => `{ year: ${y} }`).join(', ')}]) { results { dimension rank score } } } }`,
      postgraphile: `{ allProjects(condition: {slug: "${slug}"}, first: 1) { nodes { slug ${history
        .map(
          ([, id], i) =>
            `e${i}: resultsByProjectId(condition: {editionId: ${id}}, orderBy: [DIMENSION_KEY_ASC]) { nodes { dimensionKey rank score } }`,
        )
        .join(' ')} } } }`,
      raw: { op: 'history', slug, editions: history.map(([, id]) => id ?? 0) },
      view: (server, json) => {
        const data = obj(obj(json).data);
        if (server === 'postgraphile') {
          const p = obj(arr(obj(data.allProjects).nodes)[0]);
          return [
            p.slug,
            history.map((_, i) =>
              arr(obj(p[`e${i}`]).nodes).map((r) => [obj(r).dimensionKey, obj(r).rank, obj(r).score]),
            ),
          ];
        }
        const p = obj(data.project);
        return [
          p.slug,
          arr(p.resultsIn).map((x) =>
            arr(obj(x).results)
              .map(obj)
              .sort((a, b) => (String(a.dimension) < String(b.dimension) ? -1 : 1))
              .map((r) => [r.dimension, r.rank, r.score]),
          ),
        ];
      },
    });
  return ops;
}

// ---- HTTP

interface Target {
  port: number;
  path: string;
  /** The body of operation i. */
  bodies: string[];
}

export function post(
  agent: Agent,
  port: number,
  path: string,
  body: string,
  key: string,
): Promise<[number, string]> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${key}`,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve([res.statusCode ?? 0, Buffer.concat(chunks).toString()]));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const failed = (status: number, text: string) => status !== 200 || text.includes('"errors"');

const percentile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

/**
 * CONNECTIONS connections, each with its key, cycling through the operations (a shared counter, so
 * together they go through them in order). Closed loop when `rate` is 0; otherwise request n is due
 * at n / rate s and is sent by its connection once that connection is free; its latency counts from
 * when it was due.
 */
export async function loop(target: Target, keys: string[], seconds: number, rate: number): Promise<Loop> {
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const connection = async (c: number) => {
    const agent = new HttpAgent({ keepAlive: true, maxSockets: 1 });
    const key = keys[c % keys.length] ?? '';
    try {
      for (let n = rate ? c : 0; ; n += rate ? CONNECTIONS : 0) {
        let due = performance.now();
        if (rate) {
          due = started + (n * 1000) / rate;
          if (due >= deadline) break;
          const wait = due - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        } else if (due >= deadline) break;
        const i = next++;
        const [status, text] = await post(
          agent,
          target.port,
          target.path,
          target.bodies[i % target.bodies.length] ?? '',
          key,
        );
        latencies.push(performance.now() - due);
        if (failed(status, text)) failures++;
      }
    } finally {
      agent.destroy();
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, (_, c) => connection(c)));
  const elapsed = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    rps: latencies.length / elapsed,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    failures,
  };
}

/** The first difference between two views, as a path and both values; '' when they are equal. */
function difference(expected: unknown, actual: unknown, path = ''): string {
  if (Object.is(expected, actual)) return '';
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length)
      return `${path || '.'}: ${expected.length} entries (API), ${actual.length} here`;
    for (const [i, e] of expected.entries()) {
      const d = difference(e, actual[i], `${path}[${i}]`);
      if (d) return d;
    }
    return '';
  }
  if (typeof expected === 'object' && expected !== null && typeof actual === 'object' && actual !== null) {
    const a = expected as Json;
    const b = actual as Json;
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = difference(a[k], b[k], `${path}.${k}`);
      if (d) return d;
    }
    return '';
  }
  return `${path || '.'}: ${JSON.stringify(expected)} (API), ${JSON.stringify(actual)} here`;
}

/**
 * The API as deployed: its log (one line per request) goes to a file, as a log collector would read
 * it, not through a pipe into this process, which would then spend the load generator's CPU on it
 * while PostGraphile, which logs nothing per request, writes to /dev/null.
 */
function serveApi(root: string, url: string, logFile: string, port = PORTS.api) {
  const log = openSync(logFile, 'w');
  try {
    return spawnApi(root, {
      databaseUrl: url,
      port,
      // Every key's requests are counted as usual; the allowance is above what the loop sends.
      env: { API_KEY_RATE_LIMIT: '100000000', STATEMENT_TIMEOUT_MS: '0' },
      stdio: ['ignore', log, log],
    });
  } finally {
    closeSync(log);
  }
}

/** The last lines of the API's log, for an error message. */
function tailOf(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(-2000).trim();
  } catch {
    return '';
  }
}

/** Slugs for the lookups: spread over the dimensions and the ranks of the published edition. */
async function lookupSlugs(agent: Agent, port: number, key: string): Promise<string[]> {
  const slugs: string[] = [];
  for (const [d, dimension] of DIMENSIONS.entries()) {
    const [, text] = await post(
      agent,
      port,
      '/graphql',
      JSON.stringify({
        query: `{ edition(year: ${YEARS.published}) { ranking(dimension: "${dimension}", first: 100) { edges { node { project { slug } } } } } }`,
      }),
      key,
    );
    const edges = arr(obj(obj(obj(obj(JSON.parse(text)).data).edition).ranking).edges);
    for (let i = 0; i < 5; i++) slugs.push(String(obj(obj(obj(edges[i * 19 + d]).node).project).slug));
  }
  return slugs;
}

export async function benchPartners(options: PartnersOptions): Promise<PartnersResult> {
  const { log } = options;
  const workloads = {} as Record<Workload, WorkloadResult>;
  let postgraphileMissing: string | null = null;
  let prepareMs = 0;
  const samples: PartnersResult['samples'] = [];
  const loadStart = loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');
  await options.withDatabase(`bench_partners_${process.pid}`, async (url) => {
    const t0 = performance.now();
    const { editions, keys } = await prepare(url, options.projects);
    prepareMs = performance.now() - t0;
    log(`partners: ${options.projects} projects seeded, 3 editions computed in ${fmt(prepareMs)} ms`);
    const apiLog = join(tmpdir(), `bench-partners-api-${process.pid}.log`);
    const api = serveApi(options.root, url, apiLog);
    const raw = spawnGroup(
      process.execPath,
      ['--import', 'tsx', join(options.root, 'apps/api/bench/partners-raw-floor.ts')],
      {
        env: { ...process.env, DATABASE_URL: url, PORT: String(PORTS.raw) },
        stdio: 'ignore',
        cwd: join(options.root, 'apps/api'),
      },
    );
    let postgraphile: Awaited<ReturnType<typeof startPostGraphile>> | null = null;
    try {
      try {
        postgraphile = await startPostGraphile({
          root: options.root,
          databaseUrl: url,
          port: PORTS.postgraphile,
          log,
        });
      } catch (error) {
        postgraphileMissing = error instanceof Error ? error.message : String(error);
        log(`PostGraphile not measured: ${postgraphileMissing}`);
      }
      await waitFor(`http://127.0.0.1:${PORTS.api}/healthz`).catch((error: Error) => {
        throw new Error(`${error.message}: ${tailOf(apiLog)}`);
      });
      const probe = new HttpAgent({ keepAlive: true });
      const slugs = await lookupSlugs(probe, PORTS.api, keys.published[0] ?? '');
      for (const workload of WORKLOADS) {
        const ops = operations(workload, editions, slugs);
        const targets: Partial<Record<Server, Target>> = {
          api: {
            port: PORTS.api,
            path: '/graphql',
            bodies: ops.map((o) => JSON.stringify({ query: o.api })),
          },
          raw: { port: PORTS.raw, path: '/', bodies: ops.map((o) => JSON.stringify(o.raw)) },
          ...(postgraphile
            ? {
                postgraphile: {
                  port: PORTS.postgraphile,
                  path: '/graphql',
                  bodies: ops.map((o) => JSON.stringify({ query: o.postgraphile })),
                },
              }
            : {}),
        };
        if (workload === 'published')
          for (const i of [0, 5, 81, 91])
            if (ops[i])
              samples.push({
                api: ops[i].api,
                postgraphile: ops[i].postgraphile,
                raw: JSON.stringify(ops[i].raw),
              });
        const result: WorkloadResult = { operations: ops.length, differences: {}, closed: {}, fixed: {} };
        const key = keys[workload][0] ?? '';
        // Same answers?
        for (const [i, op] of ops.entries()) {
          const [status, text] = await post(probe, PORTS.api, '/graphql', targets.api?.bodies[i] ?? '', key);
          if (failed(status, text))
            throw new Error(`${workload} ${op.name}: the API answered ${status}: ${text.slice(0, 300)}`);
          const answer = JSON.parse(text);
          if (JSON.stringify(op.view('api', answer)).length < 20 && op.name.startsWith('ranking'))
            throw new Error(`${workload} ${op.name}: the API answered an empty page`);
          for (const server of SERVERS) {
            const t = targets[server];
            if (!t) continue;
            const [s2, text2] = await post(probe, t.port, t.path, t.bodies[i] ?? '', key);
            const d = failed(s2, text2)
              ? `answered ${s2}: ${text2.slice(0, 200)}`
              : difference(op.view('api', answer, server), op.view(server, JSON.parse(text2)));
            if (d) {
              const list = result.differences[server] ?? [];
              result.differences[server] = list;
              list.push(`${op.name}: ${d}`);
            }
          }
        }
        for (const server of SERVERS)
          log(
            `partners ${workload}: ${server} ${result.differences[server]?.length ?? 0} of ${ops.length} answers differ from the API's${result.differences[server] ? ` (first: ${result.differences[server]?.[0]})` : ''}`,
          );
        // Load.
        for (let run = 0; run < options.runs; run++)
          for (const server of SERVERS) {
            const t = targets[server];
            if (!t) continue;
            // A short warm-up: each operation once per connection.
            await loop(t, keys[workload], Math.min(2, options.seconds), 0);
            const closed = await loop(t, keys[workload], options.seconds, 0);
            const fixed = await loop(t, keys[workload], options.seconds, options.rate);
            result.closed[server] = [...(result.closed[server] ?? []), closed];
            result.fixed[server] = [...(result.fixed[server] ?? []), fixed];
            log(
              `partners ${workload} run ${run + 1} ${server}: closed ${fmt(closed.rps)}/s p99 ${fmt(closed.p99, 1)} ms; at ${options.rate}/s p99 ${fmt(fixed.p99, 1)} ms (${closed.failures + fixed.failures} failed)`,
            );
          }
        workloads[workload] = result;
      }
      probe.destroy();
    } finally {
      await Promise.all([stopGroup(api), stopGroup(raw), postgraphile?.stop()]);
    }
    // Kept when something above failed: the error names the operation, the log says why.
    rmSync(apiLog, { force: true });
  });
  return {
    projects: options.projects,
    seconds: options.seconds,
    runs: options.runs,
    rate: options.rate,
    prepareMs,
    loadStart,
    workloads,
    postgraphileMissing,
    samples,
  };
}

// ---- two builds side by side

export interface BuildComparisonOptions {
  /** This checkout (B) and another one (A, e.g. a worktree of the commit before a change, with node_modules). */
  root: string;
  baselineRoot: string;
  withDatabase<T>(name: string, work: (url: string) => Promise<T>): Promise<T>;
  projects: number;
  seconds: number;
  rounds: number;
  log(line: string): void;
}

export interface BuildRound {
  baseline: { rps: number; cpuMs: number };
  current: { rps: number; cpuMs: number };
}

/** The CPU time (user + system) a process has used, in ms (Linux: /proc/PID/stat, in clock ticks of 10 ms). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * The drafts workload against two builds of the API at once (BENCH_ONLY=partners-ab): both serve the
 * same database, each loaded by its own 10 connections (5 keys) in the same seconds, so what else the machine
 * does slows both alike; a change's effect is the ratio of their CPU per request, round by round.
 * Every answer of the two builds is compared byte for byte first.
 */
export async function compareBuilds(options: BuildComparisonOptions): Promise<BuildRound[]> {
  const { log } = options;
  return options.withDatabase(`bench_partners_ab_${process.pid}`, async (url) => {
    const { editions, keys } = await prepare(url, options.projects);
    const logs = [
      join(tmpdir(), `bench-ab-a-${process.pid}.log`),
      join(tmpdir(), `bench-ab-b-${process.pid}.log`),
    ];
    const ports = { baseline: PORTS.api, current: PORTS.raw };
    const baseline = serveApi(options.baselineRoot, url, logs[0] ?? '', ports.baseline);
    const current = serveApi(options.root, url, logs[1] ?? '', ports.current);
    try {
      await waitFor(`http://127.0.0.1:${ports.baseline}/healthz`);
      await waitFor(`http://127.0.0.1:${ports.current}/healthz`);
      const probe = new HttpAgent({ keepAlive: true });
      const ops = operations(
        'drafts',
        editions,
        await lookupSlugs(probe, ports.current, keys.published[0] ?? ''),
      );
      const bodies = ops.map((o) => JSON.stringify({ query: o.api }));
      for (const [i, body] of bodies.entries()) {
        const [, a] = await post(probe, ports.baseline, '/graphql', body, keys.drafts[0] ?? '');
        const [, b] = await post(probe, ports.current, '/graphql', body, keys.drafts[0] ?? '');
        if (a !== b) throw new Error(`${ops[i]?.name}: the two builds answer differently`);
      }
      probe.destroy();
      log(`partners-ab: all ${bodies.length} answers of the two builds are the same bytes`);
      const half = (from: number) => keys.drafts.slice(from, from + CONNECTIONS / 2);
      const target = (port: number) => ({ port, path: '/graphql', bodies });
      await Promise.all([
        loop(target(ports.baseline), half(0), 2, 0),
        loop(target(ports.current), half(5), 2, 0),
      ]);
      const rounds: BuildRound[] = [];
      for (let r = 0; r < options.rounds; r++) {
        const pids = [baseline.pid ?? 0, current.pid ?? 0];
        const before = pids.map(cpuMsOf);
        const [a, b] = await Promise.all([
          loop(target(ports.baseline), half(0), options.seconds, 0),
          loop(target(ports.current), half(5), options.seconds, 0),
        ]);
        const used = pids.map((pid, i) => cpuMsOf(pid) - (before[i] ?? 0));
        const round = {
          baseline: { rps: a.rps, cpuMs: (used[0] ?? 0) / Math.max(1, a.requests) },
          current: { rps: b.rps, cpuMs: (used[1] ?? 0) / Math.max(1, b.requests) },
        };
        rounds.push(round);
        log(
          `partners-ab round ${r + 1}: baseline ${fmt(a.rps)}/s ${fmt(round.baseline.cpuMs, 3)} ms CPU/request; this checkout ${fmt(b.rps)}/s ${fmt(round.current.cpuMs, 3)} ms CPU/request; CPU per request ${fmt(round.current.cpuMs / round.baseline.cpuMs, 3)}× the baseline's`,
        );
      }
      const ratio = median(rounds.map((x) => x.current.cpuMs / x.baseline.cpuMs));
      log(
        `partners-ab: this checkout's CPU per request is ${fmt(ratio, 3)}× the baseline's (median of ${rounds.length} rounds)`,
      );
      return rounds;
    } finally {
      await Promise.all([stopGroup(baseline), stopGroup(current)]);
      for (const file of logs) rmSync(file, { force: true });
    }
  });
}

// ---- report

const verdict = (ok: boolean | null) => (ok === null ? '—' : ok ? 'met' : '**not met**');

export function partnersMarkdown(r: PartnersResult, footer: string): string[] {
  const m = (xs: Loop[] | undefined, k: keyof Loop) => (xs?.length ? median(xs.map((x) => x[k])) : null);
  const cell = (x: number | null, digits = 0) => (x === null ? '—' : fmt(x, digits));
  const out: string[] = [
    `## Partner workload (issue #16): ${CONNECTIONS} keys, ${r.workloads.published?.operations ?? 0} operations, PostgreSQL`,
    '',
    `What partner institutions send (apps/api/bench/partners.ts): ${CONNECTIONS} connections, each with its own API key, cycling through ${r.workloads.published?.operations ?? 0} distinct operations — the four dimensions × page sizes ${PAGES.join(', ')} × four selections (breakdown with previous rank; indicators with their evidence ids and values; the project's organizations; rank intervals) plus ${LOOKUPS} project lookups with organizations and ${LOOKUPS} project histories — over ${fmt(r.projects)} synthetic projects (20 evidence each). **Published**: \`read\` keys, edition 2030 (histories 2029–2030). **Drafts**: \`read\` + \`read:drafts\` keys, the computed, unpublished 2031 (histories 2029–2031) — never answered from a cache. PostGraphile 5 answers the nearest equivalent of each operation and the raw floor (postgres.js, one SQL statement building the API's JSON, apps/api/bench/partners-raw-floor.ts) the same; before load every answer of every operation is compared field by field with the API's. Closed loop: ${r.seconds} s per run; fixed rate: ${r.rate} requests/s overall, latency from each request's scheduled time; medians of ${r.runs} run${r.runs === 1 ? '' : 's'}, the client in the benchmark's process, all on the same machine. Setup (seed, three computes, keys): ${fmt(r.prepareMs / 1000, 1)} s.`,
    '',
  ];
  if (r.postgraphileMissing) out.push(`**PostGraphile not measured:** ${r.postgraphileMissing}`, '');
  out.push(
    '| workload | API requests/s | PostGraphile requests/s | raw floor requests/s | API / PostGraphile | target | API p50 / p99 ms, closed | PostGraphile p50 / p99 ms, closed | raw floor p50 / p99 ms, closed |',
    '| --- | ---: | ---: | ---: | ---: | --- | --- | --- | --- |',
  );
  for (const w of WORKLOADS) {
    const res = r.workloads[w];
    if (!res) continue;
    const api = m(res.closed.api, 'rps');
    const pg = m(res.closed.postgraphile, 'rps');
    const ratio = api !== null && pg ? api / pg : null;
    const target = w === 'published' ? 1.5 : 1.0;
    const pair = (s: Server) => `${cell(m(res.closed[s], 'p50'), 1)} / ${cell(m(res.closed[s], 'p99'), 1)}`;
    out.push(
      `| ${w} | ${cell(api)} | ${cell(pg)} | ${cell(m(res.closed.raw, 'rps'))} | ${ratio === null ? '—' : ratio.toFixed(2)} | ≥ ${target.toFixed(1)} (${verdict(ratio === null ? null : ratio >= target)}) | ${pair('api')} | ${pair('postgraphile')} | ${pair('raw')} |`,
    );
  }
  out.push(
    '',
    `| workload | API p99 ms at ${r.rate}/s | PostGraphile p99 ms at ${r.rate}/s | raw floor p99 ms at ${r.rate}/s | API p99 ≤ PostGraphile's |`,
    '| --- | ---: | ---: | ---: | --- |',
  );
  for (const w of WORKLOADS) {
    const res = r.workloads[w];
    if (!res) continue;
    const api = m(res.fixed.api, 'p99');
    const pg = m(res.fixed.postgraphile, 'p99');
    const at = (s: Server) => {
      const p99 = m(res.fixed[s], 'p99');
      const rps = m(res.fixed[s], 'rps');
      return rps !== null && rps < 0.95 * r.rate
        ? `${cell(p99, 1)} (sustained ${cell(rps)}/s)`
        : cell(p99, 1);
    };
    out.push(
      `| ${w} | ${at('api')} | ${at('postgraphile')} | ${at('raw')} | ${verdict(api !== null && pg !== null ? api <= pg : null)} |`,
    );
  }
  // Why: the facts behind each verdict (what answers, and how much it varied).
  const runs = (w: Workload, s: Server) =>
    (r.workloads[w]?.closed[s] ?? []).map((l) => fmt(l.rps)).join(', ') || '—';
  const ratioOf = (w: Workload) => {
    const api = m(r.workloads[w]?.closed.api, 'rps');
    const pg = m(r.workloads[w]?.closed.postgraphile, 'rps');
    return api !== null && pg ? api / pg : null;
  };
  const p99s = (w: Workload, s: Server) =>
    (r.workloads[w]?.fixed[s] ?? []).map((l) => fmt(l.p99, 1)).join(', ') || '—';
  const published = ratioOf('published');
  const drafts = ratioOf('drafts');
  out.push(
    '',
    'Why:',
    '',
    `- **published** (${published !== null && published >= 1.5 ? 'throughput met' : 'throughput not met'}): \`read\` keys read nothing more than anonymous callers, so after the first pass through the operations the API answers them from the shared response cache (src/http/response-cache.ts), still authenticating each key and counting it against its rate limit; PostGraphile and the raw floor run their SQL every time. These are answers about the year's default revision (\`edition(year: 2030)\`), which the cache keeps for at most a minute (ARCHITECTURE.md, request path 6), so during the measurements (each run is about 70 s over the three servers) the API executes each operation again — as uncached as a draft — once its entry has expired; where those re-executions fall under the machine's load is the likely cause of the spread between runs. Closed-loop runs, requests/s: API ${runs('published', 'api')}; PostGraphile ${runs('published', 'postgraphile')}; raw floor ${runs('published', 'raw')}.`,
    `- **drafts** (${drafts !== null && drafts >= 1 ? 'throughput met' : 'throughput not met'}): a \`read:drafts\` key is never answered from the response cache, so each request runs the API's whole path: authentication, GraphQL execution of every field, serialisation. The rows it reads come from the row cache (src/lib/row-cache.ts; \`ROW_CACHE_MB\`): the first rows of each ranking with their projects (by edition, computation and dimension), the evidence behind them, organizations, a project's results, the key's row — read once, then shared by every request until a change is committed anywhere (the same announcements that empty the response cache). After the warm-up a drafts request sends no SQL at all (PostgreSQL's statement log shows only the refills); indicator scores, breakdowns and the evidence behind a result are built once per kept result and reused, and fields whose rows are kept resolve without a promise. Per request, the API's fixed costs were cut where profiles found them: no AsyncLocalStorage (on Node 20 its promise hooks ran for every promise: 3–5 % of the CPU in profiles, up to 10 % in side-by-side runs), DataLoaders made on first use, \`ID\` fields serialized by the scalar rather than a resolver each, edge cursors encoded only when selected. (A serializer compiled per operation — graphql-jit's fast-json-stringify — was tried and dropped: faster than JSON.stringify alone, but the strings it joins cost more in garbage collection and flattening; side by side it took 12 % more CPU per request.) The API's log (one line per request) goes to a file, as in production; PostGraphile logs nothing per request. PostGraphile sends one SQL statement per request and returns its JSON. Closed-loop runs, requests/s: API ${runs('drafts', 'api')}; PostGraphile ${runs('drafts', 'postgraphile')}; raw floor ${runs('drafts', 'raw')}.${drafts !== null && drafts < 1 ? " Where the rest goes (V8 CPU profiles of the API process over this workload): no SQL; the evidence pages (20 of the 100 operations, up to ~2,000 evidence rows and ~200 kB of JSON each) take about half of the API's time; across all requests about 11 % is garbage collection, 11 % serialising the answers (JSON.stringify in Apollo), 10–12 % writing them to the socket (one writev each), 1–2 % the per-request log line (pino, synchronous), the rest GraphQL execution (graphql-jit), Apollo's request pipeline, authentication and rate limiting. That work runs in one Node process on one core, where PostGraphile's request is split between its Node process and a PostgreSQL backend that builds the JSON, on the machine's two cores." : ''}`,
    `- **p99 at ${r.rate}/s**: a server below the rate queues requests, so its p99 is then mostly queueing. Per-run p99s (ms), published: API ${p99s('published', 'api')}, PostGraphile ${p99s('published', 'postgraphile')}; drafts: API ${p99s('drafts', 'api')}, PostGraphile ${p99s('drafts', 'postgraphile')} — on a machine shared with other work (load average ${r.loadStart} at the start of this section), where one run's p99 can be several times another's.`,
  );
  const failures = WORKLOADS.flatMap((w) =>
    SERVERS.flatMap((s) => {
      const n = [...(r.workloads[w]?.closed[s] ?? []), ...(r.workloads[w]?.fixed[s] ?? [])].reduce(
        (sum, l) => sum + l.failures,
        0,
      );
      return n ? [`${w}, ${s}: ${n}`] : [];
    }),
  );
  out.push('');
  if (failures.length)
    out.push(`**Failed requests during load (non-200 or GraphQL errors):** ${failures.join('; ')}.`, '');
  out.push("Answers checked before load, against the API's:", '');
  for (const w of WORKLOADS)
    for (const s of SERVERS) {
      if (s === 'api' || !r.workloads[w]) continue;
      if (s === 'postgraphile' && r.postgraphileMissing) continue;
      const d = r.workloads[w].differences[s] ?? [];
      out.push(
        `- ${w}, ${s === 'raw' ? 'raw floor' : 'PostGraphile'}: ${d.length ? `**${d.length} of ${r.workloads[w].operations} differ** — ${d.slice(0, 3).join('; ')}` : `all ${r.workloads[w].operations} the same (entries, order, numbers)`}.`,
      );
    }
  out.push(
    '',
    "PostGraphile's nearest equivalents (default amber inflection): a ranking page is `allResults(condition: {editionId, dimensionKey}, orderBy: [RANK_ASC], first: n)`; the breakdown (`nodes`) and the indicators (`indicators`, with their evidence ids) are jsonb columns it returns whole — it has no relation from those ids to the evidence rows, so the evidence *values* the API and the raw floor answer are not in its answer and are compared for the raw floor only; rank intervals are the columns `rankMedian`, `rankP05`, `rankP95`; organizations go through `projectOrganizationsByProjectId`; a lookup is `allProjects(condition: {slug}, first: 1)` (no unique constraint on `slug`, so no `projectBySlug`); a history is one aliased `resultsByProjectId(condition: {editionId})` per edition. PostGraphile applies no visibility rules (the draft is read by id, like a published edition) and reads no key. Samples:",
    '',
  );
  for (const s of r.samples)
    out.push(`- API: \`${s.api}\`<br>PostGraphile: \`${s.postgraphile}\`<br>raw floor: \`${s.raw}\``);
  out.push('', footer);
  return out;
}
