/**
 * The content hash of a fixed edition, pinned. `ranking verify` recomputes the hash of editions
 * published long ago from their stored snapshots: if the hashed document changes shape (a field
 * added, renamed or written differently, another key order, another number format) or the scoring of
 * the same inputs changes, every earlier edition stops verifying. The other hash tests compare the
 * function with itself and would not notice; this one does.
 */
import { describe, expect, it } from 'vitest';
import { contentHash, scoreEdition } from '../src/index';
import { fixtureEdition } from './helpers';

/**
 * SHA-256 of the fixture edition (test/fixtures: methodology.json, observations.csv, projects.csv,
 * cutoff 2025-12-31, results from scoreEdition). Obtained once by running `contentHash` on these
 * inputs at commit 2d35b0a, when editions had already been published with this shape. It must never
 * change: a failure here means the change breaks `ranking verify` of published editions. The API
 * pins the same value for the same inputs (apps/api/test/golden-hash.test.ts).
 */
const FIXTURE_EDITION_HASH = '6f6ae8a4a295dcb3c67ea8fb012987811f5b99303aac61ae22147cff4a0996c3';
const FIXTURE_CUTOFF = '2025-12-31';

describe('contentHash of the fixture edition (golden value)', () => {
  it('is the value recorded when the hash shape was fixed', () => {
    const edition = fixtureEdition();
    const results = scoreEdition({ ...edition, cutoff: FIXTURE_CUTOFF });
    const evidence = edition.observations.map((o) => ({
      id: o.id ?? '',
      project: o.project,
      indicator: o.indicator,
      value: o.value,
      observedAt: o.observedAt ?? null,
      sourceUrl: o.sourceUrl ?? null,
    }));
    expect(contentHash({ methodology: edition.methodology, evidence, results })).toBe(FIXTURE_EDITION_HASH);
  });
});
