/** The CLI's commands. Each returns an exit code (or -1 when it keeps serving). */
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_PASSWORD, DEMO_USERS, migrateDatabase, ROLES, SCOPES, seedSynthetic } from '@ranking/schema';
import { bootstrap, closeDeps, openAppDatabase, resolveDataDir } from '../app';
import { type AppDeps, createSystemContext } from '../context';
import type { Env } from '../env';
import { AppError } from '../errors';
import { authenticateApiKey, createApiKey } from '../modules/api-keys/service';
import { exportEdition, verifyExportDir } from '../modules/bulk/export-service';
import { formatProblem, importEvidence } from '../modules/bulk/import-service';
import {
  computeEdition,
  createEdition,
  editionsOfYear,
  publishEdition,
  verifyEdition,
} from '../modules/editions/service';
import type { EditionRow } from '../modules/editions/store';
import { createUser, updateUser } from '../modules/users/service';
import { countUsers, findUserCredentials } from '../modules/users/store';
import { findRepoRoot } from '../paths';
import { intArg, type ParsedArgs, parseArgs, stringOption, UsageError } from './args';
import { auditCommand } from './audit';
import { createDemoApiKey, editionTitle, seedDemoData } from './demo';
import { accountsWithDemoPassword, demoPasswordRefusal, FIRST_ADMIN_HINT } from './production';
import { createProgress } from './progress';

export type Command = (argv: string[], env: Env) => Promise<number>;

const out = (line = '') => process.stdout.write(`${line}\n`);

async function withDeps<T>(env: Env, work: (deps: AppDeps) => Promise<T>): Promise<T> {
  // Operator commands (seeding a million rows, computing a large edition, importing a file) are
  // batch work, not served requests: the API's statement_timeout would cancel them halfway.
  const deps = await bootstrap({ ...env, STATEMENT_TIMEOUT_MS: 0 });
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
    server.logger.info({ signal }, 'finishing in-flight requests, then exiting');
    server
      .close(10_000)
      .then(() => closeDeps(deps))
      .then(
        () => process.exit(0),
        (error: unknown) => {
          server.logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  return -1;
}

/**
 * Production refuses to serve while an account still has the password this repository publishes
 * (README.md, "Production"). Returns the exit code to stop with, or undefined to go on.
 */
async function refuseDemoPasswords(deps: AppDeps): Promise<number | undefined> {
  if (deps.env.NODE_ENV !== 'production') return undefined;
  const emails = await accountsWithDemoPassword(deps);
  if (emails.length === 0) return undefined;
  process.stderr.write(`${demoPasswordRefusal(emails)}\n`);
  await closeDeps(deps);
  return 1;
}

const serve: Command = async (_argv, env) => {
  const deps = await bootstrap(env);
  const refused = await refuseDemoPasswords(deps);
  if (refused !== undefined) return refused;
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
    // Production never gets accounts whose password is published (README.md, "Production").
    const production = env.NODE_ENV === 'production';
    await seedDemoData(deps, progress, { users: !production });
    if (production) out('Production: no demo accounts were created (ranking user add EMAIL --role admin).');
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
  const args = parseArgs(argv);
  const dir = stringOption(args, 'dir') ?? stringOption(args, 'export');
  const [yearText] = args.positionals;
  if (dir !== undefined && yearText === undefined) return verifyExport(dir);
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
    if (dir !== undefined) {
      const code = verifyExport(dir);
      const manifest = verifyExportDir(dir).manifest;
      if (code === 0 && manifest?.contentHash !== row.contentHash) {
        process.stderr.write(
          `MISMATCH: the export in ${dir} is not edition ${year} revision ${row.revision}.\n`,
        );
        return 1;
      }
      return code;
    }
    return 0;
  });
};

/** `ranking verify --dir DIR`: an export checked against its manifest and by re-scoring; no database. */
function verifyExport(dir: string): number {
  const check = verifyExportDir(dir);
  if (!check.ok) {
    for (const problem of check.problems) process.stderr.write(`TAMPERED: ${problem}\n`);
    process.stderr.write(`MISMATCH: the export in ${dir} does not verify.\n`);
    return 1;
  }
  out(`content hash: ${check.computedHash}`);
  out(`OK: the export in ${dir} matches its manifest and re-scores to its content hash and results.`);
  return 0;
}

