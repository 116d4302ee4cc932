import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  MethodologyError,
  type MethodologyIssue,
  parseMethodology,
  shareRuleOf,
  validateMethodology,
} from '../src/index';

const fixture = readFileSync(new URL('./fixtures/methodology.json', import.meta.url), 'utf8');

const minimal = () => ({
  id: 'm',
  version: '1',
  title: 'M',
  indicators: [{ key: 'a', name: 'A' }],
  dimensions: [{ key: 'd', name: 'D', children: [{ indicator: 'a' }] }],
});

function issuesOf(doc: unknown): MethodologyIssue[] {
  const result = validateMethodology(doc);
  if (result.ok) throw new Error('expected the methodology to be invalid');
  return result.issues;
}

function parseIssues(text: string, format?: 'json' | 'yaml'): MethodologyIssue[] {
  try {
    parseMethodology(text, format);
  } catch (error) {
    if (error instanceof MethodologyError) return error.issues;
    throw error;
  }
  throw new Error('expected a MethodologyError');
}

describe('parseMethodology(text) — defaults', () => {
  it('fills in every documented default', () => {
    const m = parseMethodology(JSON.stringify(minimal()));
    expect(m.scale).toBe(100);
    expect(m.indicators[0]).toEqual({
      key: 'a',
      name: 'A',
      direction: 'higher',
      combine: 'latest',
      transform: 'none',
      winsorize: 0,
      normalize: { method: 'minmax' },
      missing: 'zero',
    });
    expect(m.dimensions[0]).toEqual({
      key: 'd',
      name: 'D',
      aggregate: 'arithmetic',
      children: [{ indicator: 'a', weight: 1 }],
    });
  });

  it('keeps what is given (the documented example)', () => {
    const m = parseMethodology(fixture);
    expect(m.dimensions.map((d) => d.key)).toEqual(['model', 'system']);
    expect(m.indicators.find((i) => i.key === 'response_hours')).toMatchObject({
      direction: 'lower',
      combine: 'median',
      missing: 'exclude',
    });
  });

  it('the normalised methodology is itself valid and re-parses to itself', () => {
    const m = parseMethodology(fixture);
    expect(parseMethodology(canonicalJson(m))).toEqual(m);
  });

  it('reads YAML, sniffed or explicit, to the same methodology', () => {
    const yaml = `
id: m
version: "1"
title: M
indicators:
  - { key: a, name: A }
dimensions:
  - key: d
    name: D
    children:
      - indicator: a
`;
    expect(parseMethodology(yaml)).toEqual(parseMethodology(JSON.stringify(minimal())));
    expect(parseMethodology(yaml, 'yaml')).toEqual(parseMethodology(JSON.stringify(minimal()), 'json'));
  });
});

describe('parseMethodology(text) — duplicate keys', () => {
  it('JSON: reports the repeated member with its path and line', () => {
    const text = `{
  "id": "m", "version": "1", "title": "M",
  "indicators": [ { "key": "a", "name": "A", "name": "B" } ],
  "dimensions": [ { "key": "d", "name": "D", "children": [ { "indicator": "a", "weight": 1, "weight": 2 } ] } ]
}`;
    const issues = parseIssues(text);
    expect(issues).toEqual([
      expect.objectContaining({
        path: '$.indicators[0].name',
        line: 3,
        message: expect.stringMatching(/duplicate key "name"/),
      }),
      expect.objectContaining({ path: '$.dimensions[0].children[0].weight', line: 4 }),
    ]);
  });

  it('JSON: a duplicated top-level key', () => {
    const text = JSON.stringify(minimal()).replace('"title":"M"', '"title":"M","title":"N"');
    expect(parseIssues(text)).toEqual([expect.objectContaining({ path: '$.title' })]);
  });

  it('YAML: reports the repeated key with its path and line', () => {
    const yaml = 'id: m\nversion: "1"\ntitle: M\ntitle: N\nindicators: []\ndimensions: []\n';
    const issues = parseIssues(yaml);
    expect(issues[0]).toEqual(expect.objectContaining({ path: '$.title', line: 4 }));
  });
});

describe('parseMethodology(text) — syntax', () => {
  it('JSON syntax errors carry line and column', () => {
    const issues = parseIssues('{\n  "id": "m",\n  "version": 1,,\n}');
    expect(issues).toEqual([expect.objectContaining({ path: '$', line: 3, column: 16 })]);
  });

  it('YAML syntax errors carry a line', () => {
    const issues = parseIssues('id: [unclosed\nversion: 1\n', 'yaml');
    expect(issues[0]?.line).toBeGreaterThan(0);
  });

  it('YAML alias cycles are refused, at the path where the value reappears', () => {
    const yaml = `id: m
version: "1"
title: M
indicators: [{ key: a, name: A }]
dimensions:
  - key: d
    name: D
    children:
      - &g { key: g, name: G, children: [{ indicator: a }, *g] }
`;
    const issues = parseIssues(yaml, 'yaml');
    expect(issues).toContainEqual(
      expect.objectContaining({
        path: '$.dimensions[0].children[0].children[1]',
        message: expect.stringMatching(/cycle/),
      }),
    );
  });

  it('an empty document is an error', () => {
    expect(parseIssues('   ', 'json')[0]?.message).toMatch(/empty/);
  });
});

