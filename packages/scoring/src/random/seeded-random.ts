import { fnv1a32 } from './fnv1a';
import { type RandomSource, sfc32 } from './sfc32';

/**
 * A reproducible {@link sfc32} generator from a seed given as a number or a string (so `--seed 42`
 * on the command line and `seed: 42` in code give the same stream):
 *
 * 1. the seed's text form `String(seed)` is hashed with 32-bit FNV-1a over its UTF-16 code units
 *    ({@link fnv1a32});
 * 2. four successive outputs of a SplitMix-style 32-bit mixer started at that hash fill SFC32's state
 *    (constants 0x9e3779b9, 0x21f0aaad, 0x735a2d97: the golden-ratio increment and C. Wellons'
 *    "hash prospector" multipliers);
 * 3. the first 15 outputs are discarded so that close seeds have decorrelated streams.
 *
 * Sources: G. Fowler, L. C. Noll & K.-P. Vo, FNV hash (IETF draft-eastlake-fnv); S. Vigna (2014),
 * SplitMix64 / "An experimental exploration of Marsaglia's xorshift generators, scrambled".
 *
 * Complexity: O(length of the seed's text).
 *
 * @example
 * const a = createSeededRandom(42);
 * const b = createSeededRandom('42');
 * a() === b(); // → true
 */
export function createSeededRandom(seed: number | string): RandomSource {
  let state = fnv1a32(String(seed)) | 0;
  const mix = (): number => {
    state = (state + 0x9e3779b9) | 0;
    let t = state ^ (state >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) | 0;
  };
  const random = sfc32(mix(), mix(), mix(), mix());
  for (let i = 0; i < 15; i++) random();
  return random;
}
