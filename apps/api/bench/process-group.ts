/**
 * Servers under benchmark run as detached children, each the leader of its own process group, and
 * are stopped by group (`process.kill(-pid)`), so a wrapper (npm, tsx) never leaves its server
 * behind. A benchmark that exits without stopping them kills them on its way out.
 */
import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';

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
