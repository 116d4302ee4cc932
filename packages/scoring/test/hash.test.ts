import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash, parseMethodology, scoreEdition } from '../src/index';
import { fixtureEdition } from './helpers';

describe('canonicalJson(value)', () => {
  it('sorts keys (by UTF-16 code units), drops whitespace', () => {
    expect(canonicalJson({ b: [1, 0.5, 'x'], a: null, B: true })).toBe('{"B":true,"a":null,"b":[1,0.5,"x"]}');
  });

  it('writes numbers in shortest round-trip form (RFC 8785 examples)', () => {
    // biome-ignore lint/correctness/noPrecisionLoss: RFC 8785 test vector, deliberately more digits than a double holds
    expect(canonicalJson([333333333.33333329, 1e30, 4.5, 0.002, 1e-27, -0])).toBe(
      '[333333333.3333333,1e+30,4.5,0.002,1e-27,0]',
    );
  });

  it('escapes strings as JSON.stringify does', () => {
    expect(canonicalJson({ 'k"': 'line\nbreak €' })).toBe('{"k\\"":"line\\nbreak €"}');
  });

  it('skips undefined members; nested objects are sorted too', () => {
    expect(canonicalJson({ z: { y: 1, x: 2 }, u: undefined })).toBe('{"z":{"x":2,"y":1}}');
  });

  it('rejects NaN, Infinity, undefined in arrays, non-plain objects and cycles', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson({ a: Number.POSITIVE_INFINITY })).toThrow(TypeError);
    expect(() => canonicalJson([undefined])).toThrow(TypeError);
    expect(() => canonicalJson(new Date(0))).toThrow(TypeError);
    expect(() => canonicalJson(1n)).toThrow(TypeError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/cycle/);
  });

  it('names the JSON path of what it rejects', () => {
    expect(() => canonicalJson({ a: [1, { b: Number.NaN }] })).toThrow(
      'NaN at $.a[1].b is not a JSON number',
    );
    expect(() => canonicalJson({ list: [0, undefined] })).toThrow('undefined at $.list[1]');
    expect(() => canonicalJson({ when: { at: new Date(0) } })).toThrow(
      'a Date object at $.when.at is not JSON',
    );
    const cyclic: Record<string, unknown> = { items: [] };
    (cyclic.items as unknown[]).push(cyclic);
    expect(() => canonicalJson(cyclic)).toThrow('cycle at $.items[0]');
  });

  it('a shared (non-cyclic) value may appear twice', () => {
    const shared = { a: 1 };
    expect(canonicalJson([shared, shared])).toBe('[{"a":1},{"a":1}]');
  });
});

describe('contentHash({ methodology, evidence, results })', () => {
  const edition = fixtureEdition();
  const results = scoreEdition(edition);
  const evidence = edition.observations.map((o) => ({
    id: o.id ?? '',
    project: o.project,
    indicator: o.indicator,
    value: o.value,
    observedAt: o.observedAt ?? null,
    sourceUrl: o.sourceUrl ?? null,
  }));

  it('is the SHA-256 hex of the canonical JSON with evidence sorted by id', () => {
    const sorted = [...evidence].sort((a, b) => (a.id < b.id ? -1 : 1));
    const expected = createHash('sha256')
      .update(canonicalJson({ methodology: edition.methodology, evidence: sorted, results }))
      .digest('hex');
    expect(contentHash({ methodology: edition.methodology, evidence, results })).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on evidence order or on extra evidence fields', () => {
    const reversed = [...evidence].reverse().map((e) => ({ ...e, note: 'ignored' }));
    expect(contentHash({ methodology: edition.methodology, evidence: reversed, results })).toBe(
      contentHash({ methodology: edition.methodology, evidence, results }),
    );
  });

  it('changes when one value changes', () => {
    const changed = evidence.map((e, i) => (i === 0 ? { ...e, value: e.value + 1 } : e));
    expect(contentHash({ methodology: edition.methodology, evidence: changed, results })).not.toBe(
      contentHash({ methodology: edition.methodology, evidence, results }),
    );
  });

  it('re-scoring the same inputs reproduces the hash (also with the methodology re-parsed from its canonical form)', () => {
    const again = scoreEdition({
      ...edition,
      methodology: parseMethodology(canonicalJson(edition.methodology)),
    });
    expect(contentHash({ methodology: edition.methodology, evidence, results: again })).toBe(
      contentHash({ methodology: edition.methodology, evidence, results }),
    );
  });

  it('refuses duplicate evidence ids', () => {
    expect(() =>
      contentHash({
        methodology: {},
        evidence: [evidence[0], evidence[0]].filter((e) => e !== undefined),
        results: {},
      }),
    ).toThrow(/duplicate evidence id/);
  });
});
