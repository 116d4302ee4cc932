/**
 * Compensated summation Σ xᵢ by Neumaier's improvement of the Kahan–Babuška algorithm.
 *
 * A running correction `c` collects the low-order bits lost by each addition (whichever operand is
 * smaller in magnitude loses them), and is added back once at the end:
 *
 *     t = s + x;  c += |s| ≥ |x| ? (s − t) + x : (x − t) + s;  s = t;   result = s + c
 *
 * The error is bounded by 2ε·Σ|xᵢ| + O(nε²)·Σ|xᵢ| — independent of n to first order — against
 * (n − 1)ε·Σ|xᵢ| for the naive loop. Unlike plain Kahan summation it stays exact when a term is
 * larger than the running sum (e.g. [1, 1e100, 1, −1e100] → 2).
 *
 * Source: A. Neumaier (1974), "Rundungsfehleranalyse einiger Verfahren zur Summation endlicher
 * Summen", ZAMM 54(1):39–51. Used here wherever a sum runs over a whole population.
 *
 * Complexity: O(n) time, O(1) space.
 *
 * NaN propagates (a NaN term gives NaN); an infinite running sum is returned as is.
 *
 * @example
 * neumaierSum([1, 1e100, 1, -1e100]) // → 2 (the naive loop gives 0)
 * neumaierSum([0.1, 0.2, 0.3])       // → 0.6 (the naive loop gives 0.6000000000000001)
 */
export function neumaierSum(values: ArrayLike<number>): number {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    const t = sum + x;
    compensation += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  return Number.isFinite(sum) ? sum + compensation : sum;
}

/**
 * The same algorithm as {@link neumaierSum}, one term at a time, for sums whose terms are not in an
 * array (e.g. the scores of one group of projects).
 *
 * @example
 * const acc = new NeumaierAccumulator();
 * for (const x of [1, 1e100, 1, -1e100]) acc.add(x);
 * acc.value // → 2
 */
export class NeumaierAccumulator {
  private sum = 0;
  private compensation = 0;

  add(x: number): void {
    const t = this.sum + x;
    this.compensation += Math.abs(this.sum) >= Math.abs(x) ? this.sum - t + x : x - t + this.sum;
    this.sum = t;
  }

  get value(): number {
    return Number.isFinite(this.sum) ? this.sum + this.compensation : this.sum;
  }
}
