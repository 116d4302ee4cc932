/**
 * The scale run on an engine through the real CLI: on a fresh database (PGlite in PGLITE_DIR, or
 * PostgreSQL at DATABASE_URL) `ranking migrate`, the synthetic projects without evidence
 * (./seed-projects.ts), `ranking import evidence <csv> --approve`, `ranking edition create / compute /
 * publish`, then the ranking page through `ranking serve` (response cache off, then on). Each step is
 * its own child process, so each has its own wall time and peak RSS: GNU time's `%M` when
 * /usr/bin/time exists, else a preload that writes `process.resourceUsage().maxRSS` at exit; for the
 * server, VmHWM from /proc just before it is stopped. One run each: these are minutes on PGlite.
 */
import { type ChildProcess, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmt, median, waitFor } from './measure';
import { spawnGroup, stopGroup } from './process-group';

const GNU_TIME = '/usr/bin/time';
/** Without GNU time: the child writes its own peak RSS (KiB) to BENCH_MAX_RSS_FILE on exit. */
const MAX_RSS_PRELOAD = `data:text/javascript,${encodeURIComponent(
  "import{writeFileSync}from'node:fs';process.on('exit',()=>writeFileSync(process.env.BENCH_MAX_RSS_FILE,String(process.resourceUsage().maxRSS)));",
)}`;
const PORT = 4100;
/** Sequential ranking-page requests after the first, whose median is reported. */
const REPEATS = 20;
/** A step that takes longer is stopped and reported as failed. */
const STEP_TIMEOUT_MS = 30 * 60_000;

export interface ScaleOptions {
  root: string;
  /** `{ PGLITE_DIR }` or `{ DATABASE_URL }`: where the steps run. */
  database: { PGLITE_DIR: string } | { DATABASE_URL: string };
  projects: number;
  csvPath: string;
  year: number;
  cutoff: string;
  dimension: string;
  log: (line: string) => void;
}

export interface ScaleStep {
  /** The command as shown in the report. */
  command: string;
  ms: number;
  /** KiB; null when it could not be measured. */
  peakRssKb: number | null;
}

export interface ScaleQuery {
  /** RESPONSE_CACHE_MB=0, or unset (the default cache). */
  cache: 'off' | 'on';
  firstMs: number;
  /** Median of REPEATS sequential requests after the first. */
  medianMs: number;
  entries: number;
  /** The server's VmHWM (KiB) after the requests. */
  peakRssKb: number | null;
}

export interface ScaleRun {
  steps: ScaleStep[];
  queries: ScaleQuery[];
  contentHash: string | null;
  /** Evidence values the import added. */
  imported: number | null;
  /** The first failure, with what the step printed last; the steps before it are still reported. */
  error: string | null;
  peakRssMethod: string;
}

const peakRssMethod = () =>
  existsSync(GNU_TIME)
    ? 'GNU time `%M`'
    : 'a preload printing `process.resourceUsage().maxRSS` at exit (no /usr/bin/time)';

/** Runs `node <args>` in apps/api as its own process group; resolves with its stdout, time and peak RSS. */
export async function runNode(
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<{ stdout: string; ms: number; peakRssKb: number | null }> {
  const scratch = mkdtempSync(join(tmpdir(), 'ranking-bench-rss-'));
  const rssFile = join(scratch, 'maxrss');
  const [command, argv] = existsSync(GNU_TIME)
    ? [GNU_TIME, ['-f', '%M', '-o', rssFile, process.execPath, ...args]]
    : [process.execPath, ['--import', MAX_RSS_PRELOAD, ...args]];
  const started = performance.now();
  const child = spawnGroup(command, argv, {
    cwd,
    env: { ...env, BENCH_MAX_RSS_FILE: rssFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void stopGroup(child);
  }, STEP_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode) => resolve(exitCode));
  });
  clearTimeout(timer);
  const ms = performance.now() - started;
  let peakRssKb: number | null = null;
  try {
    // GNU time writes "Command exited with non-zero status N" first when the command failed.
    const last = readFileSync(rssFile, 'utf8').trim().split('\n').at(-1);
    peakRssKb = last && /^\d+$/.test(last) ? Number(last) : null;
  } catch {}
  rmSync(scratch, { recursive: true, force: true });
  if (timedOut) throw new Error(`stopped after ${STEP_TIMEOUT_MS / 60_000} min: ${lastLines(stderr)}`);
  if (code !== 0) throw new Error(`exited with ${code}: ${lastLines(stderr || stdout)}`);
  return { stdout, ms, peakRssKb };
}

