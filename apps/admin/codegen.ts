/**
 * graphql-codegen configuration: the admin's operations (`graphql(...)` calls in src/) typed against the
 * API's committed SDL (apps/api/schema.graphql) with the client preset. A renamed or removed field
 * makes the generated types change, so the admin's typecheck and build fail instead of its pages.
 * Run with `npm run codegen -w @ranking/admin`; test/codegen.test.ts checks the output is current.
 */
import { fileURLToPath } from 'node:url';
import type { CodegenConfig } from '@graphql-codegen/cli';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export const generatedDir = here('./src/graphql/generated/');

export const codegenConfig: CodegenConfig = {
  schema: here('../api/schema.graphql'),
  documents: [here('./src/**/*.{ts,tsx}'), `!${generatedDir}**`],
  silent: true,
  generates: {
    [generatedDir]: {
      preset: 'client',
      // Pages read fragments' fields directly: no masking.
      presetConfig: { fragmentMasking: false },
      config: {
        // The admin posts operations from the server with fetch: documents as typed strings, no DocumentNode.
        documentMode: 'string',
        useTypeImports: true,
        strictScalars: true,
        scalars: { Date: 'string', DateTime: 'string', JSON: 'unknown' },
        enumsAsTypes: true,
        skipTypename: true,
        // A nullable result field is `T | null`, as the API answers it, not also optional.
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
      },
    },
  },
};
