import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** An evidence record as it enters the content hash. */
export interface HashedEvidence {
  /** Required: the evidence is sorted by it (optional in the type only so that engine observations fit). */
  id?: string | null;
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
 * The document is hashed piece by piece, never built whole: an edition of a million evidence values
 * would be a string of hundreds of megabytes. Canonical JSON sorts keys, so the document is
 * `{"evidence":[…],"methodology":…,"results":…}` and each evidence record, whose six keys are fixed,
 * is written on its own in canonical (UTF-16) key order — the same bytes `canonicalJson` gives.
 *
 * Source: FIPS 180-4 (SHA-256) via `node:crypto`; RFC 8785 for the canonical form.
 *
 * Complexity: O(size of the input + n log n) for n evidence values; memory O(n) for the sort order.
 *
 * @throws {TypeError} for an evidence record without an id, duplicate evidence ids and values
 *   canonical JSON refuses (NaN, ±Infinity, …)
 * @example
 * contentHash({ methodology, evidence: [], results: {} }) // → 64 hex digits
 */
export function contentHash(input: ContentHashInput): string {
  const { evidence } = input;
  const ids: string[] = evidence.map((e) => {
    if (typeof e.id !== 'string') throw new TypeError(`contentHash: an evidence record without an id`);
    return e.id;
  });
  const order = Array.from({ length: evidence.length }, (_, i) => i);
  order.sort((a, b) => {
    const x = ids[a] as string;
    const y = ids[b] as string;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const hash = createHash('sha256');
  hash.update('{"evidence":[');
  let buffer = '';
  for (let k = 0; k < order.length; k++) {
    const index = order[k] as number;
    const e = evidence[index] as HashedEvidence;
    if (k > 0 && ids[index] === ids[order[k - 1] as number]) {
      throw new TypeError(`contentHash: duplicate evidence id ${e.id}`);
    }
    buffer += `${k > 0 ? ',' : ''}${evidenceRecord(e)}`;
    if (buffer.length > 1 << 16) {
      hash.update(buffer, 'utf8');
      buffer = '';
    }
  }
  hash.update(buffer, 'utf8');
  hash.update(`],"methodology":${canonicalJson(input.methodology)},"results":`, 'utf8');
  hash.update(canonicalJson(input.results), 'utf8');
  hash.update('}');
  return hash.digest('hex');
}

/** A string or null as canonical JSON writes it. */
const text = (value: string | null | undefined) =>
  value === undefined || value === null ? 'null' : JSON.stringify(value);

/** `canonicalJson` of one evidence record, its six keys in canonical (UTF-16) order. */
function evidenceRecord(e: HashedEvidence): string {
  if (typeof e.value !== 'number' || !Number.isFinite(e.value)) {
    throw new TypeError(`contentHash: evidence ${e.id} has a value that is not a finite number`);
  }
  return `{"id":${text(e.id)},"indicator":${text(e.indicator)},"observedAt":${text(e.observedAt)},"project":${text(e.project)},"sourceUrl":${text(e.sourceUrl)},"value":${String(e.value)}}`;
}
