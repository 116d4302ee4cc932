/** Where the repository and its `.data/` folder are, found by walking up to the workspace root. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function isWorkspaceRoot(dir: string): boolean {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return false;
  try {
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { workspaces?: unknown };
    return pkg.workspaces !== undefined;
  } catch {
    return false;
  }
}

function walkUp(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (isWorkspaceRoot(dir)) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The monorepo root: from the working directory, else from this module's location. */
export function findRepoRoot(cwd: string = process.cwd()): string {
  const fromCwd = walkUp(cwd);
  if (fromCwd) return fromCwd;
  const fromModule = walkUp(dirname(fileURLToPath(import.meta.url)));
  if (fromModule) return fromModule;
  return resolve(cwd);
}

export function dataDir(root: string = findRepoRoot()): string {
  return join(root, '.data');
}
