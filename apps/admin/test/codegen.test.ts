/**
 * The admin's operations are typed from the API's committed SDL (codegen.ts, `npm run codegen`): the
 * generated files must match what the SDL and the operations in src/ give today, and an operation that
 * asks for a field the SDL no longer has must stop the generation (and so the build) instead of a page.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { afterAll, describe, expect, it } from 'vitest';
import { codegenConfig, generatedDir } from '../codegen';

const scratch = mkdtempSync(path.join(tmpdir(), 'admin-codegen-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('generated operation types (src/graphql/generated)', () => {
  it('are up to date with apps/api/schema.graphql and the operations in src/ (run `npm run codegen`)', async () => {
    const outputs: { filename: string; content: string }[] = await generate(codegenConfig, false);
    expect(outputs.map((o) => path.relative(generatedDir, o.filename)).sort()).toEqual([
      'gql.ts',
      'graphql.ts',
      'index.ts',
    ]);
    for (const output of outputs)
      expect(readFileSync(output.filename, 'utf8'), output.filename).toBe(output.content);
  });

  it('fails when an operation selects a field the SDL has renamed', async () => {
    const sdl = readFileSync(String(codegenConfig.schema), 'utf8');
    // Edition.contentHash, which the admin's edition summary selects, under a new name.
    const renamed = sdl.replace(/^(\s+)contentHash: String$/m, '$1contentDigest: String');
    expect(renamed).not.toBe(sdl);
    const schemaFile = path.join(scratch, 'schema.graphql');
    writeFileSync(schemaFile, renamed);
    await expect(generate({ ...codegenConfig, schema: schemaFile }, false)).rejects.toThrow(
      /Cannot query field "contentHash" on type "Edition"/,
    );
  });
});
