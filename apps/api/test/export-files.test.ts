/**
 * The reader's files of an edition export (indicator_scores.csv, rank_intervals.csv,
 * region_shares.csv, results.json, the context columns of evidence.csv): each checked against what
 * the API answers over GraphQL for the same edition, listed in the manifest and checked by verify;
 * and the data package: every CSV validates against its Table Schema in datapackage.json (types,
 * constraints, missing values, primary and foreign keys — checked here, no maintained JS
 * implementation of Frictionless Table Schema being available), CITATION.cff parses as YAML with the
 * keys CFF 1.2.0 requires, README.md names the edition and every file.
 */

interface Resource {
  name: string;
  path: string;
  profile: string;
  format: string;
  mediatype: string;
  encoding: string;
  hash: string;
  schema: TableSchema;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Why a cell does not fit its field, or null. */
function cellProblem(field: TableField, cell: string): string | null {
  const c = field.constraints ?? {};
  let n: number | null = null;
  switch (field.type) {
    case 'integer':
      if (!/^[+-]?\d+$/.test(cell)) return 'not an integer';
      n = Number(cell);
      break;
    case 'number':
      if (!NUMBER.test(cell)) return 'not a number';
      n = Number(cell);
      break;
    case 'date':
      if (
        !/^\d{4}-\d{2}-\d{2}$/.test(cell) ||
        new Date(`${cell}T00:00:00Z`).toISOString().slice(0, 10) !== cell
      )
        return 'not a date';
      break;
    case 'datetime':
      if (
        !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/.test(cell) ||
        Number.isNaN(Date.parse(cell))
      )
        return 'not a datetime';
      break;
    case 'boolean':
      if (![...(field.trueValues ?? []), ...(field.falseValues ?? [])].includes(cell)) return 'not a boolean';
      break;
    case 'string':
      break;
  }
  if (n !== null && c.minimum !== undefined && n < c.minimum) return `below ${c.minimum}`;
  if (n !== null && c.maximum !== undefined && n > c.maximum) return `above ${c.maximum}`;
  if (c.enum && !c.enum.includes(cell)) return `not one of ${c.enum.join(', ')}`;
  if (c.pattern && !new RegExp(`^(?:${c.pattern})$`).test(cell)) return `does not match ${c.pattern}`;
  return null;
}

/** Validates the CSVs of a data package directory; returns problems as `FILE:LINE: field: reason`. */
function validatePackage(dir: string, resources: readonly Resource[]): string[] {
  const problems: string[] = [];
  const tables = new Map<string, Record<string, string>[]>();
  for (const r of resources) {
    const text = readFileSync(join(dir, r.path), 'utf8');
    const header = text.slice(0, text.indexOf('\n')).split(',');
    const names = r.schema.fields.map((f) => f.name);
    if (header.join(',') !== names.join(',')) problems.push(`${r.path}:1: header ${header} is not ${names}`);
    const rows = parseCsvRecords(text);
    tables.set(r.name, rows);
    const unique = new Map<string, Set<string>>();
    const keys = new Set<string>();
    rows.forEach((row, i) => {
      const line = i + 2;
      for (const field of r.schema.fields) {
        const cell = row[field.name] ?? '';
        if (r.schema.missingValues.includes(cell)) {
          if (field.constraints?.required) problems.push(`${r.path}:${line}: ${field.name}: required`);
          continue;
        }
        const problem = cellProblem(field, cell);
        if (problem) problems.push(`${r.path}:${line}: ${field.name}: ${JSON.stringify(cell)} ${problem}`);
        if (field.constraints?.unique) {
          const seen = unique.get(field.name) ?? new Set();
          if (seen.has(cell)) problems.push(`${r.path}:${line}: ${field.name}: ${cell} is not unique`);
          seen.add(cell);
          unique.set(field.name, seen);
        }
      }
      if (r.schema.primaryKey) {
        const key = JSON.stringify(r.schema.primaryKey.map((k) => row[k]));
        if (keys.has(key)) problems.push(`${r.path}:${line}: primary key ${key} repeats`);
        keys.add(key);
      }
    });
  }
  for (const r of resources) {
    for (const fk of r.schema.foreignKeys ?? []) {
      const target = tables.get(fk.reference.resource);
      if (!target) {
        problems.push(`${r.path}: foreign key to unknown resource ${fk.reference.resource}`);
        continue;
      }
      const values = new Set(target.map((row) => JSON.stringify(fk.reference.fields.map((f) => row[f]))));
      (tables.get(r.name) ?? []).forEach((row, i) => {
        const key = JSON.stringify(fk.fields.map((f) => row[f]));
        if (!values.has(key))
          problems.push(`${r.path}:${i + 2}: ${fk.fields}: ${key} not in ${fk.reference.resource}`);
      });
    }
  }
  return problems;
}

import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsvRecords } from '@ranking/schema';
import { testDrivers } from '@ranking/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// Hoisted from @ranking/scoring's dependencies: a YAML 1.2 parser, as a CFF reader would use.
import { parse as parseYaml } from 'yaml';
import { createSystemContext } from '../src/context';
import type { TableField, TableSchema } from '../src/modules/bulk/data-package';
import {
  EXPORT_FILES,
  type ExportManifest,
  exportEdition,
  type ResultsJsonEntry,
  verifyExportDir,
} from '../src/modules/bulk/export-service';
import { editionsOfYear } from '../src/modules/editions/lifecycle-service';
import { startTestApi, type TestApi } from './helpers';

