import { describe, expect, it } from 'vitest';
import { CsvParseError, formatCsvRow, parseCsvRecords } from '../src/index';

// The RFC 4180 rules themselves are the scoring engine's parseCsv (packages/scoring/test/csv.test.ts);
// these cases cover the header-keyed records built on it.
describe('parseCsvRecords', () => {
  it('keys fields by the header and skips blank lines', () => {
    expect(parseCsvRecords('slug,name\na,"A, B"\n\nb,B\n')).toEqual([
      { slug: 'a', name: 'A, B' },
      { slug: 'b', name: 'B' },
    ]);
  });

  it('reads CRLF, a byte-order mark, quoted line breaks and doubled quotes', () => {
    expect(parseCsvRecords('\uFEFFslug,note\r\nx,"two\r\nlines, ""quoted"""\r\n')).toEqual([
      { slug: 'x', note: 'two\r\nlines, "quoted"' },
    ]);
    expect(parseCsvRecords('slug\n')).toEqual([]);
  });

  it('refuses a row with another number of fields, naming its line (blank and quoted lines counted)', () => {
    expect(() => parseCsvRecords('a,b\n1,2\n3\n')).toThrow(/^line 3: expected 2 fields, found 1$/);
    expect(() => parseCsvRecords('a,b\n"x\ny",2\n\n3\n')).toThrow(/^line 5: expected 2 fields, found 1$/);
  });

  it('refuses text that is not CSV, with its line', () => {
    expect(() => parseCsvRecords('a\n"open,b\n')).toThrow(CsvParseError);
    expect(() => parseCsvRecords('a\n"open,b\n')).toThrow(/^line 2: unterminated quoted field$/);
    expect(() => parseCsvRecords('a,b\n"a"b,c\n')).toThrow(/^line 2: unexpected text after a closing quote$/);
  });

  it('refuses a missing header or a header without a required column', () => {
    expect(() => parseCsvRecords('')).toThrow(/^line 1: missing header$/);
    expect(() => parseCsvRecords('a,b\n', ['a', 'c'])).toThrow(/missing column "c"/);
  });
});

describe('formatCsvRow', () => {
  it('quotes only fields that need it, writes null as empty, and round-trips through parseCsvRecords', () => {
    const fields = ['plain', 'with, comma', 'with "quote"', 'two\nlines', '', 12.5];
    const line = formatCsvRow(fields);
    expect(line).toBe('plain,"with, comma","with ""quote""","two\nlines",,12.5\n');
    expect(formatCsvRow([null, undefined, true])).toBe(',,true\n');
    const header = fields.map((_, i) => `c${i}`).join(',');
    expect(parseCsvRecords(`${header}\n${line}`)).toEqual([
      Object.fromEntries(fields.map((f, i) => [`c${i}`, String(f)])),
    ]);
  });
});
