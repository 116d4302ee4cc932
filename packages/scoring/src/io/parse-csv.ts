import { type CsvOptions, type CsvRecord, CsvSyntaxError, CsvTokenizer } from './csv-tokenizer';

/**
 * Parses a whole CSV text per RFC 4180 — the whole-file front end of {@link CsvTokenizer} (its
 * streaming twin is {@link readCsvStream}; both give the same records). Fields separated by commas,
 * records by CRLF, LF or a lone CR; a field in double quotes may hold commas, line breaks and doubled
 * quotes (`""` → `"`). A leading byte order mark is skipped; a final line break does not start an
 * empty record; a field that `csvField` neutralised against spreadsheet formulas loses its extra quote
 * (`csvText`). Each record keeps the physical line it starts on, for error messages.
 *
 * Strict where leniency would hide mistakes: a quote inside an unquoted field, text after a closing
 * quote and an unterminated quoted field are errors.
 *
 * Source: Y. Shafranovich (2005), RFC 4180 "Common Format and MIME Type for Comma-Separated Values".
 *
 * Complexity: O(length of the text).
 *
 * @throws {CsvSyntaxError} at the first problem, with its line and column
 * @example
 * parseCsv('a,b\n1,"x, ""y"""\n') // → [{ line: 1, fields: ['a', 'b'] }, { line: 2, fields: ['1', 'x, "y"'] }]
 */
export function parseCsv(text: string, options: CsvOptions = {}): CsvRecord[] {
  const records: CsvRecord[] = [];
  const tokenizer = new CsvTokenizer(
    (record) => records.push(record),
    (problem) => {
      throw new CsvSyntaxError(problem.message, problem.line, problem.column);
    },
    options,
  );
  tokenizer.write(text);
  tokenizer.end();
  return records;
}
