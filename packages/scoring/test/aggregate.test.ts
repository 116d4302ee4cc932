import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arithmeticRows } from '../src/aggregate/arithmetic';
import { geometricRows } from '../src/aggregate/geometric';
import { weightedArithmeticMean, weightedGeometricMean } from '../src/index';

describe('weightedArithmeticMean(values, weights)', () => {
  it('Σ wx / Σ w', () => {
    expect(weightedArithmeticMean([0.5, 1], [3, 1])).toBe(0.625);
  });

  it('leaves a missing child out and rescales the others (exclude)', () => {
    expect(weightedArithmeticMean([0.5, Number.NaN], [3, 1])).toBe(0.5);
  });

  it('zero weights: a zero-weight child has no effect; all present weights zero → left out', () => {
    expect(weightedArithmeticMean([0.2, 0.9], [1, 0])).toBe(0.2);
    expect(weightedArithmeticMean([0.2, 0.9], [0, 0])).toBeNaN();
  });

  it('no child present → left out (NaN)', () => {
    expect(weightedArithmeticMean([Number.NaN, Number.NaN], [1, 1])).toBeNaN();
  });
});

describe('weightedGeometricMean(values, weights)', () => {
  it('Π x^(w/Σw)', () => {
    expect(weightedGeometricMean([0.25, 1], [1, 1])).toBe(0.5);
    expect(weightedGeometricMean([0.125, 1], [2, 1])).toBeCloseTo(0.25, 15); // 0.125^(2/3)
  });

  it('a child at 0 with positive weight makes it 0', () => {
    expect(weightedGeometricMean([0, 0.9], [1, 1])).toBe(0);
  });

  it('a zero-weight child has no effect, even at 0', () => {
    expect(weightedGeometricMean([0, 0.81], [0, 1])).toBe(0.81);
  });

  it('missing children are left out; none present or zero total weight → NaN', () => {
    expect(weightedGeometricMean([Number.NaN, 0.36], [1, 1])).toBe(0.36);
    expect(weightedGeometricMean([Number.NaN], [1])).toBeNaN();
    expect(weightedGeometricMean([0.5], [0])).toBeNaN();
  });
});

describe('row kernels agree with the scalar formulas', () => {
  const cell = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constant(Number.NaN));
  const input = fc.integer({ min: 1, max: 5 }).chain((k) =>
    fc.record({
      weights: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 10, noNaN: true })), {
        minLength: k,
        maxLength: k,
      }),
      columns: fc.array(fc.array(cell, { minLength: k, maxLength: k }), { minLength: 1, maxLength: 6 }),
    }),
  );

  it.each([
    ['arithmeticRows', arithmeticRows, weightedArithmeticMean],
    ['geometricRows', geometricRows, weightedGeometricMean],
  ] as const)('%s(matrix…) = the scalar mean per project', (_, rows, scalar) => {
    fc.assert(
      fc.property(input, ({ weights, columns }) => {
        const k = weights.length;
        const n = columns.length;
        // Rows 0..k−1: children; row k: target.
        const matrix = new Float64Array((k + 1) * n);
        for (let p = 0; p < n; p++) for (let c = 0; c < k; c++) matrix[c * n + p] = columns[p]?.[c] ?? 0;
        const childRows = Int32Array.from({ length: k }, (_, i) => i);
        // The fast path (flags say "no NaN") when it holds, the general one otherwise.
        const complete = Uint8Array.from({ length: k + 1 }, (_, c) =>
          c < k && columns.every((column) => !Number.isNaN(column[c] ?? 0)) ? 1 : 0,
        );
        rows(
          matrix,
          n,
          childRows,
          0,
          k,
          Float64Array.from([...weights, 1]),
          k,
          new Float64Array(n),
          complete,
        );
        for (let p = 0; p < n; p++) {
          const expected = scalar(columns[p] ?? [], weights);
          const got = matrix[k * n + p] ?? -1;
          if (Number.isNaN(expected)) expect(got).toBeNaN();
          else expect(got).toBeCloseTo(expected, 12);
        }
      }),
    );
  });
});
