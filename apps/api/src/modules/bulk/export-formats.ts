/**
 * The streaming and columnar copies of the export's two large tables: `results.ndjson` and
 * `evidence.ndjson` (one JSON object per line) and `results.parquet` and `evidence.parquet`
 * (Apache Parquet, written with hyparquet-writer). Each holds exactly the rows and columns of its CSV,
 * typed by the CSV's Table Schema (data-package.ts): the CSV is the reference, these are the same
 * values for readers that want types without parsing (pandas, DuckDB, Arrow, jq).
 *
 *   Table Schema   NDJSON                      Parquet
 *   integer        number                      INT32 (INT64 for evidence ids)
 *   number         number                      DOUBLE
 *   string         string                      BYTE_ARRAY UTF8
 *   boolean        true / false                BOOLEAN
 *   date           "YYYY-MM-DD"                INT32 DATE
 *   datetime       ISO 8601 UTC, milliseconds  INT64 TIMESTAMP_MILLIS (UTC)
 *   (missing)      null                        null (OPTIONAL column; `required` fields are REQUIRED)
 *
 * Both are written row by row: NDJSON in chunks of about 64 KiB, Parquet one row group of at most
 * PARQUET_ROW_GROUP_ROWS rows at a time (the writer flushes to the file as it goes), so memory stays
 * bounded however large the edition. Same rows → same bytes: no clock, no random, no host name.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { fileWriter, ParquetWriter } from 'hyparquet-writer';
import type { TableField } from './data-package';

/** One cell of a typed row: what the CSV's cell means under its Table Schema field. */
export type Cell = string | number | boolean | null;
export type TypedRow = Record<string, Cell>;

/** Rows per Parquet row group: a group's columns are held in memory while it is encoded. */
export const PARQUET_ROW_GROUP_ROWS = 50_000;

/** Integer columns that may outgrow 32 bits (evidence ids are PostgreSQL bigint). */
const INT64_FIELDS = new Set(['id']);

/** Identifies the writer in each Parquet footer (a constant: the export is byte-for-byte reproducible). */
export const PARQUET_CREATED_BY = 'hyparquet-writer 0.17.0 (ranking edition export)';

/** One NDJSON line per row, keys in the CSV's column order, in chunks of about 64 KiB. */
export function* ndjsonChunks(fields: readonly TableField[], rows: Iterable<TypedRow>): Generator<string> {
  let text = '';
  for (const row of rows) {
    const ordered: TypedRow = {};
    for (const f of fields) ordered[f.name] = row[f.name] ?? null;
    text += `${JSON.stringify(ordered)}\n`;
    if (text.length > 1 << 16) {
      yield text;
      text = '';
    }
  }
  if (text) yield text;
}

type SchemaElement = ConstructorParameters<typeof ParquetWriter>[0]['schema'][number];

function parquetElement(field: TableField): SchemaElement {
  const repetition_type = field.constraints?.required ? 'REQUIRED' : 'OPTIONAL';
  switch (field.type) {
    case 'integer':
      return { name: field.name, type: INT64_FIELDS.has(field.name) ? 'INT64' : 'INT32', repetition_type };
    case 'number':
      return { name: field.name, type: 'DOUBLE', repetition_type };
    case 'boolean':
      return { name: field.name, type: 'BOOLEAN', repetition_type };
    case 'date':
      return { name: field.name, type: 'INT32', converted_type: 'DATE', repetition_type };
    case 'datetime':
      return { name: field.name, type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', repetition_type };
    case 'string':
      return { name: field.name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type };
  }
}

/** A typed cell as the Parquet writer takes it (dates and times as Date, 64-bit integers as bigint). */
function parquetValue(field: TableField, cell: Cell): unknown {
  if (cell === null) return null;
  switch (field.type) {
    case 'date':
      return new Date(`${String(cell)}T00:00:00Z`);
    case 'datetime':
      return new Date(String(cell));
    case 'integer':
      return INT64_FIELDS.has(field.name) ? BigInt(cell as number) : cell;
    default:
      return cell;
  }
}

/**
 * Writes `rows` as a Parquet file at `path` with one column per field (names, order, types and
 * nullability from the Table Schema), one row group per PARQUET_ROW_GROUP_ROWS rows, and the given
 * key-value metadata in the footer. Returns the file's SHA-256 and size.
 */
export async function writeParquetFile(
  path: string,
  fields: readonly TableField[],
  rows: Iterable<TypedRow>,
  metadata: Record<string, string>,
  rowGroupRows = PARQUET_ROW_GROUP_ROWS,
): Promise<{ sha256: string; bytes: number }> {
  const writer = new ParquetWriter({
    writer: fileWriter(path),
    schema: [{ name: 'root', num_children: fields.length }, ...fields.map(parquetElement)],
    kvMetadata: Object.entries(metadata).map(([key, value]) => ({ key, value })),
    createdBy: PARQUET_CREATED_BY,
  });
  let columns: unknown[][] = fields.map(() => []);
  let count = 0;
  const flush = async () => {
    if (count === 0) return;
    await writer.write({
      columnData: fields.map((f, i) => ({ name: f.name, data: columns[i] ?? [] })),
      rowGroupSize: count,
    });
    columns = fields.map(() => []);
    count = 0;
  };
  for (const row of rows) {
    fields.forEach((f, i) => {
      columns[i]?.push(parquetValue(f, row[f.name] ?? null));
    });
    count += 1;
    if (count >= rowGroupRows) await flush();
  }
  await flush();
  writer.finish();
  return hashFile(path);
}

/** SHA-256 and size of a file, read as a stream. */
export async function hashFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/**
 * A CSV cell read under its Table Schema field: what the NDJSON and Parquet copies hold for it
 * (verify compares the NDJSON files with the CSVs through it).
 */
export function typedCell(field: TableField, cell: string, missingValues: readonly string[]): Cell {
  if (missingValues.includes(cell)) return null;
  switch (field.type) {
    case 'integer':
    case 'number':
      return Number(cell);
    case 'boolean':
      return field.trueValues?.includes(cell) ? true : field.falseValues?.includes(cell) ? false : cell;
    default:
      return cell;
  }
}
