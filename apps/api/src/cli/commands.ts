/** The CLI's commands. Each returns an exit code (or -1 when it keeps serving). */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_PASSWORD, DEMO_USERS, migrateDatabase, ROLES, SCOPES, seedSynthetic } from '@ranking/schema';
import { bootstrap, closeDeps, openAppDatabase, resolveDataDir } from '../app';
import { type AppDeps, createSystemContext } from '../context';
import type { Env } from '../env';
import { AppError } from '../errors';
import { authenticateApiKey, createApiKey } from '../modules/api-keys/service';
import {
  computeEdition,
  createEdition,
  editionsOfYear,
  publishEdition,
  verifyEdition,
} from '../modules/editions/service';
import type { EditionRow } from '../modules/editions/store';
import { createUser } from '../modules/users/service';
import { countUsers } from '../modules/users/store';
import { findRepoRoot } from '../paths';
import { intArg, type ParsedArgs, parseArgs, stringOption, UsageError } from './args';
import { createDemoApiKey, editionTitle, seedDemoData } from './demo';
import { createProgress } from './progress';

export type Command = (argv: string[], env: Env) => Promise<number>;

const out = (line = '') => process.stdout.write(`${line}\n`);

async function withDeps<T>(env: Env, work: (deps: AppDeps) => Promise<T>): Promise<T> {
  const deps = await bootstrap(env);
  try {
    return await work(deps);
  } finally {
    await closeDeps(deps);
  }
}

