/**
 * `npm run bench` (turbo → this file for @ranking/api): bulk import vs bare COPY, edition compute at
 * scale, the API (response cache on and off) against PostGraphile 5 and the raw floor (./api-peers.ts:
 * throughput, latency, SQL statements per operation), the scale run on PGlite through the CLI beside
 * the same steps on PostgreSQL (./scale-cli.ts), plus the scoring engine's figures from
 * packages/scoring/bench/RESULTS.md and the collectors' from packages/collectors/bench/RESULTS.md.
 * Writes <repo>/BENCHMARKS.md. Benchmarks report; they never fail CI. Databases are created as
 * bench_* and dropped afterwards. PostGraphile and its Node 22 are installed on first use into the
 * git-ignored <repo>/.bench/peers (needs the npm registry; without it the report says why it is missing).
 *
 * Knobs (environment):
 * - BENCH_PG: server URL, default postgres://postgres@127.0.0.1:5432/postgres
 * - BENCH_PROJECTS: default 10000; evidence = 100 per project
 * - BENCH_RUNS: runs per case, default 3 (medians)
 * - BENCH_SECONDS: autocannon duration per run, default 10
 * - BENCH_RATE: the fixed request rate, default 100/s
 * - BENCH_ONLY=api with BENCH_API_DATABASE_URL=<database with a published edition 2030>: only the API
 *   section, against that database as it is (read only: no import, no compute, nothing created or
 *   dropped); writes BENCHMARKS.api-only.md in the OS temporary directory and prints its path. For
 *   quick iterations, e.g. BENCH_ONLY=api BENCH_API_DATABASE_URL=postgres://…/db BENCH_SECONDS=3
 *   BENCH_RUNS=1 npm run bench -w @ranking/api
 * - BENCH_PGLITE=0: no scale run on PGlite (and no PostgreSQL reference for it)
 * - BENCH_ONLY=pglite: only that scale run (writes its own CSV of BENCH_PROJECTS × 100 rows); writes
 *   BENCHMARKS.pglite-only.md in the OS temporary directory and prints its path
 * - BENCH_ONLY=whatif: only the what-if and rank-bounds section (./what-if.ts: its own databases on
 *   BENCH_PG, BENCH_PROJECTS projects in one dimension, BENCH_BOUNDS_PROJECTS per dimension for the
 *   rank bounds, default 120); replaces that section of <repo>/BENCHMARKS.md (the rest is kept)
 * - BENCH_BOUNDS_PROJECTS: projects per dimension of the rank-bounds edition, default 120
 * - BENCH_ONLY=partners: only the partner workload section (./partners.ts: its own database on
 *   BENCH_PG, BENCH_PARTNERS_PROJECTS projects, default 2000; 10 keys per workload, published and
 *   drafts, against PostGraphile 5 and the raw floor); replaces that section of <repo>/BENCHMARKS.md
 * - BENCH_ONLY=partners-ab with BENCH_BASELINE_ROOT=<another checkout, with node_modules>: the drafts
 *   workload against both builds of the API at once, each loaded by its own 10 connections on one
 *   database, BENCH_SECONDS per round, max(BENCH_RUNS, 4) rounds; prints each build's CPU per request
 *   and their ratio (a change's effect on a machine too noisy for one-at-a-time runs), written into its
 *   own section of <repo>/BENCHMARKS.md.
 * - BENCH_ONLY=computemem: edition compute at 10,000 projects / 1,000,000 evidence generated in the
 *   database (./scale-generated.ts), through the CLI: wall time and peak RSS; with
 *   BENCH_BASELINE_ROOT=<another checkout, e.g. of the commit before a change, with node_modules> the
 *   same edition is computed first by that checkout's CLI (before/after, same data, hashes compared).
 *   Replaces its section of <repo>/BENCHMARKS.md
 * - BENCH_ONLY=scale100k: the same at 100,000 projects / 10,000,000 evidence (BENCH_SCALE_PROJECTS,
 *   default 100000), plus importEvidence against a bare COPY of the 10,000,000 rows
 *   (BENCH_SCALE_IMPORT=0: without). Replaces its section of <repo>/BENCHMARKS.md. Not part of the
 *   full run: about half an hour on the 2-core machine, and ~6 GB of database and CSV
 */
