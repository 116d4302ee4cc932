/** Deterministic randomness for the demo and synthetic data: same seed, same data, on any machine. */

/**
 * mulberry32 (Tommy Ettinger, public domain): a 32-bit state PRNG, fast and good enough for test
 * data (not for secrets). Returns floats in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a 32-bit hash of a string: turns names into PRNG seeds. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A uniform draw in [0, 1) that depends only on `seed` and `parts`. */
export function hashUniform(seed: number, ...parts: (string | number)[]): number {
  return mulberry32(hashString(`${seed}\u0000${parts.join('\u0000')}`))();
}

/** Standard normal draw by Box–Muller from two uniforms. */
export function normalFrom(u1: number, u2: number): number {
  return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
}
