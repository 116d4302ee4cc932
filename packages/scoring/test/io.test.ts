/**
 * The one CSV tokenizer through its two front ends (src/io): the streaming reader must give what the
 * whole-file parser gives, however the bytes are cut into chunks; the strict rules (a quote inside an
 * unquoted field, text after a closing quote, an unterminated quote, bytes that are not UTF-8) are
 * reported with their line and column. Expected records are written out by hand from RFC 4180.
 */
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CsvProblem,
  type CsvStreamRecord,
  CsvSyntaxError,
  csvField,
  firstInvalidUtf8,
  parseCsv,
  readCsvStream,
} from '../src/index';

async function collect(
  chunks: Iterable<Uint8Array | string> | AsyncIterable<Uint8Array | string>,
  options: Parameters<typeof readCsvStream>[1] = {},
): Promise<(CsvStreamRecord | CsvProblem)[]> {
  const items: (CsvStreamRecord | CsvProblem)[] = [];
  for await (const item of readCsvStream(chunks, options)) items.push(item);
  return items;
}

/** What parseCsv gives, in readCsvStream's shape: the records, then the problem it throws at. */
function wholeFile(
  text: string,
  options: Parameters<typeof parseCsv>[1] = {},
): (CsvStreamRecord | CsvProblem)[] {
  const items: (CsvStreamRecord | CsvProblem)[] = [];
  try {
    for (const r of parseCsv(text, options)) items.push({ kind: 'record', line: r.line, fields: r.fields });
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    items.push({ kind: 'problem', line: error.line, column: error.column, message: error.message });
  }
  return items;
}

/** The streamed items up to and including the first problem (parseCsv stops there). */
const untilFirstProblem = (items: (CsvStreamRecord | CsvProblem)[]) => {
  const at = items.findIndex((item) => item.kind === 'problem');
  return at < 0 ? items : items.slice(0, at + 1);
};

/**
 * Every feature of the format in one file: a byte order mark, CRLF, LF and a lone CR, quoted fields
 * with commas, doubled quotes and line breaks (LF and CRLF), empty fields, an empty quoted field, a
 * blank line, a neutralised formula, text of 2-, 3- and 4-byte UTF-8 sequences, and no final line break.
 */
const FIXTURE =
  '\uFEFFproject,name,note\r\n' +
  'a,"Ünïcödé, ""quoted""","two\nlines"\n' +
  'b,中文名,"crlf\r\ninside"\r' +
  'c,,""\n' +
  '\n' +
  `d,"'=SUM(A1)",emoji 😀\n` +
  'e,last,x';

const FIXTURE_RECORDS = [
  { kind: 'record', line: 1, fields: ['project', 'name', 'note'] },
  { kind: 'record', line: 2, fields: ['a', 'Ünïcödé, "quoted"', 'two\nlines'] },
  { kind: 'record', line: 4, fields: ['b', '中文名', 'crlf\r\ninside'] },
  { kind: 'record', line: 6, fields: ['c', '', ''] },
  { kind: 'record', line: 7, fields: [''] },
  { kind: 'record', line: 8, fields: ['d', '=SUM(A1)', 'emoji 😀'] },
  { kind: 'record', line: 9, fields: ['e', 'last', 'x'] },
];

