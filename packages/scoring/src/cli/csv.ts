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
 * A leading byte order mark is skipped; a final line break does not start an empty record. Each
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
      record.fields.push(field);
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
 * One CSV field, quoted per RFC 4180 when it holds a comma, a quote or a line break.
 *
 * @example
 * csvField('a "b", c') // → '"a ""b"", c"'
 */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
