/**
 * SHA-256 of canonical JSON (docs/methodology-format.md), the methodology document hash. The canonical form
 * itself is the scoring engine's, so a document hashes the same here and in a content hash.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '@ranking/scoring';

/** Lower-case hex SHA-256 of the canonical JSON of `value`. */
export function sha256CanonicalJson(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
