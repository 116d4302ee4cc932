import { describe, expect, it } from 'vitest';
import { CsvParseError, formatCsvRow, parseCsv, parseCsvRecords } from '../src/index';

// Cases follow RFC 4180 §2 (https://www.rfc-editor.org/rfc/rfc4180#section-2), rule by rule.
describe('parseCsv', () => {
  it('splits records on CRLF and LF, with or without a final line break (rules 1–2)', () => {
    expect(parseCsv('a,b\r\nc,d\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseCsv('a,b\nc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(parseCsv('a,,c,\n')).toEqual([['a', '', 'c', '']]);
  });

  it('reads quoted fields with commas, line breaks and doubled quotes (rules 5–7)', () => {
    expect(parseCsv('"LangChain, Inc.","two\r\nlines","say ""hi"""\n')).toEqual([
      ['LangChain, Inc.', 'two\r\nlines', 'say "hi"'],
    ]);
  });

  it('ignores a byte-order mark', () => {
    expect(parseCsv('\uFEFFslug\nx\n')).toEqual([['slug'], ['x']]);
  });

  it('returns no rows for empty text', () => {
    expect(parseCsv('')).toEqual([]);
  });

  it('throws CsvParseError for an unterminated quote, with its line', () => {
    expect(() => parseCsv('a\n"open,b\n')).toThrow(CsvParseError);
    expect(() => parseCsv('a\n"open,b\n')).toThrow(/^line 2: unterminated quoted field$/);
  });

  it('throws CsvParseError for text after a closing quote', () => {
    expect(() => parseCsv('"a"b,c\n')).toThrow(/unexpected text after a closing quote/);
  });
});

describe('parseCsvRecords', () => {
  it('keys fields by the header and skips blank lines', () => {
    expect(parseCsvRecords('slug,name\na,"A, B"\n\nb,B\n')).toEqual([
      { slug: 'a', name: 'A, B' },
      { slug: 'b', name: 'B' },
    ]);
  });

  it('refuses a row with another number of fields, naming its line', () => {
    expect(() => parseCsvRecords('a,b\n1,2\n3\n')).toThrow(/^line 3: expected 2 fields, found 1$/);
  });

  it('refuses a header without a required column', () => {
    expect(() => parseCsvRecords('a,b\n', ['a', 'c'])).toThrow(/missing column "c"/);
  });
});

describe('formatCsvRow', () => {
  it('quotes only fields that need it, and round-trips through parseCsv', () => {
    const fields = ['plain', 'with, comma', 'with "quote"', 'two\nlines', '', 12.5];
    const line = formatCsvRow(fields);
    expect(line).toBe('plain,"with, comma","with ""quote""","two\nlines",,12.5\n');
    expect(parseCsv(line)).toEqual([fields.map(String)]);
  });
});
