import { argsortFloat64 } from './argsort-float64';

/** Scores closer than this (on the score's scale) tie (docs/methodology-format.md step 11). */
export const TIE_TOLERANCE = 1e-9;

/**
 * Competition ranks ("standard competition ranking", "1224"): the rank of a score is 1 + the number
 * of scores strictly above its tie group, so ties share the best rank and leave a gap after them
 * ("1, 2, 2, 4").
 *
 * Ties: walking the scores from the highest down, a score starts a new group when it is more than
 * `tolerance` below the group's first (highest) score; so every member of a group is within
 * `tolerance` of every other, and groups never chain (0, 0.6e−9, 1.2e−9 give two groups, not one).
 *
 * Implementation: one argsort of the scores ({@link argsortFloat64}), then one walk from the highest
 * — no comparator closures or objects, as this runs once per dimension per Monte Carlo sample.
 *
 * Source: "Standard competition ranking" as in sports tables; cf. d3-array `rank` (which ranks
 * ascending with the same tie rule, without tolerance).
 *
 * Complexity: O(n log n) time, O(n) space.
 *
 * @param scores higher is better; no NaN
 * @param out where to write the ranks (length ≥ n)
 * @throws {RangeError} when a score is NaN
 * @example
 * competitionRanks([90, 75, 90, 60])          // → [1, 3, 1, 4]
 * competitionRanks([50, 50 + 1e-12, 49])      // → [1, 1, 3] (within 1e-9: a tie)
 */
export function competitionRanks(
  scores: ArrayLike<number>,
  tolerance: number = TIE_TOLERANCE,
  out: Int32Array = new Int32Array(scores.length),
): Int32Array {
  const n = scores.length;
  const keys = new Float64Array(n);
  const position = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const x = scores[i] as number;
    if (Number.isNaN(x)) throw new RangeError(`cannot rank NaN (position ${i})`);
    keys[i] = x;
    position[i] = i;
  }
  argsortFloat64(keys, position);
  let leader = Number.NaN;
  let rank = 0;
  for (let at = n - 1, count = 1; at >= 0; at--, count++) {
    const x = keys[at] as number;
    if (count === 1 || leader - x > tolerance) {
      leader = x;
      rank = count;
    }
    out[position[at] as number] = rank;
  }
  return out;
}
