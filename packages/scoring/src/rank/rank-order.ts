/**
 * The positions 0..n−1 ordered by ascending rank, keeping the input order among equal ranks
 * (a stable counting sort). The engine keeps every population sorted by project slug, so this gives
 * entries listed by rank, then by project slug (docs/methodology-format.md step 11).
 *
 * Complexity: O(n) time and space (ranks are integers in 1..n).
 *
 * @param ranks competition ranks, each in 1..n
 * @example
 * rankOrder(Int32Array.of(2, 1, 2)) // → [1, 0, 2]
 */
export function rankOrder(ranks: Int32Array): Int32Array {
  const n = ranks.length;
  const start = new Int32Array(n + 2);
  for (let i = 0; i < n; i++)
    start[(ranks[i] as number) + 1] = (start[(ranks[i] as number) + 1] as number) + 1;
  for (let r = 1; r < n + 2; r++) start[r] = (start[r] as number) + (start[r - 1] as number);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const r = ranks[i] as number;
    order[start[r] as number] = i;
    start[r] = (start[r] as number) + 1;
  }
  return order;
}