describe('validateMethodology(doc) — unknown keys', () => {
  it('reports each unknown key with its path, at every level', () => {
    const doc = minimal() as Record<string, unknown>;
    doc.extra = 1;
    (doc.indicators as Array<Record<string, unknown>>)[0] = { key: 'a', name: 'A', colour: 'red' };
    (doc.dimensions as Array<Record<string, unknown>>)[0] = {
      key: 'd',
      name: 'D',
      weight: 2,
      children: [{ indicator: 'a', name: 'x' }],
    };
    expect(issuesOf(doc).map((i) => i.path)).toEqual([
      '$.extra',
      '$.indicators[0].colour',
      '$.dimensions[0].weight',
      '$.dimensions[0].children[0].name',
    ]);
  });

  it('a node cannot be both an indicator leaf and a group', () => {
    const doc = minimal();
    (doc.dimensions[0] as Record<string, unknown>).children = [{ indicator: 'a', children: [] }];
    expect(issuesOf(doc)).toEqual([
      expect.objectContaining({ path: '$.dimensions[0].children[0].children' }),
    ]);
  });

  it('normalize parameters belong to goalposts only', () => {
    const doc = minimal();
    (doc.indicators[0] as Record<string, unknown>).normalize = { method: 'minmax', min: 0 };
    expect(issuesOf(doc)).toEqual([expect.objectContaining({ path: '$.indicators[0].normalize.min' })]);
  });

  it('keys are matched exactly (odd keys get bracket paths)', () => {
    const doc = { ...minimal(), 'my key': 1 };
    expect(issuesOf(doc)[0]?.path).toBe('$["my key"]');
  });
});

describe('validateMethodology(doc) — required keys and types', () => {
  it('reports every missing required key', () => {
    expect(issuesOf({}).map((i) => i.path)).toEqual([
      '$.id',
      '$.version',
      '$.title',
      '$.indicators',
      '$.dimensions',
    ]);
  });

  it('indicator key and name, group key, name and children are required', () => {
    const doc = {
      ...minimal(),
      indicators: [{ key: 'a', name: 'A' }, { name: 'no key' }, { key: 'b' }],
      dimensions: [{ key: 'd', name: 'D', children: [{ indicator: 'a' }, { weight: 2 }] }],
    };
    expect(issuesOf(doc).map((i) => i.path)).toEqual([
      '$.indicators[1].key',
      '$.indicators[2].name',
      '$.dimensions[0].children[1].key',
      '$.dimensions[0].children[1].name',
      '$.dimensions[0].children[1].children',
    ]);
  });

  it('version must be a string (a YAML number is refused, with a hint)', () => {
    const issues = parseIssues(
      'id: m\nversion: 2026.1\ntitle: M\nindicators: [{key: a, name: A}]\ndimensions: [{key: d, name: D, children: [{indicator: a}]}]\n',
    );
    expect(issues).toEqual([
      expect.objectContaining({ path: '$.version', message: expect.stringMatching(/quote it/) }),
    ]);
  });

  it('enumerations are checked', () => {
    const doc = minimal();
    Object.assign(doc.indicators[0] as object, {
      direction: 'up',
      combine: 'first',
      transform: 'exp',
      missing: 'skip',
    });
    (doc.dimensions[0] as Record<string, unknown>).aggregate = 'harmonic';
    expect(issuesOf(doc).map((i) => i.path)).toEqual([
      '$.indicators[0].direction',
      '$.indicators[0].combine',
      '$.indicators[0].transform',
      '$.indicators[0].missing',
      '$.dimensions[0].aggregate',
    ]);
  });

  it('empty indicators, dimensions or children are refused', () => {
    expect(issuesOf({ ...minimal(), indicators: [], dimensions: [] }).map((i) => i.path)).toEqual([
      '$.indicators',
      '$.dimensions',
    ]);
    expect(issuesOf({ ...minimal(), dimensions: [{ key: 'd', name: 'D', children: [] }] })[0]?.path).toBe(
      '$.dimensions[0].children',
    );
  });

  it('a category must be a non-empty string', () => {
    expect(
      issuesOf({
        ...minimal(),
        dimensions: [{ key: 'd', name: 'D', category: '', children: [{ indicator: 'a' }] }],
      })[0]?.path,
    ).toBe('$.dimensions[0].category');
  });
});

