/**
 * Published downloads (`GET /editions/YEAR/export/FILE`) are generated from the edition's frozen
 * snapshot: renaming a project or moving an organization to another country after publication
 * changes no byte of any file, even when the files are first generated after the edit.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDrivers } from '@ranking/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishDemoEdition } from '../src/cli/demo';
import { createSystemContext } from '../src/context';
import { EXPORT_FILES, exportEdition } from '../src/modules/bulk/export-service';
import { editionsOfYear } from '../src/modules/editions/lifecycle-service';
import { startTestApi, type TestApi } from './helpers';

const FILES = [...EXPORT_FILES, 'manifest.json'];

describe.each(testDrivers())('published downloads (%s)', (driver) => {
  let api: TestApi;
  let dir: string;

  beforeAll(async () => {
    api = await startTestApi(driver, { seed: true, now: () => new Date('2026-12-01T12:00:00Z') });
    dir = mkdtempSync(join(tmpdir(), 'ranking-downloads-'));
  }, 300_000);
  afterAll(async () => {
    await api?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a later catalogue edit changes no byte of any published file', async () => {
    const ctx = createSystemContext(api.deps);
    const [edition] = await editionsOfYear(ctx, 2024);
    if (edition?.status !== 'published') throw new Error('the demo 2024 edition is not published');
    // The files as they are at publication, before anything is downloaded over HTTP.
    await exportEdition(ctx, edition, dir);
    const projectsCsv = readFileSync(join(dir, 'projects.csv'), 'utf8');
    expect(projectsCsv).toContain('\nllama-cpp,llama.cpp,system,ggml,\n');

    const admin = await api.tokenFor('admin');
    const renamed = await api.gql<{ updateProject: { name: string } }>(
      'mutation { updateProject(slug: "llama-cpp", input: { name: "=HYPERLINK(\\"x\\") renamed" }) { name } }',
      {},
      { token: admin },
    );
    expect(renamed.errors).toBeUndefined();
    expect(renamed.data?.updateProject.name).toBe('=HYPERLINK("x") renamed');
    const moved = await api.gql<{ updateOrganization: { country: string } }>(
      'mutation { updateOrganization(slug: "ggml", input: { country: "BG" }) { country } }',
      {},
      { token: admin },
    );
    expect(moved.errors).toBeUndefined();
    expect(moved.data?.updateOrganization.country).toBe('BG');

    for (const file of FILES) {
      const response = await fetch(`${api.url}/editions/2024/export/${file}?revision=${edition.revision}`);
      expect(response.status, file).toBe(200);
      const body = Buffer.from(await response.arrayBuffer());
      expect(body.equals(readFileSync(join(dir, file))), `${file} changed after the catalogue edit`).toBe(
        true,
      );
    }
  }, 120_000);

  it('two databases with the same edition id and content hash never share generated files', async () => {
    // A second database, seeded the same way; llama-cpp is renamed there before a new edition is
    // computed. Names are not in the content hash, so both 2027 editions have the same id and hash.
    const other = await startTestApi(driver, { seed: true, now: () => new Date('2026-12-01T12:00:00Z') });
    try {
      const renamed = await other.gql(
        'mutation { updateProject(slug: "llama-cpp", input: { name: "llama.cpp (other database)" }) { name } }',
        {},
        { token: await other.tokenFor('admin') },
      );
      expect(renamed.errors).toBeUndefined();
      const mine = await publishDemoEdition(createSystemContext(api.deps), {
        year: 2027,
        cutoff: '2026-11-30',
      });
      const theirs = await publishDemoEdition(createSystemContext(other.deps), {
        year: 2027,
        cutoff: '2026-11-30',
      });
      expect([theirs.id, theirs.contentHash]).toEqual([mine.id, mine.contentHash]);
      const own = await (await fetch(`${api.url}/editions/2027/export/projects.csv`)).text();
      const others = await (await fetch(`${other.url}/editions/2027/export/projects.csv`)).text();
      expect(own).not.toContain('(other database)');
      expect(others).toContain('\nllama-cpp,llama.cpp (other database),system,ggml,');
    } finally {
      await other.close();
    }
  }, 300_000);
});
