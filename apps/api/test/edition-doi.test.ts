/**
 * The DOI of an edition revision: set, normalised, cleared and refused through GraphQL
 * (`setEditionDoi`, scope `editions:manage`), audited, read as `Edition.doi`; the database lets a
 * published edition change in this one column only; the DOI is in datapackage.json, CITATION.cff
 * and README.md of the export, which changes no data file and not the content hash; the downloads
 * serve the new citation files at once and never as immutable.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { queryRows } from '@ranking/schema';
import { testDrivers } from '@ranking/schema/testing';
import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createSystemContext } from '../src/context';
import { DOWNLOAD_CACHE_CONTROL } from '../src/http/downloads';
import { exportEdition, verifyExportDir } from '../src/modules/bulk/export-service';
import { editionsOfYear } from '../src/modules/editions/lifecycle-service';
import type { EditionRow } from '../src/modules/editions/model';
import { startTestApi, type TestApi } from './helpers';

const SET =
  'mutation($id: ID!, $doi: String) { setEditionDoi(id: $id, doi: $doi) { id doi contentHash status } }';
const DATA_FILES = ['results.csv', 'evidence.csv', 'results.parquet', 'evidence.ndjson', 'methodology.json'];

describe.each(testDrivers())('edition DOI (%s)', (driver) => {
  let api: TestApi;
  let publisher: string;
  let edition: EditionRow;
  const dirs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'ranking-doi-'));
    dirs.push(d);
    return d;
  };
  const set = (doi: string | null, token = publisher) =>
    api.gql<{ setEditionDoi: { id: string; doi: string | null; contentHash: string; status: string } }>(
      SET,
      { id: String(edition.id), doi },
      { token },
    );

  beforeAll(async () => {
    api = await startTestApi(driver, { seed: true, now: () => new Date('2026-12-01T12:00:00Z') });
    publisher = await api.tokenFor('publisher');
    const [row] = await editionsOfYear(createSystemContext(api.deps), 2024);
    if (row?.status !== 'published') throw new Error('the demo 2024 edition is not published');
    edition = row;
  }, 300_000);
  afterAll(async () => {
    await api?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('sets a DOI on a published revision, taking off a resolver prefix, and audits it', async () => {
    const res = await set('  https://doi.org/10.5281/zenodo.1234567 ');
    expect(res.errors).toBeUndefined();
    expect(res.data?.setEditionDoi).toEqual({
      id: String(edition.id),
      doi: '10.5281/zenodo.1234567',
      contentHash: edition.contentHash,
      status: 'PUBLISHED',
    });
    const read = await api.gql<{ edition: { doi: string | null } }>(
      `{ edition(year: 2024, revision: ${edition.revision}) { doi } }`,
    );
    expect(read.data?.edition.doi).toBe('10.5281/zenodo.1234567');
    const audit = await api.gql<{
      auditLog: { edges: { node: { action: string; entityId: string; before: unknown; after: unknown } }[] };
    }>(
      `{ auditLog(filter: { action: "edition.set_doi", entityId: "${edition.id}" }) { edges { node { action entityId before after } } } }`,
      {},
      { token: await api.tokenFor('admin') },
    );
    expect(audit.data?.auditLog.edges.map((e) => e.node)).toEqual([
      {
        action: 'edition.set_doi',
        entityId: String(edition.id),
        before: { doi: null },
        after: { doi: '10.5281/zenodo.1234567' },
      },
    ]);
  });

  it.each([
    ['doi:10.1000/ABC-def.9', '10.1000/ABC-def.9'],
    ['DOI: 10.1000.12/x(y)z', '10.1000.12/x(y)z'],
    ['http://dx.doi.org/10.1000/a%2Fb', '10.1000/a/b'],
  ])('normalises %s to %s', async (input, stored) => {
    const res = await set(input);
    expect(res.errors).toBeUndefined();
    expect(res.data?.setEditionDoi.doi).toBe(stored);
  });

  it.each([
    'not a doi',
    '10.12/too-short-registrant',
    '10.5281/with space',
    '11.5281/zenodo.1',
    'https://example.org/10.5281/zenodo.1',
    '10.5281/',
    `10.5281/${'x'.repeat(200)}`,
  ])('refuses %s with BAD_USER_INPUT on doi, changing nothing', async (input) => {
    const before = (await set('10.5281/zenodo.42')).data?.setEditionDoi.doi;
    const res = await set(input);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'doi' });
    expect(res.errors?.[0]?.message).toMatch(/^doi must be a DOI such as 10\.5281\/zenodo\.1234567/);
    expect(res.data ?? null).toBeNull();
    const read = await api.gql<{ editionById: { doi: string | null } }>(
      `{ editionById(id: "${edition.id}") { doi } }`,
    );
    expect(read.data?.editionById.doi).toBe(before);
  });

  it('is refused without editions:manage', async () => {
    const res = await set('10.5281/zenodo.5', await api.tokenFor('editor'));
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('the database lets a published edition change in its DOI only', async () => {
    /** The driver's error under the query builder's (its SQLSTATE and message), or null when it ran. */
    const failure = async (query: SQL) => {
      try {
        await api.handle.db.execute(query);
        return null;
      } catch (error) {
        const cause = ((error as { cause?: unknown }).cause ?? error) as { code?: string; message?: string };
        return { code: cause.code, message: cause.message };
      }
    };
    expect(
      await failure(sql`UPDATE editions SET doi = '10.5281/zenodo.77' WHERE id = ${edition.id}`),
    ).toBeNull();
    expect(
      await failure(sql`UPDATE editions SET title = 'changed', doi = NULL WHERE id = ${edition.id}`),
    ).toMatchObject({ code: 'RK001', message: expect.stringMatching(/^published edition is read-only/) });
    expect(await failure(sql`UPDATE editions SET doi = 'no doi' WHERE id = ${edition.id}`)).toMatchObject({
      code: '23514',
      message: expect.stringContaining('editions_doi_check'),
    });
    const [row] = await queryRows<{ doi: string; title: string }>(
      api.handle.db,
      sql`SELECT doi, title FROM editions WHERE id = ${edition.id}`,
    );
    expect(row).toEqual({ doi: '10.5281/zenodo.77', title: edition.title });
  });

  it('puts the DOI in the three citation files; no data file and no content hash changes', async () => {
    const ctx = createSystemContext(api.deps);
    expect((await set(null)).data?.setEditionDoi.doi).toBeNull();
    const [without] = await editionsOfYear(ctx, 2024);
    const plain = tempDir();
    const before = (await exportEdition(ctx, without as EditionRow, plain)).manifest;
    expect(readFileSync(join(plain, 'CITATION.cff'), 'utf8')).not.toMatch(/doi/i);
    expect(JSON.parse(readFileSync(join(plain, 'datapackage.json'), 'utf8')).id).toBe(
      `sha256:${before.contentHash}`,
    );

    expect((await set('10.5281/zenodo.1234567')).errors).toBeUndefined();
    const [withDoi] = await editionsOfYear(ctx, 2024);
    const cited = tempDir();
    const after = (await exportEdition(ctx, withDoi as EditionRow, cited)).manifest;
    expect(after.contentHash).toBe(before.contentHash);
    expect(verifyExportDir(cited)).toMatchObject({ ok: true, computedHash: before.contentHash });

    const pkg = JSON.parse(readFileSync(join(cited, 'datapackage.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg).toMatchObject({
      id: 'https://doi.org/10.5281/zenodo.1234567',
      doi: '10.5281/zenodo.1234567',
      contentHash: `sha256:${before.contentHash}`,
    });
    const cff = parseYaml(readFileSync(join(cited, 'CITATION.cff'), 'utf8')) as Record<string, unknown>;
    expect(cff.doi).toBe('10.5281/zenodo.1234567');
    expect(cff.identifiers).toEqual([
      expect.objectContaining({ type: 'doi', value: '10.5281/zenodo.1234567' }),
      expect.objectContaining({ type: 'other', value: `sha256:${before.contentHash}` }),
    ]);
    expect(cff['preferred-citation']).toMatchObject({ type: 'data', doi: '10.5281/zenodo.1234567' });
    const readme = readFileSync(join(cited, 'README.md'), 'utf8');
    const howToCite = readme.slice(readme.indexOf('## How to cite'));
    expect(howToCite).toContain('https://doi.org/10.5281/zenodo.1234567');

    const changed = readdirSync(cited)
      .filter((f) => !readFileSync(join(cited, f)).equals(readFileSync(join(plain, f))))
      .sort();
    expect(changed).toEqual(['CITATION.cff', 'README.md', 'datapackage.json', 'manifest.json']);
    for (const file of DATA_FILES) expect(after.files[file]).toEqual(before.files[file]);
  });

  it('downloads serve the citation files of the current DOI, never as immutable', async () => {
    const url = (file: string) => `${api.url}/editions/2024/export/${file}?revision=${edition.revision}`;
    expect((await set('10.5281/zenodo.1111111')).errors).toBeUndefined();
    const first = await fetch(url('CITATION.cff'));
    expect(first.headers.get('cache-control')).toBe(DOWNLOAD_CACHE_CONTROL.latest);
    expect(await first.text()).toContain('10.5281/zenodo.1111111');
    const data = await fetch(url('results.csv'));
    expect(data.headers.get('cache-control')).toBe(DOWNLOAD_CACHE_CONTROL.pinned);
    const dataBytes = Buffer.from(await data.arrayBuffer());

    expect((await set('10.5281/zenodo.2222222')).errors).toBeUndefined();
    const second = await (await fetch(url('CITATION.cff'))).text();
    expect(second).toContain('10.5281/zenodo.2222222');
    expect(second).not.toContain('10.5281/zenodo.1111111');
    const manifest = JSON.parse(await (await fetch(url('manifest.json'))).text()) as {
      files: Record<string, { sha256: string }>;
    };
    const served = await fetch(url('datapackage.json'));
    expect(served.headers.get('etag')).toBe(`"${manifest.files['datapackage.json']?.sha256}"`);
    expect(((await served.json()) as { id: string }).id).toBe('https://doi.org/10.5281/zenodo.2222222');
    expect(Buffer.from(await (await fetch(url('results.csv'))).arrayBuffer()).equals(dataBytes)).toBe(true);
  });
});
