/**
 * Writing a CSV field, and the reader-side undo of its formula neutralisation: the one CSV writer of
 * the platform (results, exports, catalog files, the `ranking-score` output).
 */

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
 * (the CSV tokenizer behind `parseCsv` and `readCsvStream`) takes that quote off again ({@link csvText}), so a value
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
