/**
 * The API against its peers on the same PostgreSQL data: `ranking serve` (Apollo Server) twice — with
 * its in-process response cache on (the default) and off (RESPONSE_CACHE_MB=0, the execution engine
 * alone) — PostGraphile 5 (./peers/postgraphile.ts) and the raw floor (./raw-floor.ts), on two
 * operations: a ranking page (first 50 with breakdown and per-indicator contributions) and a project
 * by slug.
 *
 * Two phases, each with its own fresh servers:
 * 1. correctness and SQL statements: every server reaches PostgreSQL through its own counting proxy
 *    (./pg-proxy.ts); each response is checked against the API's (same entries, same order, same
 *    numbers), then after a warm-up N sequential requests per operation are sent and the proxy's
 *    Query + Execute count is divided by N. Only those requests are counted, not start-up, health
 *    checks or warm-up.
 * 2. load: the servers connect to PostgreSQL directly (the proxy is an extra hop in the benchmark's
 *    own process; it cost the raw floor 10-25 % of its throughput when tried), and autocannon measures a
 *    closed loop of 10 connections and 10 connections at a fixed rate, median of the runs.
 */
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { autocannon, type Cannon, fmt, medianCannon, waitFor } from './measure';
import { type PostGraphilePeer, postGraphileQueries, startPostGraphile } from './peers/postgraphile';
import { type PgProxy, startPgProxy } from './pg-proxy';
import { spawnApi, spawnGroup, stopGroup } from './process-group';

export type ServerKey = 'api' | 'apiNoCache' | 'postgraphile' | 'raw';
export const SERVER_KEYS: ServerKey[] = ['api', 'apiNoCache', 'postgraphile', 'raw'];
const PORTS: Record<ServerKey, number> = { api: 4100, raw: 4101, postgraphile: 4102, apiNoCache: 4103 };
/**
 * The API's two configurations: `api` with RESPONSE_CACHE_MB unset (the default cache), `apiNoCache`
 * with RESPONSE_CACHE_MB=0. Every figure "of the API" is reported for both.
 */
type ApiKey = 'api' | 'apiNoCache';
const API_KEYS: ApiKey[] = ['api', 'apiNoCache'];
const API_LABELS: Record<ApiKey, string> = {
  api: 'response cache on (default)',
  apiNoCache: 'response cache off',
};
const SERVER_LABELS: Record<ServerKey, string> = {
  api: `API, ${API_LABELS.api}`,
  apiNoCache: `API, ${API_LABELS.apiNoCache}`,
  postgraphile: 'PostGraphile',
  raw: 'raw floor',
};
/** Sequential requests per operation and server whose statements are counted, after WARM_UP more. */
const COUNTED = 20;
const WARM_UP = 5;

export interface ApiPeersOptions {
  root: string;
  databaseUrl: string;
  /** The published edition the servers read: the API by year, the raw floor and PostGraphile by id. */
  editionId: number;
  year: number;
  dimension: string;
  seconds: number;
  runs: number;
  rate: number;
  log: (line: string) => void;
}

export interface OperationResult {
  name: string;
  /** Median over runs, per server that was measured. */
  closed: Partial<Record<ServerKey, Cannon>>;
  fixed: Partial<Record<ServerKey, Cannon>>;
  /** SQL statements (Query + Execute messages) per request. */
  statements: Partial<Record<ServerKey, number>>;
  /** Response body size in bytes. */
  bytes: Partial<Record<ServerKey, number>>;
  /**
   * Differences from the API's first response (cache on), per server; empty when the data is the
   * same. For `api` itself: its repeated answer (served from its cache once it has one).
   */
  differences: Partial<Record<ServerKey, string>>;
}

export interface ApiPeersResult {
  operations: OperationResult[];
  /** Why PostGraphile has no figures, when it has none. */
  postgraphileMissing: string | null;
}

/** An HTTP request under test: GET, or POST of a JSON body. */
interface Request {
  url: string;
  body?: string;
}

interface Operation {
  name: string;
  requests: Partial<Record<ServerKey, Request>>;
  /** The server's response reduced to what all of them return, for comparison. */
  view: (key: ServerKey, json: unknown) => unknown;
}

const graphql = (url: string, query: string): Request => ({ url, body: JSON.stringify({ query }) });

const byKey = <T>(entries: [string, T][]) => entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

