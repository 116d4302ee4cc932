import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** An evidence record as it enters the content hash. */
export interface HashedEvidence {
  id: string;
  project: string;
  indicator: string;
  value: number;
  observedAt?: string | null;
  sourceUrl?: string | null;
}

/** What an edition's content hash covers (docs/methodology-format.md, Content hash). */
export interface ContentHashInput {
  /** The methodology — preferably the normalised one from `parseMethodology`, so defaults hash alike. */
  methodology: unknown;
  evidence: readonly HashedEvidence[];
  /** The results (e.g. `EditionScores`). */
  results: unknown;
}

/**
 * The content hash of an edition: SHA-256 (hex) of the canonical JSON ({@link canonicalJson}) of
 *
 *     { methodology, evidence: [{id, project, indicator, value, observedAt, sourceUrl}], results }
 *
 * with the evidence sorted by id (UTF-16 code units) and reduced to exactly those six fields
 * (`observedAt` and `sourceUrl` null when absent), so extra fields or input order never change it.
 *
 * Source: FIPS 180-4 (SHA-256) via `node:crypto`; RFC 8785 for the canonical form.
 *
 * Complexity: O(size of the input).
 *
 * @throws {TypeError} for duplicate evidence ids and for values canonical JSON refuses (NaN, …)
 * @example
 * contentHash({ methodology, evidence: [], results: {} }) // → 64 hex digits
 */
export function contentHash(input: ContentHashInput): string {
  const evidence = input.evidence
    .map((e) => ({
      id: e.id,
      project: e.project,
      indicator: e.indicator,
      value: e.value,
      observedAt: e.observedAt ?? null,
      sourceUrl: e.sourceUrl ?? null,
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let i = 1; i < evidence.length; i++) {
    if (evidence[i]?.id === evidence[i - 1]?.id)
      throw new TypeError(`contentHash: duplicate evidence id ${evidence[i]?.id}`);
  }
  const text = canonicalJson({ methodology: input.methodology, evidence, results: input.results });
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
