/**
 * Edition compute at scale on PostgreSQL, on evidence generated inside the database (no CSV on
 * disk): `BENCH_ONLY=computemem` (10,000 projects / 1,000,000 evidence: the compute memory rows,
 * optionally beside the code of another checkout) and `BENCH_ONLY=scale100k` (100,000 projects /
 * 10,000,000 evidence, with the import against a bare COPY).
 *
 * Steps on a fresh database: migrate; the synthetic projects without evidence (`seedSynthetic`,
 * seed 1); `evidencePerProject` approved values per project by one INSERT … SELECT over
 * generate_series — deterministic (md5 of project and position, the indicator shapes of
 * @ranking/schema), with the evidence indexes and foreign keys dropped for the load and rebuilt
 * after it, as `seedSynthetic` does for large loads; then `ranking edition create` and
 * `ranking edition compute` as child processes of the real CLI (wall time, peak RSS by GNU time
 * `%M`). With `baselineRoot`, the same edition is computed first by the CLI of that checkout (the
 * code before a change) and then by this one: same data, same database, and the two content hashes
 * must be equal. With `importCompare`, the generated evidence is written out by COPY TO (an import
 * file and the bare COPY's file) and loaded back both ways into the emptied table: `importEvidence`
 * (in process, as the import section) and a bare `COPY evidence FROM STDIN`.
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { INDICATOR_SHAPES, migrateDatabase, openDatabase, seedSynthetic, shapeOf } from '@ranking/schema';
import postgres from 'postgres';
import { createDeps } from '../src/app';
import { createMemoryRateLimitStore } from '../src/auth/rate-limit';
import { createSystemContext } from '../src/context';
import { loadEnv } from '../src/env';
import { importEvidence } from '../src/modules/bulk/import-service';
import { fmt } from './measure';
import { runNode } from './scale-cli';

export interface GeneratedScaleOptions {
  root: string;
  /** A fresh, empty database. */
  databaseUrl: string;
  projects: number;
  evidencePerProject: number;
  /** Another checkout whose CLI computes the same edition first (the code before a change). */
  baselineRoot?: string | undefined;
  importCompare: boolean;
  log: (line: string) => void;
  /** Called with the figures so far once the computes are done (before the import comparison). */
  onComputed?: (result: GeneratedScaleResult) => void;
}

export interface ComputeRun {
  /** Which code: 'this checkout' or the baseline's path. */
  code: string;
  ms: number;
  peakRssKb: number | null;
  contentHash: string | null;
}

export interface GeneratedScaleResult {
  projects: number;
  evidence: number;
  approvedInSnapshot: number | null;
  seedProjectsMs: number;
  generateMs: number;
  computes: ComputeRun[];
  results: number | null;
  importCompare: { rows: number; csvBytes: number; importMs: number; copyMs: number } | null;
  error: string | null;
}

const YEAR = 2030;
const CUTOFF = '2026-12-31';

/** The indicator shapes as SQL rows: key, kind, lo, hi, base, spread, decimals, source. */
function shapeRows(keys: readonly string[]): string {
  return keys
    .map((key, position) => {
      const { shape, source } = shapeOf(key);
      const lo = 'lo' in shape ? shape.lo : 0;
      const hi = 'hi' in shape ? shape.hi : 0;
      const base = 'base' in shape ? shape.base : 0;
      const spread = 'spread' in shape ? shape.spread : 0;
      const decimals = 'decimals' in shape ? shape.decimals : 0;
      return `(${position}, '${key}', '${shape.kind}', ${lo}, ${hi}, ${base}, ${spread}, ${decimals}, '${source}')`;
    })
    .join(',\n');
}

