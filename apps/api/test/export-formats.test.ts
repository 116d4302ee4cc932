/**
 * The typed copies of an export's large tables: results.ndjson and evidence.ndjson parsed line by
 * line, results.parquet and evidence.parquet read back with hyparquet (an independent reader), each
 * compared value by value with its CSV — every row, every column, with the type the CSV's Table
 * Schema gives the column; the Parquet column types themselves; row groups; the manifest's hashes;
 * byte-identical files from two exports of the same edition; verify naming an NDJSON line that
 * differs from its CSV; and the same bytes over HTTP.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsvRecords } from '@ranking/schema';
import { testDrivers } from '@ranking/schema/testing';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSystemContext } from '../src/context';
import { TABLE_SCHEMAS, type TableField } from '../src/modules/bulk/data-package';
import { writeParquetFile } from '../src/modules/bulk/export-formats';
import { type ExportManifest, exportEdition, verifyExportDir } from '../src/modules/bulk/export-service';
import { editionsOfYear } from '../src/modules/editions/lifecycle-service';
import { startTestApi, type TestApi } from './helpers';

/** The Parquet column types the export promises (apps/api/README.md, "Bulk data"), written out here. */
const PARQUET_TYPES: Record<string, Record<string, [string, string | undefined, 'REQUIRED' | 'OPTIONAL']>> = {
  'results.parquet': {
    dimension: ['BYTE_ARRAY', 'UTF8', 'REQUIRED'],
    project: ['BYTE_ARRAY', 'UTF8', 'REQUIRED'],
    rank: ['INT32', undefined, 'REQUIRED'],
    score: ['DOUBLE', undefined, 'REQUIRED'],
    indicator: ['BYTE_ARRAY', 'UTF8', 'REQUIRED'],
    raw: ['DOUBLE', undefined, 'OPTIONAL'],
    normalized: ['DOUBLE', undefined, 'OPTIONAL'],
    contribution: ['DOUBLE', undefined, 'REQUIRED'],
  },
  'evidence.parquet': {
    id: ['INT64', undefined, 'REQUIRED'],
    project: ['BYTE_ARRAY', 'UTF8', 'REQUIRED'],
    indicator: ['BYTE_ARRAY', 'UTF8', 'REQUIRED'],
    value: ['DOUBLE', undefined, 'REQUIRED'],
    observed_at: ['INT32', 'DATE', 'REQUIRED'],
    source_url: ['BYTE_ARRAY', 'UTF8', 'REQUIRED'],
    retrieved_at: ['INT64', 'TIMESTAMP_MILLIS', 'OPTIONAL'],
    source_kind: ['BYTE_ARRAY', 'UTF8', 'REQUIRED'],
    is_illustrative: ['BOOLEAN', undefined, 'REQUIRED'],
    archived_url: ['BYTE_ARRAY', 'UTF8', 'OPTIONAL'],
  },
};

/** A CSV cell as its Table Schema type reads it: the value a typed copy must hold. */
function expectedValue(field: TableField, cell: string): string | number | boolean | null {
  if (cell === '') return null;
  if (field.type === 'integer') {
    expect(cell, field.name).toMatch(/^-?\d+$/);
    return Number.parseInt(cell, 10);
  }
  if (field.type === 'number') return Number.parseFloat(cell);
  if (field.type === 'boolean') {
    expect(['true', 'false'], field.name).toContain(cell);
    return cell === 'true';
  }
  return cell;
}

/** A value read from Parquet, as a comparable JS value of its column's Table Schema type. */
function fromParquet(field: TableField, value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  switch (field.type) {
    case 'integer':
      expect(['number', 'bigint'], field.name).toContain(typeof value);
      return Number(value);
    case 'number':
      expect(typeof value, field.name).toBe('number');
      return value as number;
    case 'boolean':
      expect(typeof value, field.name).toBe('boolean');
      return value as boolean;
    case 'date':
      expect(value, field.name).toBeInstanceOf(Date);
      return (value as Date).toISOString().slice(0, 10);
    case 'datetime':
      expect(value, field.name).toBeInstanceOf(Date);
      return (value as Date).toISOString();
    case 'string':
      expect(typeof value, field.name).toBe('string');
      return value as string;
  }
}

