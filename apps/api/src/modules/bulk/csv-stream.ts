/**
 * A streaming RFC 4180 reader over bytes: records come out as the file is read, so an import never
 * holds the whole file. Lines are split on the LF byte (which never occurs inside a multi-byte UTF-8
 * sequence), each complete piece is decoded with a fatal UTF-8 decoder, and an invalid byte
 * sequence is reported with its line and character column instead of being replaced by U+FFFD.
 * Quoted fields may span lines; a record is reported at the line it starts on.
 */
import { csvText } from '@ranking/scoring';

export interface CsvRecord {
  kind: 'record';
  /** 1-based line where the record starts. */
  line: number;
  fields: string[];
}

export interface CsvProblem {
  kind: 'problem';
  line: number;
  /** 1-based character column, when the problem is inside the line. */
  column: number | null;
  message: string;
}

const fatal = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8');

/** Byte offset of the first invalid UTF-8 sequence in `bytes` (RFC 3629), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= n) return i;
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Splits decoded line text into fields, carrying quote state across lines. */
class RecordBuilder {
  fields: string[] = [];
  field = '';
  inQuotes = false;
  /** A closing quote was just read; only a comma or the end of the line may follow. */
  afterQuote = false;
  startLine = 0;
  active = false;

  /** Feeds one line (without its line break). Returns a problem message, or null. */
  feed(text: string): string | null {
    if (!this.inQuotes && !this.active && text.indexOf('"') < 0) {
      this.fields = text.split(',');
      return null;
    }
    this.active = true;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (this.inQuotes) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            this.field += '"';
            i++;
          } else {
            this.inQuotes = false;
            this.afterQuote = true;
          }
        } else this.field += c;
      } else if (c === ',') {
        this.fields.push(this.field);
        this.field = '';
        this.afterQuote = false;
      } else if (this.afterQuote) {
        return `unexpected text after a closing quote at character ${i + 1}`;
      } else if (c === '"' && this.field === '') {
        this.inQuotes = true;
      } else this.field += c;
    }
    if (this.inQuotes) {
      this.field += '\n';
      return null;
    }
    this.fields.push(this.field);
    return null;
  }

  get isOpen(): boolean {
    return this.inQuotes;
  }

  take(): string[] {
    const fields = this.fields;
    this.fields = [];
    this.field = '';
    this.afterQuote = false;
    this.active = false;
    return fields;
  }
}

/**
 * Reads CSV records from a byte stream. A leading byte-order mark is skipped; CR before LF is
 * dropped; blank lines are skipped. `onBytes` sees the size of every chunk read.
 */
export async function* readCsvRecords(
  source: AsyncIterable<Uint8Array>,
  onBytes: (bytes: Uint8Array) => void = () => {},
): AsyncGenerator<CsvRecord | CsvProblem> {
  let pending: Uint8Array = new Uint8Array(0);
  let line = 0;
  let first = true;
  const builder = new RecordBuilder();
  let badRecord = false;

  function* handleLine(bytes: Uint8Array): Generator<CsvRecord | CsvProblem> {
    line++;
    let end = bytes.length;
    if (end > 0 && bytes[end - 1] === 0x0d) end--;
    let start = 0;
    if (first) {
      first = false;
      if (end >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
    }
    const view = bytes.subarray(start, end);
    let text: string;
    try {
      text = fatal.decode(view);
    } catch {
      const offset = firstInvalidUtf8(view);
      const column = offset < 0 ? null : lenient.decode(view.subarray(0, offset)).length + 1;
      yield {
        kind: 'problem',
        line,
        column,
        message: 'invalid UTF-8 byte sequence (the file must be UTF-8 encoded)',
      };
      // Keep the record structure going with the replacement characters; the record is refused.
      text = lenient.decode(view);
      badRecord = true;
    }
    if (!builder.isOpen) {
      builder.startLine = line;
      if (text === '') return;
    }
    const problem = builder.feed(text);
    if (problem) {
      yield { kind: 'problem', line, column: null, message: problem };
      builder.take();
      builder.inQuotes = false;
      badRecord = false;
      return;
    }
    if (builder.isOpen) return;
    const fields = builder.take();
    if (badRecord) {
      badRecord = false;
      return;
    }
    // A cell an export neutralised against spreadsheet formulas ("'=…") reads as its text, as in
    // the scoring engine's reader (the rule is csvField's, packages/scoring/src/cli/csv.ts).
    yield { kind: 'record', line: builder.startLine, fields: fields.map(csvText) };
  }

  for await (const chunk of source) {
    onBytes(chunk);
    let data: Uint8Array;
    if (pending.length > 0) {
      data = new Uint8Array(pending.length + chunk.length);
      data.set(pending, 0);
      data.set(chunk, pending.length);
    } else data = chunk;
    let from = 0;
    for (;;) {
      const nl = data.indexOf(0x0a, from);
      if (nl < 0) break;
      yield* handleLine(data.subarray(from, nl));
      from = nl + 1;
    }
    pending = data.slice(from);
  }
  if (pending.length > 0) yield* handleLine(pending);
  if (builder.isOpen) {
    yield { kind: 'problem', line: builder.startLine, column: null, message: 'unterminated quoted field' };
  }
}
