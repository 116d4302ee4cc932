/**
 * `npm run build` for the API: compiles the `ranking` CLI (and with it the server) into one
 * JavaScript file, `dist/bin/ranking.js`, so production runs plain Node instead of compiling
 * TypeScript with tsx at every start (docs/operations.md, "Running in production").
 *
 * The workspace packages (@ranking/schema, @ranking/scoring, @ranking/collectors) are bundled in;
 * every npm dependency stays external and is loaded from node_modules as under tsx, so there is one
 * copy of each (graphql in particular, whose classes are compared with `instanceof`).
 *
 * The bundle finds its files the way the sources do, relative to its own location: the sources ask
 * for `../drizzle`, `../data/…` and `../modules` from `src/`, so the bundle sits one folder down
 * (`dist/bin/`) and those folders are copied next to it (`dist/drizzle`, `dist/data`, the modules'
 * SDL files in `dist/modules`).
 */
import { cpSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const API_DIR = fileURLToPath(new URL('..', import.meta.url));
const SCHEMA_DIR = join(API_DIR, '../../packages/schema');

/** Copies every `*.graphql` file below `from` to the same place below `to`. */
function copySdl(from: string, to: string): void {
  for (const name of readdirSync(from)) {
    const path = join(from, name);
    if (statSync(path).isDirectory()) copySdl(path, join(to, name));
    else if (name.endsWith('.graphql')) {
      mkdirSync(to, { recursive: true });
      cpSync(path, join(to, name));
    }
  }
}

/** Builds the CLI into `outDir` (default `apps/api/dist`) and returns the path of its entry point. */
export async function buildCli(outDir: string = join(API_DIR, 'dist')): Promise<string> {
  rmSync(outDir, { recursive: true, force: true });
  const entry = join(outDir, 'bin', 'ranking.js');
  await build({
    entryPoints: [join(API_DIR, 'src/cli/main.ts')],
    outfile: entry,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    plugins: [
      {
        name: 'npm-dependencies-external',
        setup(on) {
          // Bare specifiers other than our own workspace packages: loaded from node_modules.
          on.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith('@ranking/') ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
  });
  cpSync(join(SCHEMA_DIR, 'drizzle'), join(outDir, 'drizzle'), { recursive: true });
  cpSync(join(SCHEMA_DIR, 'data'), join(outDir, 'data'), { recursive: true });
  copySdl(join(API_DIR, 'src/modules'), join(outDir, 'modules'));
  return entry;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const entry = await buildCli();
  process.stdout.write(`built ${relative(process.cwd(), entry)}\n`);
}
