/**
 * Rearranges `keys[lo..hi)` so that `keys[k]` holds the value it would hold were the range sorted
 * ascending, with nothing greater before it and nothing smaller after it ("nth_element"). Used to find
 * the score a page of a ranking stops at without sorting every score.
 *
 * Hoare's FIND with a median-of-three pivot; past 2·⌊log₂ n⌋ partitions (an adversarial input) the
 * remaining range is sorted instead (the typed array's own numeric sort), so the worst case stays
 * O(n log n) — the shape of Musser's introselect.
 *
 * Keys must not be NaN.
 *
 * Source: C. A. R. Hoare (1961), "Algorithm 65: FIND", Communications of the ACM 4(7):321–322;
 * D. R. Musser (1997), "Introspective sorting and selection algorithms".
 *
 * Complexity: O(n) expected, O(n log n) worst case; in place.
 *
 * @example
 * const keys = Float64Array.of(5, 1, 4, 2, 3);
 * selectFloat64(keys, 1); // keys[1] → 2 (keys[0] ≤ 2 ≤ keys[2..4])
 */
export function selectFloat64(keys: Float64Array, k: number, lo = 0, hi = keys.length): void {
  if (!(k >= lo && k < hi)) throw new RangeError(`selectFloat64: ${k} is outside [${lo}, ${hi})`);
  let budget = 2 * Math.floor(Math.log2(hi - lo + 1));
  let left = lo;
  let right = hi - 1;
  while (right > left) {
    if (budget-- === 0) {
      keys.subarray(left, right + 1).sort();
      return;
    }
    const middle = (left + right) >>> 1;
    // Median of three into keys[middle].
    if ((keys[middle] as number) < (keys[left] as number)) swap(keys, middle, left);
    if ((keys[right] as number) < (keys[left] as number)) swap(keys, right, left);
    if ((keys[right] as number) < (keys[middle] as number)) swap(keys, right, middle);
    const pivot = keys[middle] as number;
    let i = left;
    let j = right;
    while (i <= j) {
      while ((keys[i] as number) < pivot) i++;
      while ((keys[j] as number) > pivot) j--;
      if (i <= j) {
        swap(keys, i, j);
        i++;
        j--;
      }
    }
    // keys[left..j] ≤ pivot ≤ keys[i..right], and everything strictly between j and i equals it.
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

function swap(keys: Float64Array, a: number, b: number): void {
  const t = keys[a] as number;
  keys[a] = keys[b] as number;
  keys[b] = t;
}
