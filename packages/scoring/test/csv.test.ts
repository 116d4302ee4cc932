import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, csvField, parseCsv } from '../src/index';

const fields = (text: string) => parseCsv(text).map((r) => r.fields);

describe('parseCsv(text) — RFC 4180', () => {
  it('splits fields and records, with the line each record starts on', () => {
    expect(parseCsv('a,b\n1,2\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
    ]);
  });

  it('accepts CRLF, LF and a missing final line break', () => {
    expect(fields('a,b\r\n1,2\r\n3,4')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('quoted fields hold commas, doubled quotes and line breaks; lines keep counting', () => {
    const records = parseCsv('h1,h2\n"a, b","say ""hi"""\n"multi\nline",x\nlast,y\n');
    expect(records.map((r) => r.fields)).toEqual([
      ['h1', 'h2'],
      ['a, b', 'say "hi"'],
      ['multi\nline', 'x'],
      ['last', 'y'],
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 5]);
  });

  it('empty fields and an empty quoted field', () => {
    expect(fields('a,,""\n')).toEqual([['a', '', '']]);
  });

  it('skips a byte order mark', () => {
    expect(fields('\uFEFFproject,value\n')).toEqual([['project', 'value']]);
  });

  it('errors with a line: unterminated quote, quote inside an unquoted field, text after a closing quote', () => {
    const lineOf = (text: string) => {
      try {
        parseCsv(text);
      } catch (error) {
        if (error instanceof CsvSyntaxError) return error.line;
      }
      return -1;
    };
    expect(lineOf('a\n"open\n')).toBe(2);
    expect(lineOf('a\nb\nx"y\n')).toBe(3);
    expect(lineOf('a\n"q"x\n')).toBe(2);
  });
});

describe('csvField(value)', () => {
  it('quotes only when needed, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('round-trips through parseCsv', () => {
    const values = ['x', 'a,b', '"q"', 'l1\r\nl2', ''];
    expect(fields(`${values.map((v) => csvField(v)).join(',')}\n`)).toEqual([values]);
  });
});

describe('text cells that would start a spreadsheet formula (CSV injection)', () => {
  // OWASP's list: = + - @ tab carriage return.
  const dangerous = ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'];

  it('are prefixed with a single quote and quoted', () => {
    for (const value of dangerous) {
      const cell = csvField(value);
      expect(cell.startsWith(`"'`), JSON.stringify(value)).toBe(true);
      expect(cell).toBe(`"'${value.replaceAll('"', '""')}"`);
    }
    // A quote already in front of such text gets one more, so it reads back unchanged.
    expect(csvField("'=1")).toBe(`"''=1"`);
  });

  it('leaves numbers and harmless text alone', () => {
    for (const value of ['-0.5', '+3', '-12', '-1e-7', '1.5E+300', 'plain', "it's", "'quoted'", ''])
      expect(csvField(value), value).toBe(value);
  });

  it('read back as the text that was written', () => {
    const values = [...dangerous, "'=1", "''-x", "'plain", '-0.5', 'a,b', ''];
    expect(fields(`${values.map((v) => csvField(v)).join(',')}\n`)).toEqual([values]);
  });

  it('written by hand as quote + formula read as the formula text; a lone quote stays', () => {
    expect(fields(`'=1+1,"'@x",'plain,'\n`)).toEqual([['=1+1', '@x', "'plain", "'"]]);
  });
});