// The JSON shapes the servers answer with (only the fields compared).
interface ApiEntry {
  rank: number;
  previousRank: number | null;
  score: number;
  project: { slug: string; name: string };
  breakdown: { key: string; score: number }[];
  indicators: { indicator: { key: string }; raw: number; normalized: number; contribution: number }[];
}
interface PgEntry {
  rank: number;
  previousRank: number | null;
  score: number;
  projectByProjectId: { slug: string; name: string };
  nodes: Record<string, number>;
  indicators: Record<string, { raw: number; normalized: number; contribution: number }>;
}
interface ApiProject {
  slug: string;
  name: string;
  category: string;
  organizations: { slug: string; name: string; country: string | null }[];
}
interface PgProject {
  slug: string;
  name: string;
  category: string;
  projectOrganizationsByProjectId: {
    nodes: { organizationByOrganizationId: { slug: string; name: string; country: string | null } }[];
  };
}

function operations(
  options: ApiPeersOptions,
  slug: string,
  postgraphile: PostGraphilePeer | null,
): Operation[] {
  const raw = `http://127.0.0.1:${PORTS.raw}`;
  const { year, dimension, editionId } = options;
  const peer = (query: (pg: PostGraphilePeer) => string) =>
    postgraphile ? { postgraphile: graphql(postgraphile.url, query(postgraphile)) } : {};
  /** The same GraphQL document to both API servers. */
  const apis = (query: string) => ({
    api: graphql(`http://127.0.0.1:${PORTS.api}/graphql`, query),
    apiNoCache: graphql(`http://127.0.0.1:${PORTS.apiNoCache}/graphql`, query),
  });
  return [
    {
      name: 'ranking page (50, breakdown, contributions)',
      requests: {
        ...apis(
          `{ edition(year: ${year}) { ranking(dimension: ${JSON.stringify(dimension)}, first: 50) { edges { node { rank previousRank score project { slug name } breakdown { key score } indicators { indicator { key } raw normalized contribution } } } } } }`,
        ),
        raw: { url: `${raw}/ranking?dimension=${encodeURIComponent(dimension)}` },
        ...peer((pg) => pg.rankingQuery(editionId, dimension)),
      },
      // Breakdown and indicators as key-sorted pairs: the API lists them in methodology order,
      // PostGraphile returns the jsonb objects as stored.
      view: (key, json) => {
        if (key === 'postgraphile') {
          const nodes = (json as { data: { allResults: { nodes: PgEntry[] } } }).data.allResults.nodes;
          return nodes.map((n) => ({
            rank: n.rank,
            previousRank: n.previousRank,
            score: n.score,
            project: n.projectByProjectId,
            breakdown: byKey(Object.entries(n.nodes)),
            indicators: byKey(
              Object.entries(n.indicators).map(([k, i]) => [k, [i.raw, i.normalized, i.contribution]]),
            ),
          }));
        }
        const edges = (json as { data: { edition: { ranking: { edges: { node: ApiEntry }[] } } } }).data
          .edition.ranking.edges;
        return edges.map(({ node: n }) => ({
          rank: n.rank,
          previousRank: n.previousRank,
          score: n.score,
          project: n.project,
          breakdown: byKey(n.breakdown.map((b) => [b.key, b.score])),
          indicators: byKey(
            n.indicators.map((i) => [i.indicator.key, [i.raw, i.normalized, i.contribution]]),
          ),
        }));
      },
    },
    {
      name: 'project by slug',
      requests: {
        ...apis(
          `{ project(slug: ${JSON.stringify(slug)}) { slug name category organizations { slug name country } } }`,
        ),
        raw: { url: `${raw}/project?slug=${encodeURIComponent(slug)}` },
        ...peer((pg) => pg.projectQuery(slug)),
      },
      // Category: the API's enum is the stored value upper-cased.
      view: (key, json) => {
        if (key === 'postgraphile') {
          const [p] = (json as { data: { allProjects: { nodes: PgProject[] } } }).data.allProjects.nodes;
          return p
            ? {
                slug: p.slug,
                name: p.name,
                category: p.category.toUpperCase(),
                organizations: p.projectOrganizationsByProjectId.nodes.map(
                  (o) => o.organizationByOrganizationId,
                ),
              }
            : null;
        }
        return (json as { data: { project: ApiProject | null } }).data.project;
      },
    },
  ];
}

