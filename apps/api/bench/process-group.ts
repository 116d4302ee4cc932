/**
 * Servers under benchmark run as detached children, each the leader of its own process group, and
 * are stopped by group (`process.kill(-pid)`), so a wrapper (npm, tsx) never leaves its server
 * behind. A benchmark that exits without stopping them kills them on its way out.
 */
import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { join } from 'node:path';

const running = new Set<ChildProcess>();

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {} // already gone
}

process.once('exit', () => {
  for (const child of running) signalGroup(child, 'SIGKILL');
});

export function spawnGroup(command: string, args: string[], options: SpawnOptions): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** SIGTERM to the group, SIGKILL after 5 s; resolves when the leader has exited. */
export async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(child, 'SIGTERM');
  const timeout = setTimeout(() => signalGroup(child, 'SIGKILL'), 5000);
  await exited;
  clearTimeout(timeout);
  running.delete(child);
}

/**
 * `ranking serve` of the checkout at `root` as production runs it (NODE_ENV=production; the response
 * cache at its default unless `env` sets RESPONSE_CACHE_MB), on `databaseUrl` at `port`, with the
 * benchmark's own settings in `env`. Output ignored unless `stdio` says otherwise.
 */
export function spawnApi(
  root: string,
  options: {
    databaseUrl: string;
    port: number;
    env?: Record<string, string>;
    stdio?: SpawnOptions['stdio'];
  },
): ChildProcess {
  const { RESPONSE_CACHE_MB: _, ...inherited } = process.env;
  return spawnGroup(process.execPath, [join(root, 'apps/api/bin/ranking.js'), 'serve'], {
    env: {
      ...inherited,
      DATABASE_URL: options.databaseUrl,
      PORT: String(options.port),
      NODE_ENV: 'production',
      AUTH_SECRET: 'b'.repeat(40),
      ...options.env,
    },
    stdio: options.stdio ?? 'ignore',
  });
}