describe('validateMethodology(doc) — numbers', () => {
  it('bad weights: negative, non-finite, not a number', () => {
    const doc = {
      ...minimal(),
      indicators: [
        { key: 'a', name: 'A' },
        { key: 'b', name: 'B' },
        { key: 'c', name: 'C' },
      ],
      dimensions: [
        {
          key: 'd',
          name: 'D',
          children: [
            { indicator: 'a', weight: -1 },
            { indicator: 'b', weight: Number.POSITIVE_INFINITY },
            { indicator: 'c', weight: '2' },
          ],
        },
      ],
    };
    const issues = issuesOf(doc);
    expect(issues.map((i) => i.path)).toEqual([
      '$.dimensions[0].children[0].weight',
      '$.dimensions[0].children[1].weight',
      '$.dimensions[0].children[2].weight',
    ]);
    expect(issues[0]?.message).toMatch(/≥ 0/);
    expect(issues[1]?.message).toMatch(/finite/);
  });

  it('a weight of 0 is valid', () => {
    const doc = minimal();
    (doc.dimensions[0]?.children[0] as Record<string, unknown>).weight = 0;
    expect(validateMethodology(doc).ok).toBe(true);
  });

  it('JSON number overflow (1e400) is reported as non-finite', () => {
    const text = JSON.stringify(minimal()).replace('"indicator":"a"', '"indicator":"a","weight":1e400');
    expect(parseIssues(text)).toEqual([
      expect.objectContaining({ path: '$.dimensions[0].children[0].weight' }),
    ]);
  });

  it('scale must be > 0', () => {
    expect(issuesOf({ ...minimal(), scale: 0 })[0]?.path).toBe('$.scale');
  });

  it('winsorize outside [0, 0.5)', () => {
    for (const p of [-0.01, 0.5, 0.7]) {
      const doc = minimal();
      (doc.indicators[0] as Record<string, unknown>).winsorize = p;
      expect(issuesOf(doc)).toEqual([expect.objectContaining({ path: '$.indicators[0].winsorize' })]);
    }
  });

  it('cap with min > max', () => {
    const doc = minimal();
    (doc.indicators[0] as Record<string, unknown>).cap = { min: 5, max: 1 };
    expect(issuesOf(doc)).toEqual([expect.objectContaining({ path: '$.indicators[0].cap' })]);
  });

  it('goalposts with min ≥ max, missing bounds, or bounds the transform cannot take', () => {
    const withNormalize = (normalize: unknown, transform = 'none') => {
      const doc = minimal();
      Object.assign(doc.indicators[0] as object, { normalize, transform });
      return issuesOf(doc).map((i) => i.path);
    };
    expect(withNormalize({ method: 'goalposts', min: 85, max: 20 })).toEqual(['$.indicators[0].normalize']);
    expect(withNormalize({ method: 'goalposts', min: 5, max: 5 })).toEqual(['$.indicators[0].normalize']);
    expect(withNormalize({ method: 'goalposts', min: 0 })).toEqual(['$.indicators[0].normalize.max']);
    expect(withNormalize({ method: 'goalposts', min: 0, max: 75000 }, 'log')).toEqual([
      '$.indicators[0].normalize.min',
    ]);
    expect(withNormalize({ method: 'goalposts' }).length).toBe(2);
  });

  it('normalize needs a known method', () => {
    const doc = minimal();
    (doc.indicators[0] as Record<string, unknown>).normalize = { method: 'softmax' };
    expect(issuesOf(doc)[0]?.path).toBe('$.indicators[0].normalize.method');
  });
});

