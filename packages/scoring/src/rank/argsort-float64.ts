/** Ranges this short are finished by insertion sort. */
const INSERTION_THRESHOLD = 16;

/**
 * Sorts `keys` ascending in place and applies the same permutation to `payload` — an "argsort" when
 * `payload` starts as 0, 1, …, n − 1: afterwards `payload[i]` is the original position of the i-th
 * smallest key. Same algorithm as {@link sortFloat64} (introsort: median-of-three quicksort with
 * Dijkstra's three-way partition, insertion sort for short ranges, heapsort past depth 2·⌊log₂ n⌋);
 * not stable — equal keys may come out in any order.
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
  if (n > 1) introsort(keys, payload, 0, n - 1, 2 * Math.floor(Math.log2(n)));
}

function introsort(a: Float64Array, p: Int32Array, lo: number, hi: number, depth: number): void {
  let budget = depth;
  while (hi - lo > INSERTION_THRESHOLD) {
    if (budget-- === 0) {
      heapsort(a, p, lo, hi);
      return;
    }
    const x0 = a[lo] as number;
    const x1 = a[(lo + hi) >>> 1] as number;
    const x2 = a[hi] as number;
    const pivot = Math.max(Math.min(x0, x1), Math.min(Math.max(x0, x1), x2));
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i <= gt) {
      const x = a[i] as number;
      if (x < pivot) {
        swap(a, p, i, lt);
        lt++;
        i++;
      } else if (x > pivot) {
        swap(a, p, i, gt);
        gt--;
      } else {
        i++;
      }
    }
    if (lt - lo < hi - gt) {
      introsort(a, p, lo, lt - 1, budget);
      lo = gt + 1;
    } else {
      introsort(a, p, gt + 1, hi, budget);
      hi = lt - 1;
    }
  }
  for (let i = lo + 1; i <= hi; i++) {
    const x = a[i] as number;
    const y = p[i] as number;
    let j = i - 1;
    while (j >= lo && (a[j] as number) > x) {
      a[j + 1] = a[j] as number;
      p[j + 1] = p[j] as number;
      j--;
    }
    a[j + 1] = x;
    p[j + 1] = y;
  }
}

function swap(a: Float64Array, p: Int32Array, i: number, j: number): void {
  const x = a[i] as number;
  a[i] = a[j] as number;
  a[j] = x;
  const y = p[i] as number;
  p[i] = p[j] as number;
  p[j] = y;
}

function heapsort(a: Float64Array, p: Int32Array, lo: number, hi: number): void {
  const n = hi - lo + 1;
  for (let i = (n >>> 1) - 1; i >= 0; i--) siftDown(a, p, lo, i, n);
  for (let end = n - 1; end > 0; end--) {
    swap(a, p, lo, lo + end);
    siftDown(a, p, lo, 0, end);
  }
}

function siftDown(a: Float64Array, p: Int32Array, lo: number, start: number, n: number): void {
  let i = start;
  while (true) {
    let child = 2 * i + 1;
    if (child >= n) return;
    if (child + 1 < n && (a[lo + child + 1] as number) > (a[lo + child] as number)) child++;
    if ((a[lo + child] as number) <= (a[lo + i] as number)) return;
    swap(a, p, lo + i, lo + child);
    i = child;
  }
}
