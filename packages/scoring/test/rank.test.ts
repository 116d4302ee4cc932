import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { competitionRanks, rankOrder, sortFloat64 } from '../src/index';

const ranks = (scores: number[]) => Array.from(competitionRanks(scores));

describe('competitionRanks(scores)', () => {
  it('"1, 2, 2, 4": ties share the best rank and leave a gap', () => {
    expect(ranks([90, 75, 75, 60])).toEqual([1, 2, 2, 4]);
  });

  it('ranks in input positions, whatever the order', () => {
    expect(ranks([60, 90, 75, 90])).toEqual([4, 1, 3, 1]);
  });

  it('scores within 1e-9 tie; 2e-9 apart do not', () => {
    expect(ranks([50, 50 + 1e-12, 49])).toEqual([1, 1, 3]);
    expect(ranks([50, 50 - 9e-10])).toEqual([1, 1]);
    expect(ranks([50, 50 - 2e-9])).toEqual([1, 2]);
  });

  it('tie groups do not chain: 0.6e-9 steps give groups anchored at each group’s best score', () => {
    expect(ranks([10, 10 - 0.6e-9, 10 - 1.2e-9])).toEqual([1, 1, 3]);
  });

  it('all equal → all rank 1', () => {
    expect(ranks([3, 3, 3])).toEqual([1, 1, 1]);
  });

  it('a single project → 1; no projects → []', () => {
    expect(ranks([0])).toEqual([1]);
    expect(ranks([])).toEqual([]);
  });

  it('takes a custom tolerance (0: exact ties only)', () => {
    expect(Array.from(competitionRanks([1, 1 - 1e-12], 0))).toEqual([1, 2]);
  });

  it('throws RangeError for NaN', () => {
    expect(() => competitionRanks([1, Number.NaN])).toThrow(RangeError);
  });
});

describe('rankOrder(ranks)', () => {
  it('orders positions by rank, keeping input order among ties (stable)', () => {
    expect(Array.from(rankOrder(Int32Array.of(2, 1, 2, 4)))).toEqual([1, 0, 2, 3]);
  });
});

describe('sortFloat64(values, from?, to?)', () => {
  const sorted = (values: number[]) => Array.from(sortFloat64(Float64Array.from(values)));

  it('sorts ascending, like the numeric typed-array sort, on random arrays with duplicates', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: false }), fc.integer({ min: -3, max: 3 })),
          { maxLength: 300 },
        ),
        (values) => {
          const expected = Array.from(Float64Array.from(values).sort());
          // −0 and 0 compare equal: compare numerically.
          expect(sorted(values).map((x) => x + 0)).toEqual(expected.map((x) => x + 0));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('handles adversarial patterns: sorted, reversed, all equal, organ pipe, many duplicates', () => {
    const n = 5000;
    const patterns = [
      Array.from({ length: n }, (_, i) => i),
      Array.from({ length: n }, (_, i) => n - i),
      Array.from({ length: n }, () => 7),
      Array.from({ length: n }, (_, i) => (i < n / 2 ? i : n - i)),
      Array.from({ length: n }, (_, i) => i % 3),
    ];
    for (const pattern of patterns) expect(sorted(pattern)).toEqual([...pattern].sort((a, b) => a - b));
  });

  it('sorts only the range [from, to)', () => {
    expect(Array.from(sortFloat64(Float64Array.of(9, 3, 2, 1, 0), 1, 4))).toEqual([9, 1, 2, 3, 0]);
  });

  it('leaves empty and single-element arrays alone', () => {
    expect(sorted([])).toEqual([]);
    expect(sorted([4])).toEqual([4]);
  });
});
