/**
 * The one CSV tokenizer of the platform. Hand-written rather than a library because the scoring
 * core has no runtime dependencies (packages/scoring/README.md): the `ranking-score` CLI, the catalog
 * loader, the export verifier and the API's bulk import all read CSV through this state machine,
 * whole-file ({@link parseCsv}) or streaming ({@link readCsvStream}), so they accept and refuse the
 * same files.
 */
import { csvText } from './csv-field';

/** One CSV record with the (1-based) line it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** Where and why a text is not RFC 4180 CSV (or, read from bytes, not UTF-8). */
export interface CsvProblem {
  kind: 'problem';
  /** 1-based physical line of the problem. */
  line: number;
  /** 1-based character (UTF-16 code unit) column within that line. */
  column: number;
  message: string;
}

export interface CsvOptions {
  /**
   * `record` (the default): an empty line is a record with one empty field, as RFC 4180 reads it
   * (a one-column file may hold empty values). `skip`: an empty line is no record at all.
   */
  blankLines?: 'record' | 'skip';
}

/** A CSV text that does not follow RFC 4180, at `line` and `column`. */
export class CsvSyntaxError extends Error {
  readonly line: number;
  readonly column: number;
  constructor(message: string, line: number, column = 1) {
    super(message);
    this.name = 'CsvSyntaxError';
    this.line = line;
    this.column = column;
  }
}

export const CSV_MESSAGES = {
  quoteInUnquoted: 'a quote inside an unquoted field (quote the whole field)',
  textAfterQuote: 'unexpected text after a closing quote',
  unterminated: 'unterminated quoted field',
} as const;

// States of the machine (what the next character means).
/** At the start of a record: nothing of it read yet. */
const RECORD_START = 0;
/** After a comma: at the start of a field. */
const FIELD_START = 1;
/** Inside a field that did not start with a quote. */
const UNQUOTED = 2;
/** Inside a quoted field. */
const QUOTED = 3;
/** A quote inside a quoted field: a doubled quote (`""`) or the closing one. */
const QUOTE = 4;
/** After a problem: the rest of the physical line is passed over, then a new record starts. */
const SKIP = 5;

const COMMA = 44;
const LF = 10;
const CR = 13;
const DQUOTE = 34;

/**
 * An RFC 4180 tokenizer over text given in pieces of any size: fields separated by commas, records by
 * CRLF, LF or a lone CR; a field in double quotes may hold commas, line breaks (kept as written) and
 * doubled quotes (`""` → `"`). A leading byte order mark is skipped; a final line break does not
 * start an empty record. Every field goes through {@link csvText}, which takes off the quote
 * {@link csvField} put before a spreadsheet formula.
 *
 * Strict where leniency would hide mistakes: a quote inside an unquoted field, text after a closing
 * quote and an unterminated quoted field are problems, each with its line and column. After a
 * problem the record is dropped and reading resumes at the next physical line, so a streaming reader
 * can list every bad line of a file.
 *
 * A record is handed over as soon as its line break is read; the tokenizer holds only the record
 * being read, so memory does not grow with the file.
 *
 * Source: Y. Shafranovich (2005), RFC 4180 "Common Format and MIME Type for Comma-Separated Values".
 *
 * Complexity: O(length of the text), whatever the split into pieces.
 */
export class CsvTokenizer {
  private state = RECORD_START;
  private fields: string[] = [];
  private field = '';
  /** Physical line of the next character. */
  private line = 1;
  /** Characters read before the current piece. */
  private offset = 0;
  /** Offset of the first character of the current physical line. */
  private lineStart = 0;
  /** Offset of the last carriage return, so the LF of a CRLF does not count as a second break. */
  private crAt = -2;
  private recordLine = 1;
  private quoteLine = 1;
  private quoteColumn = 1;
  private started = false;
  /** The record being read is refused (bad bytes in it); it is dropped at its end. */
  private dropRecord = false;
  private readonly skipBlank: boolean;

  constructor(
    private readonly onRecord: (record: CsvRecord) => void,
    private readonly onProblem: (problem: CsvProblem) => void,
    options: CsvOptions = {},
  ) {
    this.skipBlank = options.blankLines === 'skip';
  }

