/**
 * Builds the `ranking` CLI once per test run, as production runs it (`npm run build`:
 * scripts/build.ts), into a temporary folder of its own so that concurrent runs never share one.
 * Tests that start the CLI as a child process run this compiled file (test/cli-process.ts).
 *
 * The folder is under apps/api/node_modules/.cache: the bundle loads its npm dependencies from the
 * node_modules folders above it, as `dist/` does.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { buildCli } from '../scripts/build';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the compiled CLI entry point (dist/bin/ranking.js in a temporary build). */
    rankingBin: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const cache = fileURLToPath(new URL('../node_modules/.cache', import.meta.url));
  mkdirSync(cache, { recursive: true });
  const outDir = mkdtempSync(join(cache, 'ranking-cli-'));
  project.provide('rankingBin', await buildCli(outDir));
  return () => rmSync(outDir, { recursive: true, force: true });
}
