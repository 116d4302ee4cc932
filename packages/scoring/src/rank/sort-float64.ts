import { introsortFloat64 } from './introsort';

/**
 * Sorts `values[from..to)` ascending, in place, with the platform's one introsort
 * ({@link introsortFloat64}: median-of-three quicksort with Dijkstra's three-way partition, so runs of
 * equal values, common among scores and ranks, cost nothing; insertion sort for short ranges; heapsort
 * past depth 2·⌊log₂ n⌋, so the worst case stays O(n log n)). {@link argsortFloat64} is the same sort
 * carrying a payload.
 *
 * Why not `Float64Array.prototype.sort`: in V8 it is several times slower on small arrays.
 *
 * Values must not be NaN; −0 and 0 compare equal (their relative order is unspecified).
 *
 * Complexity: O(n log n) worst case; no extra space beyond O(log n) recursion.
 *
 * @returns `values`
 * @example
 * sortFloat64(Float64Array.of(3, 1, 2)) // → [1, 2, 3]
 */
export function sortFloat64(values: Float64Array, from = 0, to: number = values.length): Float64Array {
  introsortFloat64(values, null, from, to);
  return values;
}
