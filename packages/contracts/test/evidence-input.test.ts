import { describe, expect, it } from 'vitest';
import { evidenceInputSchema, evidenceProblems, isCalendarDate } from '../src/index';

const NOW = new Date('2026-06-15T12:00:00Z');
const valid = {
  project: 'vllm',
  indicator: 'github_stars',
  value: 4242,
  sourceUrl: '  HTTPS://GitHub.com/vllm-project/vllm/?utm_source=x  ',
  observedAt: '2026-06-15',
};
const parse = (input: Record<string, unknown>, names?: Record<string, string>) =>
  evidenceInputSchema({ now: NOW, ...(names ? { names } : {}) }).safeParse(input);
const problemsOf = (input: Record<string, unknown>, names?: Record<string, string>) => {
  const result = parse(input, names);
  return result.success ? [] : evidenceProblems(result.error);
};

describe('evidenceInputSchema', () => {
  it('normalises a valid input: trimmed URL and its canonical form, defaults', () => {
    expect(parse(valid)).toEqual({
      success: true,
      data: {
        project: 'vllm',
        indicator: 'github_stars',
        value: 4242,
        sourceUrl: 'HTTPS://GitHub.com/vllm-project/vllm/?utm_source=x',
        canonicalUrl: 'https://github.com/vllm-project/vllm',
        observedAt: '2026-06-15',
        retrievedAt: null,
        sourceKind: 'other',
        note: null,
      },
    });
  });

  it('reads text values (a CSV cell, a form field) like typed ones', () => {
    const result = parse({
      ...valid,
      value: ' 12.5e1 ',
      retrievedAt: '2026-06-15T12:04:00Z',
      sourceKind: 'github',
    });
    expect(result.data).toMatchObject({
      value: 125,
      retrievedAt: new Date('2026-06-15T12:04:00Z'),
      sourceKind: 'github',
    });
  });

  it('takes an empty optional cell as absent', () => {
    expect(parse({ ...valid, retrievedAt: '', sourceKind: '', note: '  ' }).data).toMatchObject({
      retrievedAt: null,
      sourceKind: 'other',
      note: null,
    });
  });

  it.each([
    ['value', 'abc', 'non-numeric value "abc"'],
    ['value', Number.POSITIVE_INFINITY, 'value Infinity is not a finite number'],
    ['value', '1e999', 'value 1e999 is not a finite number'],
    ['value', true, 'value must be a number'],
    ['observedAt', '2026-02-30', 'observedAt must be a YYYY-MM-DD date, not "2026-02-30"'],
    ['observedAt', '2026-06-16', 'observedAt 2026-06-16 is in the future'],
    [
      'sourceUrl',
      'ftp://example.org/f',
      'sourceUrl is not an http(s) URL: "ftp://example.org/f" (scheme ftp is not http or https)',
    ],
    ['sourceUrl', ' ', 'sourceUrl must not be empty'],
    ['retrievedAt', 'yesterday', 'retrievedAt must be an ISO 8601 date-time, not "yesterday"'],
    ['retrievedAt', '2026-06-15T12:05:01Z', 'retrievedAt 2026-06-15T12:05:01Z is in the future'],
    [
      'sourceKind',
      'GITHUB',
      'sourceKind must be one of github, huggingface, pypi, paper, website, other, not "GITHUB"',
    ],
    ['note', 'x'.repeat(2001), 'note is longer than 2000 characters'],
    ['project', '', 'project must not be empty'],
    ['indicator', undefined, 'indicator must not be empty'],
  ])('refuses %s %j: %s', (field, input, message) => {
    expect(problemsOf({ ...valid, [field]: input })).toEqual([{ field, message }]);
  });

  it('allows a retrieval up to five minutes ahead (clock skew)', () => {
    expect(parse({ ...valid, retrievedAt: '2026-06-15T12:05:00Z' }).success).toBe(true);
  });

  it('names fields as the caller does and reports every field at fault', () => {
    const names = { observedAt: 'observed_at', sourceUrl: 'source_url' };
    expect(problemsOf({ ...valid, value: 'x', observedAt: '2030-01-01', sourceUrl: 'nope' }, names)).toEqual([
      { field: 'value', message: 'non-numeric value "x"' },
      { field: 'observedAt', message: 'observed_at 2030-01-01 is in the future' },
      { field: 'sourceUrl', message: 'source_url is not an http(s) URL: "nope" (not an absolute URL)' },
    ]);
  });
});

describe('isCalendarDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-13-01', false],
    ['2025-1-01', false],
    ['2025-01-01T00:00:00Z', false],
  ])('%s → %s', (text, expected) => {
    expect(isCalendarDate(text)).toBe(expected);
  });
});