describe('validateMethodology(doc) — keys and references', () => {
  it('duplicate indicator keys', () => {
    const doc = {
      ...minimal(),
      indicators: [
        { key: 'a', name: 'A' },
        { key: 'a', name: 'A again' },
      ],
    };
    expect(issuesOf(doc)).toEqual([
      { path: '$.indicators[1].key', message: 'duplicate indicator key "a" (first at $.indicators[0].key)' },
    ]);
  });

  it('duplicate dimension keys', () => {
    const dimension = { key: 'd', name: 'D', children: [{ indicator: 'a' }] };
    expect(issuesOf({ ...minimal(), dimensions: [dimension, dimension] })[0]?.path).toBe(
      '$.dimensions[1].key',
    );
  });

  it('duplicate group keys within a dimension (and a group named like its dimension)', () => {
    const group = (key: string) => ({ key, name: key, children: [{ indicator: 'a' }] });
    const doc = {
      ...minimal(),
      indicators: [{ key: 'a', name: 'A' }],
      dimensions: [
        {
          key: 'd',
          name: 'D',
          children: [group('p'), { key: 'q', name: 'Q', children: [group('p')] }, group('d')],
        },
      ],
    };
    const paths = issuesOf(doc).map((i) => i.path);
    expect(paths).toContain('$.dimensions[0].children[1].children[0].key');
    expect(paths).toContain('$.dimensions[0].children[2].key');
  });

  it('group keys may repeat across dimensions (both fixture dimensions have "adoption")', () => {
    const m = parseMethodology(fixture);
    const groupKeys = m.dimensions.map((d) =>
      d.children.filter((c) => 'key' in c).map((c) => ('key' in c ? c.key : '')),
    );
    expect(groupKeys[0]).toContain('adoption');
    expect(groupKeys[1]).toContain('adoption');
  });

  it('an indicator referenced twice in one dimension', () => {
    const doc = minimal();
    (doc.dimensions[0] as Record<string, unknown>).children = [{ indicator: 'a' }, { indicator: 'a' }];
    expect(issuesOf(doc)[0]?.path).toBe('$.dimensions[0].children[1].indicator');
  });

  it('unknown indicators referenced in a tree', () => {
    const doc = minimal();
    (doc.dimensions[0] as Record<string, unknown>).children = [
      { indicator: 'a' },
      { key: 'g', name: 'G', children: [{ indicator: 'nope' }] },
    ];
    expect(issuesOf(doc)).toEqual([
      { path: '$.dimensions[0].children[1].children[0].indicator', message: 'unknown indicator "nope"' },
    ]);
  });

  it('an indicator that is itself invalid does not also make its references "unknown"', () => {
    const doc = { ...minimal(), indicators: [{ key: 'a', name: 'A', direction: 'sideways' }] };
    expect(issuesOf(doc).map((i) => i.path)).toEqual(['$.indicators[0].direction']);
  });

  it('cycles in a hand-built object are reported, not followed forever', () => {
    const group: Record<string, unknown> = { key: 'g', name: 'G' };
    group.children = [group];
    const doc = { ...minimal(), dimensions: [{ key: 'd', name: 'D', children: [group] }] };
    expect(issuesOf(doc)).toEqual([
      expect.objectContaining({
        path: '$.dimensions[0].children[0].children[0]',
        message: expect.stringMatching(/cycle/),
      }),
    ]);
  });

  it('a document that is not an object', () => {
    expect(issuesOf([1, 2])).toEqual([
      { path: '$', message: 'a methodology must be an object, not an array' },
    ]);
  });
});

describe('validateMethodology(doc) — shares', () => {
  it('a document without "shares" normalises without it (same hash as before) and states the default rule', () => {
    const m = parseMethodology(JSON.stringify(minimal()));
    expect('shares' in m).toBe(false);
    expect(shareRuleOf(m)).toBe('mean_of_dimension_shares');
    expect(canonicalJson(m)).not.toContain('shares');
  });

  it('keeps the rule a document states, which re-parses to itself', () => {
    const m = parseMethodology(
      JSON.stringify({ ...minimal(), shares: { across_dimensions: 'pooled_scores' } }),
    );
    expect(m.shares).toEqual({ across_dimensions: 'pooled_scores' });
    expect(shareRuleOf(m)).toBe('pooled_scores');
    expect(parseMethodology(canonicalJson(m))).toEqual(m);
  });

  it('refuses an unknown rule, a missing rule, an unknown key and a non-object, with their paths', () => {
    expect(issuesOf({ ...minimal(), shares: { across_dimensions: 'sum' } })).toEqual([
      {
        path: '$.shares.across_dimensions',
        message: 'must be one of "mean_of_dimension_shares", "pooled_scores", not the string "sum"',
      },
    ]);
    expect(issuesOf({ ...minimal(), shares: {} })).toEqual([
      {
        path: '$.shares.across_dimensions',
        message: 'required: one of "mean_of_dimension_shares", "pooled_scores" (or leave out "shares")',
      },
    ]);
    expect(issuesOf({ ...minimal(), shares: { across_dimensions: 'pooled_scores', by: 'x' } })).toEqual([
      { path: '$.shares.by', message: 'unknown key "by"' },
    ]);
    expect(issuesOf({ ...minimal(), shares: 'pooled_scores' })).toEqual([
      { path: '$.shares', message: 'must be an object {across_dimensions}, not the string "pooled_scores"' },
    ]);
  });
});

describe('MethodologyError', () => {
  it('lists every issue and summarises the first', () => {
    const error = new MethodologyError([
      { path: '$.a', message: 'x' },
      { path: '$.b', message: 'y' },
    ]);
    expect(error.issues).toHaveLength(2);
    expect(error.message).toBe('invalid methodology: $.a: x (and 1 more issue)');
  });
});
