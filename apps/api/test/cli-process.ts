/**
 * The `ranking` CLI as real child processes: one-shot commands run to their exit, and a serving
 * command (`serve`, `start`) waited for until its /readyz answers, then stopped by a signal.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { inject } from 'vitest';

/** The compiled CLI (built once per run by test/global-setup.ts, as `npm run build` builds it). */
export const RANKING_BIN = inject('rankingBin');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface Served {
  child: ChildProcess;
  /** `http://host:port`, as the server printed it. */
  url: string;
  output(): string;
}

/**
 * Runs `ranking ARGS` with exactly `env` (plus `input` on stdin) to its exit; a command still running
 * after `deadlineMs` (say, one that should have refused but serves) is killed and reported as such.
 */
export function runRanking(
  args: string[],
  env: Record<string, string>,
  input?: string,
  deadlineMs = 300_000,
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RANKING_BIN, ...args], {
      env,
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdin?.end(input);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      stderr += `\n[still running after ${deadlineMs} ms: killed]`;
    }, deadlineMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Resolves with the exit code once the process has exited (at once if it already has). */
export const exitOf = (child: ChildProcess): Promise<number | null> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise((resolve) => child.once('exit', (code) => resolve(code)));

/**
 * Starts `ranking COMMAND` (set PORT=0 in `env`: the URL is read from its output) and resolves once
 * /readyz answers 200; rejects if the process exits first or `deadlineMs` passes.
 */
export async function startServing(
  command: 'serve' | 'start',
  env: Record<string, string>,
  deadlineMs = 300_000,
): Promise<Served> {
  const child = spawn(process.execPath, [RANKING_BIN, command], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const gone = exitOf(child).then((code) => {
    throw new Error(`ranking ${command} exited (${code}) before it was ready:\n${output}`);
  });
  gone.catch(() => {});
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`ranking ${command} was not ready within ${deadlineMs} ms:\n${output}`);
    }
    const url = /(https?:\/\/[^\s/]+)\/graphql\b/.exec(output)?.[1];
    if (url) {
      const ready = await fetch(`${url}/readyz`).then(
        (response) => response.ok,
        () => false,
      );
      if (ready) return { child, url, output: () => output };
    }
    // Poll again shortly, unless the process exits first.
    await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 100))]);
  }
}

/** Signals the server and resolves with its exit code. */
export function stopServing(served: Served, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  const done = exitOf(served.child);
  served.child.kill(signal);
  return done;
}

/** POSTs a GraphQL request; resolves with the whole JSON answer. */
export async function postGraphQL<T>(
  served: Served,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<{ data?: T | null; errors?: { message: string; extensions?: Record<string, unknown> }[] }> {
  const response = await fetch(`${served.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as {
    data?: T | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}
