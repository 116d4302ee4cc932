/**
 * Writes apps/api/schema.graphql (the merged SDL, committed) and the resolver types generated from
 * it (src/graphql/resolvers-types.generated.ts), then the admin's operation types from that SDL
 * (apps/admin/src/graphql/generated/). Run with `npm run codegen -w @ranking/api`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { codegenConfig } from '../codegen';
import { printMergedSchema } from '../src/graphql/type-defs';

const schemaFile = fileURLToPath(new URL('../schema.graphql', import.meta.url));
writeFileSync(schemaFile, printMergedSchema());
await generate(codegenConfig(schemaFile), true);
// codegen re-exports `enumValues` types as values, which verbatimModuleSyntax refuses
// (dotansimha/graphql-code-generator#10142): make them type-only.
const generated = fileURLToPath(new URL('../src/graphql/resolvers-types.generated.ts', import.meta.url));
writeFileSync(
  generated,
  readFileSync(generated, 'utf8').replace(/^export \{ (\w+) \};$/gm, 'export type { $1 };'),
);
// Keep the committed SDL in the repository's format (Biome formats GraphQL too).
execFileSync('npx', ['biome', 'format', '--write', schemaFile], { stdio: 'ignore' });
// The admin's operation types come from the same SDL (apps/admin/codegen.ts): regenerate them too.
execFileSync('npm', ['run', 'codegen', '-w', '@ranking/admin'], {
  cwd: fileURLToPath(new URL('../../..', import.meta.url)),
  stdio: 'ignore',
});
console.log(
  'wrote schema.graphql, src/graphql/resolvers-types.generated.ts and apps/admin/src/graphql/generated/',
);
