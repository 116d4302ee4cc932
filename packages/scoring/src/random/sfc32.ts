/** A source of uniform random numbers in [0, 1). */
export type RandomSource = () => number;

/**
 * SFC32, Chris Doty-Humphrey's "Small Fast Chaotic" 32-bit generator (from PractRand): 128 bits of
 * state (a, b, c and a counter d), period ≥ 2³², passes PractRand and TestU01 BigCrush.
 *
 *     t = a + b + d;  d = d + 1;  a = b ⊕ (b ≫ 9);  b = c + (c ≪ 3);  c = rotl(c, 21) + t;  output t
 *
 * (all mod 2³²). Each call returns t / 2³², a multiple of 2⁻³² in [0, 1). The generator is plain
 * 32-bit integer arithmetic, so the same state gives the same sequence on every platform.
 *
 * Source: C. Doty-Humphrey, PractRand (sfc32), https://pracrand.sourceforge.net/ ; JavaScript form
 * as in bryc's "PRNGs in JavaScript" collection.
 *
 * Complexity: O(1) per number.
 *
 * @example
 * const random = sfc32(1, 2, 3, 4);
 * random(); // a number in [0, 1), the same one on every run
 */
export function sfc32(seedA: number, seedB: number, seedC: number, seedD: number): RandomSource {
  let a = seedA | 0;
  let b = seedB | 0;
  let c = seedC | 0;
  let d = seedD | 0;
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}
