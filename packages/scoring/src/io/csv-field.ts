/** One CSV record with the (1-based) line it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** A CSV text that does not follow RFC 4180, at `line`. */
export class CsvSyntaxError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.name = 'CsvSyntaxError';
    this.line = line;
  }
}

/**
 * Parses CSV text per RFC 4180: fields separated by commas, records by CRLF (LF and lone CR are
 * accepted too); a field in double quotes may hold commas, line breaks and doubled quotes (`""` → `"`).
 * A leading byte order mark is skipped; a final line break does not start an empty record; a field
 * that {@link csvField} neutralised against spreadsheet formulas loses its extra quote ({@link csvText}). Each
 * record keeps the physical line it starts on, for error messages.
 *
 * Strict where leniency would hide mistakes: a quote inside an unquoted field, text after a closing
 * quote and an unterminated quoted field are errors.
 *
 * Source: Y. Shafranovich (2005), RFC 4180 "Common Format and MIME Type for Comma-Separated Values".
 *
 * Complexity: O(length of the text).
 *
 * @throws {CsvSyntaxError} with the line of the problem
 * @example
 * parseCsv('a,b\n1,"x, ""y"""\n') // → [{ line: 1, fields: ['a', 'b'] }, { line: 2, fields: ['1', 'x, "y"'] }]
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const length = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < length) {
    const record: CsvRecord = { line, fields: [] };
    records.push(record);
    while (true) {
      let field = '';
      if (text[i] === '"') {
        const quoteLine = line;
        i++;
        while (true) {
          const close = text.indexOf('"', i);
          if (close < 0) throw new CsvSyntaxError('unterminated quoted field', quoteLine);
          const chunk = text.slice(i, close);
          for (let k = 0; k < chunk.length; k++) {
            const c = chunk.charCodeAt(k);
            if (c === 10 || (c === 13 && chunk.charCodeAt(k + 1) !== 10)) line++;
          }
          field += chunk;
          if (text[close + 1] === '"') {
            field += '"';
            i = close + 2;
            continue;
          }
          i = close + 1;
          break;
        }
        const after = text[i];
        if (after !== undefined && after !== ',' && after !== '\n' && after !== '\r') {
          throw new CsvSyntaxError('unexpected text after a closing quote', line);
        }
      } else {
        const start = i;
        while (i < length) {
          const c = text.charCodeAt(i);
          if (c === 44 || c === 10 || c === 13) break;
          if (c === 34)
            throw new CsvSyntaxError('a quote inside an unquoted field (quote the whole field)', line);
          i++;
        }
        field = text.slice(start, i);
      }
      record.fields.push(csvText(field));
      const c = text[i];
      if (c === ',') {
        i++;
        continue;
      }
      if (c === '\r') i += text[i + 1] === '\n' ? 2 : 1;
      else if (c === '\n') i++;
      line++;
      break;
    }
  }
  return records;
}

/**
 * A text cell a spreadsheet would run as a formula: it starts — after any single quotes — with `=`,
 * `+`, `-`, `@`, a tab or a carriage return (OWASP, "CSV Injection"), and is not a plain decimal number
 * (`-0.5`, `+3`, `1e-7` are numbers to a spreadsheet, never formulas, and stay as they are).
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** How such a cell is written: one more single quote in front (undone by {@link csvText}). */
const NEUTRALISED = /^'+[=+\-@\t\r]/;

export interface CsvFieldOptions {
  /** `keep` writes text as it is, formulas included: only for rows fed to PostgreSQL's COPY. */
  formulas?: 'neutralise' | 'keep';
}

/**
 * One CSV field, quoted per RFC 4180 when it holds a comma, a quote or a line break — the one CSV
 * writer of the platform (results, exports, the `ranking-score` output).
 *
 * Text that a spreadsheet would run as a formula (see `FORMULA_START`: `=`, `+`, `-`, `@`, tab or
 * carriage return first, possibly after single quotes, and not a plain number) is neutralised as OWASP
 * advises: a single quote `'` is put in front and the cell is quoted. Every reader of the platform
 * ({@link parseCsv}, the evidence import) takes that quote off again ({@link csvText}), so a value
 * reads back exactly as it was written and re-scoring an export is unaffected. Numbers, including
 * negative ones, are never touched. `{ formulas: 'keep' }` is for CSV that no person opens and no reader
 * of ours reads: the rows fed to PostgreSQL's `COPY … FROM STDIN (FORMAT csv)`, which would store the
 * quote.
 *
 * @example
 * csvField('a "b", c') // → '"a ""b"", c"'
 * csvField('=HYPERLINK("x")') // → '"\'=HYPERLINK(""x"")"'
 * csvField('-0.5') // → '-0.5'
 */
export function csvField(value: string, options: CsvFieldOptions = {}): string {
  if (options.formulas !== 'keep' && FORMULA_START.test(value) && !DECIMAL.test(value)) {
    return `"'${value.replaceAll('"', '""')}"`;
  }
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * A field as read: one leading single quote is taken off a field that {@link csvField} neutralised
 * (single quotes, then `=`, `+`, `-`, `@`, a tab or a carriage return). Everything else is unchanged.
 *
 * @example
 * csvText("'=1+1") // → '=1+1'
 * csvText("''=1") // → "'=1"
 * csvText("'plain") // → "'plain"
 */
export function csvText(field: string): string {
  return field.charCodeAt(0) === 39 && NEUTRALISED.test(field) ? field.slice(1) : field;
}
