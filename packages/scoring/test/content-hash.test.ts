/**
 * contentHash hashes the edition document piece by piece (src/io/content-hash.ts); these cases pin
 * the bytes it hashes to a document written out by hand from the canonical form
 * (docs/methodology-format.md, Content hash; RFC 8785): evidence sorted by id in UTF-16 order, the six
 * keys in order, null for what is absent, numbers in shortest round-trip form, strings escaped as
 * JSON.stringify does (U+2028 stays raw). The fixture edition's hash is pinned in golden-hash.test.ts.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentHash, type Observation } from '../src/index';

const methodology = { key: 'm', version: '1', weights: [0.5, 0.25] };
const results = { dimensions: [{ key: 'x', entries: [{ project: 'p', score: 1e-7 }] }] };
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('contentHash({ methodology, evidence, results }) — the hashed bytes', () => {
  it('awkward values, ids, text and missing fields hash as the hand-written canonical document', () => {
    const evidence: Observation[] = [
      {
        id: '10',
        project: 'p',
        indicator: 'a',
        value: -0,
        observedAt: '2025-01-01',
        sourceUrl: 'https://x/?q="1"',
      },
      { id: '9', project: 'p-ü', indicator: 'a', value: 1e21, observedAt: null, sourceUrl: null },
      {
        id: '100',
        project: 'p',
        indicator: 'b\n',
        value: 5e-324,
        observedAt: '2025-01-02',
        sourceUrl: 'https://x/€',
      },
      { id: '2', project: 'p', indicator: 'b', value: -123.456, retrievedAt: '2025-01-03T00:00:00.000Z' },
      {
        id: 'a\u2028b',
        project: '\\',
        indicator: 'c',
        value: 0.1 + 0.2,
        observedAt: '2025-01-03',
        sourceUrl: '',
      },
    ];
    const document =
      '{"evidence":[' +
      String.raw`{"id":"10","indicator":"a","observedAt":"2025-01-01","project":"p","sourceUrl":"https://x/?q=\"1\"","value":0},` +
      String.raw`{"id":"100","indicator":"b\n","observedAt":"2025-01-02","project":"p","sourceUrl":"https://x/€","value":5e-324},` +
      '{"id":"2","indicator":"b","observedAt":null,"project":"p","sourceUrl":null,"value":-123.456},' +
      '{"id":"9","indicator":"a","observedAt":null,"project":"p-ü","sourceUrl":null,"value":1e+21},' +
      String.raw`{"id":"a${'\u2028'}b","indicator":"c","observedAt":"2025-01-03","project":"\\","sourceUrl":"","value":0.30000000000000004}` +
      '],"methodology":{"key":"m","version":"1","weights":[0.5,0.25]},' +
      '"results":{"dimensions":[{"entries":[{"project":"p","score":1e-7}],"key":"x"}]}}';
    expect(contentHash({ methodology, evidence, results })).toBe(sha256(document));
  });

  it('an edition without evidence', () => {
    expect(contentHash({ methodology: {}, evidence: [], results: [] })).toBe(
      sha256('{"evidence":[],"methodology":{},"results":[]}'),
    );
  });

  it('refuses a non-finite value, a repeated id and a record without an id', () => {
    const base = { project: 'p', indicator: 'a', observedAt: '2025-01-01', sourceUrl: null };
    expect(() =>
      contentHash({ methodology, results, evidence: [{ ...base, id: '1', value: Number.NaN }] }),
    ).toThrow(TypeError);
    expect(() =>
      contentHash({
        methodology,
        results,
        evidence: [
          { ...base, id: '1', value: 1 },
          { ...base, id: '1', value: 2 },
        ],
      }),
    ).toThrow(/duplicate evidence id 1/);
    expect(() => contentHash({ methodology, results, evidence: [{ ...base, value: 1 }] })).toThrow(
      /without an id/,
    );
  });
});