  /** Reads the next piece of the text. */
  write(text: string): void {
    const n = text.length;
    if (n === 0) return;
    let i = 0;
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) {
        i = 1;
        this.lineStart = 1;
      }
    }
    const base = this.offset;
    let state = this.state;
    /** Start of the part of the current field not yet added to `field`. */
    let from = i;
    while (i < n) {
      let c = text.charCodeAt(i);
      if (state === UNQUOTED) {
        // Most characters are ordinary: scan to the next comma, line break or quote.
        while (c > COMMA || (c !== COMMA && c !== LF && c !== CR && c !== DQUOTE)) {
          if (++i === n) break;
          c = text.charCodeAt(i);
        }
        if (i === n) break;
        if (c === COMMA) {
          this.fields.push(csvText(this.field + text.slice(from, i)));
          this.field = '';
          state = FIELD_START;
        } else if (c === DQUOTE) {
          state = this.fail(CSV_MESSAGES.quoteInUnquoted, base + i);
        } else {
          this.fields.push(csvText(this.field + text.slice(from, i)));
          this.field = '';
          this.endRecord();
          state = this.lineBreak(c, base + i);
        }
      } else if (state === QUOTED) {
        while (c !== DQUOTE && c !== LF && c !== CR) {
          if (++i === n) break;
          c = text.charCodeAt(i);
        }
        if (i === n) break;
        if (c === DQUOTE) {
          this.field += text.slice(from, i);
          state = QUOTE;
        } else {
          this.lineBreak(c, base + i);
        }
      } else if (state === QUOTE) {
        if (c === DQUOTE) {
          this.field += '"';
          from = i + 1;
          state = QUOTED;
        } else if (c === COMMA) {
          this.fields.push(csvText(this.field));
          this.field = '';
          state = FIELD_START;
        } else if (c === LF || c === CR) {
          this.fields.push(csvText(this.field));
          this.field = '';
          this.endRecord();
          state = this.lineBreak(c, base + i);
        } else {
          state = this.fail(CSV_MESSAGES.textAfterQuote, base + i);
        }
      } else if (state === RECORD_START) {
        if (c === LF && this.crAt === base + i - 1) {
          // The LF of a CRLF that ended the last record.
          this.lineStart = base + i + 1;
        } else if (c === LF || c === CR) {
          // An empty line.
          if (!this.skipBlank) {
            this.recordLine = this.line;
            this.fields.push('');
            this.endRecord();
          } else this.dropRecord = false;
          state = this.lineBreak(c, base + i);
        } else {
          this.recordLine = this.line;
          state = this.fieldStart(c, base + i);
          from = state === QUOTED ? i + 1 : i;
          if (state === UNQUOTED) continue;
        }
      } else if (state === FIELD_START) {
        if (c === LF || c === CR) {
          this.fields.push('');
          this.endRecord();
          state = this.lineBreak(c, base + i);
        } else {
          state = this.fieldStart(c, base + i);
          from = state === QUOTED ? i + 1 : i;
          if (state === UNQUOTED) continue;
        }
      } else if (c === LF || c === CR) {
        // SKIP: the line of a problem ends; a new record starts after it.
        this.fields = [];
        this.field = '';
        this.dropRecord = false;
        state = this.lineBreak(c, base + i);
      }
      i++;
    }
    if (state === UNQUOTED || state === QUOTED) this.field += text.slice(from, n);
    this.state = state;
    this.offset = base + n;
  }

  /**
   * Bytes that are not UTF-8 at the current position (from a byte front end): the record they are in
   * is refused, with one problem per physical line (`reported` remembers the last line reported); a
   * U+FFFD is read in their place so the structure of the line is kept.
   */
  invalidBytes(message: string, reported: { line: number }): void {
    if (reported.line !== this.line) {
      reported.line = this.line;
      this.onProblem({ kind: 'problem', line: this.line, column: this.offset - this.lineStart + 1, message });
    }
    this.dropRecord = true;
    this.write('\uFFFD');
  }

  /** The end of the text: the last record (without a final line break) or an unterminated quote. */
  end(): void {
    switch (this.state) {
      case UNQUOTED:
      case QUOTE:
        this.fields.push(csvText(this.field));
        this.endRecord();
        break;
      case FIELD_START:
        this.fields.push('');
        this.endRecord();
        break;
      case QUOTED:
        this.onProblem({
          kind: 'problem',
          line: this.quoteLine,
          column: this.quoteColumn,
          message: CSV_MESSAGES.unterminated,
        });
        break;
      default:
    }
    this.state = RECORD_START;
    this.fields = [];
    this.field = '';
    this.dropRecord = false;
  }

  /** The first character of a field at `at`; returns the next state. */
  private fieldStart(c: number, at: number): number {
    if (c === DQUOTE) {
      this.quoteLine = this.line;
      this.quoteColumn = at - this.lineStart + 1;
      return QUOTED;
    }
    if (c === COMMA) {
      this.fields.push('');
      return FIELD_START;
    }
    return UNQUOTED;
  }

  /** Counts the line break `c` at `at` (the LF of a CRLF is part of the same break). */
  private lineBreak(c: number, at: number): number {
    if (c === CR) this.crAt = at;
    if (c === CR || this.crAt !== at - 1) this.line++;
    this.lineStart = at + 1;
    return RECORD_START;
  }

  private endRecord(): void {
    const fields = this.fields;
    this.fields = [];
    if (this.dropRecord) this.dropRecord = false;
    else this.onRecord({ line: this.recordLine, fields });
  }

  private fail(message: string, at: number): number {
    this.onProblem({ kind: 'problem', line: this.line, column: at - this.lineStart + 1, message });
    this.fields = [];
    this.field = '';
    return SKIP;
  }
}