/** The one INSERT … SELECT that generates the evidence (see the file comment). */
function generateSql(keys: readonly string[], perProject: number): string {
  const n = keys.length;
  // u(text) → a uniform number in [0, 1) from the first 32 bits of its md5.
  const u = (text: string) => `(('x' || substr(md5(${text}), 1, 8))::bit(32)::bigint / 4294967296.0)`;
  return `
    WITH shapes (position, key, kind, lo, hi, base, spread, decimals, source) AS (VALUES ${shapeRows(keys)}),
    p AS (
      SELECT id, slug, repository_url, huggingface_url,
             0.15 + 0.8 * ${u("slug || ':level'")} AS level,
             floor(30 * ${u("slug || ':jitter'")})::int AS jitter
        FROM projects WHERE slug LIKE 'syn-%'),
    rows AS (
      SELECT p.id AS project_id, s.key, s.kind, s.lo, s.hi, s.base, s.spread, s.decimals,
             CASE WHEN s.source = 'huggingface' AND p.huggingface_url IS NOT NULL THEN p.huggingface_url
                  ELSE coalesce(p.repository_url, 'https://example.org/' || p.slug) END AS url,
             CASE WHEN s.source = 'any' THEN 'website' ELSE s.source END AS source_kind,
             (DATE '2026-11-30' - ((k / ${n}) * 91 + p.jitter)) AS observed_at,
             least(1.2, greatest(0, p.level - 0.02 * (k / ${n}) + 0.1 * (${u("p.id || ':' || k")} - 0.5))) AS x,
             k
        FROM p CROSS JOIN generate_series(0, ${perProject - 1}) AS k
        JOIN shapes AS s ON s.position = k % ${n})
    INSERT INTO evidence (project_id, indicator_key, value, source_url, canonical_url, observed_at,
                          retrieved_at, source_kind, note, is_illustrative, status, submitted_at, reviewed_at)
    SELECT project_id, key,
           CASE kind
             WHEN 'log' THEN round((10 ^ (lo + (hi - lo) * x))::numeric, 1)::float8 + 0
             WHEN 'fraction' THEN round(least(1, greatest(0.02, base + spread * (x - 0.5)))::numeric, 3)::float8
             WHEN 'linear' THEN round((lo + (hi - lo) * least(1, x))::numeric, decimals::int)::float8
             ELSE round((10 ^ (hi - (hi - lo) * least(1, x)))::numeric, 1)::float8 + 0.1
           END,
           url, url, observed_at, observed_at + TIME '12:00', source_kind,
           'Synthetic (generated in the database for the scale benchmark)', true, 'approved',
           observed_at + TIME '12:00', observed_at + TIME '12:00'
      FROM rows ORDER BY project_id, k`;
}

/** Drops the evidence indexes (but the primary key) and foreign keys; returns what recreates them. */
async function dropEvidenceIndexes(sql: postgres.Sql): Promise<string[]> {
  const indexes = await sql`
    SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes AS i
     WHERE i.schemaname = current_schema() AND i.tablename = 'evidence'
       AND NOT EXISTS (SELECT 1 FROM pg_constraint AS c
                        WHERE c.conrelid = 'evidence'::regclass AND c.conname = i.indexname)`;
  const keys = await sql`
    SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
     WHERE conrelid = 'evidence'::regclass AND contype = 'f'`;
  const restore: string[] = [];
  for (const { name, definition } of indexes) {
    await sql.unsafe(`DROP INDEX "${name}"`);
    restore.push(String(definition));
  }
  for (const { name, definition } of keys) {
    await sql.unsafe(`ALTER TABLE evidence DROP CONSTRAINT "${name}"`);
    restore.push(`ALTER TABLE evidence ADD CONSTRAINT "${name}" ${String(definition)}`);
  }
  return restore;
}

/**
 * `perProject` approved evidence values for every synthetic project, by one INSERT … SELECT, with the
 * evidence indexes and foreign keys dropped for the load and rebuilt after it; one transaction.
 */
export async function generateEvidence(sql: postgres.Sql, perProject: number): Promise<void> {
  const keys = (await sql`SELECT key FROM indicators ORDER BY key`).map((r) => String(r.key));
  const indicatorKeys = keys.length > 0 ? keys : Object.keys(INDICATOR_SHAPES).sort();
  await sql.begin(async (tx) => {
    const restore = await dropEvidenceIndexes(tx as unknown as postgres.Sql);
    await tx.unsafe(generateSql(indicatorKeys, perProject));
    await tx.unsafe(`SET LOCAL maintenance_work_mem = '512MB'`);
    for (const statement of restore) await tx.unsafe(statement);
  });
}

const since = (started: number) => performance.now() - started;

