/**
 * Deterministic randomness for the demo and synthetic data: same seed, same data, on any machine.
 * The generator (mulberry32) and the string hash (FNV-1a) are the scoring package's, the one place
 * the platform's seeded generators live (packages/scoring/src/random); `hashString` keeps its name here.
 */
import { fnv1a32, mulberry32 } from '@ranking/scoring';

export { fnv1a32 as hashString, mulberry32 };

/** A uniform draw in [0, 1) that depends only on `seed` and `parts`. */
export function hashUniform(seed: number, ...parts: (string | number)[]): number {
  return mulberry32(fnv1a32(`${seed}\u0000${parts.join('\u0000')}`))();
}

/** Standard normal draw by Box–Muller from two uniforms. */
export function normalFrom(u1: number, u2: number): number {
  return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
}
