/**
 * The edition hash is computed incrementally with hand-written evidence records
 * (src/modules/editions/content-hash.ts); it must equal the scoring engine's `contentHash` byte for
 * byte, including the values whose JSON text is easy to get wrong.
 */
import { contentHash, type Observation } from '@ranking/scoring';
import { describe, expect, it } from 'vitest';
import { streamingContentHash } from '../src/modules/editions/content-hash';

const methodology = { key: 'm', version: '1', weights: [0.5, 0.25] };
const results = { dimensions: [{ key: 'x', entries: [{ project: 'p', score: 1e-7 }] }] };

describe('streamingContentHash', () => {
  it('equals contentHash on awkward values, ids, text and missing fields', () => {
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
    expect(streamingContentHash({ methodology, evidence, results })).toBe(
      contentHash({ methodology, evidence, results } as Parameters<typeof contentHash>[0]),
    );
  });

  it('refuses a non-finite value and a repeated id, as contentHash does', () => {
    const base = { project: 'p', indicator: 'a', observedAt: '2025-01-01', sourceUrl: null };
    expect(() =>
      streamingContentHash({ methodology, results, evidence: [{ ...base, id: '1', value: Number.NaN }] }),
    ).toThrow(TypeError);
    expect(() =>
      streamingContentHash({
        methodology,
        results,
        evidence: [
          { ...base, id: '1', value: 1 },
          { ...base, id: '1', value: 2 },
        ],
      }),
    ).toThrow(/duplicate evidence id 1/);
  });
});