export async function benchGeneratedScale(options: GeneratedScaleOptions): Promise<GeneratedScaleResult> {
  const { log, databaseUrl } = options;
  const result: GeneratedScaleResult = {
    projects: options.projects,
    evidence: 0,
    approvedInSnapshot: null,
    seedProjectsMs: 0,
    generateMs: 0,
    computes: [],
    results: null,
    importCompare: null,
    error: null,
  };
  const handle = await openDatabase({ url: databaseUrl, max: 4 });
  const work = mkdtempSync(join(tmpdir(), 'ranking-bench-generated-'));
  try {
    await migrateDatabase(handle);
    let started = performance.now();
    await seedSynthetic(handle, { projects: options.projects, seed: 1, evidencePerProject: 0 });
    result.seedProjectsMs = since(started);
    log(`seeded ${fmt(options.projects)} projects in ${fmt(result.seedProjectsMs / 1000, 1)} s`);
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    try {
      started = performance.now();
      await generateEvidence(sql, options.evidencePerProject);
      await sql`ANALYZE evidence`;
      result.generateMs = since(started);
      const [count] = await sql`SELECT count(*)::int AS n FROM evidence`;
      result.evidence = Number(count?.n ?? 0);
      log(`generated ${fmt(result.evidence)} evidence values in ${fmt(result.generateMs / 1000, 1)} s`);

      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DATABASE_URL: databaseUrl,
        NODE_ENV: 'production',
        AUTH_SECRET: 'b'.repeat(40),
        STATEMENT_TIMEOUT_MS: '0',
      };
      delete env.PGLITE_DIR;
      const cli = async (root: string, command: string) =>
        runNode([join(root, 'apps/api/bin/ranking.js'), ...command.split(' ')], env, join(root, 'apps/api'));
      await cli(options.root, `edition create ${YEAR} --cutoff ${CUTOFF}`);
      const roots = [
        ...(options.baselineRoot ? [{ code: options.baselineRoot, root: options.baselineRoot }] : []),
        { code: 'this checkout', root: options.root },
      ];
      for (const { code, root } of roots) {
        log(`ranking edition compute ${YEAR} (${code})…`);
        const run = await cli(root, `edition compute ${YEAR}`);
        const computed: ComputeRun = {
          code,
          ms: run.ms,
          peakRssKb: run.peakRssKb,
          contentHash: /content hash ([0-9a-f]{64})/.exec(run.stdout)?.[1] ?? null,
        };
        result.computes.push(computed);
        log(
          `compute (${code}): ${fmt(run.ms / 1000, 1)} s, peak RSS ${run.peakRssKb === null ? '?' : fmt(run.peakRssKb / 1024)} MiB, hash ${computed.contentHash}`,
        );
      }
      const [counts] = await sql`
        SELECT (SELECT count(*) FROM edition_evidence)::int AS evidence, (SELECT count(*) FROM results)::int AS results`;
      result.approvedInSnapshot = Number(counts?.evidence ?? 0);
      result.results = Number(counts?.results ?? 0);

      options.onComputed?.(result);
      if (options.importCompare) result.importCompare = await compareImport(handle, databaseUrl, work, log);
    } finally {
      await sql.end();
    }
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
    log(`scale run: ${result.error}`);
  } finally {
    await handle.close();
    rmSync(work, { recursive: true, force: true });
  }
  return result;
}

/**
 * The generated evidence written out by COPY TO — the import file (slug, indicator, value, observed
 * date, URL, source kind) and the bare COPY's file (the same rows resolved to project ids and
 * canonical URLs) — then loaded back into the emptied table both ways, bare COPY first. Each COPY
 * stream has a connection of its own, closed after it: a query sent on a connection after a COPY TO
 * stream had ended was answered by the server but never resolved (postgres.js 3.4.9; the run hung
 * there).
 */
