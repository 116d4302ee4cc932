/**
 * The methodology keys of freshness windows: indicator `window` (ISO 8601 duration) and `stale`
 * ("exclude" | "flag", default "exclude"), and the top-level `description`. Documents without them
 * normalise exactly as before (so their content hashes do not move).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  MethodologyError,
  type MethodologyIssue,
  parseMethodology,
  validateMethodology,
} from '../src/index';

function withIndicator(extra: Record<string, unknown>, top: Record<string, unknown> = {}) {
  return {
    id: 'm',
    version: '1',
    title: 'M',
    ...top,
    indicators: [{ key: 'a', name: 'A', ...extra }],
    dimensions: [{ key: 'd', name: 'D', children: [{ indicator: 'a' }] }],
  };
}

function issuesOf(doc: unknown): MethodologyIssue[] {
  const result = validateMethodology(doc);
  if (result.ok) throw new Error('expected the methodology to be invalid');
  return result.issues;
}

describe('validateMethodology — window and stale', () => {
  it('a window defaults stale to "exclude"; both are kept as written', () => {
    const parsed = parseMethodology(JSON.stringify(withIndicator({ window: 'P12M' })));
    expect(parsed.indicators[0]).toMatchObject({ window: 'P12M', stale: 'exclude' });
    const flagged = parseMethodology(JSON.stringify(withIndicator({ window: 'P30D', stale: 'flag' })));
    expect(flagged.indicators[0]).toMatchObject({ window: 'P30D', stale: 'flag' });
  });

  it('the normalised document with a window re-parses to itself', () => {
    const parsed = parseMethodology(
      JSON.stringify(withIndicator({ window: 'P1Y6M', stale: 'flag' }, { description: 'Why.' })),
    );
    expect(parseMethodology(canonicalJson(parsed))).toEqual(parsed);
    expect(parsed.description).toBe('Why.');
  });

  it('without a window, neither key appears in the normalised indicator (nor description at the top)', () => {
    const parsed = parseMethodology(JSON.stringify(withIndicator({})));
    expect(Object.keys(parsed.indicators[0] ?? {})).toEqual([
      'key',
      'name',
      'direction',
      'combine',
      'transform',
      'winsorize',
      'normalize',
      'missing',
    ]);
    expect(Object.keys(parsed)).toEqual(['id', 'version', 'title', 'scale', 'indicators', 'dimensions']);
  });

  it('a malformed duration is an issue at its path naming the accepted form', () => {
    for (const window of ['12 months', 'PT12H', 'P1.5M', 'P0D', '-P1M', 'P1M1Y', 'p12m', 'P', '']) {
      const issues = issuesOf(withIndicator({ window }));
      expect(issues, window).toHaveLength(1);
      expect(issues[0]?.path).toBe('$.indicators[0].window');
      expect(issues[0]?.message).toContain('ISO 8601 duration');
      expect(issues[0]?.message).toContain('"P12M"');
      expect(issues[0]?.message).toContain(JSON.stringify(window));
    }
    const number = issuesOf(withIndicator({ window: 12 }));
    expect(number.map((i) => [i.path, i.message.endsWith('not the number 12')])).toEqual([
      ['$.indicators[0].window', true],
    ]);
  });

  it('stale without window is an issue at the stale path', () => {
    expect(issuesOf(withIndicator({ stale: 'flag' }))).toEqual([
      {
        path: '$.indicators[0].stale',
        message: 'needs a "window": stale says what happens to values observed before cutoff − window',
      },
    ]);
  });

  it('stale outside its enumeration is an issue; every issue is reported at once', () => {
    const doc = withIndicator({ window: 'P1W', stale: 'drop' });
    doc.indicators.push({ key: 'b', name: 'B', window: 'P3X', stale: 'flag' } as never);
    expect(issuesOf(doc)).toEqual([
      { path: '$.indicators[0].stale', message: 'must be one of "exclude", "flag", not the string "drop"' },
      { path: '$.indicators[1].window', message: expect.stringContaining('not the string "P3X"') },
    ]);
  });

  it('the CLI-facing error lists the path (MethodologyError message)', () => {
    try {
      parseMethodology(JSON.stringify(withIndicator({ window: 'one year' })));
      throw new Error('expected a MethodologyError');
    } catch (error) {
      expect(error).toBeInstanceOf(MethodologyError);
      expect((error as MethodologyError).message).toContain('$.indicators[0].window');
    }
  });

  it('description must be a non-empty string', () => {
    expect(issuesOf(withIndicator({}, { description: 3 })).map((i) => i.path)).toEqual(['$.description']);
    expect(issuesOf(withIndicator({}, { description: ' ' })).map((i) => i.path)).toEqual(['$.description']);
  });
});

describe('the default methodology files', () => {
  const dir = new URL('../../schema/data/methodology/', import.meta.url);
  const read = (name: string) => readFileSync(new URL(name, dir), 'utf8');

  it('2026.1 has no windows and no description (its stored document and hashes are unchanged)', () => {
    const m = parseMethodology(read('llm-oss-influence-2026.1.json'));
    expect(m.version).toBe('2026.1');
    expect(m.description).toBeUndefined();
    expect(m.indicators.filter((i) => i.window !== undefined)).toEqual([]);
  });

  it('2026.2 is valid, the same tree as 2026.1, and puts P12M on every _12m indicator with stale exclude', () => {
    const previous = parseMethodology(read('llm-oss-influence-2026.1.json'));
    const m = parseMethodology(read('llm-oss-influence-2026.2.json'));
    expect(m.id).toBe('llm-oss-influence');
    expect(m.version).toBe('2026.2');
    expect(m.description).toContain('window');
    expect(m.dimensions).toEqual(previous.dimensions);
    const twelve = m.indicators.filter((i) => i.key.endsWith('_12m'));
    expect(twelve.map((i) => i.key).sort()).toEqual([
      'commits_12m',
      'contributors_12m',
      'hf_dataset_downloads_12m',
      'hf_model_downloads_12m',
      'package_downloads_12m',
      'releases_12m',
      'updates_12m',
    ]);
    for (const indicator of twelve)
      expect(indicator, indicator.key).toMatchObject({ window: 'P12M', stale: 'exclude' });
    // Apart from window and stale, every indicator is defined as in 2026.1.
    const strip = ({ window: _w, stale: _s, ...rest }: (typeof m.indicators)[number]) => rest;
    expect(m.indicators.map(strip)).toEqual(previous.indicators);
  });
});
