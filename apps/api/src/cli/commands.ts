/**
 * The CLI's commands. Each declares its arguments (parsed strictly before anything is opened) and
 * returns an exit code (or -1 when it keeps serving).
 */
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
import { computeEdition, verifyEdition } from '../modules/editions/compute-service';
import { createEdition, editionsOfYear, publishEdition } from '../modules/editions/lifecycle-service';
import type { EditionRow } from '../modules/editions/model';
import { createUser, updateUser } from '../modules/users/service';
import { countUsers, findUserCredentials } from '../modules/users/store';
import { findRepoRoot } from '../paths';
import {
  type CommandArgs,
  type CommandSpec,
  HelpRequest,
  intArg,
  parseCommand,
  UsageError,
  usageLine,
} from './args';
import { auditVerify } from './audit';
import { collectCommand, sourcesImportCommand } from './collect';
import type { CliCommand } from './command';
import { contactsImportCommand } from './contacts';
import { createDemoApiKey, editionTitle, seedDemoData } from './demo';
import { keysDocumentsAdd, keysDocumentsList, keysDocumentsRemove } from './keys';
import { linksCheckCommand } from './links';
import { accountsWithDemoPassword, demoPasswordRefusal, FIRST_ADMIN_HINT } from './production';
import { createProgress } from './progress';

export type { CliCommand, Command } from './command';

type Options = Record<string, 'string' | 'boolean'>;

/** `Usage: ranking a …` with any further lines aligned under the first. */
const usageLines = (specs: readonly CommandSpec[]) =>
  specs.map((spec, i) => (i === 0 ? usageLine(spec) : `       ranking ${spec.usage}`)).join('\n');

/** A command whose arguments are parsed by `spec`; a UsageError it raises carries the usage line. */
function command<O extends Options>(
  spec: CommandSpec<O>,
  run: (args: CommandArgs<O>, env: Env) => Promise<number>,
): CliCommand {
  return {
    specs: [spec],
    run: async (argv, env) => {
      const args = parseCommand(spec, argv);
      try {
        return await run(args, env);
      } catch (error) {
        if (error instanceof UsageError && error.usage === undefined)
          throw new UsageError(error.message, usageLine(spec));
        throw error;
      }
    },
  };
}

/** `NAME ACTION …`: dispatches on the first argument. */
function group(name: string, actions: Record<string, CliCommand>): CliCommand {
  const specs = Object.values(actions).flatMap((action) => action.specs);
  return {
    specs,
    run: async (argv, env) => {
      const [action, ...rest] = argv;
      if (action === '--help' || action === '-h') throw new HelpRequest(usageLines(specs));
      const chosen = action === undefined ? undefined : actions[action];
      if (!chosen) {
        throw new UsageError(
          action === undefined
            ? `Missing the ${name} action`
            : `Unknown ${name} action ${JSON.stringify(action)}`,
          usageLines(specs),
        );
      }
      return chosen.run(rest, env);
    },
  };
}

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

const serve = command(
  { usage: 'serve', summary: 'serve the API on PORT (default 4000)', positionals: [], options: {} },
  async (_args, env) => {
    const deps = await bootstrap(env);
    const refused = await refuseDemoPasswords(deps);
    if (refused !== undefined) return refused;
    return serveUntilSignal(deps, (url) => out(`Ranking API listening on ${url}/graphql`));
  },
);

const migrate = command(
  { usage: 'migrate', summary: 'apply database migrations', positionals: [], options: {} },
  async (_args, env) => {
    const handle = await openAppDatabase(env);
    try {
      await migrateDatabase(handle);
      out(`Migrations applied (${handle.driver}).`);
      return 0;
    } finally {
      await handle.close();
    }
  },
);

const seedSpec = {
  usage: 'seed [--synthetic N] [--seed S]',
  summary:
    'demo data and the published editions 2024, 2025, 2026 (no accounts in production); --synthetic: deterministic synthetic data with N projects',
  positionals: [],
  options: { synthetic: 'string', seed: 'string' },
} as const;

