import { describe, expect, it } from 'vitest';
import { isIsoDate, readDatePart } from '../src/engine/dates';
import { readJson } from '../src/methodology/read-json';

describe('readJson(text) — the strict JSON reader', () => {
  it('reads what JSON.parse reads (escapes, numbers, nesting, BOM)', () => {
    const text =
      '\uFEFF{"a":[1,-0.5,2e3,true,false,null],"s":"\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00","o":{}}';
    expect(readJson(text)).toEqual({ value: JSON.parse(text.slice(1)), issues: [] });
  });

  it('keeps "__proto__" as an ordinary own key, as JSON.parse does', () => {
    const { value } = readJson('{"__proto__": {"polluted": true}}');
    expect(Object.keys(value as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports every duplicate key and keeps the first value', () => {
    const { value, issues } = readJson('{"a": 1, "b": {"c": 1, "c": 2}, "a": 3}');
    expect(value).toEqual({ a: 1, b: { c: 1 } });
    expect(issues.map((i) => i.path)).toEqual(['$.b.c', '$.a']);
  });

  it.each([
    ['{"a": 01}', 1, 8],
    ['{"a": 1,}', 1, 9],
    ['[1, 2', 1, 6],
    ['{"a": "x\ny"}', 1, 9],
    ['{"a": tru}', 1, 7],
    ['{} {}', 1, 4],
  ])('syntax error in %j at line %d, column %d', (text, line, column) => {
    expect(readJson(text).issues).toEqual([expect.objectContaining({ path: '$', line, column })]);
  });

  it('refuses nesting deeper than 256 levels instead of overflowing the stack', () => {
    expect(readJson(`${'['.repeat(300)}${']'.repeat(300)}`).issues[0]?.message).toMatch(
      /nesting deeper than 256/,
    );
  });
});

describe('readDatePart(text) / isIsoDate(text)', () => {
  it('accepts calendar dates and the date part of timestamps', () => {
    expect(readDatePart('2024-02-29')).toBe('2024-02-29');
    expect(readDatePart('2000-02-29')).toBe('2000-02-29');
    expect(readDatePart('2024-10-16T19:38:59+08:00')).toBe('2024-10-16');
    expect(readDatePart('2024-10-16 19:38')).toBe('2024-10-16');
  });

  it('refuses impossible dates and other formats (leap years by the Gregorian rule)', () => {
    for (const text of [
      '2026-02-29',
      '1900-02-29',
      '2025-04-31',
      '2025-13-01',
      '2025-00-10',
      '2025-1-01',
      '20250101',
      '2025-01-01Z',
    ]) {
      expect(readDatePart(text)).toBeUndefined();
    }
  });

  it('isIsoDate takes exactly YYYY-MM-DD', () => {
    expect(isIsoDate('2025-12-31')).toBe(true);
    expect(isIsoDate('2025-12-31T00:00:00Z')).toBe(false);
  });
});
