/**
 * Bulk paths (issue 6): evidence import (good, bad, idempotent, dry run, over GraphQL), export of a
 * published edition, its reproduction by `ranking-score`, tamper detection, verification against the
 * project snapshot, HTTP downloads with ETags, batch review and the dimension filter of evidence.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projects } from '@ranking/schema';
import { testDrivers } from '@ranking/schema/testing';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSystemContext } from '../src/context';
import { exportEdition, verifyExportDir } from '../src/modules/bulk/export-service';
import { formatProblem, type ImportReport, importEvidence } from '../src/modules/bulk/import-service';
import { verifyEdition } from '../src/modules/editions/compute-service';
import { editionsOfYear } from '../src/modules/editions/lifecycle-service';
import { codeOf, startTestApi, type TestApi } from './helpers';

const SCORE_BIN = fileURLToPath(new URL('../../../packages/scoring/bin/ranking-score.js', import.meta.url));
const HEADER = 'project,indicator,value,observed_at,source_url';
const GOOD = `${HEADER},source_kind,note
vllm,github_stars,70001,2025-03-01,https://github.com/vllm-project/vllm?utm_source=x,github,"bulk, quoted"
vllm,github_forks,12001,2025-03-01,https://github.com/vllm-project/vllm,github,
llama-cpp,github_stars,80001,2025-03-01,https://github.com/ggml-org/llama.cpp,,
`;

describe.each(testDrivers())('bulk import and export (%s)', (driver) => {
  let api: TestApi;
  let dir: string;
  const counts = async () => ({ evidence: await api.count('evidence'), audit: await api.count('audit_log') });
  const importText = (text: string | Buffer, options: { dryRun?: boolean; approve?: boolean } = {}) =>
    importEvidence(
      createSystemContext(api.deps),
      (async function* () {
        yield typeof text === 'string' ? Buffer.from(text) : text;
      })(),
      options,
    );

  beforeAll(async () => {
    api = await startTestApi(driver, { seed: true, now: () => new Date('2026-11-29T12:00:00Z') });
    dir = mkdtempSync(join(tmpdir(), 'ranking-export-'));
  }, 300_000);
  afterAll(async () => {
    await api?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe('import', () => {
    const refused = async (text: string | Buffer, line: number, column: string | null, pattern: RegExp) => {
      const before = await counts();
      const report = await importText(text);
      expect(report.status).toBe('refused');
      const problem = report.problems.find((p) => p.line === line && p.column === column);
      expect(problem, report.problems.map(formatProblem).join('\n')).toBeDefined();
      expect(problem?.message).toMatch(pattern);
      expect(await counts()).toEqual(before);
      return report;
    };

    it('refuses a wrong header (unknown or missing column)', async () => {
      await refused(
        `project,indicator,amount,observed_at,source_url\nvllm,github_stars,1,2025-01-01,https://a.org\n`,
        1,
        'amount',
        /unknown column/,
      );
      await refused(`project,indicator,value,source_url\n`, 1, 'observed_at', /missing required column/);
    });

    it('refuses bad UTF-8 with its line and character column', async () => {
      const bytes = Buffer.concat([
        Buffer.from(
          `${HEADER}\nvllm,github_stars,1,2025-01-01,https://a.org/x\nvllm,github_stars,2,2025-01-01,https://a.org/`,
        ),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('\n'),
      ]);
      const report = await refused(bytes, 3, '46', /invalid UTF-8/);
      expect(formatProblem(report.problems[0] ?? { line: 0, column: null, message: '' })).toMatch(
        /^line 3, column 46: /,
      );
    });

    it('refuses a quote inside an unquoted field with its line and column (RFC 4180, as every CSV reader here)', async () => {
      // The import used to read `12"3` as the text 12"3; the one tokenizer (packages/scoring/src/io) refuses it.
      const report = await refused(
        `${HEADER}\nvllm,github_stars,5,2025-01-01,https://a.org/ok\nvllm,github_stars,12"3,2025-01-01,https://a.org\n`,
        3,
        '21',
        /^a quote inside an unquoted field/,
      );
      expect(report.problems).toHaveLength(1);
      expect(formatProblem(report.problems[0] ?? { line: 0, column: null, message: '' })).toMatch(
        /^line 3, column 21: a quote inside an unquoted field/,
      );
    });

    it.each([
      [
        'unknown project',
        'no-such-project,github_stars,1,2025-01-01,https://a.org',
        'project',
        /unknown project "no-such-project"/,
      ],
      [
        'unknown indicator',
        'vllm,no_such_indicator,1,2025-01-01,https://a.org',
        'indicator',
        /unknown indicator/,
      ],
      [
        'non-numeric value',
        'vllm,github_stars,12k,2025-01-01,https://a.org',
        'value',
        /non-numeric value "12k"/,
      ],
      ['NaN value', 'vllm,github_stars,NaN,2025-01-01,https://a.org', 'value', /non-numeric/],
      ['infinite value', 'vllm,github_stars,1e999,2025-01-01,https://a.org', 'value', /not a finite number/],
      ['bad URL', 'vllm,github_stars,1,2025-01-01,ftp://a.org/file', 'source_url', /not an http\(s\) URL/],
      ['bad date', 'vllm,github_stars,1,2025-02-30,https://a.org', 'observed_at', /YYYY-MM-DD/],
      ['future date', 'vllm,github_stars,1,2030-01-01,https://a.org', 'observed_at', /in the future/],
    ])(
      'refuses a file with a %s, naming line and column, and writes nothing',
      async (_name, row, column, pattern) => {
        await refused(
          `${HEADER}\nvllm,github_stars,5,2025-01-01,https://a.org/ok\n${row}\n`,
          3,
          column,
          pattern,
        );
      },
    );

    it('dry run validates and counts without writing', async () => {
      const before = await counts();
      const report = await importText(GOOD, { dryRun: true });
      expect(report).toMatchObject({
        status: 'dry-run',
        rows: 3,
        inserted: 3,
        duplicates: 0,
        problemCount: 0,
      });
      expect(await counts()).toEqual(before);
    });

    it('imports a good file as pending with one audit entry, and the same file again adds nothing', async () => {
      const before = await counts();
      const first: ImportReport = await importText(GOOD);
      expect(first).toMatchObject({ status: 'imported', rows: 3, inserted: 3, duplicates: 0 });
      expect(await counts()).toEqual({ evidence: before.evidence + 3, audit: before.audit + 1 });
      const rows = await api.handle.db.execute(
        sql`select status, canonical_url, note from evidence where value = 70001`,
      );
      const list = (Array.isArray(rows) ? rows : (rows as unknown as { rows: unknown[] }).rows) as {
        status: string;
        canonical_url: string;
        note: string;
      }[];
      expect(list).toEqual([
        { status: 'pending', canonical_url: 'https://github.com/vllm-project/vllm', note: 'bulk, quoted' },
      ]);
      const second = await importText(GOOD);
      expect(second).toMatchObject({ status: 'imported', inserted: 0, duplicates: 3 });
      expect(second.fileSha256).toBe(first.fileSha256);
      expect(await api.count('evidence')).toBe(before.evidence + 3);
    });

    it('is exposed as the importEvidence mutation, scoped to evidence:write', async () => {
      const MUTATION = `mutation($csv: String!, $dryRun: Boolean) { importEvidence(csv: $csv, dryRun: $dryRun) {
        status rows inserted duplicates problemCount problems { line column message } } }`;
      const anonymous = await api.gql(MUTATION, { csv: GOOD });
      expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
      const viewer = await api.gql(MUTATION, { csv: GOOD }, { token: await api.tokenFor('viewer') });
      expect(codeOf(viewer)).toBe('FORBIDDEN');
      const editor = await api.tokenFor('editor');
      const bad = await api.gql<{
        importEvidence: { status: string; problems: { line: number; column: string }[] };
      }>(MUTATION, { csv: `${HEADER}\nvllm,github_stars,x,2025-01-01,https://a.org\n` }, { token: editor });
      expect(bad.data?.importEvidence.status).toBe('REFUSED');
      expect(bad.data?.importEvidence.problems[0]).toMatchObject({ line: 2, column: 'value' });
      const ok = await api.gql<{ importEvidence: { status: string; inserted: number } }>(
        MUTATION,
        { csv: `${HEADER}\nvllm,github_stars,70002,2025-04-01,https://github.com/vllm-project/vllm\n` },
        { token: editor },
      );
      expect(ok.data?.importEvidence).toMatchObject({ status: 'IMPORTED', inserted: 1 });
      const approve = await api.gql(
        `mutation { importEvidence(csv: "project", approve: true) { status } }`,
        {},
        { token: editor },
      );
      expect(codeOf(approve)).toBe('FORBIDDEN');
    });
  });

  describe('export and verify', () => {
    let exportDir: string;

    it('exports a published edition; ranking-score reproduces results.csv byte for byte', async () => {
      const ctx = createSystemContext(api.deps);
      const [edition] = await editionsOfYear(ctx, 2025);
      if (!edition) throw new Error('no 2025 edition');
      exportDir = join(dir, 'good');
      const { manifest } = await exportEdition(ctx, edition, exportDir);
      expect(manifest.contentHash).toBe(edition.contentHash);
      expect(manifest.counts.projects).toBeGreaterThan(100);
      expect(readFileSync(join(exportDir, 'projects.csv'), 'utf8').split('\n')[0]).toBe(
        'project,name,category,organization,country',
      );
      expect(readFileSync(join(exportDir, 'evidence.csv'), 'utf8').split('\n')[0]).toBe(
        'id,project,indicator,value,observed_at,source_url,retrieved_at,source_kind,is_illustrative,archived_url',
      );
      const stdout = await new Promise<string>((resolve, reject) => {
        execFile(
          process.execPath,
          [
            SCORE_BIN,
            '--methodology',
            'methodology.json',
            '--observations',
            'evidence.csv',
            '--projects',
            'projects.csv',
            '--cutoff',
            manifest.cutoff,
            '--format',
            'csv',
          ],
          { cwd: exportDir, maxBuffer: 1 << 26 },
          (error, out, err) => (error ? reject(new Error(err)) : resolve(out)),
        );
      });
      expect(stdout).toBe(readFileSync(join(exportDir, 'results.csv'), 'utf8'));
      expect(verifyExportDir(exportDir)).toMatchObject({ ok: true, computedHash: edition.contentHash });
    }, 120_000);

    const tampered = (name: string, edit: (d: string) => void) => {
      const copy = join(dir, name);
      cpSync(exportDir, copy, { recursive: true });
      edit(copy);
      return verifyExportDir(copy);
    };
    const replaceIn = (file: string, from: RegExp, to: (m: string) => string) =>
      writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));

    it('detects a changed evidence value', () => {
      const check = tampered('value', (d) =>
        replaceIn(join(d, 'evidence.csv'), /\n(\d+),([^,]+),([^,]+),([^,]+),/, (m) =>
          m.replace(/,([^,]+),$/, ',123456789,'),
        ),
      );
      expect(check.ok).toBe(false);
      expect(check.problems.join('\n')).toMatch(/evidence\.csv: SHA-256/);
      expect(check.problems.join('\n')).toMatch(/content hash/);
    });

    it('detects changed results even with a matching manifest entry', () => {
      const check = tampered('results', (d) => {
        replaceIn(join(d, 'results.csv'), /\n([^,]+),([^,]+),1,/, (m) => m.replace(/,1,$/, ',2,'));
        const manifest = JSON.parse(readFileSync(join(d, 'manifest.json'), 'utf8'));
        const buffer = readFileSync(join(d, 'results.csv'));
        manifest.files['results.csv'] = {
          sha256: createHash('sha256').update(buffer).digest('hex'),
          bytes: buffer.length,
        };
        writeFileSync(join(d, 'manifest.json'), JSON.stringify(manifest));
      });
      expect(check.ok).toBe(false);
      expect(check.problems.join('\n')).toMatch(/results\.csv differs from re-scoring/);
    });

    it('detects a changed manifest', () => {
      const check = tampered('manifest', (d) =>
        replaceIn(
          join(d, 'manifest.json'),
          /"contentHash": "[0-9a-f]+"/,
          () => `"contentHash": "${'0'.repeat(64)}"`,
        ),
      );
      expect(check.ok).toBe(false);
      expect(check.problems.join('\n')).toMatch(/content hash: re-scoring gives/);
    });

    it('verify uses the project snapshot: a catalogue change after publication does not break it', async () => {
      await api.handle.db.update(projects).set({ category: 'data' }).where(eq(projects.slug, 'vllm'));
      const ctx = createSystemContext(api.deps);
      const [edition] = await editionsOfYear(ctx, 2025);
      if (!edition) throw new Error('no 2025 edition');
      expect((await verifyEdition(ctx, edition)).matches).toBe(true);
      const again = join(dir, 'after-change');
      await exportEdition(ctx, edition, again);
      expect(readFileSync(join(again, 'projects.csv'), 'utf8')).toBe(
        readFileSync(join(exportDir, 'projects.csv'), 'utf8'),
      );
      await api.handle.db.update(projects).set({ category: 'system' }).where(eq(projects.slug, 'vllm'));
    });

    it('serves the export over HTTP with strong ETags', async () => {
      const response = await fetch(`${api.url}/editions/2025/export/results.csv`);
      expect(response.status).toBe(200);
      const manifest = JSON.parse(readFileSync(join(exportDir, 'manifest.json'), 'utf8'));
      expect(response.headers.get('etag')).toBe(`"${manifest.files['results.csv'].sha256}"`);
      expect(await response.text()).toBe(readFileSync(join(exportDir, 'results.csv'), 'utf8'));
      const cached = await fetch(`${api.url}/editions/2025/export/results.csv`, {
        headers: { 'if-none-match': response.headers.get('etag') ?? '' },
      });
      expect(cached.status).toBe(304);
      expect((await fetch(`${api.url}/editions/2025/export/secrets.txt`)).status).toBe(404);
      expect((await fetch(`${api.url}/editions/1999/export/results.csv`)).status).toBe(404);
    }, 60_000);
  });

  describe('admin follow-ups', () => {
    it('filters evidence by dimension (project category)', async () => {
      const Q = `query($d: String) { evidence(filter: { dimension: $d }, first: 100) { totalCount edges { node { project { category } } } } }`;
      const all = await api.gql<{ evidence: { totalCount: number } }>(Q, {});
      const model = await api.gql<{
        evidence: { totalCount: number; edges: { node: { project: { category: string } } }[] };
      }>(Q, { d: 'model' });
      expect(model.data?.evidence.totalCount).toBeGreaterThan(0);
      expect(model.data?.evidence.totalCount).toBeLessThan(all.data?.evidence.totalCount ?? 0);
      expect(new Set(model.data?.evidence.edges.map((e) => e.node.project.category))).toEqual(
        new Set(['MODEL']),
      );
      expect(codeOf(await api.gql(Q, { d: 'nope' }))).toBe('BAD_USER_INPUT');
    });

    it('reviews a batch all or nothing', async () => {
      const editor = await api.tokenFor('admin');
      const reviewer = await api.tokenFor('reviewer');
      const SUBMIT = `mutation($v: Float!) { submitEvidence(input: { project: "vllm", indicator: "github_stars", value: $v,
        sourceUrl: "https://github.com/vllm-project/vllm", observedAt: "2025-06-01" }) { id } }`;
      const ids: string[] = [];
      for (const v of [91001, 91002]) {
        const r = await api.gql<{ submitEvidence: { id: string } }>(SUBMIT, { v }, { token: editor });
        ids.push(r.data?.submitEvidence.id ?? '');
      }
      const BATCH = `mutation($ids: [ID!]!) { reviewEvidenceBatch(ids: $ids, decision: APPROVE) { id status } }`;
      // One id is unknown: nothing is reviewed.
      const bad = await api.gql(BATCH, { ids: [...ids, '999999999'] }, { token: reviewer });
      expect(codeOf(bad)).toBe('NOT_FOUND');
      const pending = await api.gql<{ evidenceItem: { status: string } }>(
        `query($id: ID!) { evidenceItem(id: $id) { status } }`,
        { id: ids[0] },
        { token: reviewer },
      );
      expect(pending.data?.evidenceItem.status).toBe('PENDING');
      // The submitter (an admin, who may review) cannot review their own evidence.
      const own = await api.gql(BATCH, { ids }, { token: editor });
      expect(codeOf(own)).toBe('FORBIDDEN');
      const ok = await api.gql<{ reviewEvidenceBatch: { id: string; status: string }[] }>(
        BATCH,
        { ids },
        { token: reviewer },
      );
      expect(ok.data?.reviewEvidenceBatch).toEqual(ids.map((id) => ({ id, status: 'APPROVED' })));
    });
  });
});
