/**
 * Header-keyed CSV records and CSV lines for the catalog, the synthetic data and exports, on the
 * scoring engine's RFC 4180 reader and field quoting — the `ranking-score` CLI reads the same files.
 */
import { type CsvFieldOptions, CsvSyntaxError, csvField, parseCsv } from '@ranking/scoring';

export class CsvParseError extends Error {
  readonly code = 'CSV_PARSE' as const;
  constructor(
    message: string,
    /** 1-based line of the problem. */
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvParseError';
  }
}

/**
 * Parses CSV text whose first row is a header into one record per row, keyed by header name; blank
 * lines are not records.
 * @throws {CsvParseError} for text that is not RFC 4180 CSV, a row with another number of fields
 *   than the header, or a header missing one of `required` — with the line.
 */
export function parseCsvRecords(text: string, required: readonly string[] = []): Record<string, string>[] {
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new CsvParseError(error.message, error.line);
    throw error;
  }
  const [header, ...rows] = records;
  if (!header) throw new CsvParseError('missing header', 1);
  for (const name of required) {
    if (!header.fields.includes(name)) throw new CsvParseError(`missing column "${name}"`, header.line);
  }
  return rows
    .filter(({ fields }) => !(fields.length === 1 && fields[0] === ''))
    .map(({ fields, line }) => {
      if (fields.length !== header.fields.length) {
        throw new CsvParseError(`expected ${header.fields.length} fields, found ${fields.length}`, line);
      }
      const record: Record<string, string> = {};
      header.fields.forEach((name, column) => {
        record[name] = fields[column] ?? '';
      });
      return record;
    });
}

/**
 * One field, quoted when it contains a comma, a quote or a line break; empty for null. Text that a
 * spreadsheet would run as a formula gets a leading `'` (the scoring engine's `csvField`, which states
 * the rule; its readers take the quote off again); numbers are never touched. `{ formulas: 'keep' }` only
 * for rows fed to PostgreSQL's COPY, which would store the quote.
 */
export function formatCsvField(
  value: string | number | boolean | null | undefined,
  options: CsvFieldOptions = {},
): string {
  return value === null || value === undefined ? '' : csvField(String(value), options);
}

/** One CSV line (with its terminating `\n`); see {@link formatCsvField}. */
export function formatCsvRow(
  fields: readonly (string | number | boolean | null | undefined)[],
  options: CsvFieldOptions = {},
): string {
  return `${fields.map((field) => formatCsvField(field, options)).join(',')}\n`;
}
