/**
 * Edition compute on synthetic data, pinned: the content hash and a digest of every stored result
 * (score, rank, group nodes, the per-indicator breakdown, rank intervals) of an edition computed on
 * `seedSynthetic` (300 projects, seed 7, 100 evidence values each) must never change when the
 * compute path changes (e.g. the columnar, bounded-memory compute). Both drivers.
 */
import { createHash } from 'node:crypto';
import { seedSynthetic } from '@ranking/schema';
import { testDrivers } from '@ranking/schema/testing';
import { canonicalJson } from '@ranking/scoring';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSystemContext } from '../src/context';
import { computeEdition } from '../src/modules/editions/compute-service';
import { createEdition } from '../src/modules/editions/lifecycle-service';
import { listResultsWithSlugs } from '../src/modules/editions/ranking-store';
import { startTestApi, type TestApi } from './helpers';

/**
 * Recorded from the pre-columnar implementation (commit a8f440a: the snapshot held as engine
 * observations, `scoreEdition` building every explanation record at once). They must never change.
 */
const CONTENT_HASH = '9ed1ae1920861afdcb94ee0bfbbcc94303cb674af28fb0c17429cc3d6ba02652';
/** SHA-256 of the canonical JSON of every stored result row (see `resultsDigest`). */
const RESULTS_DIGEST = '4bd9ad1fbe7f9e546dfd252e2d24151956b21f53eba333edbbd3d230e7d473ad';

/** The stored results in (dimension, rank, slug) order, without database ids, hashed. */
async function resultsDigest(api: TestApi, editionId: number): Promise<string> {
  const rows = await listResultsWithSlugs(api.handle.db, editionId);
  const hash = createHash('sha256');
  for (const r of rows)
    hash.update(
      canonicalJson({
        dimension: r.dimension,
        slug: r.slug,
        score: r.score,
        rank: r.rank,
        previousRank: r.previousRank,
        nodes: r.nodes,
        indicators: r.indicators,
        rankMedian: r.rankMedian,
        rankP05: r.rankP05,
        rankP95: r.rankP95,
      }),
    );
  return hash.digest('hex');
}

describe.each(testDrivers())('edition compute on synthetic data, pinned (%s)', (driver) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(driver);
    await seedSynthetic(api.handle, { projects: 300, seed: 7 });
  });
  afterAll(async () => api?.close());

  it('gives the content hash and the stored results recorded before the columnar compute', async () => {
    const ctx = createSystemContext(api.deps, 'test');
    const edition = await createEdition(ctx, { year: 2031, title: 'Pinned', cutoff: '2026-12-31' });
    const computed = await computeEdition(ctx, edition.id);
    const rows = await listResultsWithSlugs(api.handle.db, edition.id);
    const top = rows
      .filter((r) => r.rank <= 2)
      .map((r) => `${r.dimension} ${r.rank} ${r.slug} ${r.score}`)
      .join('\n');
    expect({ hash: computed.contentHash, digest: await resultsDigest(api, edition.id), top }).toEqual({
      hash: CONTENT_HASH,
      digest: RESULTS_DIGEST,
      top: [
        'data 1 syn-project-000049 96.63260963742383',
        'data 2 syn-project-000085 92.1267068416889',
        'evaluation 1 syn-project-000060 95.17352765626117',
        'evaluation 2 syn-project-000068 92.66130917388276',
        'model 1 syn-project-000246 96.22980881609375',
        'model 2 syn-project-000034 95.63047975088463',
        'system 1 syn-project-000251 95.36221194368866',
        'system 2 syn-project-000267 95.34437745646167',
      ].join('\n'),
    });
  });
});
