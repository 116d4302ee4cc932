import { introsortFloat64 } from './introsort';

/**
 * Sorts `keys` ascending in place and applies the same permutation to `payload` — an "argsort" when
 * `payload` starts as 0, 1, …, n − 1: afterwards `payload[i]` is the original position of the i-th
 * smallest key. The platform's one introsort ({@link introsortFloat64}: median-of-three quicksort
 * with Dijkstra's three-way partition, insertion sort for short ranges, heapsort past depth
 * 2·⌊log₂ n⌋); not stable — equal keys may come out in any order.
 *
 * Used for ranks: one sort gives every score's position, with no search afterwards.
 *
 * Keys must not be NaN; −0 and 0 compare equal.
 *
 * Source: D. R. Musser (1997), "Introspective sorting and selection algorithms", Software: Practice
 * and Experience 27(8):983–993; E. W. Dijkstra (1976), A Discipline of Programming, ch. 14.
 *
 * Complexity: O(n log n) worst case; no extra space beyond O(log n) recursion.
 *
 * @example
 * const keys = Float64Array.of(30, 10, 20);
 * const index = Int32Array.of(0, 1, 2);
 * argsortFloat64(keys, index); // keys → [10, 20, 30], index → [1, 2, 0]
 */
export function argsortFloat64(keys: Float64Array, payload: Int32Array): void {
  const n = keys.length;
  if (payload.length !== n) throw new RangeError('argsortFloat64: keys and payload differ in length');
  introsortFloat64(keys, payload, 0, n);
}
