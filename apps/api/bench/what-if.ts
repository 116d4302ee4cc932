/**
 * The partners' analyses at scale (issue #15): `Edition.whatIf` on one dimension of 10,000 synthetic
 * projects, a page of 50 with changed weights, beside the cached official `ranking` page of the same
 * dimension; and `Edition.rankBounds` on an edition of 120 projects per dimension.
 *
 * The synthetic data is the bench's generator (`seedSynthetic`, seed 1). Its projects are spread over
 * the four categories, so no dimension of the default methodology holds 10,000 of them; the
 * methodology here is the default one plus a dimension `all` without a category (every project is in
 * its population) whose children are every indicator of the default dimensions, weight 1 each. Each
 * what-if request changes three of its weights to values that differ from request to request, so no
 * response cache can answer it; the official ranking request is the same each time, so after the
 * first it is answered from the response cache, as a partner's repeated ranking read would be.
 *
 * Latency is measured by a closed loop in this process (CONCURRENCY requests in flight, for SECONDS
 * per run), each request timed from send to the end of its body; p50/p99 over every request of the
 * run, medians over the runs. `ranking serve` runs as its own process on PostgreSQL.
 */
import {
  loadDefaultMethodology,
  migrateDatabase,
  openDatabase,
  outlineMethodology,
  seedSynthetic,
} from '@ranking/schema';
import { createDeps } from '../src/app';
import { createMemoryRateLimitStore } from '../src/auth/rate-limit';
import { createSystemContext } from '../src/context';
import { loadEnv } from '../src/env';
import { computeEdition } from '../src/modules/editions/compute-service';
import { createEdition, publishEdition } from '../src/modules/editions/lifecycle-service';
import { fmt, median, waitFor } from './measure';
import { spawnApi, stopGroup } from './process-group';

const YEAR = 2030;
const CONCURRENCY = 4;
const PAGE = 50;
const PORTS = { large: 4187, small: 4188 };

export interface WhatIfOptions {
  root: string;
  /** Creates a fresh database, runs `work` on its URL, drops it. */
  withDatabase<T>(name: string, work: (url: string) => Promise<T>): Promise<T>;
  projects: number;
  /** Projects per dimension of the rank-bounds edition. */
  boundsProjects: number;
  seconds: number;
  runs: number;
  log(line: string): void;
}

export interface LoopResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
}

export interface WhatIfResult {
  projects: number;
  indicators: number;
  whatIf: LoopResult[];
  official: LoopResult[];
  /** Wall time of each uncached `rankBounds` request (ms), and the method the API reported. */
  boundsMs: number[];
  boundsMethod: string;
  boundsProjects: number;
  seconds: number;
  runs: number;
}

/** The default methodology plus the dimension `all`: no category, every indicator once, weight 1. */
function methodologyWithAll(): { document: unknown; indicators: string[] } {
  const document = loadDefaultMethodology() as { version: string; dimensions: unknown[] };
  const indicators = [...new Set(outlineMethodology(document).dimensions.flatMap((d) => d.indicatorKeys))];
  return {
    document: {
      ...document,
      version: `${document.version}-bench-all`,
      dimensions: [
        ...document.dimensions,
        { key: 'all', name: 'All projects', children: indicators.map((indicator) => ({ indicator })) },
      ],
    },
    indicators,
  };
}

/** Seeds, computes and publishes edition YEAR on `url`; sensitivity off (it is not what is measured). */
async function prepare(
  url: string,
  projects: number,
  methodology: unknown | undefined,
  log: (l: string) => void,
) {
  const env = loadEnv({
    NODE_ENV: 'test',
    AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-000',
    STATEMENT_TIMEOUT_MS: '0',
    SENSITIVITY_SAMPLES: '0',
  });
  const handle = await openDatabase({ url, max: 10 });
  try {
    await migrateDatabase(handle);
    const started = performance.now();
    await seedSynthetic(handle, {
      projects,
      seed: 1,
      evidencePerProject: 20,
      ...(methodology === undefined ? {} : { methodology }),
    });
    const deps = createDeps(env, {
      handle,
      authSecret: 'x'.repeat(40),
      rateLimits: createMemoryRateLimitStore(),
    });
    const ctx = createSystemContext(deps, 'bench');
    const edition = await createEdition(ctx, { year: YEAR, title: 'What-if bench', cutoff: '2026-12-31' });
    const computed = await computeEdition(ctx, edition.id);
    if (!computed.contentHash) throw new Error('the bench edition has no content hash');
    await publishEdition(ctx, computed.id, computed.contentHash);
    log(`${projects} projects seeded, computed and published in ${fmt(performance.now() - started)} ms`);
  } finally {
    await handle.close();
  }
}

