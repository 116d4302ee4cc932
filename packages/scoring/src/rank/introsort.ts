/** Ranges this short are finished by insertion sort. */
const INSERTION_THRESHOLD = 16;

/**
 * The platform's one introsort: sorts `keys[from..to)` ascending in place and, when `payload` is given,
 * applies the same permutation to it. Quicksort with a median-of-three pivot and Dijkstra's three-way
 * partition (so runs of equal values, common among scores and ranks, cost nothing), insertion sort for
 * ranges of at most 16, and heapsort once the recursion is deeper than 2·⌊log₂ n⌋ (so the worst case
 * stays O(n log n)). Not stable. {@link sortFloat64} and {@link argsortFloat64} are its two faces.
 *
 * Keys must not be NaN; −0 and 0 compare equal (their relative order is unspecified).
 *
 * Sources: D. R. Musser (1997), "Introspective sorting and selection algorithms", Software: Practice
 * and Experience 27(8):983–993; E. W. Dijkstra (1976), A Discipline of Programming, ch. 14 ("The
 * problem of the Dutch national flag"); R. Sedgewick & K. Wayne, Algorithms (4th ed.), §2.3.
 *
 * Complexity: O(n log n) worst case; no extra space beyond O(log n) recursion.
 */
export function introsortFloat64(
  keys: Float64Array,
  payload: Int32Array | null,
  from: number,
  to: number,
): void {
  const n = to - from;
  if (n > 1) introsort(keys, payload, from, to - 1, 2 * Math.floor(Math.log2(n)));
}

function introsort(a: Float64Array, p: Int32Array | null, lo: number, hi: number, depth: number): void {
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
    // Dijkstra: [lo, lt) < pivot, [lt, i) = pivot, (gt, hi] > pivot.
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
    // Recurse into the smaller side, loop on the larger: O(log n) stack.
    if (lt - lo < hi - gt) {
      introsort(a, p, lo, lt - 1, budget);
      lo = gt + 1;
    } else {
      introsort(a, p, gt + 1, hi, budget);
      hi = lt - 1;
    }
  }
  insertionSort(a, p, lo, hi);
}

function insertionSort(a: Float64Array, p: Int32Array | null, lo: number, hi: number): void {
  for (let i = lo + 1; i <= hi; i++) {
    const x = a[i] as number;
    const y = p === null ? 0 : (p[i] as number);
    let j = i - 1;
    while (j >= lo && (a[j] as number) > x) {
      a[j + 1] = a[j] as number;
      if (p !== null) p[j + 1] = p[j] as number;
      j--;
    }
    a[j + 1] = x;
    if (p !== null) p[j + 1] = y;
  }
}

function swap(a: Float64Array, p: Int32Array | null, i: number, j: number): void {
  const x = a[i] as number;
  a[i] = a[j] as number;
  a[j] = x;
  if (p === null) return;
  const y = p[i] as number;
  p[i] = p[j] as number;
  p[j] = y;
}

function heapsort(a: Float64Array, p: Int32Array | null, lo: number, hi: number): void {
  const n = hi - lo + 1;
  for (let i = (n >>> 1) - 1; i >= 0; i--) siftDown(a, p, lo, i, n);
  for (let end = n - 1; end > 0; end--) {
    swap(a, p, lo, lo + end);
    siftDown(a, p, lo, 0, end);
  }
}

function siftDown(a: Float64Array, p: Int32Array | null, lo: number, start: number, n: number): void {
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