export async function compareImport(
  handle: Awaited<ReturnType<typeof openDatabase>>,
  databaseUrl: string,
  work: string,
  log: (line: string) => void,
): Promise<NonNullable<GeneratedScaleResult['importCompare']>> {
  const importPath = join(work, 'evidence.csv');
  const copyPath = join(work, 'copy.csv');
  const session = async <T>(use: (sql: postgres.Sql) => Promise<T>): Promise<T> => {
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    try {
      return await use(sql);
    } finally {
      await sql.end();
    }
  };
  const copyOut = (query: string, path: string) =>
    session(async (sql) => {
      const readable = await sql
        .unsafe(`COPY (${query}) TO STDOUT WITH (FORMAT csv, HEADER ${path === importPath})`)
        .readable();
      await pipeline(readable, createWriteStream(path));
    });
  log('writing the import file and the bare COPY file (COPY TO)…');
  await copyOut(
    `SELECT p.slug AS project, e.indicator_key AS indicator, e.value, e.observed_at, e.source_url, e.source_kind
       FROM evidence AS e JOIN projects AS p ON p.id = e.project_id ORDER BY e.id`,
    importPath,
  );
  await copyOut(
    `SELECT project_id, indicator_key, value, observed_at, source_url, source_kind, canonical_url
       FROM evidence ORDER BY id`,
    copyPath,
  );
  // The edition's evidence snapshot first (it refers to the evidence: migration 0023 refuses
  // truncating the evidence under it), then the evidence and what refers to it by foreign key.
  const empty = () =>
    session(async (sql) => {
      await sql`TRUNCATE edition_evidence`;
      await sql`TRUNCATE evidence CASCADE`;
    });
  const rows = await session(async (sql) => {
    const [count] = await sql`SELECT count(*)::int AS n FROM evidence`;
    return Number(count?.n ?? 0);
  });
  await empty();
  log(`bare COPY of ${fmt(rows)} rows…`);
  let started = performance.now();
  await session(async (sql) => {
    const writable = await sql
      .unsafe(
        'COPY evidence (project_id, indicator_key, value, observed_at, source_url, source_kind, canonical_url) FROM STDIN WITH (FORMAT csv)',
      )
      .writable();
    await pipeline(createReadStream(copyPath, { highWaterMark: 1 << 20 }), writable);
  });
  const copyMs = since(started);
  log(`bare COPY: ${fmt(copyMs / 1000, 1)} s`);
  await empty();
  const deps = createDeps(
    loadEnv({
      NODE_ENV: 'test',
      AUTH_SECRET: 'x'.repeat(40),
      STATEMENT_TIMEOUT_MS: '0',
      SENSITIVITY_SAMPLES: '0',
    }),
    { handle, authSecret: 'x'.repeat(40), rateLimits: createMemoryRateLimitStore() },
  );
  const ctx = createSystemContext(deps, 'bench');
  log(`importEvidence of ${fmt(rows)} rows…`);
  started = performance.now();
  const report = await importEvidence(ctx, createReadStream(importPath, { highWaterMark: 1 << 20 }), {});
  const importMs = since(started);
  await deps.rateLimits.close();
  if (report.status !== 'imported' || report.inserted !== rows)
    throw new Error(`import: ${report.status}, ${report.inserted} of ${rows} rows`);
  log(`importEvidence: ${fmt(importMs / 1000, 1)} s`);
  return { rows, csvBytes: statSync(importPath).size, importMs, copyMs };
}

const mib = (kb: number | null) => (kb === null ? '?' : fmt(kb / 1024));
const met = (ok: boolean) => (ok ? 'met' : '**not met**');