const SCORE_BIN = fileURLToPath(new URL('../../../packages/scoring/bin/ranking-score.js', import.meta.url));

interface ResultsJson {
  edition: { year: number; revision: number };
  dimensions: { key: string; entries: ResultsJsonEntry[] }[];
}

describe.each(testDrivers())('export files for readers (%s)', (driver) => {
  let api: TestApi;
  let dir: string;
  let manifest: ExportManifest;
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');
  const csv = (file: string) => parseCsvRecords(read(file));

  beforeAll(async () => {
    api = await startTestApi(driver, { seed: true, now: () => new Date('2026-11-29T12:00:00Z') });
    dir = mkdtempSync(join(tmpdir(), 'ranking-export-files-'));
    const ctx = createSystemContext(api.deps);
    const [edition] = await editionsOfYear(ctx, 2025);
    if (!edition) throw new Error('no 2025 edition');
    manifest = (await exportEdition(ctx, edition, dir)).manifest;
  }, 300_000);
  afterAll(async () => {
    await api?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const dimensionKeys = () => (JSON.parse(read('results.json')) as ResultsJson).dimensions.map((d) => d.key);

  it('lists every file in the manifest, and verify passes', () => {
    const expected = [
      'CITATION.cff',
      'README.md',
      'datapackage.json',
      'errata.csv',
      'evidence.csv',
      'evidence.ndjson',
      'evidence.parquet',
      'indicator_scores.csv',
      'methodology.json',
      'projects.csv',
      'rank_intervals.csv',
      'region_shares.csv',
      'results.csv',
      'results.json',
      'results.ndjson',
      'results.parquet',
    ];
    expect(Object.keys(manifest.files).sort()).toEqual(expected.sort());
    expect([...EXPORT_FILES].sort()).toEqual(expected);
    expect(readdirSync(dir).sort()).toEqual([...expected, 'manifest.json'].sort());
    expect(verifyExportDir(dir)).toMatchObject({ ok: true, problems: [] });
  });

  it('verify reports an edited reader file by name', () => {
    const copy = `${dir}-tampered`;
    cpSync(dir, copy, { recursive: true });
    try {
      const file = join(copy, 'region_shares.csv');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/,0\.\d/, ',0.9'));
      const check = verifyExportDir(copy);
      expect(check.ok).toBe(false);
      expect(check.problems.join('\n')).toMatch(/region_shares\.csv: SHA-256/);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('evidence.csv carries retrieval, source kind and illustrative flag, and ranking-score still reproduces results.csv', async () => {
    const rows = csv('evidence.csv');
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'id',
      'project',
      'indicator',
      'value',
      'observed_at',
      'source_url',
      'retrieved_at',
      'source_kind',
      'is_illustrative',
      'archived_url',
    ]);
    for (const r of rows) {
      expect(['true', 'false']).toContain(r.is_illustrative);
      expect(r.source_kind).not.toBe('');
      expect(r.archived_url).toBe('');
    }
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
        { cwd: dir, maxBuffer: 1 << 26 },
        (error, out, err) => (error ? reject(new Error(err)) : resolve(out)),
      );
    });
    expect(stdout).toBe(read('results.csv'));
  }, 120_000);

  it('indicator_scores.csv holds the values of results.csv with the edition and how each came about', () => {
    const scores = csv('indicator_scores.csv');
    const results = csv('results.csv');
    expect(scores).toHaveLength(results.length);
    scores.forEach((s, i) => {
      const r = results[i] ?? {};
      expect(s).toEqual({
        year: '2025',
        revision: String(manifest.edition.revision),
        dimension: r.dimension,
        project: r.project,
        indicator: r.indicator,
        raw: r.raw,
        normalized: r.normalized,
        contribution: r.contribution,
        // 2025 is scored with 2026.1 (no windows): imputed exactly when there is no raw value, never stale.
        imputed: r.raw === '' ? 'true' : 'false',
        stale: 'false',
        age_days: r.raw === '' ? '' : expect.stringMatching(/^\d+$/),
      });
    });
    const row = (project: string, indicator: string) =>
      scores.find((s) => s.project === project && s.indicator === indicator);
    // starcoder's commits_12m, 77 measured 2023-06-29: 2023-06-29 → 2025-06-29 is 365 + 366 = 731 days,
    // → 2025-12-29 30 + 31 + 31 + 30 + 31 + 30 = 183 more, → the cutoff 2025-12-31 two more: 916.
    expect(row('starcoder', 'commits_12m')).toMatchObject({ raw: '77', imputed: 'false', age_days: '916' });
    // ragflow's only commits_12m value is observed 2026-08-22, after the cutoff: no data, imputed.
    expect(row('ragflow', 'commits_12m')).toMatchObject({ raw: '', imputed: 'true', age_days: '' });
  });

  it('region_shares.csv and rank_intervals.csv are what the API answers', async () => {
    const shares = csv('region_shares.csv');
    const intervals = csv('rank_intervals.csv');
    const keys = dimensionKeys();
    expect(keys.length).toBeGreaterThan(0);
    for (const key of [...keys, null]) {
      const response = await api.gql<{
        edition: {
          regionShares: { region: string; share: number; projects: number; score: number; label: string }[];
        };
      }>(
        'query($d: String) { edition(year: 2025) { regionShares(dimension: $d) { region share projects score label } } }',
        {
          d: key,
        },
      );
      const expected = response.data?.edition.regionShares ?? [];
      expect(expected.length).toBeGreaterThan(0);
      const exported = shares
        .filter((s) => s.dimension === (key ?? ''))
        .map((s) => ({
          region: s.region,
          share: Number(s.share),
          projects: Number(s.projects),
          score: Number(s.score),
          label: s.label,
        }));
      expect(exported).toEqual(expected);
    }
    for (const key of keys) {
      const response = await api.gql<{
        edition: {
          sensitivity: {
            project: { slug: string };
            rank: number;
            medianRank: number;
            p05Rank: number;
            p95Rank: number;
          }[];
        };
      }>(
        'query($d: String!) { edition(year: 2025) { sensitivity(dimension: $d) { project { slug } rank medianRank p05Rank p95Rank } } }',
        { d: key },
      );
      const expected = (response.data?.edition.sensitivity ?? []).map((i) => ({
        project: i.project.slug,
        rank: i.rank,
        medianRank: i.medianRank,
        p05Rank: i.p05Rank,
        p95Rank: i.p95Rank,
      }));
      expect(expected.length).toBeGreaterThan(0);
      const exported = intervals
        .filter((i) => i.dimension === key)
        .map((i) => ({
          project: i.project,
          rank: Number(i.rank),
          medianRank: Number(i.median_rank),
          p05Rank: Number(i.p05_rank),
          p95Rank: Number(i.p95_rank),
        }));
      expect(exported).toEqual(expected);
    }
  });

  it('results.json has names, organization, country, previous rank and the illustrative flag', async () => {
    const results = JSON.parse(read('results.json')) as ResultsJson;
    const projects = new Map(csv('projects.csv').map((p) => [p.project, p]));
    const [dimension] = results.dimensions;
    if (!dimension) throw new Error('no dimension');
    const response = await api.gql<{
      edition: {
        ranking: {
          totalCount: number;
          edges: {
            node: { rank: number; previousRank: number | null; score: number; project: { slug: string } };
          }[];
        };
      };
    }>(
      'query($d: String!) { edition(year: 2025) { ranking(dimension: $d, first: 100) { totalCount edges { node { rank previousRank score project { slug } } } } } }',
      { d: dimension.key },
    );
    const ranking = response.data?.edition.ranking;
    expect(dimension.entries).toHaveLength(ranking?.totalCount ?? -1);
    const top = dimension.entries.slice(0, 100).map((e) => ({
      rank: e.rank,
      previousRank: e.previousRank,
      score: e.score,
      slug: e.project,
    }));
    expect(top).toEqual(
      ranking?.edges.map(({ node }) => ({
        rank: node.rank,
        previousRank: node.previousRank,
        score: node.score,
        slug: node.project.slug,
      })),
    );
    expect(dimension.entries.some((e) => e.previousRank !== null)).toBe(true);
    for (const e of dimension.entries) {
      const p = projects.get(e.project);
      expect(e.name).toBe(p?.name);
      expect(e.organization).toBe(p?.organization || null);
      expect(e.country).toBe(p?.country || null);
    }
    // The seeded demo evidence is illustrative; the flag follows the evidence records behind each entry.
    const illustrativeEvidence = csv('evidence.csv').filter((r) => r.is_illustrative === 'true');
    const projectsWithIllustrative = new Set(illustrativeEvidence.map((r) => r.project));
    expect(dimension.entries.filter((e) => e.illustrative).length).toBeGreaterThan(0);
    for (const e of dimension.entries) {
      if (e.illustrative) expect(projectsWithIllustrative.has(e.project)).toBe(true);
    }
  });

  describe('data package', () => {
    const resources = () => (JSON.parse(read('datapackage.json')) as { resources: Resource[] }).resources;
    const csvResources = () => resources().filter((r) => r.format === 'csv');

    it('datapackage.json is a tabular data package listing every CSV and its NDJSON and Parquet copies', () => {
      const pkg = JSON.parse(read('datapackage.json')) as {
        profile: string;
        version: string;
        resources: Resource[];
      };
      expect(pkg.profile).toBe('tabular-data-package');
      expect(pkg.version).toBe(`2025 revision ${manifest.edition.revision}`);
      const tables = readdirSync(dir)
        .filter((f) => /\.(csv|ndjson|parquet)$/.test(f))
        .sort();
      expect(pkg.resources.map((r) => r.path).sort()).toEqual(tables);
      expect(new Set(pkg.resources.map((r) => r.name)).size).toBe(pkg.resources.length);
      const csvSchema = (path: string) => pkg.resources.find((r) => r.path === path)?.schema;
      for (const [path, format, mediatype] of [
        ['results.ndjson', 'ndjson', 'application/x-ndjson'],
        ['evidence.ndjson', 'ndjson', 'application/x-ndjson'],
        ['results.parquet', 'parquet', 'application/vnd.apache.parquet'],
        ['evidence.parquet', 'parquet', 'application/vnd.apache.parquet'],
      ] as const) {
        const r = pkg.resources.find((x) => x.path === path);
        expect(r).toMatchObject({
          profile: 'tabular-data-resource',
          format,
          mediatype,
          hash: `sha256:${manifest.files[path]?.sha256}`,
        });
        expect(r?.schema).toEqual(csvSchema(path.replace(/\.\w+$/, '.csv')));
      }
      for (const r of pkg.resources.filter((x) => x.format === 'csv')) {
        expect(r).toMatchObject({
          profile: 'tabular-data-resource',
          format: 'csv',
          mediatype: 'text/csv',
          encoding: 'utf-8',
          hash: `sha256:${manifest.files[r.path]?.sha256}`,
        });
        for (const f of r.schema.fields) expect(f.description, `${r.path} ${f.name}`).toBeTruthy();
      }
      expect(resources().find((r) => r.path === 'evidence.csv')?.schema.foreignKeys).toEqual([
        { fields: ['project'], reference: { resource: 'projects', fields: ['project'] } },
      ]);
    });

    it('every CSV of the export validates against its Table Schema', () => {
      expect(validatePackage(dir, csvResources())).toEqual([]);
    });

    it('the validator finds a wrong type, a missing required value, a repeated key and a dangling project', () => {
      const copy = `${dir}-invalid`;
      cpSync(dir, copy, { recursive: true });
      try {
        const file = join(copy, 'evidence.csv');
        const lines = readFileSync(file, 'utf8').split('\n');
        const cells = (lines[1] ?? '').split(',');
        lines[1] = ['x', 'no-such-project', ...cells.slice(2)].join(',');
        lines[2] = [
          lines[3]?.split(',')[0],
          ...(lines[2] ?? '').split(',').slice(1, 3),
          '',
          ...(lines[2] ?? '').split(',').slice(4),
        ].join(',');
        writeFileSync(file, lines.join('\n'));
        const problems = validatePackage(copy, csvResources()).join('\n');
        expect(problems).toMatch(/evidence\.csv:2: id: "x" not an integer/);
        expect(problems).toMatch(/evidence\.csv:2: project: \["no-such-project"\] not in projects/);
        expect(problems).toMatch(/evidence\.csv:3: value: required/);
        expect(problems).toMatch(/evidence\.csv:4: (id: \d+ is not unique|primary key)/);
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
    });

    it('CITATION.cff is CFF 1.2.0 YAML with the content hash as identifier', () => {
      const cff = parseYaml(read('CITATION.cff')) as Record<string, unknown>;
      for (const key of [
        'cff-version',
        'message',
        'title',
        'authors',
        'type',
        'version',
        'date-released',
        'license',
      ]) {
        expect(cff[key], key).toBeTruthy();
      }
      expect(cff['cff-version']).toBe('1.2.0');
      expect(cff.type).toBe('dataset');
      expect(cff.version).toBe(`2025 revision ${manifest.edition.revision}`);
      expect(cff['date-released']).toBe(manifest.edition.publishedAt?.slice(0, 10));
      expect(cff.identifiers).toEqual([
        expect.objectContaining({ type: 'other', value: `sha256:${manifest.contentHash}` }),
      ]);
      expect(cff['preferred-citation']).toMatchObject({ type: 'data', title: manifest.edition.title });
    });

    it('README.md names the edition, its methodology, cutoff and every file, and says how to verify', () => {
      const readme = read('README.md');
      expect(readme).toContain(`# ${manifest.edition.title} — 2025 revision ${manifest.edition.revision}`);
      expect(readme).toContain(manifest.methodology.version);
      expect(readme).toContain(manifest.cutoff);
      expect(readme).toContain(`sha256:${manifest.contentHash}`);
      for (const [file, f] of Object.entries(manifest.files)) {
        if (file === 'README.md') continue;
        expect(readme).toContain(`| \`${file}\` |`);
        expect(readme).toContain(f.sha256);
      }
      expect(readme).toContain('npx ranking verify --dir .');
    });
  });
});
