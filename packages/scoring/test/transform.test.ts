import { describe, expect, it } from 'vitest';
import {
  applyMissing,
  applyTransform,
  capValues,
  combineValues,
  compareRecency,
  DomainError,
  latestObservation,
  type Observation,
  transformValue,
  winsorize,
} from '../src/index';

const f = (...values: number[]) => Float64Array.from(values);
const list = (values: Float64Array) => Array.from(values);

describe('capValues(values, cap)', () => {
  it('clips to [min, max]', () => {
    expect(list(capValues(f(-5, 3, 500), { min: 0, max: 100 }))).toEqual([0, 3, 100]);
  });

  it('takes either bound alone, or none', () => {
    expect(list(capValues(f(-5, 3), { min: 0 }))).toEqual([0, 3]);
    expect(list(capValues(f(-5, 300), { max: 100 }))).toEqual([-5, 100]);
    expect(list(capValues(f(-5, 300), undefined))).toEqual([-5, 300]);
  });

  it('keeps NaN (missing)', () => {
    expect(capValues(f(Number.NaN), { min: 0 })[0]).toBeNaN();
  });
});

describe('transformValue(x, method) / applyTransform(values, method)', () => {
  it('log, log1p, sqrt, none', () => {
    expect(transformValue(Math.E, 'log')).toBe(1);
    expect(transformValue(Math.E - 1, 'log1p')).toBeCloseTo(1, 15);
    expect(transformValue(1e-20, 'log1p')).toBe(1e-20); // log1p is exact for tiny x where log(1 + x) gives 0
    expect(transformValue(16, 'sqrt')).toBe(4);
    expect(transformValue(-3, 'none')).toBe(-3);
  });

  it('is NaN outside the domain', () => {
    expect(transformValue(0, 'log')).toBeNaN();
    expect(transformValue(-1, 'log1p')).toBeNaN();
    expect(transformValue(-0.5, 'sqrt')).toBeNaN();
  });

  it('log of 0 is an error naming the position', () => {
    try {
      applyTransform(f(1, 0), 'log');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).index).toBe(1);
      expect((error as DomainError).message).toMatch(/log is undefined at 0/);
    }
  });

  it('log of a negative value is an error too; log1p of −1 and sqrt of −1 as well', () => {
    expect(() => applyTransform(f(-2), 'log')).toThrow(DomainError);
    expect(() => applyTransform(f(-1), 'log1p')).toThrow(DomainError);
    expect(() => applyTransform(f(-1), 'sqrt')).toThrow(DomainError);
  });

  it('skips missing values (NaN is not a domain error)', () => {
    expect(list(applyTransform(f(Number.NaN, Math.E), 'log'))).toEqual([Number.NaN, 1]);
  });
});

describe('winsorize(values, p)', () => {
  it('clips at the type-7 quantiles: 1..9,100 at p = 0.1 → [1.9, …, 18.1] (NumPy quantile)', () => {
    const got = winsorize(f(1, 2, 3, 4, 5, 6, 7, 8, 9, 100), 0.1);
    expect(got[0]).toBeCloseTo(1.9, 12);
    expect(got[9]).toBeCloseTo(18.1, 12);
    expect(list(got.subarray(1, 9))).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('p = 0 leaves values unchanged', () => {
    expect(list(winsorize(f(1, 50, -3, 1e9), 0))).toEqual([1, 50, -3, 1e9]);
  });

  it('computes the quantiles over present values only and keeps NaN', () => {
    const got = winsorize(f(Number.NaN, 0, 10), 0.25);
    expect(list(got)).toEqual([Number.NaN, 2.5, 7.5]);
  });

  it('throws RangeError for p outside [0, 0.5)', () => {
    expect(() => winsorize(f(1), 0.5)).toThrow(RangeError);
    expect(() => winsorize(f(1), -0.1)).toThrow(RangeError);
  });
});

describe('combineValues(values, method)', () => {
  it.each([
    ['sum', 6],
    ['max', 3],
    ['min', 1],
    ['mean', 2],
    ['median', 2],
    ['count', 3],
  ] as const)('%s of [3, 1, 2] = %d', (method, expected) => {
    expect(combineValues([3, 1, 2], method)).toBe(expected);
  });

  it('median of an even count is the mean of the middle two', () => {
    expect(combineValues([4, 1, 3, 2], 'median')).toBe(2.5);
  });

  it('sum does not depend on the order of the values', () => {
    expect(combineValues([0.1, 1e16, 0.2, -1e16], 'sum')).toBe(combineValues([-1e16, 0.2, 1e16, 0.1], 'sum'));
  });

  it('throws RangeError for no values', () => {
    expect(() => combineValues([], 'sum')).toThrow(RangeError);
  });
});

describe('compareRecency(a, b) / latestObservation — combine "latest"', () => {
  const base = { project: 'p', indicator: 'i' };
  const obs = (value: number, extra: Partial<Observation>): Observation => ({ ...base, value, ...extra });

  it('the later observedAt wins', () => {
    const list = [
      obs(1, { observedAt: '2025-01-01' }),
      obs(2, { observedAt: '2025-03-01' }),
      obs(3, { observedAt: '2025-02-01' }),
    ];
    expect(latestObservation(list, [0, 1, 2])).toBe(1);
  });

  it('then the later retrievedAt', () => {
    const a = obs(1, { observedAt: '2025-01-01', retrievedAt: '2025-01-05T10:00:00Z' });
    const b = obs(2, { observedAt: '2025-01-01', retrievedAt: '2025-01-05T09:00:00Z' });
    expect(compareRecency(a, b)).toBeGreaterThan(0);
  });

  it('compares timestamps as instants, not as text', () => {
    const a = obs(1, { observedAt: '2025-01-01', retrievedAt: '2025-01-05T10:00:00+08:00' }); // 02:00Z
    const b = obs(2, { observedAt: '2025-01-01', retrievedAt: '2025-01-05T03:00:00Z' });
    expect(compareRecency(b, a)).toBeGreaterThan(0);
  });

  it('an observation without observedAt is older than any dated one', () => {
    expect(compareRecency(obs(1, {}), obs(2, { observedAt: '1990-01-01' }))).toBeLessThan(0);
  });

  it('breaks full ties by id then value, so input order never matters', () => {
    const a = obs(1, { id: 'b' });
    const b = obs(2, { id: 'a' });
    expect(latestObservation([a, b], [0, 1])).toBe(0);
    expect(latestObservation([b, a], [0, 1])).toBe(1);
  });
});

describe('applyMissing(values, policy)', () => {
  const values = () => f(0.2, Number.NaN, 0.6);
  it('zero: a missing value gets 0', () => {
    expect(list(applyMissing(values(), 'zero'))).toEqual([0.2, 0, 0.6]);
  });
  it('exclude: stays NaN (left out)', () => {
    expect(list(applyMissing(values(), 'exclude'))).toEqual([0.2, Number.NaN, 0.6]);
  });
  it('mean: the mean of the present normalised values', () => {
    expect(applyMissing(values(), 'mean')[1]).toBeCloseTo(0.4, 15);
  });
  it('mean with nobody present: left out (NaN)', () => {
    expect(list(applyMissing(f(Number.NaN, Number.NaN), 'mean'))).toEqual([Number.NaN, Number.NaN]);
  });
});