async function send(request: Request): Promise<string> {
  const response = await fetch(
    request.url,
    request.body === undefined
      ? {}
      : { method: 'POST', headers: { 'content-type': 'application/json' }, body: request.body },
  );
  const text = await response.text();
  if (response.status !== 200 || text.includes('"errors"'))
    throw new Error(`${request.url} answered ${response.status}: ${text.slice(0, 300)}`);
  return text;
}

const cannonArgs = (request: Request) =>
  request.body === undefined
    ? [request.url]
    : ['-m', 'POST', '-H', 'content-type=application/json', '-b', request.body, request.url];

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

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
  if (isRecord(expected) && isRecord(actual)) {
    for (const k of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      const d = difference(expected[k], actual[k], `${path}.${k}`);
      if (d) return d;
    }
    return '';
  }
  return `${path || '.'}: ${JSON.stringify(expected)} (API), ${JSON.stringify(actual)} here`;
}

interface Servers {
  postgraphile: PostGraphilePeer | null;
  postgraphileMissing: string | null;
  stop(): Promise<void>;
}

/** `ranking serve` as `key`: the response cache at its default (RESPONSE_CACHE_MB unset) or off (0). */
function startApi(options: ApiPeersOptions, key: ApiKey, databaseUrl: string): ChildProcess {
  return spawnApi(options.root, {
    databaseUrl,
    port: PORTS[key],
    env: {
      ...(key === 'apiNoCache' ? { RESPONSE_CACHE_MB: '0' } : {}),
      API_KEY_RATE_LIMIT: '100000000',
      // autocannon sends everything anonymously from one address.
      ANONYMOUS_RATE_LIMIT: '0',
    },
  });
}