const toArrayBuffer = (buffer: Buffer): ArrayBuffer =>
  buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;

describe.each(testDrivers())('NDJSON and Parquet copies of the export (%s)', (driver) => {
  let api: TestApi;
  let dir: string;
  let again: string;
  let manifest: ExportManifest;
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');

  beforeAll(async () => {
    api = await startTestApi(driver, { seed: true, now: () => new Date('2026-11-29T12:00:00Z') });
    dir = mkdtempSync(join(tmpdir(), 'ranking-export-formats-'));
    again = mkdtempSync(join(tmpdir(), 'ranking-export-formats-again-'));
    const ctx = createSystemContext(api.deps);
    const [edition] = await editionsOfYear(ctx, 2025);
    if (!edition) throw new Error('no 2025 edition');
    manifest = (await exportEdition(ctx, edition, dir)).manifest;
    await exportEdition(ctx, edition, again);
  }, 300_000);
  afterAll(async () => {
    await api?.close();
    for (const d of [dir, again]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it.each([
    ['results.ndjson', 'results.csv'],
    ['evidence.ndjson', 'evidence.csv'],
  ])('%s holds every row of %s, one JSON object per line, typed by its Table Schema', (ndjson, csv) => {
    const fields = TABLE_SCHEMAS[csv]?.fields ?? [];
    const rows = parseCsvRecords(read(csv));
    const text = read(ndjson);
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    expect(rows.length).toBeGreaterThan(10);
    expect(lines).toHaveLength(rows.length);
    rows.forEach((row, i) => {
      const object = JSON.parse(lines[i] ?? '') as Record<string, unknown>;
      expect(Object.keys(object), `line ${i + 1}`).toEqual(fields.map((f) => f.name));
      for (const f of fields) {
        const value = object[f.name];
        const expected = expectedValue(f, row[f.name] ?? '');
        expect(value, `${ndjson} line ${i + 1} ${f.name}`).toStrictEqual(expected);
        if (value !== null && (f.type === 'integer' || f.type === 'number'))
          expect(typeof value).toBe('number');
      }
    });
  });

  it.each([
    ['results.parquet', 'results.csv'],
    ['evidence.parquet', 'evidence.csv'],
  ])('%s read back with hyparquet equals %s value by value, with typed columns', async (parquet, csv) => {
    const fields = TABLE_SCHEMAS[csv]?.fields ?? [];
    const rows = parseCsvRecords(read(csv));
    const file = toArrayBuffer(readFileSync(join(dir, parquet)));
    const metadata = parquetMetadata(file);
    const columns = metadata.schema
      .slice(1)
      .map((e) => [e.name, [e.type, e.converted_type, e.repetition_type]]);
    expect(Object.fromEntries(columns)).toEqual(PARQUET_TYPES[parquet]);
    expect(columns.map(([name]) => name)).toEqual(fields.map((f) => f.name));
    expect(Number(metadata.num_rows)).toBe(rows.length);
    const values = await parquetReadObjects({ file });
    expect(values).toHaveLength(rows.length);
    rows.forEach((row, i) => {
      const object = values[i] ?? {};
      for (const f of fields) {
        expect(fromParquet(f, object[f.name]), `${parquet} row ${i + 1} ${f.name}`).toStrictEqual(
          expectedValue(f, row[f.name] ?? ''),
        );
      }
    });
    // Some evidence has a retrieval time and each type appears: the comparison above saw real values.
    if (parquet === 'evidence.parquet') {
      expect(values.some((v) => v.retrieved_at instanceof Date)).toBe(true);
      expect(values.some((v) => v.is_illustrative === true)).toBe(true);
    }
  });

  it('a table is written in row groups of the given size and reads back the same', async () => {
    const fields = TABLE_SCHEMAS['results.csv']?.fields ?? [];
    const objects = read('results.ndjson')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, string | number | null>);
    const path = join(dir, '..', `${readdirSync(dir).length}-grouped-${driver}.parquet`);
    try {
      await writeParquetFile(path, fields, objects, { note: 'row groups' }, 7);
      const file = toArrayBuffer(readFileSync(path));
      const metadata = parquetMetadata(file);
      expect(metadata.row_groups.map((g) => Number(g.num_rows))).toEqual(
        Array.from({ length: Math.ceil(objects.length / 7) }, (_, i) => Math.min(7, objects.length - i * 7)),
      );
      const back = await parquetReadObjects({ file });
      expect(back).toEqual(objects);
    } finally {
      rmSync(path, { force: true });
    }
  });

  it('manifest.json lists the new files with their SHA-256 and size, and verify passes', () => {
    for (const file of ['results.ndjson', 'evidence.ndjson', 'results.parquet', 'evidence.parquet']) {
      const bytes = readFileSync(join(dir, file));
      expect(manifest.files[file], file).toEqual({
        sha256: createHash('sha256').update(bytes).digest('hex'),
        bytes: bytes.length,
      });
    }
    for (const [file, f] of Object.entries(manifest.files)) {
      expect(
        createHash('sha256')
          .update(readFileSync(join(dir, file)))
          .digest('hex'),
        file,
      ).toBe(f.sha256);
    }
    expect(verifyExportDir(dir)).toMatchObject({ ok: true, problems: [] });
  });

  it('the same edition exported twice gives byte-identical files', () => {
    const files = readdirSync(dir).sort();
    expect(readdirSync(again).sort()).toEqual(files);
    for (const file of files) {
      expect(readFileSync(join(again, file)).equals(readFileSync(join(dir, file))), file).toBe(true);
    }
  });

  it('verify names the NDJSON line that differs from its CSV, even with the manifest re-hashed', () => {
    const copy = `${dir}-ndjson`;
    cpSync(dir, copy, { recursive: true });
    try {
      const path = join(copy, 'results.ndjson');
      const lines = readFileSync(path, 'utf8').split('\n');
      const third = JSON.parse(lines[2] ?? '') as { contribution: number };
      third.contribution += 1;
      lines[2] = JSON.stringify(third);
      const text = lines.join('\n');
      writeFileSync(path, text);
      const m = JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8')) as ExportManifest;
      m.files['results.ndjson'] = {
        sha256: createHash('sha256').update(text).digest('hex'),
        bytes: Buffer.byteLength(text),
      };
      writeFileSync(join(copy, 'manifest.json'), JSON.stringify(m));
      const check = verifyExportDir(copy);
      expect(check.ok).toBe(false);
      expect(check.problems).toEqual(['results.ndjson: line 3 differs from line 4 of results.csv']);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('serves the NDJSON and Parquet files at /editions/YEAR/export/FILE, the bytes of ranking export', async () => {
    const revision = manifest.edition.revision;
    for (const [file, type] of [
      ['results.ndjson', 'application/x-ndjson; charset=utf-8'],
      ['evidence.ndjson', 'application/x-ndjson; charset=utf-8'],
      ['results.parquet', 'application/vnd.apache.parquet'],
      ['evidence.parquet', 'application/vnd.apache.parquet'],
    ] as const) {
      const response = await fetch(`${api.url}/editions/2025/export/${file}?revision=${revision}`);
      expect(response.status, file).toBe(200);
      expect(response.headers.get('content-type')).toBe(type);
      expect(response.headers.get('etag')).toBe(`"${manifest.files[file]?.sha256}"`);
      const body = Buffer.from(await response.arrayBuffer());
      expect(body.equals(readFileSync(join(dir, file))), file).toBe(true);
    }
  });
});
