/**
 * One process at a time per embedded data directory. PGlite is PostgreSQL running inside one
 * process: two processes opening the same directory each keep their own copy of its pages, and
 * whichever writes last silently overwrites the other's committed changes. `openDatabase` takes
 * this lock before PGlite touches the directory and releases it on close (or when the process
 * exits); a lock left by a crashed process (its pid is gone) is taken over.
 *
 * Not a time-based lock (mkdir + refreshed mtime, as proper-lockfile does): PGlite runs queries on
 * the event loop's thread, so a long computation would stop the refresh and let a second process
 * declare a live lock stale. The owner's pid is the truth.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';

/** The lock's file name inside the data directory. */
export const LOCK_FILE_NAME = 'ranking.lock';

/** What the lock file says about its owner. */
export interface LockOwner {
  pid: number;
  /** The owner's command line, e.g. `ranking serve`. */
  command: string;
  /** ISO 8601 time the lock was taken. */
  startedAt: string;
  hostname: string;
}

/** The directory is open in another live process (or one this host cannot check). */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly lockFile: string,
    readonly owner: LockOwner | null,
    reason: string,
  ) {
    super(`The embedded database ${dataDir} ${reason}`);
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly file: string;
  /** Removes the lock file if this process still owns it. Idempotent. */
  release(): void;
}

/** `ranking serve` for `node …/bin/ranking.js serve`. */
export function describeCurrentCommand(): string {
  const script = process.argv[1] ? basename(process.argv[1]).replace(/\.[cm]?[jt]s$/, '') : 'node';
  return [script, ...process.argv.slice(2)].join(' ');
}

function parseOwner(text: string): LockOwner | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return null;
    const o = value as Record<string, unknown>;
    if (
      typeof o.pid === 'number' &&
      Number.isInteger(o.pid) &&
      o.pid > 0 &&
      typeof o.command === 'string' &&
      typeof o.startedAt === 'string' &&
      typeof o.hostname === 'string'
    ) {
      return { pid: o.pid, command: o.command, startedAt: o.startedAt, hostname: o.hostname };
    }
    return null;
  } catch {
    return null;
  }
}

/** True unless the pid is certainly gone (EPERM: alive, owned by another user). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Takes the lock of `dataDir` (which must exist) for this process.
 * @throws {DataDirLockedError} when a live process (or one on another host) holds it.
 */
export function acquireDataDirLock(dataDir: string, command: string = describeCurrentCommand()): DataDirLock {
  const file = join(dataDir, LOCK_FILE_NAME);
  const owner: LockOwner = {
    pid: process.pid,
    command,
    startedAt: new Date().toISOString(),
    hostname: hostname(),
  };
  const text = `${JSON.stringify(owner)}\n`;
  // Written whole under a private name, then linked into place: link() fails if the lock exists,
  // and a reader never sees a half-written lock.
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temp, text, { mode: 0o644 });
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(temp, file);
        return ownLock(file, text);
      } catch (error) {
        if (errorCode(error) !== 'EEXIST') throw error;
      }
      const existing = readText(file);
      if (existing === null) continue; // Released meanwhile: try again.
      const holder = parseOwner(existing);
      if (holder === null) {
        throw new DataDirLockedError(
          dataDir,
          file,
          null,
          `has a lock file that cannot be read (${file}). If no process uses this directory, delete that file.`,
        );
      }
      if (holder.hostname !== owner.hostname) {
        throw new DataDirLockedError(
          dataDir,
          file,
          holder,
          `is locked by ${describeOwner(holder)}, on another host, which this host cannot check. If that process is gone, delete ${file}.`,
        );
      }
      if (isAlive(holder.pid)) {
        throw new DataDirLockedError(dataDir, file, holder, `is in use by ${describeOwner(holder)}.`);
      }
      takeOverStale(file, existing);
    }
    throw new DataDirLockedError(dataDir, file, null, 'is being locked by other processes right now.');
  } finally {
    unlinkSync(temp);
  }
}

/**
 * Moves a dead owner's lock aside. The rename is atomic; if another process replaced the stale
 * lock with its own live one in between, that one is put back (and seen as live on the next try).
 */
function takeOverStale(file: string, staleText: string): void {
  const aside = `${file}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw error;
  }
  if (readText(aside) === staleText) {
    unlinkSync(aside);
    return;
  }
  try {
    linkSync(aside, file);
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error;
  }
  unlinkSync(aside);
}

function ownLock(file: string, text: string): DataDirLock {
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    // Only our own lock: never remove one a later owner took over.
    if (readText(file) === text) unlinkSync(file);
  };
  // process.exit() without close (an error path, a signal handler) still leaves no lock behind.
  process.on('exit', release);
  return { file, release };
}

/** `pid 123 (ranking serve, since 2026-01-01T10:00:00.000Z on host)`. */
export function describeOwner(owner: LockOwner): string {
  return `pid ${owner.pid} (${owner.command}, since ${owner.startedAt} on ${owner.hostname})`;
}
