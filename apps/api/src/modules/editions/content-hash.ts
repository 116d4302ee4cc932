/**
 * The content hash of an edition (docs/methodology-format.md, Content hash), computed incrementally.
 * `contentHash` from @ranking/scoring builds
 * the whole canonical JSON text first — for a million evidence values a string of hundreds of
 * megabytes. This hashes the same bytes piece by piece: canonical JSON sorts object keys, so the
 * document is `{"evidence":[…],"methodology":…,"results":…}` and each evidence record can be
 * serialised on its own. test/bulk.test.ts checks it equals `contentHash` on the same inputs.
 */
import { createHash } from 'node:crypto';
import { canonicalJson, type Observation } from '@ranking/scoring';

const text = (value: string | null | undefined) =>
  value === undefined || value === null ? 'null' : JSON.stringify(value);

/**
 * `canonicalJson` of one evidence record, written directly: its six keys are fixed, so they are
 * emitted in canonical (UTF-16) order without sorting — a million records are hashed per edition.
 */
function evidenceRecord(e: Observation): string {
  if (!Number.isFinite(e.value)) throw new TypeError(`contentHash: evidence ${e.id} has a non-finite value`);
  return `{"id":${text(e.id)},"indicator":${text(e.indicator)},"observedAt":${text(e.observedAt)},"project":${text(e.project)},"sourceUrl":${text(e.sourceUrl)},"value":${String(e.value)}}`;
}

export function streamingContentHash(input: {
  methodology: unknown;
  evidence: readonly Observation[];
  results: unknown;
}): string {
  const { evidence } = input;
  const ids = evidence.map((e) => e.id ?? '');
  const order = Array.from({ length: evidence.length }, (_, i) => i);
  // UTF-16 code unit order of the ids, as `contentHash` sorts them.
  order.sort((a, b) => {
    const x = ids[a] ?? '';
    const y = ids[b] ?? '';
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const hash = createHash('sha256');
  hash.update('{"evidence":[');
  let buffer = '';
  for (let k = 0; k < order.length; k++) {
    const e = evidence[order[k] ?? 0];
    if (!e) continue;
    if (k > 0 && ids[order[k] ?? 0] === ids[order[k - 1] ?? 0]) {
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
