/** Password hashing for admin users: argon2id with the library's defaults (OWASP-recommended). */
import { hash, verify } from '@node-rs/argon2';

/** Argon2id in @node-rs/argon2's numbering (`Algorithm.Argon2id`; a const enum, so spelled here). */
const ARGON2ID = 2;

/** Returns a PHC string (`$argon2id$v=19$m=…`) that embeds its salt and parameters. */
export function hashPassword(plain: string): Promise<string> {
  return hash(plain, { algorithm: ARGON2ID });
}

/** True when `plain` matches; false (never throws) for a wrong password or a malformed hash. */
export async function verifyPassword(passwordHash: string, plain: string): Promise<boolean> {
  try {
    return await verify(passwordHash, plain);
  } catch {
    return false;
  }
}