import { execFileSync } from 'node:child_process';
import {
  createReadStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase, openDatabase, seedSynthetic, writeSyntheticEvidenceCsv } from '@ranking/schema';
import postgres from 'postgres';
import { createDeps } from '../src/app';
import { createMemoryRateLimitStore } from '../src/auth/rate-limit';
import { createSystemContext } from '../src/context';
import { loadEnv } from '../src/env';
import { importEvidence } from '../src/modules/bulk/import-service';
import { computeEdition } from '../src/modules/editions/compute-service';
import { createEdition, publishEdition } from '../src/modules/editions/lifecycle-service';
import {
  type ApiPeersOptions,
  type ApiPeersResult,
  apiPeersMarkdown,
  benchApiAgainstPeers,
} from './api-peers';
import { growthMarkdown } from './growth';
import { fmt, log, median, ROOT } from './measure';
import {
  benchPartners,
  compareBuilds,
  type PartnersOptions,
  type PartnersResult,
  partnersMarkdown,
} from './partners';
import { directoryBytes, runScaleCli, type ScaleReport, scaleMarkdown } from './scale-cli';
import {
  benchGeneratedScale,
  computeMemoryMarkdown,
  type GeneratedScaleResult,
  scale100kMarkdown,
} from './scale-generated';
import { benchWhatIf, type WhatIfOptions, type WhatIfResult, whatIfMarkdown } from './what-if';

const SERVER = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const ONLY = process.env.BENCH_ONLY;
const API_DATABASE_URL = process.env.BENCH_API_DATABASE_URL;
const PGLITE = process.env.BENCH_PGLITE !== '0';
const BOUNDS_PROJECTS = Number(process.env.BENCH_BOUNDS_PROJECTS ?? 120);
const PARTNERS_PROJECTS = Number(process.env.BENCH_PARTNERS_PROJECTS ?? 2000);
/** The edition the API section reads: the first one computed below, published. */
const YEAR = 2030;

/** The API section's settings, on a database whose edition `editionId` is published. */
const apiOptions = (databaseUrl: string, editionId: number): ApiPeersOptions => ({
  root: ROOT,
  databaseUrl,
  editionId,
  year: YEAR,
  dimension: 'model',
  seconds: SECONDS,
  runs: RUNS,
  rate: RATE,
  log,
});

