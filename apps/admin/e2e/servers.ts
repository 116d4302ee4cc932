/**
 * Starting and stopping the real servers for the end-to-end tests. Each runs in its own session
 * (`setsid`), so teardown can stop it with everything it started by signalling its process group.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const ADMIN_DIR = path.resolve(import.meta.dirname, '..');
export const REPO_ROOT = path.resolve(ADMIN_DIR, '../..');
/**
 * Which servers the global teardown stops. E2E_STATE_FILE gives a run its own file, so two runs in
 * one checkout (with `--output` elsewhere) do not stop each other's servers.
 */
export const STATE_FILE = process.env.E2E_STATE_FILE ?? path.join(ADMIN_DIR, 'test-results', '.servers.json');

export interface ServerState {
  pgids: number[];
  tempDir: string;
  apiUrl: string;
  adminUrl: string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Runs `command` in a new session; its pid is then its process group id. Output goes to `logFile`. */
export function startInSession(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string },
): ChildProcess {
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const child = spawn('setsid', [command, ...args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return child;
}

/** Runs a command to completion (migrations, seeding, build); throws with its output on failure. */
export function runToEnd(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): void {
  const result = spawnSync(command, args, { ...options, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`,
    );
  }
}

export async function waitForHttp(
  url: string,
  timeoutMs: number,
  child: ChildProcess,
  logFile: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${url}: the server exited (${child.exitCode}):\n${readTail(logFile)}`);
    }
    try {
      const response = await fetch(url, { redirect: 'manual' });
      if (response.status < 500) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${readTail(logFile)}`);
}

function readTail(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8').slice(-4000) : '';
}

export function stopGroups(pgids: number[]): void {
  for (const pgid of pgids) {
    try {
      process.kill(-pgid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
}

/** Waits until every process of the groups has exited; SIGKILLs what is left after `timeoutMs`. */
export async function waitForGroupsToExit(pgids: number[], timeoutMs: number): Promise<void> {
  const alive = (pgid: number) => {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const deadline = Date.now() + timeoutMs;
  while (pgids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  for (const pgid of pgids.filter(alive)) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // Gone meanwhile.
    }
  }
}

export function saveState(state: ServerState): void {
  writeFileSync(STATE_FILE, JSON.stringify(state));
}

export function loadState(): ServerState | null {
  return existsSync(STATE_FILE) ? (JSON.parse(readFileSync(STATE_FILE, 'utf8')) as ServerState) : null;
}
