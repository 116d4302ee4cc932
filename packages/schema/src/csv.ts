/**
 * A small RFC 4180 CSV reader and writer: comma-separated fields, optional double quotes around a
 * field, `""` for a quote inside a quoted field, line breaks (LF or CRLF) inside quoted fields.
 * Enough for the catalog and evidence files; no dependency.
 */

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
 * Parses CSV text into rows of fields. A trailing line break does not make an empty last row; a
 * leading byte-order mark is ignored.
 * @throws {CsvParseError} for an unterminated quoted field or text after a closing quote.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let fieldStarted = false;

  const endField = () => {
    row.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };

  while (i < n) {
    const c = text[i];
    if (c === '"' && !fieldStarted && field === '') {
      const startLine = line;
      i++;
      for (;;) {
        if (i >= n) throw new CsvParseError('unterminated quoted field', startLine);
        const q = text[i];
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n') line++;
        field += q;
        i++;
      }
      fieldStarted = true;
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new CsvParseError('unexpected text after a closing quote', line);
      }
      continue;
    }
    if (c === ',') {
      endField();
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      endRow();
      line++;
      i += 2;
    } else if (c === '\n') {
      endRow();
      line++;
      i++;
    } else {
      field += c;
      fieldStarted = true;
      i++;
    }
  }
  if (fieldStarted || field !== '' || row.length > 0) endRow();
  return rows;
}

/**
 * Parses CSV text whose first row is a header into one record per row, keyed by header name.
 * @throws {CsvParseError} when a row has a different number of fields than the header, or the
 *   header is missing one of `required`.
 */
export function parseCsvRecords(text: string, required: readonly string[] = []): Record<string, string>[] {
  const [header, ...all] = parseCsv(text);
  // A blank line is not a record.
  const rows = all.filter((fields) => !(fields.length === 1 && fields[0] === ''));
  if (!header) throw new CsvParseError('missing header', 1);
  for (const name of required) {
    if (!header.includes(name)) throw new CsvParseError(`missing column "${name}"`, 1);
  }
  return rows.map((fields, index) => {
    if (fields.length !== header.length) {
      throw new CsvParseError(`expected ${header.length} fields, found ${fields.length}`, index + 2);
    }
    const record: Record<string, string> = {};
    header.forEach((name, column) => {
      record[name] = fields[column] ?? '';
    });
    return record;
  });
}

/** Quotes a field when it contains a comma, a quote or a line break (RFC 4180). */
export function formatCsvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line (with its terminating `\n`). */
export function formatCsvRow(fields: readonly (string | number | boolean | null | undefined)[]): string {
  return `${fields.map(formatCsvField).join(',')}\n`;
}