/** Serves until SIGTERM/SIGINT, then drains in-flight requests, closes the database and exits 0. */
async function serveUntilSignal(deps: AppDeps, onListening: (url: string) => void): Promise<number> {
  // Loaded here so that short commands do not pay for Apollo and the schema.
  const { createApiServer } = await import('../http/server');
  const server = await createApiServer(deps, { graphiqlYear: new Date().getUTCFullYear() });
  onListening(server.url);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${signal}: finishing in-flight requests…\n`);
    server
      .close(10_000)
      .then(() => closeDeps(deps))
      .then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`shutdown failed: ${String(error)}\n`);
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  return -1;
}

const serve: Command = async (_argv, env) => {
  const deps = await bootstrap(env);
  return serveUntilSignal(deps, (url) => out(`Ranking API listening on ${url}/graphql`));
};

const migrate: Command = async (_argv, env) => {
  const handle = await openAppDatabase(env);
  try {
    await migrateDatabase(handle);
    out(`Migrations applied (${handle.driver}).`);
    return 0;
  } finally {
    await handle.close();
  }
};

const seed: Command = async (argv, env) => {
  const args = parseArgs(argv);
  const synthetic = stringOption(args, 'synthetic');
  return withDeps(env, async (deps) => {
    const progress = createProgress();
    if (synthetic !== undefined) {
      const projects = intArg(synthetic, '--synthetic');
      if (projects < 0) throw new UsageError('--synthetic must be ≥ 0');
      const seedValue = intArg(stringOption(args, 'seed') ?? '1', '--seed');
      progress.step(`Seeding ${projects} synthetic projects (seed ${seedValue})…`);
      const summary = await seedSynthetic(deps.handle, {
        projects,
        seed: seedValue,
        onProgress: (p) => progress.update(p.done, p.total, p.phase),
      });
      progress.done(
        `Added ${summary.organizations} organizations, ${summary.projects} projects, ${summary.evidence} evidence values in ${Math.round(summary.ms)} ms.`,
      );
      return 0;
    }
    await seedDemoData(deps, progress);
    return 0;
  });
};

async function findEdition(deps: AppDeps, args: ParsedArgs, year: number): Promise<EditionRow> {
  const revisionText = stringOption(args, 'revision');
  const rows = await editionsOfYear(createSystemContext(deps), year);
  const row =
    revisionText === undefined
      ? rows[rows.length - 1]
      : rows.find((r) => r.revision === intArg(revisionText, '--revision'));
  if (!row)
    throw new AppError('NOT_FOUND', `No edition ${year}${revisionText ? ` revision ${revisionText}` : ''}`);
  return row;
}

const describeEdition = (e: EditionRow) =>
  `edition ${e.year} revision ${e.revision} (id ${e.id}): ${e.status}${e.contentHash ? `, content hash ${e.contentHash}` : ''}`;

const edition: Command = async (argv, env) => {
  const [action, yearText, ...rest] = argv;
  const args = parseArgs(rest);
  const year = intArg(yearText, 'YEAR');
  return withDeps(env, async (deps) => {
    const ctx = createSystemContext(deps);
    const progress = createProgress();
    switch (action) {
      case 'create': {
        const row = await createEdition(ctx, {
          year,
          title: stringOption(args, 'title') ?? editionTitle(year),
          cutoff: stringOption(args, 'cutoff') ?? `${year}-12-31`,
          methodologyVersion: stringOption(args, 'methodology'),
        });
        out(`Created ${describeEdition(row)}`);
        return 0;
      }
      case 'compute': {
        const target = await findEdition(deps, args, year);
        progress.step(`Computing edition ${year} revision ${target.revision}…`);
        const row = await computeEdition(ctx, target.id, (phase, detail) =>
          progress.step(`  ${phase}${detail ? ` (${detail})` : ''}`),
        );
        progress.done();
        out(`Computed ${describeEdition(row)}`);
        return 0;
      }
      case 'publish': {
        const target = await findEdition(deps, args, year);
        const hash = stringOption(args, 'hash') ?? target.contentHash;
        if (!hash) throw new AppError('CONFLICT', 'The edition has not been computed');
        const row = await publishEdition(ctx, target.id, hash);
        out(`Published ${describeEdition(row)}`);
        return 0;
      }
      default:
        throw new UsageError('Usage: ranking edition create|compute|publish YEAR [--revision N]');
    }
  });
};

const verify: Command = async (argv, env) => {
  const [yearText, ...rest] = argv;
  const args = parseArgs(rest);
  const year = intArg(yearText, 'YEAR');
  return withDeps(env, async (deps) => {
    const row = await findEdition(deps, args, year);
    if (!row.contentHash) {
      process.stderr.write(`Edition ${year} revision ${row.revision} has not been computed.\n`);
      return 1;
    }
    const result = await verifyEdition(createSystemContext(deps), row);
    out(`stored:   ${result.storedHash}`);
    out(`computed: ${result.computedHash}`);
    if (!result.matches) {
      process.stderr.write(
        `MISMATCH: edition ${year} revision ${row.revision} does not reproduce its content hash.\n`,
      );
      return 1;
    }
    out(`OK: edition ${year} revision ${row.revision} reproduces its content hash.`);
    return 0;
  });
};

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    process.stderr.write('Password: ');
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

const user: Command = async (argv, env) => {
  const [action, email, ...rest] = argv;
  const args = parseArgs(rest);
  if (action !== 'add' || !email)
    throw new UsageError('Usage: ranking user add EMAIL --role ROLE [--name NAME]');
  const role = stringOption(args, 'role');
  if (!role || !(ROLES as readonly string[]).includes(role)) {
    throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  }
  const password = env.RANKING_PASSWORD ?? (await readStdin());
  return withDeps(env, async (deps) => {
    const row = await createUser(createSystemContext(deps), {
      email,
      name: stringOption(args, 'name') ?? email.split('@')[0] ?? email,
      role,
      password,
    });
    out(`Added user ${row.email} (id ${row.id}, role ${row.role}).`);
    return 0;
  });
};

const apikey: Command = async (argv, env) => {
  const [action, name, ...rest] = argv;
  const args = parseArgs(rest);
  if (action !== 'create' || !name) throw new UsageError('Usage: ranking apikey create NAME --scopes a,b');
  const scopes = (stringOption(args, 'scopes') ?? 'read')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = scopes.find((s) => !(SCOPES as readonly string[]).includes(s));
  if (unknown) throw new UsageError(`Unknown scope ${unknown}; scopes: ${SCOPES.join(', ')}`);
  return withDeps(env, async (deps) => {
    const { apiKey, key } = await createApiKey(createSystemContext(deps), { name, scopes });
    process.stderr.write(
      `Created API key ${apiKey.prefix} "${apiKey.name}" with scopes ${apiKey.scopes.join(', ')}.\n`,
    );
    process.stderr.write('This is the only time the key is shown:\n');
    out(key);
    return 0;
  });
};

/** Bulk import and export arrive with the bulk-data issue; the hooks are here so the CLI's shape is final. */
const notYet =
  (what: string): Command =>
  async () => {
    process.stderr.write(`ranking ${what} is not available in this version yet.\n`);
    return 2;
  };

/** The demo partner key: kept in `.data/demo-api-key` so later runs can print it again. */
async function demoApiKey(deps: AppDeps): Promise<string> {
  const file = join(resolveDataDir(), 'demo-api-key');
  if (existsSync(file)) {
    const key = readFileSync(file, 'utf8').trim();
    try {
      await authenticateApiKey(deps, key);
      return key;
    } catch {
      // Revoked, or from another database: mint a new one.
    }
  }
  const key = await createDemoApiKey(deps);
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}

const start: Command = async (_argv, env) => {
  const deps = await bootstrap(env);
  const isDevelopment = env.NODE_ENV !== 'production';
  if ((await countUsers(deps.db)) === 0) {
    out('First run: seeding the demo data (catalog, methodology, users, evidence, editions 2024–2026)…');
    await seedDemoData(deps, createProgress());
  }
  const key = isDevelopment ? await demoApiKey(deps) : undefined;
  return serveUntilSignal(deps, (url) => {
    const adminExists = existsSync(join(findRepoRoot(), 'apps', 'admin', 'package.json'));
    out('');
    out('Open-Source Influence Ranking API');
    out(`  GraphQL   ${url}/graphql`);
    if (isDevelopment) out(`  GraphiQL  ${url}/graphiql`);
    out(`  Health    ${url}/healthz  ${url}/readyz`);
    if (adminExists) out(`  Admin     ${env.ADMIN_URL}`);
    out(
      `  Database  ${deps.handle.driver === 'pglite' ? (env.PGLITE_DIR ?? join(resolveDataDir(), 'pglite')) : 'PostgreSQL (DATABASE_URL)'}`,
    );
    if (isDevelopment) {
      out('');
      out(`Demo accounts (development only; password "${DEMO_PASSWORD}"):`);
      for (const u of DEMO_USERS) out(`  ${u.email.padEnd(24)} ${u.role}`);
    }
    if (key) {
      out('');
      out('Demo partner API key (scope read; kept in .data/demo-api-key):');
      out(`  ${key}`);
      out(
        `  curl -H 'Authorization: Bearer ${key}' '${url}/graphql?query=%7Beditions%7Byear%20status%7D%7D'`,
      );
    }
    out('');
  });
};

export const COMMANDS: Record<string, Command> = {
  start,
  serve,
  migrate,
  seed,
  edition,
  verify,
  user,
  apikey,
  import: notYet('import'),
  export: notYet('export'),
};

export function printUsage(): void {
  process.stderr.write(`Usage: ranking <command>

  start                          migrate, seed the demo on first run, serve (npm start)
  serve                          serve the API on PORT (default 4000)
  migrate                        apply database migrations
  seed                           demo data and the published editions 2024, 2025, 2026
  seed --synthetic N [--seed S]  deterministic synthetic data with N projects
  edition create YEAR [--title T] [--cutoff YYYY-MM-DD] [--methodology VERSION]
  edition compute YEAR [--revision N]
  edition publish YEAR [--revision N] [--hash SHA256]
  verify YEAR [--revision N]     recompute the content hash from the stored snapshot
  user add EMAIL --role ROLE [--name NAME]   password from stdin or RANKING_PASSWORD
  apikey create NAME --scopes a,b            prints the key once
  import evidence FILE.csv [--dry-run]       (not available yet)
  export YEAR DIR                            (not available yet)

Environment: DATABASE_URL (else PGlite in .data/pglite or PGLITE_DIR), PORT, AUTH_SECRET, REDIS_URL, NODE_ENV.
`);
}
