/**
 * A private PostgreSQL instance for fault tests, so that stopping and restarting a server never
 * touches the shared one on 5432. initdb into a temporary directory, run as the `postgres` OS user
 * (PostgreSQL refuses root), listening on a free loopback port with its socket in the same directory.
 * The server binaries are found the way PostgreSQL's own tools find them (`pg_config --bindir`,
 * else the newest /usr/lib/postgresql/N/bin). Without them the suites fail under CI and skip loudly
 * elsewhere: see `describeWithPrivatePostgres`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'vitest';

export interface PostgresBinSearch {
  /** The pg_config to ask (looked up on PATH by default). */
  pgConfig: string;
  /** Where Debian and Ubuntu install each server version (`<dir>/<version>/bin`). */
  versionsDir: string;
}

const DEFAULT_SEARCH: PostgresBinSearch = { pgConfig: 'pg_config', versionsDir: '/usr/lib/postgresql' };

const hasServer = (bin: string) => existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'));

/**
 * The directory with initdb and pg_ctl: `pg_config --bindir` when it has them (a pg_config from
 * libpq-dev alone may point at a directory without a server), else the newest version under
 * `versionsDir` that has them (numeric order: 16 before 15 before 9.6); undefined when none does.
 */
export function findPostgresBin(search: PostgresBinSearch = DEFAULT_SEARCH): string | undefined {
  const asked = spawnSync(search.pgConfig, ['--bindir'], { encoding: 'utf8', timeout: 10_000 });
  const reported = asked.status === 0 ? asked.stdout.trim() : '';
  if (reported && hasServer(reported)) return reported;
  let versions: string[] = [];
  try {
    versions = readdirSync(search.versionsDir).filter((name) => /^\d+(\.\d+)?$/.test(name));
  } catch {
    // No such directory: not a Debian-style installation.
  }
  return versions
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => join(search.versionsDir, version, 'bin'))
    .find(hasServer);
}

/** Why private instances cannot run here, or null when they can. */
export function privatePostgresUnavailable(search: PostgresBinSearch = DEFAULT_SEARCH): string | null {
  if (!findPostgresBin(search))
    return `no PostgreSQL server binaries (initdb, pg_ctl): not in \`${search.pgConfig} --bindir\` nor in ${search.versionsDir}/*/bin`;
  if (userInfo().uid === 0 && spawnSync('id', ['-u', 'postgres']).status !== 0)
    return 'running as root without a postgres OS user to run the server as';
  return null;
}

/** What a suite that needs a private instance does here: run, fail (CI must run it) or skip. */
export function privatePostgresPlan(
  unavailable: string | null,
  env: NodeJS.ProcessEnv,
): 'run' | 'fail' | 'skip' {
  if (unavailable === null) return 'run';
  const ci = env.CI?.toLowerCase();
  return ci && ci !== 'false' && ci !== '0' ? 'fail' : 'skip';
}

/**
 * `describe` for suites on a private instance. Never a quiet skip: in CI (CI=true) a missing
 * PostgreSQL fails the suite with the reason; elsewhere the suite is skipped with the reason in its
 * name and on stderr.
 */