/** The compute memory rows (10,000 / 1,000,000): before (baseline) and after, with the targets. */
export function computeMemoryMarkdown(r: GeneratedScaleResult, command: string): string[] {
  const before = r.computes.length > 1 ? r.computes[0] : undefined;
  const after = r.computes.at(-1);
  const lines = [
    `## Edition compute memory: ${fmt(r.projects)} projects, ${fmt(r.evidence)} evidence, PostgreSQL`,
    '',
    `${command}. Evidence generated in the database (${fmt(r.evidence)} approved values; ${fmt(r.approvedInSnapshot ?? 0)} in the snapshot, ${fmt(r.results ?? 0)} results), then \`ranking edition compute ${YEAR}\` as a child process of the real CLI: wall time (Node start-up included) and peak RSS (GNU time \`%M\`); sensitivity with the CLI's default 200 samples.${before ? ` The same edition is computed twice on the same database: first by the code before the columnar compute (a checkout of commit a8f440a at \`${before.code}\`), then by this checkout.` : ''}`,
    '',
    '| code | compute s | peak RSS MiB | content hash |',
    '| ---- | --------: | -----------: | ------------ |',
    ...r.computes.map(
      (c) =>
        `| ${c.code === 'this checkout' ? 'columnar (this checkout)' : 'objects (a8f440a)'} | ${fmt(c.ms / 1000, 1)} | ${mib(c.peakRssKb)} | \`${c.contentHash ?? '?'}\` |`,
    ),
    '',
  ];
  if (after) {
    const rssOk = after.peakRssKb !== null && after.peakRssKb <= 400 * 1024;
    lines.push(
      `Targets: peak RSS ≤ 400 MiB — ${mib(after.peakRssKb)} MiB, ${met(rssOk)}${before ? ` (from ${mib(before.peakRssKb)} MiB)` : ''}; time ≤ today's — ${fmt(after.ms / 1000, 1)} s${before ? ` against ${fmt(before.ms / 1000, 1)} s, ${met(after.ms <= before.ms)}` : ''}.${before ? ` Content hash ${before.contentHash === after.contentHash ? '**equal**: the columnar compute reproduces the edition' : '**differs**'}.` : ''}`,
      '',
    );
  }
  if (r.error) lines.push(`The run failed: ${r.error}`, '');
  return lines;
}

/** The 100,000 / 10,000,000 section with its targets. */
export function scale100kMarkdown(r: GeneratedScaleResult, command: string): string[] {
  const compute = r.computes.at(-1);
  const lines = [
    `## Scale: ${fmt(r.projects)} projects, ${fmt(r.evidence)} evidence, PostgreSQL (generated in the database)`,
    '',
    `${command}. A fresh database: the synthetic projects (\`seedSynthetic\`, seed 1, no evidence), then the evidence generated by one INSERT … SELECT over generate_series (deterministic: md5 of project and position, the indicator shapes of @ranking/schema; indexes and foreign keys rebuilt after the load), then \`ranking edition create\` and \`ranking edition compute\` through the real CLI (child processes; wall time, peak RSS by GNU time \`%M\`; 200 sensitivity samples). One run each.`,
    '',
    '| step | s | peak RSS MiB | target |',
    '| ---- | -: | -----------: | ------ |',
    `| seed ${fmt(r.projects)} synthetic projects (in process) | ${fmt(r.seedProjectsMs / 1000, 1)} | — | — |`,
    `| generate ${fmt(r.evidence)} evidence (INSERT … SELECT generate_series, index rebuild, ANALYZE) | ${fmt(r.generateMs / 1000, 1)} | — | — |`,
  ];
  if (compute) {
    const ok = compute.ms < 5 * 60_000;
    const rssOk = compute.peakRssKb !== null && compute.peakRssKb < 2 * 1024 * 1024;
    lines.push(
      `| \`ranking edition compute ${YEAR}\` (${fmt(r.approvedInSnapshot ?? 0)} evidence in the snapshot, ${fmt(r.results ?? 0)} results) | ${fmt(compute.ms / 1000, 1)} | ${mib(compute.peakRssKb)} | < 300 s (${met(ok)}); < 2,048 MiB (${met(rssOk)}) |`,
    );
  }
  if (r.importCompare) {
    const c = r.importCompare;
    const ratio = c.importMs / c.copyMs;
    lines.push(
      `| bare \`COPY evidence FROM STDIN\` of ${fmt(c.rows)} rows (resolved to project ids and canonical URLs; all indexes and constraints) | ${fmt(c.copyMs / 1000, 1)} | — | — |`,
      `| \`importEvidence\` of the same ${fmt(c.rows)} rows (${fmt(c.csvBytes / 1e6, 1)} MB CSV; in process, as the import section) | ${fmt(c.importMs / 1000, 1)} | — | ≤ 2× bare COPY: ${fmt(ratio, 2)}× (${met(ratio <= 2)}) |`,
    );
  }
  lines.push('');
  if (compute) lines.push(`Content hash of edition ${YEAR}: \`${compute.contentHash ?? '?'}\`.`, '');
  if (r.error) lines.push(`The run failed: ${r.error}`, '');
  return lines;
}