function urlOf(name: string): string {
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withDatabase<T>(name: string, work: (url: string) => Promise<T>): Promise<T> {
  const admin = postgres(SERVER, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  try {
    return await work(urlOf(name));
  } finally {
    await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

const time = async (work: () => Promise<unknown>) => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};

const lines: string[] = [];
const md = (line = '') => lines.push(line);

function headerLines(started: Date, command: string, databaseUrl: string): string[] {
  const runs =
    ONLY === 'pglite'
      ? 'one run of each step'
      : `${RUNS} run${RUNS === 1 ? '' : 's'} per case, medians${ONLY ? '' : ' (import and compute list every run; one run of each step of the scale run)'}`;
  return [
    '# Benchmarks',
    '',
    command,
    `Run at ${started.toISOString()}; ${runs}. Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${fmt(totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}, PostgreSQL at ${new URL(databaseUrl).host}; load average at the end ${loadavg()
      .map((x) => x.toFixed(2))
      .join(', ')} — a shared, noisy machine: absolute figures vary, ratios less.`,
    '',
  ];
}

/**
 * The scale run through the CLI: the same steps on a fresh PostgreSQL database (the reference for the
 * content hash), then on PGlite in a fresh temporary PGLITE_DIR.
 */
async function benchScale(
  csvPath: string,
  csv: { rows: number; bytes: number },
  computeSection: ScaleReport['computeSection'],
): Promise<ScaleReport> {
  const common = {
    root: ROOT,
    projects: PROJECTS,
    csvPath,
    year: YEAR,
    cutoff: '2026-12-31',
    dimension: 'model',
    log,
  };
  const postgres = await withDatabase(`bench_scale_${process.pid}`, (url) =>
    runScaleCli({ ...common, database: { DATABASE_URL: url } }),
  );
  const dir = mkdtempSync(join(tmpdir(), 'ranking-bench-pglite-'));
  try {
    const pglite = await runScaleCli({ ...common, database: { PGLITE_DIR: join(dir, 'pglite') } });
    return {
      projects: PROJECTS,
      rows: csv.rows,
      csvBytes: csv.bytes,
      year: YEAR,
      cutoff: common.cutoff,
      pglite,
      postgres,
      pgliteBytes: directoryBytes(join(dir, 'pglite')),
      computeSection,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const whatIfOptions = (): WhatIfOptions => ({
  root: ROOT,
  withDatabase,
  projects: PROJECTS,
  boundsProjects: BOUNDS_PROJECTS,
  seconds: SECONDS,
  runs: RUNS,
  log,
});

const WHAT_IF_HEADING = '## What-if and rank bounds';
const PARTNERS_HEADING = '## Partner workload';
const PARTNERS_AB_HEADING = '## Partner workload: two builds side by side';

const partnersOptions = (): PartnersOptions => ({
  root: ROOT,
  withDatabase,
  projects: PARTNERS_PROJECTS,
  seconds: SECONDS,
  runs: RUNS,
  rate: RATE,
  log,
});

/** The closing line of a section measured alone. */
const measuredAlone = (command: string, started: Date) =>
  `Measured alone (\`${command}\`) at ${started.toISOString()} on a machine shared with other work (${loadAverage()}): the other sections of this file are from their own run.`;

const loadAverage = () =>
  `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}; load average at the end ${loadavg()
    .map((x) => x.toFixed(2))
    .join(', ')}`;

/**
 * Writes `section` into <repo>/BENCHMARKS.md in place of the section starting with `heading`
 * (before "## Scoring engine" when there is none); the other sections stay.
 */
function replaceSection(heading: string, section: string[]): string {
  const path = join(ROOT, 'BENCHMARKS.md');
  const old = existsSync(path) ? readFileSync(path, 'utf8').split('\n') : ['# Benchmarks', ''];
  const start = old.findIndex((l) => l.startsWith(heading));
  const at = start === -1 ? old.findIndex((l) => l === '## Scoring engine') : start;
  const end = start === -1 ? at : old.findIndex((l, i) => i > start && l.startsWith('## '));
  const before = at === -1 ? old : old.slice(0, at);
  const after = at === -1 ? [] : old.slice(end === -1 ? old.length : end);
  writeFileSync(path, [...before, ...section, ...after].join('\n'));
  return path;
}

/** BENCH_ONLY=whatif: the what-if section alone, written into <repo>/BENCHMARKS.md in place. */
async function mainWhatIfOnly(): Promise<void> {
  const started = new Date();
  const result = await benchWhatIf(whatIfOptions());
  const section = [
    ...whatIfMarkdown(result),
    '',
    measuredAlone('BENCH_ONLY=whatif npm run bench -w @ranking/api', started),
    '',
  ];
  log(`wrote the what-if section of ${replaceSection(WHAT_IF_HEADING, section)}`);
}

/** BENCH_ONLY=partners: the partner workload section alone, written into <repo>/BENCHMARKS.md in place. */
async function mainPartnersOnly(): Promise<void> {
  const started = new Date();
  const result = await benchPartners(partnersOptions());
  const section = [
    ...partnersMarkdown(result, measuredAlone('BENCH_ONLY=partners npm run bench -w @ranking/api', started)),
    '',
  ];
  log(`wrote the partner workload section of ${replaceSection(PARTNERS_HEADING, section)}`);
}

/** BENCH_ONLY=partners-ab: this checkout against BENCH_BASELINE_ROOT under the drafts workload, side by side. */
async function mainPartnersAb(): Promise<void> {
  const baselineRoot = process.env.BENCH_BASELINE_ROOT;
  if (!baselineRoot)
    throw new Error('BENCH_ONLY=partners-ab needs BENCH_BASELINE_ROOT=<another checkout with node_modules>');
  const started = new Date();
  const rounds = await compareBuilds({
    root: ROOT,
    baselineRoot,
    withDatabase,
    projects: PARTNERS_PROJECTS,
    seconds: SECONDS,
    rounds: Math.max(RUNS, 4),
    log,
  });
  const commit = (root: string) =>
    execFileSync('git', ['-C', root, 'rev-parse', '--short', 'HEAD']).toString().trim();
  const ratios = rounds.map((r) => r.current.cpuMs / r.baseline.cpuMs);
  const section = [
    PARTNERS_AB_HEADING,
    '',
    `The drafts workload of "Partner workload (issue #16)" against two builds of the API at once (apps/api/bench/partners.ts, \`compareBuilds\`): commit ${commit(ROOT)} and the baseline ${commit(baselineRoot)}, on one database of ${fmt(PARTNERS_PROJECTS)} projects, each loaded by its own 10 connections in the same ${SECONDS} s per round, so what else the machine does slows both alike. All 100 answers of the two builds were the same bytes. CPU per request is the process's user and system time over its requests.`,
    '',
    '| round | baseline req/s | baseline CPU ms/request | this build req/s | this build CPU ms/request | CPU per request, this build / baseline |',
    '|--:|--:|--:|--:|--:|--:|',
    ...rounds.map(
      (r, i) =>
        `| ${i + 1} | ${fmt(r.baseline.rps)} | ${fmt(r.baseline.cpuMs, 3)} | ${fmt(r.current.rps)} | ${fmt(r.current.cpuMs, 3)} | ${fmt(ratios[i] ?? 0, 3)} |`,
    ),
    '',
    `Median: this build takes **${fmt(median(ratios), 3)}×** the baseline's CPU per request.`,
    '',
    measuredAlone(
      `BENCH_ONLY=partners-ab BENCH_BASELINE_ROOT=<checkout of ${commit(baselineRoot)}> npm run bench -w @ranking/api`,
      started,
    ),
    '',
  ];
  log(`wrote the side-by-side section of ${replaceSection(PARTNERS_AB_HEADING, section)}`);
}

/** BENCH_ONLY=computemem and BENCH_ONLY=scale100k (./scale-generated.ts), each its own section. */
async function mainGeneratedScale(mode: 'computemem' | 'scale100k'): Promise<void> {
  const started = new Date();
  const projects = mode === 'computemem' ? PROJECTS : Number(process.env.BENCH_SCALE_PROJECTS ?? 100_000);
  const command = `BENCH_ONLY=${mode} npm run bench -w @ranking/api`;
  const write = (result: GeneratedScaleResult, partial: boolean) => {
    const lines =
      mode === 'computemem'
        ? computeMemoryMarkdown(result, `Command: \`${command}\``)
        : scale100kMarkdown(result, `Command: \`${command}\``);
    const path = replaceSection(mode === 'computemem' ? '## Edition compute memory' : '## Scale: ', [
      ...lines,
      ...(partial ? ['(Written after the compute; the import comparison was still running.)', ''] : []),
      measuredAlone(command, started),
      '',
    ]);
    log(`wrote the ${mode} section of ${path}`);
  };
  const result = await withDatabase(`bench_${mode}_${process.pid}`, (databaseUrl) =>
    benchGeneratedScale({
      root: ROOT,
      databaseUrl,
      projects,
      evidencePerProject: 100,
      baselineRoot: mode === 'computemem' ? process.env.BENCH_BASELINE_ROOT : undefined,
      importCompare: mode === 'scale100k' && process.env.BENCH_SCALE_IMPORT !== '0',
      log,
      onComputed: (partial) => write(partial, mode === 'scale100k' && process.env.BENCH_SCALE_IMPORT !== '0'),
    }),
  );
  write(result, false);
}

/** BENCH_ONLY=pglite: the scale run alone, on its own CSV. */
async function mainPgliteOnly(): Promise<void> {
  const started = new Date();
  const work = mkdtempSync(join(tmpdir(), 'ranking-bench-'));
  try {
    const csvPath = join(work, 'evidence.csv');
    log(`writing ${PROJECTS * 100} synthetic evidence rows…`);
    const csv = await writeSyntheticEvidenceCsv(csvPath, { projects: PROJECTS, seed: 1 });
    const scale = await benchScale(csvPath, csv, null);
    for (const line of headerLines(
      started,
      'Command: `BENCH_ONLY=pglite npm run bench -w @ranking/api`; the PGlite scale section only.',
      SERVER,
    ))
      md(line);
    for (const line of scaleMarkdown(scale)) md(line);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const path = join(tmpdir(), 'BENCHMARKS.pglite-only.md');
  writeFileSync(path, `${lines.join('\n')}\n`);
  log(`wrote ${path}`);
  process.stdout.write(`${path}\n`);
}

/** BENCH_ONLY=api: the API section alone, on an existing database, read only. */
async function mainApiOnly(): Promise<void> {
  if (!API_DATABASE_URL)
    throw new Error(
      `BENCH_ONLY=api needs BENCH_API_DATABASE_URL (a database with a published edition ${YEAR})`,
    );
  const started = new Date();
  const sql = postgres(API_DATABASE_URL, { max: 1, onnotice: () => {} });
  const [edition] = await sql`SELECT id FROM editions WHERE year = ${YEAR} AND status = 'published'
    ORDER BY revision DESC LIMIT 1`;
  await sql.end();
  if (!edition) throw new Error(`no published edition ${YEAR} in BENCH_API_DATABASE_URL`);
  const options = apiOptions(API_DATABASE_URL, Number(edition.id));
  const api = await benchApiAgainstPeers(options);
  const database = new URL(API_DATABASE_URL);
  for (const line of headerLines(
    started,
    `Command: \`BENCH_ONLY=api npm run bench -w @ranking/api\` on the existing database \`${database.pathname.slice(1)}\` at ${database.host} (edition ${YEAR}, id ${edition.id}); the API section only.`,
    API_DATABASE_URL,
  ))
    md(line);
  for (const line of apiPeersMarkdown(api, options)) md(line);
  const path = join(tmpdir(), 'BENCHMARKS.api-only.md');
  writeFileSync(path, `${lines.join('\n')}\n`);
  log(`wrote ${path}`);
  process.stdout.write(`${path}\n`);
}

async function main(): Promise<void> {
  if (ONLY === 'api') return mainApiOnly();
  if (ONLY === 'pglite') return mainPgliteOnly();
  if (ONLY === 'whatif') return mainWhatIfOnly();
  if (ONLY === 'partners') return mainPartnersOnly();
  if (ONLY === 'partners-ab') return mainPartnersAb();
  if (ONLY === 'computemem' || ONLY === 'scale100k') return mainGeneratedScale(ONLY);
  if (ONLY)
    throw new Error(
      `BENCH_ONLY=${ONLY}: only "api", "pglite", "whatif", "partners", "computemem" and "scale100k" are known`,
    );
  const started = new Date();
  const work = mkdtempSync(join(tmpdir(), 'ranking-bench-'));
  const env = loadEnv({
    NODE_ENV: 'test',
    AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-000',
    STATEMENT_TIMEOUT_MS: '0',
  });
  const csvPath = join(work, 'evidence.csv');
  log(`writing ${PROJECTS * 100} synthetic evidence rows…`);
  const csv = await writeSyntheticEvidenceCsv(csvPath, { projects: PROJECTS, seed: 1 });
  const results: Record<string, unknown> = {};

  await withDatabase(`bench_bulk_${process.pid}`, async (url) => {
    const handle = await openDatabase({ url, max: 10 });
    await migrateDatabase(handle);
    await seedSynthetic(handle, { projects: PROJECTS, seed: 1, evidencePerProject: 0 });
    const deps = createDeps(env, {
      handle,
      authSecret: 'x'.repeat(40),
      rateLimits: createMemoryRateLimitStore(),
    });
    const ctx = createSystemContext(deps, 'bench');
    const sql = handle.client.kind === 'postgres' ? handle.client.sql : null;
    if (!sql) throw new Error('postgres only');
    // The bare COPY input: the same rows resolved to the table's columns (project id, canonical URL).
    const ids = new Map(
      (await sql`SELECT id, slug FROM projects`).map((r) => [String(r.slug), Number(r.id)]),
    );
    const copyPath = join(work, 'copy.csv');
    const text = readFileSync(csvPath, 'utf8').split('\n');
    writeFileSync(
      copyPath,
      text
        .slice(1)
        .filter(Boolean)
        .map((l) => {
          const [slug, ...rest] = l.split(',');
          const url2 = rest[3] ?? '';
          return [ids.get(slug ?? ''), ...rest, url2].join(',');
        })
        .join('\n'),
    );
    const importMs: number[] = [];
    const copyMs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      await sql`TRUNCATE evidence CASCADE`;
      copyMs.push(
        await time(async () => {
          const w = await sql
            .unsafe(
              'COPY evidence (project_id, indicator_key, value, observed_at, source_url, source_kind, canonical_url) FROM STDIN WITH (FORMAT csv)',
            )
            .writable();
          await new Promise<void>((resolve, reject) => {
            createReadStream(copyPath).pipe(w).on('finish', resolve).on('error', reject);
          });
        }),
      );
      await sql`TRUNCATE evidence CASCADE`;
      importMs.push(
        await time(async () => {
          const report = await importEvidence(ctx, createReadStream(csvPath, { highWaterMark: 1 << 20 }), {});
          if (report.status !== 'imported' || report.inserted !== csv.rows)
            throw new Error(`import: ${report.status}`);
        }),
      );
      log(`run ${run + 1}: import ${fmt(importMs.at(-1) ?? 0)} ms, bare COPY ${fmt(copyMs.at(-1) ?? 0)} ms`);
    }
    results.import = { importMs, copyMs };

    // Edition compute on approved synthetic evidence (96 % approved).
    await sql`TRUNCATE evidence CASCADE`;
    await seedSynthetic(handle, { projects: PROJECTS, seed: 1 });
    const computeMs: number[] = [];
    let editionId = 0;
    let contentHash: string | null = null;
    for (let run = 0; run < RUNS; run++) {
      const edition = await createEdition(ctx, {
        year: 2030 + run,
        title: `Bench ${run}`,
        cutoff: '2026-12-31',
      });
      const started2 = performance.now();
      const computed = await computeEdition(ctx, edition.id);
      computeMs.push(performance.now() - started2);
      log(`run ${run + 1}: compute ${fmt(computeMs.at(-1) ?? 0)} ms`);
      if (run === 0 && computed.contentHash) {
        await publishEdition(ctx, computed.id, computed.contentHash);
        editionId = computed.id;
        contentHash = computed.contentHash;
      }
    }
    const [counts] =
      await sql`SELECT (SELECT count(*) FROM edition_evidence WHERE edition_id = ${editionId})::int AS evidence,
      (SELECT count(*) FROM results WHERE edition_id = ${editionId})::int AS results`;
    results.compute = { computeMs, counts, samples: env.SENSITIVITY_SAMPLES, contentHash };
    await handle.close();

    // The API against its peers, on the data just computed.
    results.api = await benchApiAgainstPeers(apiOptions(url, editionId));
    results.editionId = editionId;
  });

  // What-if and rank bounds, on their own databases.
  try {
    results.whatIf = await benchWhatIf(whatIfOptions());
  } catch (error) {
    results.whatIfFailure = error instanceof Error ? error.message : String(error);
    log(`what-if section failed: ${results.whatIfFailure}`);
  }

  // The partner workload, on its own database.
  try {
    results.partners = await benchPartners(partnersOptions());
  } catch (error) {
    results.partnersFailure = error instanceof Error ? error.message : String(error);
    log(`partner workload failed: ${results.partnersFailure}`);
  }

  // The scale run through the CLI, on the same CSV; the PostgreSQL bench database is gone by now.
  if (PGLITE) {
    const computed = results.compute as { counts: { evidence: number }; contentHash: string | null };
    try {
      results.scale = await benchScale(csvPath, csv, {
        contentHash: computed.contentHash,
        evidence: computed.counts.evidence,
      });
    } catch (error) {
      results.scaleFailure = error instanceof Error ? error.message : String(error);
      log(`scale run failed: ${results.scaleFailure}`);
    }
  }

  // ---- BENCHMARKS.md
  const imp = results.import as { importMs: number[]; copyMs: number[] };
  const cmp = results.compute as {
    computeMs: number[];
    counts: { evidence: number; results: number };
    samples: number;
    contentHash: string | null;
  };
  const api = results.api as ApiPeersResult;
  for (const line of headerLines(
    started,
    "Command: `npm run bench` (turbo runs each workspace's `bench`; this file is written by `apps/api/bench/run.ts`).",
    SERVER,
  ))
    md(line);
  md(`## Bulk import: ${fmt(csv.rows)} evidence rows (${fmt(csv.bytes / 1e6, 1)} MB CSV), PostgreSQL`);
  md();
  md('| case | median ms | runs ms |');
  md('| --- | ---: | --- |');
  md(
    `| \`importEvidence\` (streaming parse + validation of every row, COPY into a temporary staging table, INSERT … SELECT … ON CONFLICT DO NOTHING, audit entry; one transaction) | ${fmt(median(imp.importMs))} | ${imp.importMs.map((x) => fmt(x)).join(', ')} |`,
  );
  md(
    `| bare \`COPY evidence FROM STDIN\` of the same rows (pre-resolved to project ids and canonical URLs; same table, same indexes and constraints) | ${fmt(median(imp.copyMs))} | ${imp.copyMs.map((x) => fmt(x)).join(', ')} |`,
  );
  const ratio = median(imp.importMs) / median(imp.copyMs);
  md();
  md(`Ratio import / bare COPY: **${ratio.toFixed(2)}** (target ≤ 2.0: ${ratio <= 2 ? 'met' : 'not met'}).`);
  md();
  md(
    `## Edition compute: ${fmt(PROJECTS)} projects, ${fmt(cmp.counts.evidence)} approved evidence in the snapshot, PostgreSQL`,
  );
  md();
  md(
    `Snapshots (projects, evidence) written set-based, evidence read back in pages, scores, sensitivity (${cmp.samples} samples), content hash, ${fmt(cmp.counts.results)} results stored in batches; one transaction.`,
  );
  md();
  md(`| median ms | runs ms | target |`);
  md('| ---: | --- | --- |');
  md(
    `| ${fmt(median(cmp.computeMs))} | ${cmp.computeMs.map((x) => fmt(x)).join(', ')} | < 30,000 (${median(cmp.computeMs) < 30_000 ? 'met' : 'not met'}) |`,
  );
  md();
  md(
    `The first run's edition (${YEAR}, content hash \`${cmp.contentHash ?? 'none'}\`) is published; the API section reads it.`,
  );
  md();
  if (results.scale) {
    for (const line of scaleMarkdown(results.scale as ScaleReport)) md(line);
    md();
  } else if (results.scaleFailure) {
    md('## Scale on PGlite');
    md();
    md(`**Not measured:** ${String(results.scaleFailure).replace(/\s+/g, ' ')}.`);
    md();
  } else if (!PGLITE) {
    md('## Scale on PGlite');
    md();
    md('Not run (BENCH_PGLITE=0).');
    md();
  }
  for (const line of apiPeersMarkdown(api, apiOptions(SERVER, Number(results.editionId)))) md(line);
  md();
  if (results.whatIf) for (const line of whatIfMarkdown(results.whatIf as WhatIfResult)) md(line);
  else md(`${WHAT_IF_HEADING}\n\n**Not measured:** ${String(results.whatIfFailure).replace(/\s+/g, ' ')}.`);
  md();
  if (results.partners)
    for (const line of partnersMarkdown(
      results.partners as PartnersResult,
      `Load average at the end of this section: ${loadAverage()}.`,
    ))
      md(line);
  else
    md(`${PARTNERS_HEADING}\n\n**Not measured:** ${String(results.partnersFailure).replace(/\s+/g, ' ')}.`);
  md();
  md('## Scoring engine');
  md();
  const scoring = join(ROOT, 'packages/scoring/bench/RESULTS.md');
  md(
    existsSync(scoring)
      ? `From \`npm run bench -w @ranking/scoring\` (packages/scoring/bench/RESULTS.md, its own run; turbo runs it in the same \`npm run bench\`):`
      : 'packages/scoring/bench/RESULTS.md not found.',
  );
  md();
  if (existsSync(scoring))
    for (const l of readFileSync(scoring, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('|')))
      md(l);
  md();
  const scale = results.scale as ScaleReport | undefined;
  const pgStep = (prefix: string) => scale?.postgres?.steps.find((step) => step.command.startsWith(prefix));
  const collected = existsSync(join(ROOT, 'packages/collectors/bench/RESULTS.md'))
    ? readFileSync(join(ROOT, 'packages/collectors/bench/RESULTS.md'), 'utf8')
    : '';
  // The "requests per project" column (the 8th) of a source's row in the collectors' results.
  const perProject = (source: string) => {
    const row = collected.split('\n').find((l) => l.startsWith(`| ${source}`));
    const cell = row?.split('|')[7]?.trim().replace(/,/g, '');
    return cell && Number.isFinite(Number(cell)) ? Number(cell) : null;
  };
  for (const line of growthMarkdown({
    rows: csv.rows,
    projects: PROJECTS,
    importMs: median(imp.importMs),
    computeMs: median(cmp.computeMs),
    computeRssKb: pgStep('ranking edition compute')?.peakRssKb ?? null,
    publishMs: pgStep('ranking edition publish')?.ms ?? null,
    rankingPageMs: scale?.postgres?.queries.find((q) => q.cache === 'off')?.medianMs ?? null,
    pgliteBytes: scale?.pgliteBytes ?? null,
    githubRequestsPerProject: perProject('GitHub'),
    hubRequestsPerProject: perProject('Hugging Face'),
  }))
    md(line);
  md();
  md('## Evidence collection against a fixed allowance');
  md();
  const collection = join(ROOT, 'packages/collectors/bench/RESULTS.md');
  if (existsSync(collection)) {
    md(
      'From `npm run bench -w @ranking/collectors` (packages/collectors/bench/RESULTS.md, its own run; turbo runs it in the same `npm run bench`):',
    );
    md();
    // Everything below its title.
    for (const l of readFileSync(collection, 'utf8').split('\n').slice(1)) md(l);
  } else md('packages/collectors/bench/RESULTS.md not found.');
  writeFileSync(join(ROOT, 'BENCHMARKS.md'), `${lines.join('\n')}\n`);
  rmSync(work, { recursive: true, force: true });
  log(`wrote ${join(ROOT, 'BENCHMARKS.md')} (${statSync(join(ROOT, 'BENCHMARKS.md')).size} bytes)`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    // The full run reports and never fails CI; the BENCH_ONLY iteration knob does fail.
    process.exit(ONLY ? 1 : 0);
  },
);
