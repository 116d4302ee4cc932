/**
 * The rules that had drifted apart between the admin app and the API, each decided once here.
 * Before: the admin's form kept `msclkid`, `dclid`, `si` and `spm`, re-encoded the query (`%20` became
 * `+`), accepted digit-group separators in values (`1,250`), required a dot in the host and had no
 * length limit; the bulk import and the API did not.
 */
import { describe, expect, it } from 'vitest';
import { canonicalizeUrl, evidenceInputSchema, evidenceProblems, parseDecimal } from '../src/index';

const NOW = new Date('2026-06-15T12:00:00Z');
const valid = {
  project: 'vllm',
  indicator: 'github_stars',
  value: '4242',
  sourceUrl: 'https://github.com/vllm-project/vllm',
  observedAt: '2026-06-01',
};
const problemsOf = (input: Record<string, unknown>) => {
  const result = evidenceInputSchema({ now: NOW }).safeParse(input);
  return result.success ? [] : evidenceProblems(result.error);
};

describe('canonical URL: the tracking parameters the admin kept are dropped', () => {
  it.each(['msclkid', 'dclid', 'si', 'spm'])('drops %s', (name) => {
    expect(canonicalizeUrl(`https://example.org/a?id=7&${name}=abc`)).toBe('https://example.org/a?id=7');
  });

  it('drops them in any case, like every tracking parameter', () => {
    expect(canonicalizeUrl('https://example.org/a?MSCLKID=1&Si=2&SPM=3&DClid=4')).toBe(
      'https://example.org/a',
    );
  });
});

describe('canonical URL: kept parameters keep their encoding', () => {
  it('does not re-encode %20 as +', () => {
    expect(canonicalizeUrl('https://example.org/search?q=open%20source&utm_source=x')).toBe(
      'https://example.org/search?q=open%20source',
    );
  });

  it('keeps + and other valid escapes as written', () => {
    expect(canonicalizeUrl('https://example.org/s?q=a+b&r=%C3%A9t%C3%A9&t=%2F')).toBe(
      'https://example.org/s?q=a+b&r=%C3%A9t%C3%A9&t=%2F',
    );
  });

  it('gives the same canonical form for the same link with and without tracking', () => {
    expect(canonicalizeUrl('https://example.org/s?q=a%20b#top')).toBe(
      canonicalizeUrl('https://EXAMPLE.org/s/?si=x&q=a%20b&spm=1'),
    );
  });
});

describe('values: one syntax, no digit-group separators', () => {
  it.each(['1,250', '1,5', '1 250', '1_250'])('refuses %j rather than guessing', (text) => {
    expect(parseDecimal(text)).toBeNull();
    expect(problemsOf({ ...valid, value: text })).toEqual([
      { field: 'value', message: `non-numeric value "${text}"` },
    ]);
  });

  it.each([
    ['1250', 1250],
    ['0.75', 0.75],
    ['.5', 0.5],
    ['-3', -3],
    ['+2.', 2],
    ['1e6', 1e6],
  ])('reads %j as %d', (text, expected) => {
    expect(parseDecimal(text)).toBe(expected);
  });
});

describe('source URL: the API rule for the form too', () => {
  it('accepts a host without a dot (the admin form refused it)', () => {
    const result = evidenceInputSchema({ now: NOW }).parse({ ...valid, sourceUrl: 'http://intranet/page' });
    expect(result.canonicalUrl).toBe('http://intranet/page');
  });

  it('refuses a URL longer than 2000 characters (the admin form had no limit)', () => {
    const long = `https://example.org/${'a'.repeat(2000)}`;
    expect(problemsOf({ ...valid, sourceUrl: long })).toEqual([
      { field: 'sourceUrl', message: 'sourceUrl is longer than 2000 characters' },
    ]);
  });
});
