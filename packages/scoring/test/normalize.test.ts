import { describe, expect, it } from 'vitest';
import {
  DomainError,
  goalposts,
  minMax,
  percentileRank,
  reverseDirection,
  unitInterval,
  zScore,
} from '../src/index';

const f = (...values: number[]) => Float64Array.from(values);
const list = (values: Float64Array) => Array.from(values);

describe('minMax(values)', () => {
  it('maps min → 0 and max → 1 linearly', () => {
    expect(list(minMax(f(10, 20, 30)))).toEqual([0, 0.5, 1]);
  });

  it('all equal values → 1', () => {
    expect(list(minMax(f(7, 7, 7)))).toEqual([1, 1, 1]);
  });

  it('a single project → 1', () => {
    expect(list(minMax(f(3)))).toEqual([1]);
  });

  it('an empty population → empty', () => {
    expect(list(minMax(f()))).toEqual([]);
  });

  it('ignores missing values (NaN) for min and max and keeps them NaN', () => {
    expect(list(minMax(f(Number.NaN, 2, 4)))).toEqual([Number.NaN, 0, 1]);
  });

  it('works in place', () => {
    const values = f(0, 5, 10);
    expect(minMax(values, values)).toBe(values);
    expect(list(values)).toEqual([0, 0.5, 1]);
  });
});

describe('goalposts(values, lo, hi)', () => {
  it('HDI health index: (81.6 − 20)/(85 − 20) (UNDP HDR technical note 1)', () => {
    expect(goalposts(f(81.6), 20, 85)[0]).toBeCloseTo(0.947692307692, 12);
  });

  it('clips below lo to 0 and above hi to 1', () => {
    expect(list(goalposts(f(10, 90, 52.5), 20, 85))).toEqual([0, 1, 0.5]);
  });

  it('keeps NaN (missing)', () => {
    expect(goalposts(f(Number.NaN), 0, 1)[0]).toBeNaN();
  });

  it('throws RangeError unless lo < hi', () => {
    expect(() => goalposts(f(1), 5, 5)).toThrow(RangeError);
    expect(() => goalposts(f(1), 6, 5)).toThrow(RangeError);
  });
});

describe('zScore(values)', () => {
  it('Φ((x − mean)/σ) with the population σ — [10,20,30,40] (NumPy std ddof=0 + SciPy norm.cdf)', () => {
    const expected = [0.08985624743949988, 0.32736042300928847, 0.6726395769907115, 0.9101437525605001];
    const got = zScore(f(10, 20, 30, 40));
    expected.forEach((e, i) => {
      expect(got[i]).toBeCloseTo(e, 14);
    });
  });

  it('σ = 0 (all equal) → 0.5', () => {
    expect(list(zScore(f(4, 4)))).toEqual([0.5, 0.5]);
  });

  it('a single project → 0.5', () => {
    expect(list(zScore(f(4)))).toEqual([0.5]);
  });

  it('ignores NaN for the mean and σ', () => {
    const got = zScore(f(1, Number.NaN, 3));
    expect(got[1]).toBeNaN();
    expect(got[0]).toBeCloseTo(0.15865525393145707, 14); // Φ(−1)
  });
});

describe('percentileRank(values)', () => {
  it('(below + ½·equal others)/(n − 1): ties share the mid-rank', () => {
    expect(list(percentileRank(f(10, 20, 20, 40)))).toEqual([0, 0.5, 0.5, 1]);
  });

  it('lowest distinct value → 0, highest → 1, independent of input order', () => {
    expect(list(percentileRank(f(50, 10, 30)))).toEqual([1, 0, 0.5]);
  });

  it('all equal → ½ each; a single project → 1', () => {
    expect(list(percentileRank(f(3, 3, 3)))).toEqual([0.5, 0.5, 0.5]);
    expect(list(percentileRank(f(3)))).toEqual([1]);
  });

  it('counts only present values', () => {
    expect(list(percentileRank(f(Number.NaN, 1, 2)))).toEqual([Number.NaN, 0, 1]);
  });
});

describe('unitInterval(values) — normalize "none"', () => {
  it('passes values in [0, 1] through', () => {
    expect(list(unitInterval(f(0, 0.25, 1)))).toEqual([0, 0.25, 1]);
  });

  it('throws DomainError with the index of a value outside [0, 1]', () => {
    try {
      unitInterval(f(0.5, 1.5));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).index).toBe(1);
    }
    expect(() => unitInterval(f(-0.01))).toThrow(DomainError);
  });
});

describe('reverseDirection(values) — direction "lower"', () => {
  it('maps v to 1 − v and keeps NaN', () => {
    expect(list(reverseDirection(f(0, 0.25, 1, Number.NaN)))).toEqual([1, 0.75, 0, Number.NaN]);
  });
});
