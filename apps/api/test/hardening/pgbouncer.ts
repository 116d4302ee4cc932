/**
 * A private PgBouncer in front of a private PostgreSQL (private-postgres.ts), for the connection
 * pooler suite. The binary is looked up on PATH and in the sbin directories Debian installs it to;
 * when it is missing and we are root with apt-get, Debian's `pgbouncer` package is installed (as
 * apps/admin's ensure-browser.ts does for Chromium), so a fresh machine runs the suite too. Without
 * it the suite fails under CI and skips loudly elsewhere (`privatePostgresPlan`).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, join } from 'node:path';
import { freePort } from './private-postgres';

const SEARCH_DIRS = ['/usr/sbin', '/usr/local/sbin', '/usr/bin', '/usr/local/bin'];

export function findPgbouncer(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.PGBOUNCER && existsSync(env.PGBOUNCER)) return env.PGBOUNCER;
  const dirs = [...(env.PATH ?? '').split(delimiter).filter(Boolean), ...SEARCH_DIRS];
  return dirs.map((dir) => join(dir, 'pgbouncer')).find((file) => existsSync(file));
}

/** The pgbouncer binary, installing Debian's package when possible; or why there is none. */
export function provisionPgbouncer(): { path: string } | { unavailable: string } {
  const found = findPgbouncer();
  if (found) return { path: found };
  const apt = ['/usr/bin/apt-get', '/bin/apt-get'].find((file) => existsSync(file));
  if (userInfo().uid !== 0 || !apt)
    return { unavailable: 'no pgbouncer binary (PATH, /usr/sbin) and no apt-get as root to install it' };
  const installed = spawnSync(apt, ['install', '-y', '--no-install-recommends', 'pgbouncer'], {
    encoding: 'utf8',
    timeout: 10 * 60_000,
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  const again = findPgbouncer();
  if (again) return { path: again };
  const last = `${installed.stderr ?? ''}${installed.stdout ?? ''}`.trim().split('\n').pop();
  return { unavailable: `no pgbouncer binary, and \`apt-get install pgbouncer\` failed: ${last}` };
}

export interface Pgbouncer {
  port: number;
  /** A postgres:// URL of `database` through the pooler. */
  url(database: string): string;
  stop(): Promise<void>;
}

async function untilAccepting(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`pgbouncer exited (${child.exitCode}): ${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`pgbouncer did not listen on ${port}: ${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Starts `binary` in `pool_mode` in front of the server on `serverPort` (trust authentication for the
 * `postgres` user, `poolSize` server connections per database). PgBouncer refuses to run as root,
 * so as root it runs as the postgres OS user, in a directory that user owns.
 */
export async function startPgbouncer(
  binary: string,
  options: { serverPort: number; poolMode: 'transaction' | 'session'; poolSize: number },
): Promise<Pgbouncer> {
  const root = mkdtempSync(join(tmpdir(), 'ranking-pgbouncer-'));
  const port = await freePort();
  const logFile = join(root, 'pgbouncer.log');
  writeFileSync(join(root, 'users.txt'), '"postgres" ""\n');
  writeFileSync(
    join(root, 'pgbouncer.ini'),
    [
      '[databases]',
      `* = host=127.0.0.1 port=${options.serverPort}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${join(root, 'users.txt')}`,
      `pool_mode = ${options.poolMode}`,
      `default_pool_size = ${options.poolSize}`,
      'max_client_conn = 200',
      `logfile = ${logFile}`,
      '',
    ].join('\n'),
  );
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const id = (flag: string) =>
      Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
    for (const file of ['', 'users.txt', 'pgbouncer.ini']) chownSync(join(root, file), id('-u'), id('-g'));
  }
  const [command, args] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', binary, join(root, 'pgbouncer.ini')]]
    : [binary, [join(root, 'pgbouncer.ini')]];
  const child = spawn(command, args, { detached: true, stdio: 'ignore' });
  const log = () => {
    try {
      return spawnSync('tail', ['-n', '5', logFile], { encoding: 'utf8' }).stdout;
    } catch {
      return '(no log)';
    }
  };
  try {
    await untilAccepting(port, child, log);
  } catch (error) {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  return {
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async stop() {
      if (child.exitCode === null && child.pid) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        process.kill(-child.pid, 'SIGTERM');
        await exited;
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