const importCommand: Command = async (argv, env) => {
  const args = parseArgs(argv, ['dry-run', 'approve']);
  const [what, file] = args.positionals;
  if (what !== 'evidence' || !file)
    throw new UsageError('Usage: ranking import evidence FILE.csv [--dry-run] [--approve]');
  if (!existsSync(file)) throw new UsageError(`No such file: ${file}`);
  const dryRun = args.options.get('dry-run') === true;
  const approve = args.options.get('approve') === true;
  return withDeps(env, async (deps) => {
    const progress = createProgress();
    const totalBytes = statSync(file).size;
    progress.step(`${dryRun ? 'Checking' : 'Importing'} ${file} (${totalBytes} bytes)…`);
    const report = await importEvidence(
      createSystemContext(deps),
      createReadStream(file, { highWaterMark: 1 << 20 }),
      {
        dryRun,
        approve,
        totalBytes,
        onProgress: (p) => progress.update(p.bytes, p.totalBytes, `bytes, ${p.rows} rows`),
      },
    );
    progress.done();
    if (report.status === 'refused') {
      for (const p of report.problems) process.stderr.write(`${file}: ${formatProblem(p)}\n`);
      if (report.problemCount > report.problems.length)
        process.stderr.write(`… and ${report.problemCount - report.problems.length} more problems\n`);
      process.stderr.write(
        `REFUSED: ${report.problemCount} problem${report.problemCount === 1 ? '' : 's'} in ${report.rows} rows; nothing was imported.\n`,
      );
      return 1;
    }
    const verb = report.status === 'dry-run' ? 'Dry run: would add' : 'Imported';
    out(
      `${verb} ${report.inserted} evidence value${report.inserted === 1 ? '' : 's'} (${report.approved ? 'approved' : 'pending'}); ${report.duplicates} already present or repeated; ${report.rows} rows; file SHA-256 ${report.fileSha256}.`,
    );
    return 0;
  });
};

const exportCommand: Command = async (argv, env) => {
  const args = parseArgs(argv);
  const [yearText, dir] = args.positionals;
  const year = intArg(yearText, 'YEAR');
  if (!dir) throw new UsageError('Usage: ranking export YEAR DIR [--revision N]');
  return withDeps(env, async (deps) => {
    const row = await findEdition(deps, args, year);
    const progress = createProgress();
    progress.step(`Exporting ${describeEdition(row)} to ${dir}…`);
    const { manifest } = await exportEdition(createSystemContext(deps), row, dir, (step) =>
      progress.step(`  ${step}`),
    );
    progress.done();
    out(
      `Exported edition ${year} revision ${row.revision}: ${manifest.counts.projects} projects, ${manifest.counts.evidence} evidence values, ${manifest.counts.results} results; content hash ${manifest.contentHash}.`,
    );
    out(`Reproduce: cd ${dir} && ${manifest.reproduce}`);
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
  if (action === 'disable' && email && args.positionals.length === 0) {
    return withDeps(env, async (deps) => {
      const found = await findUserCredentials(deps.db, email);
      if (!found) throw new AppError('NOT_FOUND', `No user ${email}`);
      const row = await updateUser(createSystemContext(deps), found.id, { disabled: true });
      out(`Disabled user ${row.email} (id ${row.id}); their sessions have ended.`);
      return 0;
    });
  }
  if (action !== 'add' || !email)
    throw new UsageError(
      'Usage: ranking user add EMAIL --role ROLE [--name NAME] | ranking user disable EMAIL',
    );
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
  // The data directory need not exist yet: PGLITE_DIR or DATABASE_URL may point elsewhere.
  mkdirSync(resolveDataDir(), { recursive: true });
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}

const start: Command = async (_argv, env) => {
  const deps = await bootstrap(env);
  const isDevelopment = env.NODE_ENV !== 'production';
  // Production: migrations only. The demo's evidence is illustrative and its editions would be
  // published (immutable), and its accounts have a published password; the operator adds the
  // first admin instead (README.md, "Production").
  const noUsers = (await countUsers(deps.db)) === 0;
  if (isDevelopment && noUsers) {
    out('First run: seeding the demo data (catalog, methodology, users, evidence, editions 2024–2026)…');
    await seedDemoData(deps, createProgress());
  }
  const refused = await refuseDemoPasswords(deps);
  if (refused !== undefined) return refused;
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
    } else if (noUsers) {
      out('');
      out(FIRST_ADMIN_HINT);
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
  audit: auditCommand,
  import: importCommand,
  export: exportCommand,
};

export function printUsage(): void {
  process.stderr.write(`Usage: ranking <command>

  start                          migrate, seed the demo on first run (not in production), serve (npm start)
  serve                          serve the API on PORT (default 4000)
  migrate                        apply database migrations
  seed                           demo data and the published editions 2024, 2025, 2026
  seed --synthetic N [--seed S]  deterministic synthetic data with N projects
  edition create YEAR [--title T] [--cutoff YYYY-MM-DD] [--methodology VERSION]
  edition compute YEAR [--revision N]
  edition publish YEAR [--revision N] [--hash SHA256]
  verify YEAR [--revision N] [--dir DIR]   recompute the content hash from the stored snapshots
  verify --dir DIR               check an export against its manifest and by re-scoring (no database)
  user add EMAIL --role ROLE [--name NAME]   password from stdin or RANKING_PASSWORD
  user disable EMAIL                         the account can no longer sign in; its sessions end
  apikey create NAME --scopes a,b            prints the key once
  audit verify                               check the audit log's hash chain (exit 1, first bad id)
  import evidence FILE.csv [--dry-run] [--approve]
                                 header project,indicator,value,observed_at,source_url
                                 [,source_kind,note,retrieved_at]; all or nothing; idempotent
  export YEAR DIR [--revision N] methodology.json, projects.csv, evidence.csv, results.csv, manifest.json

Environment: DATABASE_URL (else PGlite in .data/pglite or PGLITE_DIR), PORT, AUTH_SECRET, REDIS_URL, NODE_ENV.
`);
}
