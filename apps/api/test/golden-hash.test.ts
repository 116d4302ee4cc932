/**
 * The content hash the API computes and `ranking verify` recomputes (scoreEditionInputs, with the
 * incremental streamingContentHash), pinned on the scoring engine's fixture edition. It must equal
 * the engine's pinned value for the same inputs (packages/scoring/test/golden-hash.test.ts): editions
 * published before a change of the hashed shape would otherwise stop verifying.
 */
import { readFileSync } from 'node:fs';
import { parseCsv, parseMethodology } from '@ranking/scoring';
import { describe, expect, it } from 'vitest';
import { scoreEditionInputs } from '../src/modules/editions/scoring-service';

/**
 * Obtained once by running the scoring engine's `contentHash` on the fixture edition below at commit
 * 2d35b0a (the same literal as packages/scoring/test/golden-hash.test.ts). It must never change.
 */
const FIXTURE_EDITION_HASH = '6f6ae8a4a295dcb3c67ea8fb012987811f5b99303aac61ae22147cff4a0996c3';

const fixtures = new URL('../../../packages/scoring/test/fixtures/', import.meta.url);

/** Rows of a fixture CSV as objects keyed by its header. */
function rows(name: string): Record<string, string>[] {
  const [header, ...records] = parseCsv(readFileSync(new URL(name, fixtures), 'utf8'));
  return records.map(({ fields }) =>
    Object.fromEntries((header?.fields ?? []).map((key, i) => [key, fields[i] ?? ''])),
  );
}

describe('the content hash of an edition computed by the API (golden value)', () => {
  it('equals the value pinned for the scoring fixture edition', () => {
    const scored = scoreEditionInputs({
      methodology: parseMethodology(readFileSync(new URL('methodology.json', fixtures), 'utf8')),
      projects: rows('projects.csv').map((p) => ({
        slug: p.project ?? '',
        name: p.name ?? '',
        category: p.category || null,
        organization: p.organization || null,
        country: p.country || null,
      })),
      observations: rows('observations.csv').map((o) => ({
        id: o.id ?? '',
        project: o.project ?? '',
        indicator: o.indicator ?? '',
        value: Number(o.value),
        observedAt: o.observed_at ?? '',
        sourceUrl: o.source_url ?? '',
      })),
      cutoff: '2025-12-31',
    });
    expect(scored.contentHash).toBe(FIXTURE_EDITION_HASH);
  });
});
