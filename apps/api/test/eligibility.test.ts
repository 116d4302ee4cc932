/**
 * Eligibility: a project is in an edition only if its first release is on or before the cutoff. A
 * partial date (YYYY, YYYY-MM) counts from its first day; a project without a date is in. The rule
 * is applied when the edition's snapshot is taken, so it holds for the ranking, the shares, the
 * export and verification alike.
 */
import { testDrivers } from '@ranking/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishDemoEdition } from '../src/cli/demo';
import { createSystemContext } from '../src/context';
import { loadEditionInputs } from '../src/modules/editions/scoring-service';
import { startTestApi, type TestApi } from './helpers';

const CUTOFF = '2026-11-30';
/** slug → [first release, in the edition?] */
const CASES: Record<string, [string | null, boolean]> = {
  'released-day-after': ['2026-12-01', false],
  'released-on-cutoff': ['2026-11-30', true],
  'released-cutoff-month': ['2026-11', true],
  'released-month-after': ['2026-12', false],
  'released-cutoff-year': ['2026', true],
  'released-year-after': ['2027', false],
  'released-undated': [null, true],
};

interface RankingPage {
  edition: { ranking: { edges: { node: { project: { slug: string } } }[] } } | null;
}
const RANKING = `query($year: Int!) { edition(year: $year) { ranking(dimension: "model", first: 100) {
  edges { node { project { slug } } } } } }`;

describe.each(testDrivers())('eligibility by first release (%s)', (driver) => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi(driver, { seed: true, now: () => new Date('2026-12-01T12:00:00Z') });
  }, 300_000);
  afterAll(async () => {
    await api?.close();
  });

  const rankedSlugs = async (year: number) => {
    const response = await api.gql<RankingPage>(RANKING, { year });
    expect(response.errors).toBeUndefined();
    return new Set(response.data?.edition?.ranking.edges.map((e) => e.node.project.slug));
  };

  it('the demo 2024 edition does not rank Qwen3 (first release 2025-04); 2025 does', async () => {
    const response = await api.gql<{ project: { firstRelease: string | null; results: { rank: number }[] } }>(
      '{ project(slug: "qwen3") { firstRelease results(year: 2024) { rank } } }',
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.project.firstRelease).toBe('2025-04');
    expect(response.data?.project.results).toEqual([]);
    expect((await rankedSlugs(2024)).has('qwen3')).toBe(false);
    expect((await rankedSlugs(2025)).has('qwen3')).toBe(true);
  });

  it('a project enters an edition only when its first release is on or before the cutoff', async () => {
    const token = await api.tokenFor('admin');
    for (const [slug, [firstRelease]] of Object.entries(CASES)) {
      const created = await api.gql(
        `mutation($input: CreateProjectInput!) { createProject(input: $input) { slug firstRelease } }`,
        {
          input: {
            slug,
            name: slug,
            category: 'MODEL',
            organizations: ['alibaba-cloud'],
            ...(firstRelease ? { firstRelease } : {}),
          },
        },
        { token },
      );
      expect(created.errors).toBeUndefined();
      expect(created.data).toEqual({ createProject: { slug, firstRelease } });
    }
    const ctx = createSystemContext(api.deps);
    const edition = await publishDemoEdition(ctx, { year: 2027, cutoff: CUTOFF });
    const ranked = await rankedSlugs(2027);
    const snapshot = new Set((await loadEditionInputs(api.deps.db, edition.id)).projects.map((p) => p.slug));
    for (const [slug, [firstRelease, inEdition]] of Object.entries(CASES)) {
      expect(ranked.has(slug), `${slug} (${firstRelease}) ranked`).toBe(inEdition);
      expect(snapshot.has(slug), `${slug} (${firstRelease}) in the snapshot`).toBe(inEdition);
    }
  }, 120_000);
});
