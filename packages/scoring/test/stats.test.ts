import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  erfc,
  integerQuantilesType7,
  mean,
  median,
  NeumaierAccumulator,
  neumaierSum,
  normalCdf,
  populationStandardDeviation,
  quantileType7,
} from '../src/index';

describe('neumaierSum(values)', () => {
  it('recovers the small terms a naive loop loses: [1, 1e100, 1, -1e100] → 2 (Neumaier 1974, §3)', () => {
    let naive = 0;
    for (const x of [1, 1e100, 1, -1e100]) naive += x;
    expect(naive).toBe(0);
    expect(neumaierSum([1, 1e100, 1, -1e100])).toBe(2);
  });

  it('sums ten 0.1s to exactly 1 (the naive loop gives 0.9999999999999999)', () => {
    expect(neumaierSum(new Array(10).fill(0.1))).toBe(1);
  });

  it('is 0 for no values and propagates NaN', () => {
    expect(neumaierSum([])).toBe(0);
    expect(neumaierSum([1, Number.NaN])).toBeNaN();
  });

  it('returns an infinite running sum as is (no NaN from the compensation)', () => {
    expect(neumaierSum([Number.MAX_VALUE, Number.MAX_VALUE])).toBe(Number.POSITIVE_INFINITY);
  });

  it('NeumaierAccumulator gives the same result one term at a time', () => {
    const acc = new NeumaierAccumulator();
    for (const x of [1, 1e100, 1, -1e100]) acc.add(x);
    expect(acc.value).toBe(2);
  });
});

describe('quantileType7(sorted, p)', () => {
  // Expected values: NumPy 2 numpy.quantile([1,1,2,3,4,5,6,9], p) (method "linear" = type 7).
  const sorted = [1, 1, 2, 3, 4, 5, 6, 9];
  it.each([
    [0, 1],
    [0.05, 1],
    [0.25, 1.75],
    [0.5, 3.5],
    [0.9, 6.9],
    [1, 9],
  ])('Q(%d) of [1,1,2,3,4,5,6,9] = %d (NumPy)', (p, q) => {
    expect(quantileType7(sorted, p)).toBeCloseTo(q, 14);
  });

  it('R quantile(1:4, 0.25) = 1.75', () => {
    expect(quantileType7([1, 2, 3, 4], 0.25)).toBe(1.75);
  });

  it('of a single value is that value for every p', () => {
    expect(quantileType7([7], 0)).toBe(7);
    expect(quantileType7([7], 0.37)).toBe(7);
    expect(quantileType7([7], 1)).toBe(7);
  });

  it('throws RangeError for an empty sample and for p outside [0, 1]', () => {
    expect(() => quantileType7([], 0.5)).toThrow(RangeError);
    expect(() => quantileType7([1, 2], 1.5)).toThrow(RangeError);
    expect(() => quantileType7([1, 2], Number.NaN)).toThrow(RangeError);
  });
});

describe('mean(values), median(values)', () => {
  it('mean skips NaN (missing) and is NaN without values', () => {
    expect(mean([1, 2, Number.NaN, 6])).toBe(3);
    expect(mean([Number.NaN])).toBeNaN();
    expect(mean([])).toBeNaN();
  });

  it('mean uses the compensated sum: [1e16, 1, −1e16] → 1/3 (a naive sum gives 0)', () => {
    expect(mean([1e16, 1, -1e16])).toBe(1 / 3);
  });

  it('median of odd and even counts, skipping NaN', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([4, Number.NaN, 2])).toBe(3);
    expect(median([])).toBeNaN();
  });
});

describe('populationStandardDeviation(values)', () => {
  it('of [2,4,4,4,5,5,7,9] is 2 (n denominator; the textbook example, NumPy std ddof=0)', () => {
    expect(populationStandardDeviation([2, 4, 4, 4, 5, 5, 7, 9])).toBe(2);
  });

  it('stays accurate for large close values (two-pass): [1e9+1, 1e9+2, 1e9+3] → √(2/3)', () => {
    expect(populationStandardDeviation([1e9 + 1, 1e9 + 2, 1e9 + 3])).toBeCloseTo(Math.sqrt(2 / 3), 12);
  });

  it('is 0 for one value and NaN for none', () => {
    expect(populationStandardDeviation([42])).toBe(0);
    expect(populationStandardDeviation([Number.NaN])).toBeNaN();
  });
});

describe('erfc(x) (Cody 1969)', () => {
  // Expected values: C library erfc (glibc 2.x) via Python 3 math.erfc, printed with repr().
  const reference: Array<[number, number]> = [
    [0, 1],
    [0.05, 0.9436280222029834],
    [0.3, 0.6713732405408726],
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028513],
    [1.5, 0.033894853524689274],
    [2.5, 0.0004069520174449589],
    [3.5, 7.430983723414128e-7],
    [5.5, 7.357847917974398e-15],
    [8, 1.1224297172982928e-29],
    [12, 1.3562611692059042e-64],
    [20, 5.3958656116079005e-176],
    [-0.3, 1.3286267594591274],
    [-1.5, 1.9661051464753108],
    [-3.5, 1.9999992569016276],
  ];
  it.each(reference)('erfc(%d) matches glibc to 1e-15 relative', (x, expected) => {
    expect(Math.abs(erfc(x) - expected) / expected).toBeLessThan(1e-15);
  });

  it('covers the interval boundaries 0.46875 and 4 continuously', () => {
    expect(erfc(0.46875)).toBeCloseTo(0.507386526782062, 15);
    expect(Math.abs(erfc(4) - erfc(4 + 1e-12))).toBeLessThan(1e-18);
  });

  it('underflows to 0 beyond 26.543, tends to 2 for large negative x, and propagates NaN', () => {
    expect(erfc(27)).toBe(0);
    expect(erfc(-27)).toBe(2);
    expect(erfc(Number.NaN)).toBeNaN();
  });
});

describe('normalCdf(z)', () => {
  // Expected values: SciPy 1.17 scipy.stats.norm.cdf.
  it.each([
    [0, 0.5],
    [-3, 0.0013498980316300933],
    [-1.5, 0.06680720126885807],
    [0.5, 0.6914624612740131],
    [1.96, 0.9750021048517795],
    [2.5, 0.9937903346742238],
  ])('Φ(%d) = %d (SciPy)', (z, expected) => {
    expect(normalCdf(z)).toBeCloseTo(expected, 15);
  });

  it('keeps relative accuracy in the lower tail: Φ(−10) = 7.61985302416047e−24 (SciPy)', () => {
    expect(Math.abs(normalCdf(-10) - 7.61985302416047e-24) / 7.61985302416047e-24).toBeLessThan(1e-14);
  });
});

describe('integerQuantilesType7(values, from, to, probabilities, counts)', () => {
  it('equals quantileType7 of the sorted values (random integer samples)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 200 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }),
        (values, probabilities) => {
          const sorted = [...values].sort((a, b) => a - b);
          const got = integerQuantilesType7(
            Float64Array.from(values),
            0,
            values.length,
            probabilities,
            new Int32Array(41),
          );
          probabilities.forEach((p, i) => {
            expect(got[i]).toBeCloseTo(quantileType7(sorted, p), 12);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads only [from, to) and refuses a short counts buffer', () => {
    const values = Float64Array.of(100, 3, 1, 2, 4, -100);
    expect(integerQuantilesType7(values, 1, 5, [0.25, 0.5], new Int32Array(4))).toEqual([1.75, 2.5]);
    expect(() => integerQuantilesType7(values, 0, 6, [0.5], new Int32Array(10))).toThrow(RangeError);
  });
});
