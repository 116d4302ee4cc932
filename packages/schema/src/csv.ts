/**
 * Header-keyed CSV records and CSV lines for the catalog, the synthetic data and exports, on the
 * scoring engine's RFC 4180 reader and field quoting — the `ranking-score` CLI reads the same files.
 */
import { type CsvFieldOptions, CsvFileError, csvField, readTable, type Table } from '@ranking/scoring';

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
 * Parses CSV text whose first row is a header into one record per row, keyed by header name (names
 * trimmed); blank lines are not records. The table rules are the scoring engine's `readTable` (the
 * `ranking-score` CLI reads its files with it), so both accept and refuse the same files.
 * @throws {CsvParseError} for text that is not RFC 4180 CSV, a missing header, a repeated column, a row
 *   with another number of fields than the header, or a header missing one of `required` — with the line.
 */
export function parseCsvRecords(text: string, required: readonly string[] = []): Record<string, string>[] {
  let table: Table;
  try {
    table = readTable(text, 'CSV', required);
  } catch (error) {
    if (error instanceof CsvFileError) throw new CsvParseError(error.reason, error.line);
    throw error;
  }
  const columns = [...table.columns];
  return table.rows.map((row) => {
    const record: Record<string, string> = {};
    for (const name of columns) record[name] = row.get(name) ?? '';
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