function serve(root: string, url: string, port: number) {
  return spawnApi(root, {
    databaseUrl: url,
    port,
    env: { ANONYMOUS_RATE_LIMIT: '0', STATEMENT_TIMEOUT_MS: '0' },
  });
}

/** A GraphQL request: a document alone, or with variables. */
type Request = string | { query: string; variables: Record<string, unknown> };

async function post(port: number, request: Request): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(typeof request === 'string' ? { query: request } : request),
  });
  const json = (await response.json()) as { data?: unknown; errors?: unknown };
  if (response.status !== 200 || json.errors) {
    throw new Error(`answered ${response.status}: ${JSON.stringify(json.errors ?? json).slice(0, 300)}`);
  }
  return json.data;
}

/** A closed loop: CONCURRENCY workers send `query(i)` back to back for `seconds`. */
async function loop(port: number, seconds: number, query: (i: number) => Request): Promise<LoopResult> {
  const latencies: number[] = [];
  let next = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  const worker = async () => {
    while (performance.now() < deadline) {
      const i = next++;
      const t0 = performance.now();
      await post(port, query(i));
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = (performance.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { requests: latencies.length, rps: latencies.length / elapsed, p50: at(0.5), p99: at(0.99) };
}

/**
 * The weight of changed node `k` in request `i`: the first one is unique to the request (steps of
 * 0.000004 over a million requests), so no two requests of a run are the same text and the response
 * cache never answers one; the other two cycle through 400 values. Sent as variables of one operation.
 */
function weightFor(i: number, k: number): string {
  if (k === 0) return (0.25 + (i % 1_000_000) / 250_000).toFixed(6);
  return (0.25 + ((i * 7 + k * 13) % 400) / 100).toFixed(2);
}

export async function benchWhatIf(options: WhatIfOptions): Promise<WhatIfResult> {
  const { log } = options;
  const { document, indicators } = methodologyWithAll();
  const changed = indicators.slice(0, 3);
  // One operation, its weights in variables — as the admin's what-if page and a partner's client send it.
  const whatIfDocument = `query WhatIf($weights: [WeightInput!]!) { edition(year: ${YEAR}) { whatIf(dimension: "all", first: ${PAGE}, weights: $weights) { edges { node { rank score officialRank rankChange project { slug } } } } } }`;
  const whatIfQuery = (i: number): Request => ({
    query: whatIfDocument,
    variables: { weights: changed.map((node, k) => ({ node, weight: Number(weightFor(i, k)) })) },
  });
  const officialQuery = () =>
    `{ edition(year: ${YEAR}) { ranking(dimension: "all", first: ${PAGE}) { edges { node { rank score project { slug } } } } } }`;

  const whatIf: LoopResult[] = [];
  const official: LoopResult[] = [];
  await options.withDatabase(`bench_whatif_${process.pid}`, async (url) => {
    await prepare(url, options.projects, document, log);
    const server = serve(options.root, url, PORTS.large);
    try {
      await waitFor(`http://127.0.0.1:${PORTS.large}/healthz`);
      const first = (await post(PORTS.large, whatIfQuery(0))) as {
        edition: { whatIf: { edges: unknown[] } };
      };
      if (first.edition.whatIf.edges.length !== PAGE) throw new Error('what-if answered a short page');
      await post(PORTS.large, officialQuery());
      for (let run = 0; run < options.runs; run++) {
        whatIf.push(await loop(PORTS.large, options.seconds, (i) => whatIfQuery(run * 100_000 + i + 1)));
        official.push(await loop(PORTS.large, options.seconds, officialQuery));
        log(
          `run ${run + 1}: whatIf p50 ${fmt(whatIf.at(-1)?.p50 ?? 0, 1)} ms, official (cached) p50 ${fmt(official.at(-1)?.p50 ?? 0, 1)} ms`,
        );
      }
    } finally {
      await stopGroup(server);
    }
  });

  const boundsMs: number[] = [];
  let boundsMethod = '';
  await options.withDatabase(`bench_bounds_${process.pid}`, async (url) => {
    // The synthetic projects go round the four categories: 4 × n projects give n per dimension.
    await prepare(url, options.boundsProjects * 4, undefined, log);
    const server = serve(options.root, url, PORTS.small);
    try {
      await waitFor(`http://127.0.0.1:${PORTS.small}/healthz`);
      for (let run = 0; run < options.runs; run++) {
        // A band not asked before: the response cache cannot answer it.
        const band = (0.5 - run / 100).toFixed(2);
        const t0 = performance.now();
        const data = (await post(
          PORTS.small,
          `{ edition(year: ${YEAR}) { rankBounds(dimension: "model", band: ${band}, first: 100) { method totalCount edges { node { bestRank worstRank } } } } }`,
        )) as { edition: { rankBounds: { method: string; totalCount: number } } };
        boundsMs.push(performance.now() - t0);
        boundsMethod = data.edition.rankBounds.method;
        if (data.edition.rankBounds.totalCount !== options.boundsProjects)
          throw new Error(`rank bounds over ${data.edition.rankBounds.totalCount} projects`);
        log(`run ${run + 1}: rankBounds ${fmt(boundsMs.at(-1) ?? 0)} ms (${boundsMethod})`);
      }
    } finally {
      await stopGroup(server);
    }
  });
  return {
    projects: options.projects,
    indicators: indicators.length,
    whatIf,
    official,
    boundsMs,
    boundsMethod,
    boundsProjects: options.boundsProjects,
    seconds: options.seconds,
    runs: options.runs,
  };
}

const met = (ok: boolean) => (ok ? 'met' : 'not met');

export function whatIfMarkdown(r: WhatIfResult): string[] {
  const m = (xs: LoopResult[], key: keyof LoopResult) => median(xs.map((x) => x[key]));
  const p50 = m(r.whatIf, 'p50');
  const p99 = m(r.whatIf, 'p99');
  const bounds = median(r.boundsMs);
  return [
    `## What-if and rank bounds (issue #15): one dimension of ${fmt(r.projects)} projects, PostgreSQL`,
    '',
    `\`Edition.whatIf\` on the dimension \`all\` (${fmt(r.projects)} synthetic projects, ${r.indicators} indicators; see apps/api/bench/what-if.ts), a page of ${PAGE} with three weights changed — one operation with the weights in variables, as the admin's what-if page sends it, and different weights in every request, so nothing is answered from a cache — beside the official \`ranking\` page of ${PAGE} of the same dimension, answered from the response cache after its first request. ${CONCURRENCY} requests in flight, ${r.seconds} s per run, medians of ${r.runs} run${r.runs === 1 ? '' : 's'}; \`ranking serve\` on the same machine.`,
    '',
    '| request | requests/s | p50 ms | p99 ms | target |',
    '| --- | ---: | ---: | ---: | --- |',
    `| \`whatIf\`, page of ${PAGE}, changed weights | ${fmt(m(r.whatIf, 'rps'), 1)} | ${fmt(p50, 1)} | ${fmt(p99, 1)} | p50 < 50 ms (${met(p50 < 50)}), p99 < 150 ms (${met(p99 < 150)}) |`,
    `| official \`ranking\`, page of ${PAGE}, cached | ${fmt(m(r.official, 'rps'), 1)} | ${fmt(m(r.official, 'p50'), 1)} | ${fmt(m(r.official, 'p99'), 1)} | — |`,
    '',
    `\`Edition.rankBounds\` (band ±50 %, then ±49 %, ±48 %…: never cached) on the dimension \`model\` of an edition of ${r.boundsProjects} projects per dimension, one request at a time:`,
    '',
    '| median ms | runs ms | method | target |',
    '| ---: | --- | --- | --- |',
    `| ${fmt(bounds)} | ${r.boundsMs.map((x) => fmt(x)).join(', ')} | ${r.boundsMethod} | < 2,000 ms (${met(bounds < 2000)}) |`,
  ];
}
