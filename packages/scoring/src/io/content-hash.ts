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
  const hash = new StreamingContentHash();
  for (let k = 0; k < order.length; k++) hash.evidence(evidence[order[k] as number] as HashedEvidence);
  hash.methodology(input.methodology);
  hash.results(canonicalJson(input.results));
  return hash.digest();
}

/**
 * The content hash of {@link contentHash}, fed piece by piece, for a caller that never holds the
 * whole edition: every evidence record in ascending id order (UTF-16 code units; ascending is
 * checked, so a duplicate or an out-of-order id throws), then the methodology, then the canonical
 * JSON text of the results in as many pieces as it likes. Gives exactly `contentHash`'s bytes.
 *
 * @throws {TypeError} as `contentHash`, for an id out of order, and for a call out of sequence
 */
export class StreamingContentHash {
  private readonly hash = createHash('sha256');
  private buffer = '';
  private count = 0;
  private lastId = '';
  private stage: 'evidence' | 'methodology' | 'results' | 'done' = 'evidence';

  constructor() {
    this.hash.update('{"evidence":[');
  }

  /** One evidence record; ids must come in ascending (UTF-16) order. */
  evidence(e: HashedEvidence): void {
    if (this.stage !== 'evidence') throw new TypeError('contentHash: evidence after the methodology');
    if (typeof e.id !== 'string') throw new TypeError(`contentHash: an evidence record without an id`);
    if (this.count > 0 && !(e.id > this.lastId)) {
      throw new TypeError(
        e.id === this.lastId
          ? `contentHash: duplicate evidence id ${e.id}`
          : `contentHash: evidence id ${e.id} after ${this.lastId} (ids must ascend)`,
      );
    }
    this.buffer += `${this.count > 0 ? ',' : ''}${evidenceRecord(e)}`;
    this.count++;
    this.lastId = e.id;
    if (this.buffer.length > 1 << 16) {
      this.hash.update(this.buffer, 'utf8');
      this.buffer = '';
    }
  }

  /** The methodology, after the last evidence record. */
  methodology(methodology: unknown): void {
    if (this.stage !== 'evidence') throw new TypeError('contentHash: methodology given twice');
    this.hash.update(this.buffer, 'utf8');
    this.buffer = '';
    this.hash.update(`],"methodology":${canonicalJson(methodology)},"results":`, 'utf8');
    this.stage = 'methodology';
  }

  /** A piece of the canonical JSON text of the results (the pieces in order make the whole). */
  results(text: string): void {
    if (this.stage !== 'methodology' && this.stage !== 'results')
      throw new TypeError('contentHash: results before the methodology');
    this.stage = 'results';
    this.hash.update(text, 'utf8');
  }

  /** The hex digest; nothing may be fed after it. */
  digest(): string {
    if (this.stage !== 'results') throw new TypeError('contentHash: digest before the results');
    this.stage = 'done';
    this.hash.update('}');
    return this.hash.digest('hex');
  }
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
