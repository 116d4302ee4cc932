/**
 * 32-bit FNV-1a hash of a string's UTF-16 code units (for ASCII text the same as FNV-1a over its
 * bytes): start at the offset basis 2166136261, then for each unit `h = (h ⊕ unit) × 16777619 mod 2³²`.
 * Turns seeds given as text (and names) into the 32-bit states of the generators here; not for
 * anything that must resist an adversary.
 *
 * Source: G. Fowler, L. C. Noll, K.-P. Vo & D. Eastlake, "The FNV Non-Cryptographic Hash Algorithm"
 * (IETF draft-eastlake-fnv), whose test vectors are in test/random.test.ts.
 *
 * Complexity: O(length of the text).
 *
 * @returns an unsigned 32-bit integer
 * @example
 * fnv1a32('a') // → 3826002220 (0xe40c292c)
 */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
