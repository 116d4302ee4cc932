/**
 * The schema's source of truth: one SDL file per domain module, merged. `npm run codegen` prints
 * the merged SDL to apps/api/schema.graphql and generates resolver types from it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeTypeDefs } from '@graphql-tools/merge';
import { buildASTSchema, type DocumentNode, printSchema } from 'graphql';

const MODULES_DIR = fileURLToPath(new URL('../modules', import.meta.url));

/** `common` first, then the domain modules alphabetically. */
export function moduleSdlFiles(): string[] {
  const modules = readdirSync(MODULES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort((a, b) => (a === 'common' ? -1 : b === 'common' ? 1 : a.localeCompare(b)));
  return modules
    .map((m) => join(MODULES_DIR, m, 'schema.graphql'))
    .filter((file) => {
      try {
        readFileSync(file);
        return true;
      } catch {
        return false;
      }
    });
}

export function loadTypeDefs(): DocumentNode {
  return mergeTypeDefs(
    moduleSdlFiles().map((file) => readFileSync(file, 'utf8')),
    { sort: false },
  );
}

/** The merged SDL as committed in apps/api/schema.graphql (types sorted, descriptions kept). */
export function printMergedSchema(): string {
  return `${printSchema(buildASTSchema(loadTypeDefs()))}\n`;
}