const seed = command(seedSpec, async ({ options }, env) => {
  const projects = options.synthetic === undefined ? undefined : intArg(options.synthetic, '--synthetic');
  if (projects !== undefined && projects < 0) throw new UsageError('--synthetic must be ≥ 0');
  if (projects === undefined && options.seed !== undefined)
    throw new UsageError('--seed only applies with --synthetic N');
  const seedValue = intArg(options.seed ?? '1', '--seed');
  return withDeps(env, async (deps) => {
    const progress = createProgress();
    if (projects !== undefined) {
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
});

/** The `--revision N` option, checked before anything is opened. */
const revisionOf = (options: { revision?: string }) =>
  options.revision === undefined ? undefined : intArg(options.revision, '--revision');

/** The year's given revision, or its latest. */
async function findEdition(deps: AppDeps, year: number, revision: number | undefined): Promise<EditionRow> {
  const rows = await editionsOfYear(createSystemContext(deps), year);
  const row = revision === undefined ? rows[rows.length - 1] : rows.find((r) => r.revision === revision);
  if (!row)
    throw new AppError(
      'NOT_FOUND',
      `No edition ${year}${revision === undefined ? '' : ` revision ${revision}`}`,
    );
  return row;
}

const describeEdition = (e: EditionRow) =>
  `edition ${e.year} revision ${e.revision} (id ${e.id}): ${e.status}${e.contentHash ? `, content hash ${e.contentHash}` : ''}`;

const edition = group('edition', {
  create: command(
    {
      usage: 'edition create YEAR [--title T] [--cutoff YYYY-MM-DD] [--methodology VERSION]',
      summary: "a draft (or the next revision when the year's latest is published)",
      positionals: ['YEAR'],
      options: { title: 'string', cutoff: 'string', methodology: 'string' },
    },
    async ({ positionals: [yearText], options }, env) => {
      const year = intArg(yearText, 'YEAR');
      return withDeps(env, async (deps) => {
        const row = await createEdition(createSystemContext(deps), {
          year,
          title: options.title ?? editionTitle(year),
          cutoff: options.cutoff ?? `${year}-12-31`,
          methodologyVersion: options.methodology,
        });
        out(`Created ${describeEdition(row)}`);
        return 0;
      });
    },
  ),
  compute: command(
    {
      usage: 'edition compute YEAR [--revision N]',
      summary: 'score, sensitivity, previous ranks, snapshot, content hash',
      positionals: ['YEAR'],
      options: { revision: 'string' },
    },
    async ({ positionals: [yearText], options }, env) => {
      const year = intArg(yearText, 'YEAR');
      const revision = revisionOf(options);
      return withDeps(env, async (deps) => {
        const target = await findEdition(deps, year, revision);
        const progress = createProgress();
        progress.step(`Computing edition ${year} revision ${target.revision}…`);
        const row = await computeEdition(createSystemContext(deps), target.id, (phase, detail) =>
          progress.step(`  ${phase}${detail ? ` (${detail})` : ''}`),
        );
        progress.done();
        out(`Computed ${describeEdition(row)}`);
        return 0;
      });
    },
  ),
  publish: command(
    {
      usage: 'edition publish YEAR [--revision N] [--hash SHA256]',
      summary: 'publish the computed content hash (or assert SHA256)',
      positionals: ['YEAR'],
      options: { revision: 'string', hash: 'string' },
    },
    async ({ positionals: [yearText], options }, env) => {
      const year = intArg(yearText, 'YEAR');
      const revision = revisionOf(options);
      return withDeps(env, async (deps) => {
        const target = await findEdition(deps, year, revision);
        const hash = options.hash ?? target.contentHash;
        if (!hash) throw new AppError('CONFLICT', 'The edition has not been computed');
        const row = await publishEdition(createSystemContext(deps), target.id, hash);
        out(`Published ${describeEdition(row)}`);
        return 0;
      });
    },
  ),
});

const verifySpec = {
  usage: 'verify [YEAR] [--revision N] [--dir DIR]',
  summary:
    "recompute YEAR's content hash from its stored snapshots; --dir: check an export against its manifest and by re-scoring (alone, no database)",
  positionals: ['YEAR?'],
  options: { revision: 'string', dir: 'string' },
} as const;

const verify = command(verifySpec, async ({ positionals: [yearText], options }, env) => {
  const dir = options.dir;
  if (yearText === undefined) {
    if (dir === undefined) throw new UsageError('Missing YEAR (or --dir DIR)');
    if (options.revision !== undefined) throw new UsageError('--revision needs YEAR');
    return verifyExport(dir);
  }
  const year = intArg(yearText, 'YEAR');
  const revision = revisionOf(options);
  return withDeps(env, async (deps) => {
    const row = await findEdition(deps, year, revision);
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
});

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

const importEvidenceCommand = command(
  {
    usage: 'import evidence FILE.csv [--dry-run] [--approve]',
    summary:
      'header project,indicator,value,observed_at,source_url[,source_kind,note,retrieved_at]; all or nothing; idempotent',
    positionals: ['FILE.csv'],
    options: { 'dry-run': 'boolean', approve: 'boolean' },
  },
  async ({ positionals: [fileArg], options }, env) => {
    const file = fileArg ?? '';
    if (!existsSync(file)) throw new UsageError(`No such file: ${file}`);
    const dryRun = options['dry-run'] === true;
    const approve = options.approve === true;
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
  },
);

const exportCommand = command(
  {
    usage: 'export YEAR DIR [--revision N]',
    summary: 'methodology.json, projects.csv, evidence.csv, results.csv, manifest.json',
    positionals: ['YEAR', 'DIR'],
    options: { revision: 'string' },
  },
  async ({ positionals: [yearText, dirArg], options }, env) => {
    const year = intArg(yearText, 'YEAR');
    const revision = revisionOf(options);
    const dir = dirArg ?? '';
    return withDeps(env, async (deps) => {
      const row = await findEdition(deps, year, revision);
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
  },
);

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

const user = group('user', {
  add: command(
    {
      usage: 'user add EMAIL --role ROLE [--name NAME]',
      summary: 'password from stdin or RANKING_PASSWORD',
      positionals: ['EMAIL'],
      options: { role: 'string', name: 'string' },
    },
    async ({ positionals: [emailArg], options }, env) => {
      const email = emailArg ?? '';
      const role = options.role;
      if (!role || !(ROLES as readonly string[]).includes(role)) {
        throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
      }
      const password = env.RANKING_PASSWORD ?? (await readStdin());
      return withDeps(env, async (deps) => {
        const row = await createUser(createSystemContext(deps), {
          email,
          name: options.name ?? email.split('@')[0] ?? email,
          role,
          password,
        });
        out(`Added user ${row.email} (id ${row.id}, role ${row.role}).`);
        return 0;
      });
    },
  ),
  disable: command(
    {
      usage: 'user disable EMAIL',
      summary: 'the account can no longer sign in; its sessions end',
      positionals: ['EMAIL'],
      options: {},
    },
    async ({ positionals: [emailArg] }, env) => {
      const email = emailArg ?? '';
      return withDeps(env, async (deps) => {
        const found = await findUserCredentials(deps.db, email);
        if (!found) throw new AppError('NOT_FOUND', `No user ${email}`);
        const row = await updateUser(createSystemContext(deps), found.id, { disabled: true });
        out(`Disabled user ${row.email} (id ${row.id}); their sessions have ended.`);
        return 0;
      });
    },
  ),
});

const apikey = group('apikey', {
  create: command(
    {
      usage: 'apikey create NAME [--scopes a,b]',
      summary: 'prints the key once (scopes default to read)',
      positionals: ['NAME'],
      options: { scopes: 'string' },
    },
    async ({ positionals: [nameArg], options }, env) => {
      const name = nameArg ?? '';
      const scopes = (options.scopes ?? 'read')
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
    },
  ),
});

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

const start = command(
  {
    usage: 'start',
    summary: 'migrate, seed the demo on first run (not in production), serve (npm start)',
    positionals: [],
    options: {},
  },
  async (_args, env) => {
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
  },
);

export const COMMANDS: Record<string, CliCommand> = {
  start,
  serve,
  migrate,
  seed,
  edition,
  verify,
  user,
  apikey,
  keys: group('keys', {
    documents: group('keys documents', {
      add: keysDocumentsAdd,
      list: keysDocumentsList,
      remove: keysDocumentsRemove,
    }),
  }),
  audit: group('audit', {
    verify: command(
      {
        usage: 'audit verify',
        summary: "check the audit log's hash chain (exit 1 and the first bad id on a mismatch)",
        positionals: [],
        options: {},
      },
      (_args, env) => auditVerify(env),
    ),
  }),
  import: group('import', { evidence: importEvidenceCommand }),
  export: exportCommand,
  sources: group('sources', { import: sourcesImportCommand }),
  contacts: group('contacts', { import: contactsImportCommand }),
  collect: collectCommand,
  links: group('links', { check: linksCheckCommand }),
};

/** Every command's usage line and what it does (`ranking help`; stderr, as for a usage error). */
export function printUsage(): void {
  const specs = Object.values(COMMANDS).flatMap((c) => c.specs);
  const lines = specs.map((spec) =>
    spec.usage.length <= 40
      ? `  ${spec.usage.padEnd(40)} ${spec.summary}`
      : `  ${spec.usage}\n  ${' '.repeat(40)} ${spec.summary}`,
  );
  process.stderr.write(`Usage: ranking <command> [--help]

${lines.join('\n')}

Environment: DATABASE_URL (else PGlite in .data/pglite or PGLITE_DIR), PORT, AUTH_SECRET, REDIS_URL, NODE_ENV.
`);
}