describe('parseCsv(text) and readCsvStream(chunks) — one tokenizer, two front ends', () => {
  it('parseCsv reads the fixture as RFC 4180 says', () => {
    expect(wholeFile(FIXTURE)).toEqual(FIXTURE_RECORDS);
  });

  it('readCsvStream gives the same records with the bytes split at every offset', async () => {
    const bytes = Buffer.from(FIXTURE, 'utf8');
    for (let cut = 0; cut <= bytes.length; cut++) {
      const items = await collect([bytes.subarray(0, cut), bytes.subarray(cut)]);
      expect(items, `split at byte ${cut}`).toEqual(FIXTURE_RECORDS);
    }
  });

  it('readCsvStream gives the same records one byte at a time, and split at every two offsets', async () => {
    const bytes = Buffer.from(FIXTURE, 'utf8');
    expect(await collect(Array.from(bytes, (b) => Uint8Array.of(b)))).toEqual(FIXTURE_RECORDS);
    for (let a = 0; a <= bytes.length; a += 3) {
      for (let b = a; b <= bytes.length; b += 5) {
        const chunks = [bytes.subarray(0, a), bytes.subarray(a, b), bytes.subarray(b)];
        expect(await collect(chunks), `split at bytes ${a} and ${b}`).toEqual(FIXTURE_RECORDS);
      }
    }
  });

  it('readCsvStream takes text chunks and a Node Readable too', async () => {
    for (let cut = 0; cut <= FIXTURE.length; cut++) {
      expect(await collect([FIXTURE.slice(0, cut), FIXTURE.slice(cut)]), `split at ${cut}`).toEqual(
        FIXTURE_RECORDS,
      );
    }
    const readable = Readable.from([Buffer.from(FIXTURE.slice(0, 40)), Buffer.from(FIXTURE.slice(40))]);
    expect(await collect(readable)).toEqual(FIXTURE_RECORDS);
  });

  it.each([
    ['a quote inside an unquoted field', 'h1,h2\r\nok,1\r\nab"c,2\r\nz,3\r\n'],
    ['text after a closing quote', 'h1,h2\n"x"y,1\n'],
    ['an unterminated quote', 'h1,h2\nok,1\nx,"open\nstill open\n'],
    ['a lone CR before the problem', 'h\rx"\r'],
  ])('both front ends stop at the same problem (%s), wherever the bytes are split', async (_name, text) => {
    const expected = wholeFile(text);
    const problem = expected[0];
    if (problem?.kind !== 'problem') throw new Error('the fixture must fail');
    // The records before the problem: parseCsv of the lines before the problem's line.
    const before = text
      .split(/(?<=\r\n|\r(?!\n)|\n)/)
      .slice(0, problem.line - 1)
      .join('');
    const records = wholeFile(before);
    const bytes = Buffer.from(text, 'utf8');
    for (let cut = 0; cut <= bytes.length; cut++) {
      const items = await collect([bytes.subarray(0, cut), bytes.subarray(cut)]);
      expect(untilFirstProblem(items), `split at byte ${cut}`).toEqual([...records, problem]);
    }
  });

  it('blankLines: "skip" drops empty lines in both front ends, and only those', async () => {
    const text = 'a,b\n\n"",x\r\n\r\n1,2\n\n';
    const expected = [
      { kind: 'record', line: 1, fields: ['a', 'b'] },
      { kind: 'record', line: 3, fields: ['', 'x'] },
      { kind: 'record', line: 5, fields: ['1', '2'] },
    ];
    expect(wholeFile(text, { blankLines: 'skip' })).toEqual(expected);
    expect(await collect([text], { blankLines: 'skip' })).toEqual(expected);
    expect(parseCsv(text).map((r) => r.fields)).toEqual([
      ['a', 'b'],
      [''],
      ['', 'x'],
      [''],
      ['1', '2'],
      [''],
    ]);
  });

  it('an empty text and a byte order mark alone have no records', async () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\uFEFF')).toEqual([]);
    expect(await collect([])).toEqual([]);
    expect(await collect([Uint8Array.of(0xef, 0xbb), Uint8Array.of(0xbf)])).toEqual([]);
  });
});

describe('the strict rules, with line and column', () => {
  const problemOf = (text: string) => {
    try {
      parseCsv(text);
    } catch (error) {
      if (error instanceof CsvSyntaxError)
        return { line: error.line, column: error.column, message: error.message };
    }
    return null;
  };

  it('a quote inside an unquoted field: the line and the column of the quote', () => {
    expect(problemOf('a,b\nxy,12"3\n')).toEqual({
      line: 2,
      column: 6,
      message: 'a quote inside an unquoted field (quote the whole field)',
    });
  });

  it('text after a closing quote: the column of the first character after it', () => {
    expect(problemOf('a,b\r\n1,"q" \r\n')).toEqual({
      line: 2,
      column: 6,
      message: 'unexpected text after a closing quote',
    });
  });

  it('an unterminated quote: where the quote opened', () => {
    expect(problemOf('a,b\n1,"open\nmore\n')).toEqual({
      line: 2,
      column: 3,
      message: 'unterminated quoted field',
    });
  });

  it('columns count from the character after a byte order mark, lines after quoted line breaks', () => {
    expect(problemOf('\uFEFFa"b\n')).toMatchObject({ line: 1, column: 2 });
    expect(problemOf('"x\r\ny",z\nq"\n')).toMatchObject({ line: 3, column: 2 });
  });

  it('the streaming reader lists every problem and goes on with the next line', async () => {
    const text = 'h1,h2\nab"c,1\nok,2\n"x"y,3\nok2,4\n';
    expect(await collect([text])).toEqual([
      { kind: 'record', line: 1, fields: ['h1', 'h2'] },
      {
        kind: 'problem',
        line: 2,
        column: 3,
        message: 'a quote inside an unquoted field (quote the whole field)',
      },
      { kind: 'record', line: 3, fields: ['ok', '2'] },
      { kind: 'problem', line: 4, column: 4, message: 'unexpected text after a closing quote' },
      { kind: 'record', line: 5, fields: ['ok2', '4'] },
    ]);
  });
});