export function describeWithPrivatePostgres(
  name: string,
  body: () => void,
  /** What else the suite needs (checked only when PostgreSQL is there): why it is missing, or null. */
  alsoNeeds: () => string | null = () => null,
): void {
  const unavailable = privatePostgresUnavailable() ?? alsoNeeds();
  const plan = privatePostgresPlan(unavailable, process.env);
  if (plan === 'run') describe(name, body);
  else if (plan === 'fail')
    describe(name, () => {
      it('has PostgreSQL server binaries to run on', () => {
        throw new Error(`${name} cannot run: ${unavailable} (CI=true, so this is a failure, not a skip)`);
      });
    });
  else {
    process.stderr.write(`\n*** SKIPPED: ${name}: ${unavailable} (under CI=true this fails) ***\n\n`);
    describe.skip(`${name} (SKIPPED: ${unavailable})`, body);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface PrivatePostgres {
  url: string;
  port: number;
  start(): void;
  /** `fast` (clean: disconnects clients, checkpoints) or `immediate` (like a crash). */
  stop(mode?: 'fast' | 'immediate'): void;
  /** Runs SQL as the superuser through psql; returns stdout. */
  psql(sql: string, database?: string): string;
  destroy(): void;
}

/** Server settings (`-c name=value`) added to the defaults, e.g. `shared_preload_libraries`. */
export type ServerSettings = Record<string, string>;

/** Runs a server tool (as the postgres OS user when we are root). */
function toolRunner(bin: string, asRoot: boolean) {
  return (tool: string, args: string[]) => {
    const [command, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]]
      : [join(bin, tool), args];
    const result = spawnSync(command, argv, { encoding: 'utf8', timeout: 60_000 });
    if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr || result.stdout}`);
    return result.stdout;
  };
}

/** A temporary directory the server's OS user owns. */
function makeRoot(prefix: string): { root: string; asRoot: boolean } {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(root, uid, gid);
  }
  return { root, asRoot };
}

function instanceAt(bin: string, root: string, port: number, asRoot: boolean, settings: ServerSettings) {
  const data = join(root, 'data');
  const run = toolRunner(bin, asRoot);
  const extra = Object.entries(settings)
    .map(([name, value]) => ` -c ${name}=${value}`)
    .join('');
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40 -c shared_buffers=16MB${extra}`;
  const instance: PrivatePostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start: () => {
      run('pg_ctl', ['-D', data, '-o', options, '-l', join(root, 'log'), '-w', '-t', '30', 'start']);
    },
    stop: (mode = 'fast') => {
      run('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '30', 'stop']);
    },
    psql: (sql, database = 'postgres') => {
      const result = spawnSync(
        join(bin, 'psql'),
        [
          '-X',
          '-q',
          '-At',
          '-v',
          'ON_ERROR_STOP=1',
          '-h',
          '127.0.0.1',
          '-p',
          String(port),
          '-U',
          'postgres',
          '-d',
          database,
          '-c',
          sql,
        ],
        { encoding: 'utf8', timeout: 30_000 },
      );
      if (result.status !== 0) throw new Error(`psql failed: ${result.stderr}`);
      return result.stdout.trim();
    },
    destroy: () => {
      try {
        instance.stop('immediate');
      } catch {
        // Already stopped.
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
  return instance;
}

export async function startPrivatePostgres(settings: ServerSettings = {}): Promise<PrivatePostgres> {
  const bin = findPostgresBin();
  if (!bin) throw new Error(privatePostgresUnavailable() ?? 'no PostgreSQL server binaries');
  const { root, asRoot } = makeRoot('ranking-pg-');
  const port = await freePort();
  toolRunner(bin, asRoot)('initdb', [
    '-D',
    join(root, 'data'),
    '-A',
    'trust',
    '-U',
    'postgres',
    '--no-sync',
    '-E',
    'UTF8',
  ]);
  const instance = instanceAt(bin, root, port, asRoot, settings);
  instance.start();
  return instance;
}

/**
 * A hot-standby streaming replica of `primary` on another port: `pg_basebackup -R` (which writes
 * `standby.signal` and the connection to the primary) into a new temporary directory, then a second
 * postmaster. initdb's default pg_hba.conf lets local replication connections in.
 */
export async function startStreamingReplica(
  primary: PrivatePostgres,
  settings: ServerSettings = {},
): Promise<PrivatePostgres> {
  const bin = findPostgresBin();
  if (!bin) throw new Error(privatePostgresUnavailable() ?? 'no PostgreSQL server binaries');
  const { root, asRoot } = makeRoot('ranking-pg-replica-');
  const port = await freePort();
  toolRunner(bin, asRoot)('pg_basebackup', [
    '-D',
    join(root, 'data'),
    '-R',
    '-X',
    'stream',
    '-c',
    'fast',
    '-h',
    '127.0.0.1',
    '-p',
    String(primary.port),
    '-U',
    'postgres',
  ]);
  const instance = instanceAt(bin, root, port, asRoot, { hot_standby: 'on', ...settings });
  instance.start();
  return instance;
}
