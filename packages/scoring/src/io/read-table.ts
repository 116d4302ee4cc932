import { CsvSyntaxError } from './csv-tokenizer';
import { parseCsv } from './parse-csv';

/** A CSV file that cannot be read as the table it should be, at `file`:`line`. */
export class CsvFileError extends Error {
  constructor(
    /** What is wrong, without the place. */
    readonly reason: string,
    readonly file: string,
    readonly line: number,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'CsvFileError';
  }
}

/** A CSV file read into rows keyed by column name, each with its line. */
export interface Table {
  rows: Array<{ line: number; get: (column: string) => string | undefined }>;
  columns: ReadonlySet<string>;
}

/**
 * Reads a CSV file with a header line: checks the required columns exist and that every record has
 * as many fields as the header. Blank lines are skipped. Column names are trimmed.
 *
 * @throws {CsvFileError} `FILE:LINE: reason` for syntax errors, missing columns and ragged rows
 */
export function readTable(text: string, file: string, required: readonly string[]): Table {
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new CsvFileError(error.message, file, error.line);
    throw error;
  }
  const header = records[0];
  if (header === undefined) throw new CsvFileError('missing header', file, 1);
  const names = header.fields.map((f) => f.trim());
  const index = new Map<string, number>();
  names.forEach((name, position) => {
    if (index.has(name))
      throw new CsvFileError(`duplicate column ${JSON.stringify(name)}`, file, header.line);
    index.set(name, position);
  });
  for (const column of required) {
    if (!index.has(column)) {
      throw new CsvFileError(
        `missing column ${JSON.stringify(column)} (header: ${names.join(',')})`,
        file,
        header.line,
      );
    }
  }
  const rows: Table['rows'] = [];
  for (let r = 1; r < records.length; r++) {
    const record = records[r];
    if (record === undefined) continue;
    const { fields, line } = record;
    if (fields.length === 1 && fields[0] === '' && names.length > 1) continue;
    if (fields.length !== names.length) {
      throw new CsvFileError(`expected ${names.length} fields, found ${fields.length}`, file, line);
    }
    rows.push({
      line,
      get: (column) => {
        const position = index.get(column);
        return position === undefined ? undefined : fields[position];
      },
    });
  }
  return { rows, columns: new Set(names) };
}