describe('readCsvStream(chunks) — bytes that are not UTF-8', () => {
  const message = 'invalid UTF-8 byte sequence (the file must be UTF-8 encoded)';

  it('reports the line and character column, refuses that record and reads on', async () => {
    // Line 2 is "é,x" then 0xC3 0x28 (a lead byte without its continuation): column 4 (é is one character).
    const bytes = Buffer.concat([
      Buffer.from('h1,h2\né,x'),
      Uint8Array.of(0xc3, 0x28),
      Buffer.from('\nok,1\n'),
    ]);
    const expected = [
      { kind: 'record', line: 1, fields: ['h1', 'h2'] },
      { kind: 'problem', line: 2, column: 4, message },
      { kind: 'record', line: 3, fields: ['ok', '1'] },
    ];
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(await collect([bytes.subarray(0, cut), bytes.subarray(cut)]), `split at byte ${cut}`).toEqual(
        expected,
      );
    }
  });

  it('one problem per line; a sequence cut off by the end of the file is invalid too', async () => {
    const bytes = Buffer.concat([
      Buffer.from('a\n'),
      Uint8Array.of(0xff, 0x41, 0xfe),
      Buffer.from('\nb'),
      Uint8Array.of(0xe4, 0xb8),
    ]);
    expect(await collect([bytes])).toEqual([
      { kind: 'record', line: 1, fields: ['a'] },
      { kind: 'problem', line: 2, column: 1, message },
      { kind: 'problem', line: 3, column: 2, message },
    ]);
  });

  it('firstInvalidUtf8 finds overlong forms, surrogates and stray continuation bytes (RFC 3629 §3)', () => {
    expect(firstInvalidUtf8(Buffer.from('aé中😀'))).toBe(-1);
    expect(firstInvalidUtf8(Uint8Array.of(0x61, 0xc0, 0xaf))).toBe(1);
    expect(firstInvalidUtf8(Uint8Array.of(0xe0, 0x80, 0xaf))).toBe(0);
    expect(firstInvalidUtf8(Uint8Array.of(0x61, 0xed, 0xa0, 0x80))).toBe(1);
    expect(firstInvalidUtf8(Uint8Array.of(0x80))).toBe(0);
    expect(firstInvalidUtf8(Uint8Array.of(0xf4, 0x90, 0x80, 0x80))).toBe(0);
  });
});

describe('csvField → parseCsv / readCsvStream (fast-check)', () => {
  // Text from a small alphabet of the characters that matter (separators, quotes, line breaks,
  // formula starts, a 4-byte character) so that every rule is hit often.
  const cell = fc
    .array(
      fc.constantFrom('a', 'Z', '1', ',', '"', "'", '\n', '\r', '=', '-', '+', '@', '\t', ' ', 'é', '😀'),
      {
        maxLength: 6,
      },
    )
    .map((parts) => parts.join(''));
  const table = fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 });

  it('rows written with csvField read back as written, whole or streamed at any split', async () => {
    await fc.assert(
      fc.asyncProperty(table, fc.nat(), async (rows, seed) => {
        const text = rows.map((row) => `${row.map((value) => csvField(value)).join(',')}\r\n`).join('');
        const records = parseCsv(text);
        expect(records.map((r) => r.fields)).toEqual(rows);
        const bytes = Buffer.from(text, 'utf8');
        const cut = seed % (bytes.length + 1);
        const streamed = await collect([bytes.subarray(0, cut), bytes.subarray(cut)]);
        expect(streamed).toEqual(records.map((r) => ({ kind: 'record', line: r.line, fields: r.fields })));
      }),
      { numRuns: 300, seed: 4180 },
    );
  });
});
