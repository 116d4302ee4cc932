import { describe, expect, it } from 'vitest';
import { selectFloat64 } from '../src/rank/select-float64';

describe('selectFloat64: the k-th smallest in place', () => {
  it('puts the k-th smallest at k, nothing greater before it, nothing smaller after it', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (const n of [1, 2, 3, 10, 101, 1000]) {
      for (const shape of ['random', 'few values', 'sorted', 'reversed', 'equal'] as const) {
        const values = Array.from({ length: n }, (_, i) =>
          shape === 'random'
            ? random()
            : shape === 'few values'
              ? Math.floor(random() * 3)
              : shape === 'sorted'
                ? i
                : shape === 'reversed'
                  ? n - i
                  : 5,
        );
        const sorted = [...values].sort((a, b) => a - b);
        for (const k of new Set([0, n >> 1, n - 1])) {
          const keys = Float64Array.from(values);
          selectFloat64(keys, k);
          expect(keys[k], `${shape} n=${n} k=${k}`).toBe(sorted[k]);
          for (let i = 0; i < k; i++) expect(keys[i]).toBeLessThanOrEqual(keys[k] as number);
          for (let i = k + 1; i < n; i++) expect(keys[i]).toBeGreaterThanOrEqual(keys[k] as number);
          expect([...keys].sort((a, b) => a - b)).toEqual(sorted);
        }
      }
    }
  });

  it('refuses a position outside the range', () => {
    expect(() => selectFloat64(Float64Array.of(1, 2), 2)).toThrow(RangeError);
  });
});