/** The last lines of a child's output, on one line (progress output repaints with \r). */
const lastLines = (text: string) =>
  text
    .split(/[\r\n]+/)
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(-3)
    .join(' / ')
    .slice(-600);

/** VmHWM (peak resident set) of a running process, in KiB; null off Linux. */
function vmHwm(child: ChildProcess): number | null {
  try {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(status);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

async function rankingPage(url: string, query: string): Promise<{ ms: number; entries: number }> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const text = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200 || text.includes('"errors"'))
    throw new Error(`the ranking page answered ${response.status}: ${text.slice(0, 300)}`);
  const json = JSON.parse(text) as { data: { edition: { ranking: { edges: unknown[] } } | null } };
  const entries = json.data.edition?.ranking.edges.length ?? 0;
  if (entries === 0) throw new Error(`the ranking page is empty: ${text.slice(0, 300)}`);
  return { ms, entries };
}

/** `ranking serve` with the response cache off or at its default: the first ranking page, then REPEATS more. */
async function measureRankingPage(
  options: ScaleOptions,
  env: NodeJS.ProcessEnv,
  cache: 'off' | 'on',
): Promise<ScaleQuery> {
  const child = spawnGroup(process.execPath, [join(options.root, 'apps/api/bin/ranking.js'), 'serve'], {
    cwd: join(options.root, 'apps/api'),
    env: { ...env, PORT: String(PORT), ...(cache === 'off' ? { RESPONSE_CACHE_MB: '0' } : {}) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const query = `{ edition(year: ${options.year}) { ranking(dimension: ${JSON.stringify(options.dimension)}, first: 50) { edges { node { rank previousRank score project { slug name } breakdown { key score } indicators { indicator { key } raw normalized contribution } } } } } }`;
  const url = `http://127.0.0.1:${PORT}/graphql`;
  try {
    try {
      await waitFor(`http://127.0.0.1:${PORT}/healthz`);
    } catch (error) {
      throw new Error(`${error instanceof Error ? error.message : error}: ${lastLines(stderr)}`);
    }
    const first = await rankingPage(url, query);
    const times: number[] = [];
    for (let i = 0; i < REPEATS; i++) times.push((await rankingPage(url, query)).ms);
    return {
      cache,
      firstMs: first.ms,
      medianMs: median(times),
      entries: first.entries,
      peakRssKb: vmHwm(child),
    };
  } finally {
    await stopGroup(child);
  }
}

/** The steps on one engine; a failure ends the run and is reported with the steps before it. */
export async function runScaleCli(options: ScaleOptions): Promise<ScaleRun> {
  const { root, log, year } = options;
  const {
    DATABASE_URL: _url,
    PGLITE_DIR: _dir,
    RESPONSE_CACHE_MB: _cache,
    STATEMENT_TIMEOUT_MS: _timeout,
    ...inherited
  } = process.env;
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    ...options.database,
    NODE_ENV: 'production',
    AUTH_SECRET: 'b'.repeat(40),
  };
  const cwd = join(root, 'apps/api');
  const engine = 'PGLITE_DIR' in options.database ? 'PGlite' : 'PostgreSQL';
  const run: ScaleRun = {
    steps: [],
    queries: [],
    contentHash: null,
    imported: null,
    error: null,
    peakRssMethod: peakRssMethod(),
  };
  const step = async (command: string, args: string[]) => {
    log(`${engine}: ${command}…`);
    try {
      const result = await runNode(args, env, cwd);
      run.steps.push({ command, ms: result.ms, peakRssKb: result.peakRssKb });
      log(
        `${engine}: ${command}: ${fmt(result.ms / 1000, 1)} s, peak RSS ${result.peakRssKb === null ? '?' : fmt(result.peakRssKb / 1024)} MiB`,
      );
      return result.stdout;
    } catch (error) {
      throw new Error(`\`${command}\` ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const cli = (command: string) =>
    step(`ranking ${command}`, [join(root, 'apps/api/bin/ranking.js'), ...command.split(' ')]);
  try {
    await cli('migrate');
    await step(`seed ${fmt(options.projects)} synthetic projects, no evidence`, [
      '--import',
      'tsx',
      join(root, 'apps/api/bench/seed-projects.ts'),
      String(options.projects),
    ]);
    const imported = await step(`ranking import evidence evidence.csv --approve`, [
      join(root, 'apps/api/bin/ranking.js'),
      'import',
      'evidence',
      options.csvPath,
      '--approve',
    ]);
    run.imported = Number(/Imported (\d+) evidence/.exec(imported)?.[1] ?? Number.NaN);
    await cli(`edition create ${year} --cutoff ${options.cutoff}`);
    const computed = await cli(`edition compute ${year}`);
    run.contentHash = /content hash ([0-9a-f]{64})/.exec(computed)?.[1] ?? null;
    await cli(`edition publish ${year}`);
    for (const cache of ['off', 'on'] as const) {
      log(`${engine}: ranking page through \`ranking serve\`, response cache ${cache}…`);
      try {
        const query = await measureRankingPage(options, env, cache);
        run.queries.push(query);
        log(
          `${engine}: ranking page, cache ${cache}: first ${fmt(query.firstMs)} ms, median ${fmt(query.medianMs, 1)} ms`,
        );
      } catch (error) {
        throw new Error(
          `ranking page through \`ranking serve\` (response cache ${cache}): ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  } catch (error) {
    run.error = error instanceof Error ? error.message : String(error);
    log(`${engine}: ${run.error}`);
  }
  return run;
}

/** Bytes under a directory (`du -sb`), or null. */
export function directoryBytes(dir: string): number | null {
  try {
    return Number(execFileSync('du', ['-sb', dir], { encoding: 'utf8' }).split('\t')[0]);
  } catch {
    return null;
  }
}

export interface ScaleReport {
  projects: number;
  rows: number;
  csvBytes: number;
  year: number;
  cutoff: string;
  pglite: ScaleRun;
  /** The same steps on PostgreSQL; null when not run. */
  postgres: ScaleRun | null;
  pgliteBytes: number | null;
  /** The PostgreSQL compute section's edition (other data), when this ran in the full run. */
  computeSection: { contentHash: string | null; evidence: number } | null;
}

const seconds = (step: ScaleStep | undefined) => (step ? fmt(step.ms / 1000, 1) : '—');
const mebibytes = (kb: number | null | undefined) => (kb === null || kb === undefined ? '—' : fmt(kb / 1024));

/** The "Scale on PGlite" section of BENCHMARKS.md. */
export function scaleMarkdown(report: ScaleReport): string[] {
  const out: string[] = [];
  const md = (line = '') => out.push(line);
  const { pglite, postgres } = report;
  md(
    `## Scale on PGlite: ${fmt(report.projects)} projects, ${fmt(report.rows)} evidence rows (${fmt(report.csvBytes / 1e6, 1)} MB CSV)`,
  );
  md();
  md(
    `Import, edition compute and the API's ranking page on the embedded engine (@electric-sql/pglite, a fresh PGLITE_DIR in the OS temporary directory), on the synthetic evidence CSV (seed 1; in the full run the import section's file). Every step is a child process of the real CLI (\`node apps/api/bin/ranking.js …\`), so each has its own wall time — Node start-up and opening the database included — and its own peak RSS (${pglite.peakRssMethod}); one run each. ${postgres ? 'The same steps on a fresh PostgreSQL database are beside them, for reference and to compare the content hash on identical data.' : 'The PostgreSQL reference run did not take place.'}`,
  );
  md();
  for (const [engine, run] of [
    ['PGlite', pglite],
    ['PostgreSQL', postgres],
  ] as const)
    if (run?.error)
      md(`**${engine}: failed** — ${run.error.replace(/\s+/g, ' ')}. The steps before it are listed.`);
  if (pglite.error || postgres?.error) md();
  md('| step | PGlite s | PGlite peak RSS MiB | PostgreSQL s | PostgreSQL peak RSS MiB |');
  md('| --- | ---: | ---: | ---: | ---: |');
  const commands = [...pglite.steps, ...(postgres?.steps ?? [])]
    .map((s) => s.command)
    .filter((c, i, all) => all.indexOf(c) === i);
  for (const command of commands) {
    const a = pglite.steps.find((s) => s.command === command);
    const b = postgres?.steps.find((s) => s.command === command);
    md(
      `| \`${command}\` | ${seconds(a)} | ${mebibytes(a?.peakRssKb)} | ${seconds(b)} | ${mebibytes(b?.peakRssKb)} |`,
    );
  }
  md();
  const counts = [pglite.imported, postgres?.imported].filter((n): n is number => Number.isFinite(n));
  const imported =
    counts.length === 2 && counts[0] !== counts[1]
      ? `${fmt(counts[0] ?? 0)} (PGlite) and ${fmt(counts[1] ?? 0)} (PostgreSQL)`
      : fmt(counts[0] ?? 0);
  if (counts.length) {
    md(
      `The import added ${imported} evidence values, approved${counts.length === 2 ? ', on each engine' : ''}; the seed step is apps/api/bench/seed-projects.ts (\`seedSynthetic\` with no evidence: the CLI's \`seed --synthetic\` always adds evidence). The edition has cutoff ${report.cutoff} and is published before the ranking page is read.${report.pgliteBytes === null ? '' : ` PGlite data directory afterwards: ${fmt(report.pgliteBytes / 1e6)} MB.`}`,
    );
    md();
  }
  md(
    `Ranking page (first 50, breakdown, contributions) through \`ranking serve\` (NODE_ENV=production), after the steps above: the first request, then the median of ${REPEATS} sequential requests (PGlite is a single connection inside the server's process: no load test). Peak RSS is the server's VmHWM after the requests.`,
  );
  md();
  md(
    `| \`ranking serve\` | PGlite first ms | PGlite median ms | PGlite server peak RSS MiB | PostgreSQL first ms | PostgreSQL median ms | PostgreSQL server peak RSS MiB |`,
  );
  md('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const cache of ['off', 'on'] as const) {
    const a = pglite.queries.find((q) => q.cache === cache);
    const b = postgres?.queries.find((q) => q.cache === cache);
    const cells = (q: ScaleQuery | undefined) =>
      q ? `${fmt(q.firstMs)} | ${fmt(q.medianMs, 1)} | ${mebibytes(q.peakRssKb)}` : '— | — | —';
    md(
      `| ${cache === 'off' ? 'response cache off (RESPONSE_CACHE_MB=0): every request executed' : 'response cache on (default): repeated pages served from its cache'} | ${cells(a)} | ${cells(b)} |`,
    );
  }
  md();
  const hashes = [pglite.contentHash, postgres?.contentHash];
  if (pglite.contentHash && postgres?.contentHash)
    md(
      `Content hash of edition ${report.year}: PGlite \`${pglite.contentHash}\`, PostgreSQL \`${postgres.contentHash}\` — **${pglite.contentHash === postgres.contentHash ? 'equal: the same edition on both engines' : 'different: the engines disagree on the same data'}**.`,
    );
  else
    md(
      `Content hash of edition ${report.year}: PGlite ${hashes[0] ? `\`${hashes[0]}\`` : 'none (not computed)'}, PostgreSQL ${hashes[1] ? `\`${hashes[1]}\`` : 'none (not computed)'}; not compared.`,
    );
  if (report.computeSection) {
    md();
    md(
      `Neither is comparable with the hash of the PostgreSQL compute section above (${report.computeSection.contentHash ? `\`${report.computeSection.contentHash}\`` : 'none'}): that edition is computed on \`seedSynthetic\`'s own evidence — the same seed and values, but with review statuses, so ${fmt(report.computeSection.evidence)} approved values in its snapshot where every imported value here is approved, and with other evidence ids, which the hash covers.`,
    );
  }
  return out;
}