/** Starts the four servers, each on its own database URL. PostGraphile may fail: it is then missing. */
async function startServers(
  options: ApiPeersOptions,
  databaseUrls: Record<ServerKey, string>,
  withPostGraphile: boolean,
): Promise<Servers> {
  const children: ChildProcess[] = [
    ...API_KEYS.map((key) => startApi(options, key, databaseUrls[key])),
    spawnGroup(process.execPath, ['--import', 'tsx', join(options.root, 'apps/api/bench/raw-floor.ts')], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrls.raw,
        PORT: String(PORTS.raw),
        EDITION_ID: String(options.editionId),
      },
      stdio: 'ignore',
      cwd: join(options.root, 'apps/api'),
    }),
  ];
  let postgraphile: PostGraphilePeer | null = null;
  let postgraphileMissing: string | null = null;
  const stop = async () => {
    await Promise.all([...children.map(stopGroup), postgraphile?.stop()]);
  };
  try {
    try {
      if (withPostGraphile)
        postgraphile = await startPostGraphile({
          root: options.root,
          databaseUrl: databaseUrls.postgraphile,
          port: PORTS.postgraphile,
          log: options.log,
        });
    } catch (error) {
      postgraphileMissing = error instanceof Error ? error.message : String(error);
      options.log(`PostGraphile not measured: ${postgraphileMissing}`);
    }
    for (const key of API_KEYS) await waitFor(`http://127.0.0.1:${PORTS[key]}/healthz`);
    await waitFor(`http://127.0.0.1:${PORTS.raw}/project?slug=x`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { postgraphile, postgraphileMissing, stop };
}

const withPort = (url: string, port: number) => {
  const u = new URL(url);
  u.host = `127.0.0.1:${port}`;
  return u.toString();
};

export async function benchApiAgainstPeers(options: ApiPeersOptions): Promise<ApiPeersResult> {
  const { log } = options;
  const target = new URL(options.databaseUrl);
  const results: OperationResult[] = [];
  let slug = '';

  // Phase 1: same data? how many statements?
  const proxies: Partial<Record<ServerKey, PgProxy>> = {};
  for (const key of SERVER_KEYS)
    proxies[key] = await startPgProxy({
      target: { host: target.hostname, port: Number(target.port || 5432) },
    });
  const viaProxy = (key: ServerKey) => withPort(options.databaseUrl, proxies[key]?.port ?? 0);
  let servers = await startServers(
    options,
    {
      api: viaProxy('api'),
      apiNoCache: viaProxy('apiNoCache'),
      raw: viaProxy('raw'),
      postgraphile: viaProxy('postgraphile'),
    },
    true,
  );
  let postgraphileMissing = servers.postgraphileMissing;
  try {
    const page = JSON.parse(
      await send({ url: `http://127.0.0.1:${PORTS.raw}/ranking?dimension=${options.dimension}` }),
    ) as { data: { edition: { ranking: { edges: { node: { project: { slug: string } } }[] } } } };
    slug = page.data.edition.ranking.edges[0]?.node.project.slug ?? 'x';
    for (const op of operations(options, slug, servers.postgraphile)) {
      const result: OperationResult = {
        name: op.name,
        closed: {},
        fixed: {},
        statements: {},
        bytes: {},
        differences: {},
      };
      const apiRequest = op.requests.api;
      if (!apiRequest) throw new Error(`${op.name}: no API request`);
      const apiView = op.view('api', JSON.parse(await send(apiRequest)));
      for (const key of SERVER_KEYS) {
        const request = op.requests[key];
        const proxy = proxies[key];
        if (!request || !proxy) continue;
        let text: string;
        try {
          text = await send(request);
        } catch (error) {
          if (key === 'api') throw error;
          result.differences[key] =
            `answered with an error: ${error instanceof Error ? error.message : error}`;
          log(`${op.name}: ${key} ${result.differences[key]}`);
          continue;
        }
        result.bytes[key] = Buffer.byteLength(text);
        // For the API itself this is its second answer: from its cache, when it has one.
        result.differences[key] = difference(apiView, op.view(key, JSON.parse(text)));
        for (let i = 0; i < WARM_UP; i++) await send(request);
        proxy.reset();
        for (let i = 0; i < COUNTED; i++) await send(request);
        result.statements[key] = proxy.statements() / COUNTED;
        const diff = result.differences[key]
          ? `; differs from the API's first answer: ${result.differences[key]}`
          : '';
        log(`${op.name}: ${key} ${result.statements[key]} statements per request${diff}`);
      }
      results.push(result);
    }
  } finally {
    await servers.stop();
    await Promise.all(Object.values(proxies).map((p) => p.close()));
  }

  // Phase 2: load, servers connected directly.
  servers = await startServers(
    options,
    {
      api: options.databaseUrl,
      apiNoCache: options.databaseUrl,
      raw: options.databaseUrl,
      postgraphile: options.databaseUrl,
    },
    !postgraphileMissing,
  );
  postgraphileMissing ??= servers.postgraphileMissing;
  try {
    const ops = operations(options, slug, postgraphileMissing ? null : servers.postgraphile);
    for (const [index, op] of ops.entries()) {
      const result = results[index];
      if (!result) continue;
      const closed: Record<ServerKey, Cannon[]> = { api: [], apiNoCache: [], postgraphile: [], raw: [] };
      const fixed: Record<ServerKey, Cannon[]> = { api: [], apiNoCache: [], postgraphile: [], raw: [] };
      const duration = ['-c', '10', '-d', String(options.seconds)];
      const rate = ['-R', String(options.rate)];
      for (let run = 0; run < options.runs; run++) {
        const measured: string[] = [];
        for (const key of SERVER_KEYS) {
          const request = op.requests[key];
          if (!request) continue;
          closed[key].push(await autocannon([...duration, ...cannonArgs(request)]));
          fixed[key].push(await autocannon([...duration, ...rate, ...cannonArgs(request)]));
          measured.push(`${key} ${fmt(closed[key].at(-1)?.rps ?? 0)} rps`);
        }
        log(`${op.name} run ${run + 1}: ${measured.join(', ')}`);
      }
      for (const key of SERVER_KEYS) {
        if (closed[key].length) result.closed[key] = medianCannon(closed[key]);
        if (fixed[key].length) result.fixed[key] = medianCannon(fixed[key]);
      }
    }
  } finally {
    await servers.stop();
  }
  return { operations: results, postgraphileMissing };
}

const verdict = (ok: boolean | null) => (ok === null ? 'not established' : ok ? 'met' : 'not met');
const ratio = (a: number | undefined, b: number | undefined) => (a && b ? a / b : null);
const cell = (x: number | undefined, digits = 0) => (x === undefined ? '—' : fmt(x, digits));

/**
 * True when the cache-on API sent as many statements per ranking page as the cache-off one: its
 * response cache did not answer the repeated requests (absent from this build, or not applicable).
 */
function cacheIdle(result: ApiPeersResult): number | null {
  const page = result.operations[0];
  const on = page?.statements.api;
  const off = page?.statements.apiNoCache;
  return on !== undefined && off !== undefined && off > 0 && on >= off ? on : null;
}

/** The API section of BENCHMARKS.md. */
export function apiPeersMarkdown(result: ApiPeersResult, options: ApiPeersOptions): string[] {
  const out: string[] = [];
  const md = (line = '') => out.push(line);
  const { postgraphileMissing: missing } = result;
  md(`## API against its peers (same PostgreSQL data, published edition ${options.year})`);
  md();
  md(
    `autocannon 9.0.0, ${options.seconds} s per run, ${options.runs} run${options.runs === 1 ? '' : 's'}, medians: a closed loop of 10 connections, and 10 connections at a fixed ${options.rate} requests/s. Servers, each with a pool of 10 PostgreSQL connections: the API as \`ranking serve\` (NODE_ENV=production, Node ${process.versions.node}), twice — **response cache on (default)**, RESPONSE_CACHE_MB unset (64 MB), and **response cache off**, RESPONSE_CACHE_MB=0; PostGraphile 5.1.5 with its default amber preset on Node 22.23.5 (apps/api/bench/peers/postgraphile.ts; installed on demand into .bench/peers; schema \`public\`, no GraphiQL, no watch, no explain); the raw floor, apps/api/bench/raw-floor.ts (postgres.js + node:http, one SQL statement per request, the same JSON as the API).`,
  );
  md();
  md(
    "The API's response cache keeps answers to anonymous queries in memory until the data they read changes — every committed change empties it, announced by PostgreSQL (LISTEN/NOTIFY) when another process made it — and in any case no longer than a minute for `edition(year: …)`, the form asked here, and 10 s for project data; so both operations below are executed a few times a minute and otherwise served from memory. The **response cache off** rows are the execution engine's own speed — the like-for-like comparison with PostGraphile and the raw floor, which cache nothing.",
  );
  const idle = cacheIdle(result);
  if (idle !== null) {
    md();
    md(
      `**In this run the response cache did not answer:** the cache-on API sent as many SQL statements per repeated ranking page (${fmt(idle, 1)}) as the cache-off one, so both API rows measure the same code path (a build without the cache ignores RESPONSE_CACHE_MB).`,
    );
  }
  if (missing) {
    md();
    md(
      `**PostGraphile 5: not measured** — ${missing.replace(/\s+/g, ' ').slice(0, 400)}. The targets against it (throughput ≥ 1.5×, p99 at the fixed rate, statements per operation) are not established.`,
    );
  }
  md();
  md('### Throughput, closed loop of 10 connections (requests/s)');
  md();
  md(
    '| operation | API server | API | PostGraphile | raw floor | API / PostGraphile (target ≥ 1.5) | API / raw floor (target ≥ 0.5) |',
  );
  md('| --- | --- | ---: | ---: | ---: | --- | --- |');
  for (const op of result.operations)
    for (const key of API_KEYS) {
      const { postgraphile, raw } = op.closed;
      const api = op.closed[key];
      const vsPeer = ratio(api?.rps, postgraphile?.rps);
      const vsRaw = ratio(api?.rps, raw?.rps);
      md(
        `| ${op.name} | ${API_LABELS[key]} | ${cell(api?.rps)} | ${cell(postgraphile?.rps)} | ${cell(raw?.rps)} | ${vsPeer === null ? '—' : vsPeer.toFixed(2)} (${verdict(vsPeer === null ? null : vsPeer >= 1.5)}) | ${vsRaw === null ? '—' : vsRaw.toFixed(2)} (${verdict(vsRaw === null ? null : vsRaw >= 0.5)}) |`,
      );
    }
  md();
  md(`### Latency (ms)`);
  md();
  md(
    `| operation | API server | API p50 / p99, closed | PostGraphile p50 / p99, closed | raw floor p50 / p99, closed | API p99 at ${options.rate}/s | PostGraphile p99 at ${options.rate}/s | raw floor p99 at ${options.rate}/s | API p99 ≤ PostGraphile's at ${options.rate}/s |`,
  );
  md('| --- | --- | --- | --- | --- | ---: | ---: | ---: | --- |');
  const pair = (c: Cannon | undefined) => (c ? `${c.p50} / ${c.p99}` : '—');
  // A server that cannot keep up with the fixed rate queues requests: its p99 then says little.
  const atRate = (c: Cannon | undefined) =>
    !c ? '—' : c.rps < 0.95 * options.rate ? `${c.p99} (sustained ${fmt(c.rps)}/s)` : String(c.p99);
  for (const op of result.operations)
    for (const key of API_KEYS) {
      const api = op.fixed[key];
      const { postgraphile } = op.fixed;
      md(
        `| ${op.name} | ${API_LABELS[key]} | ${pair(op.closed[key])} | ${pair(op.closed.postgraphile)} | ${pair(op.closed.raw)} | ${atRate(api)} | ${atRate(postgraphile)} | ${atRate(op.fixed.raw)} | ${verdict(api && postgraphile ? api.p99 <= postgraphile.p99 : null)} |`,
      );
    }
  md();
  md('### SQL statements per operation');
  md();
  md(
    '| operation | API server | API | PostGraphile | raw floor | API ≤ PostGraphile | response bytes: API / PostGraphile / raw floor |',
  );
  md('| --- | --- | ---: | ---: | ---: | --- | --- |');
  for (const op of result.operations)
    for (const key of API_KEYS) {
      const { postgraphile, raw } = op.statements;
      const api = op.statements[key];
      md(
        `| ${op.name} | ${API_LABELS[key]} | ${cell(api, 1)} | ${cell(postgraphile, 1)} | ${cell(raw, 1)} | ${verdict(api !== undefined && postgraphile !== undefined ? api <= postgraphile : null)} | ${[key, 'postgraphile', 'raw'].map((k) => cell(op.bytes[k as ServerKey])).join(' / ')} |`,
      );
    }
  md();
  md(
    `Counted by apps/api/bench/pg-proxy.ts, a TCP proxy between each server and PostgreSQL that reads the protocol's message headers: a statement is a \`Query\` (simple protocol) or an \`Execute\` (extended protocol) message. After ${WARM_UP} warm-up requests, ${COUNTED} sequential requests per operation and server; count / ${COUNTED}. Start-up, health checks and warm-up are not counted, so a response served from the cache counts 0. The load runs above connect directly: the proxy is an extra hop in the benchmark's own process.`,
  );
  const failures = result.operations.flatMap((op) =>
    SERVER_KEYS.flatMap((k) =>
      [op.closed[k], op.fixed[k]]
        .filter((c): c is Cannon => !!c && c.errors + c.non2xx > 0)
        .map((c) => `${op.name}, ${SERVER_LABELS[k]}: ${c.errors} errors, ${c.non2xx} non-2xx`),
    ),
  );
  if (failures.length) {
    md();
    md(`**Failed requests during the load runs:** ${failures.join('; ')}.`);
  }
  md();
  md("What each server answers (checked before counting, against the API's first answer, cache on):");
  md();
  for (const op of result.operations)
    for (const key of SERVER_KEYS) {
      const d = op.differences[key];
      if (d === undefined) continue;
      const same =
        key === 'api'
          ? 'its repeated answer (from the cache, once there is one) is the same as its first'
          : 'the same data as the API (entries, order, numbers)';
      md(
        `- ${op.name}, ${key === 'api' ? 'API, response cache on' : SERVER_LABELS[key]}: ${d ? `**differs** — ${d}` : same}.`,
      );
    }
  if (!missing) {
    md();
    md(
      'PostGraphile serves the nearest equivalent of each operation on the same tables, with its default inflection (the simplify-inflection preset would only rename fields):',
    );
    md();
    md(`- ranking page: \`${postGraphileQueries.rankingQuery(options.editionId, options.dimension)}\``);
    md(`- project by slug: \`${postGraphileQueries.projectQuery('<slug>')}\``);
    md();
    md(
      'The breakdown (`nodes`) and the per-indicator raw / normalized / contribution (`indicators`) are jsonb columns, so PostGraphile returns each as one JSON scalar — whole, including the evidence ids the API query does not ask for — where the API resolves typed fields. `projects.slug` is unique through an index rather than a constraint, so PostGraphile has no `projectBySlug` and the lookup is `allProjects(condition: {slug}, first: 1)`. The category comes back as stored (`model`); the API answers its enum (`MODEL`).',
    );
  }
  return out;
}
