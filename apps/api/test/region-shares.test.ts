/**
 * The shares over all dimensions follow the methodology's stated rule (`shareRule`): the mean of the
 * dimension shares by default, the pooled scores when the methodology's `shares.across_dimensions`
 * says `pooled_scores`; and what `projects` counts in `Edition.regionShares` and `OrganizationStanding`: distinct projects,
 * also over all dimensions, where a project ranked in several dimensions counts once
 * (docs/methodology-format.md, Shares; the scoring engine's `computeShares` counts the same way).
 * `topCount(n)` counts entries: over all dimensions, summed over dimensions.
 *
 * A hand-made published edition, written straight into the tables (the stored results are what the
 * API reads), with two dimensions:
 *
 *     dimension  project  organization (country)  score  rank
 *     model      p-one    org-cn (CN)               6      1
 *     model      p-three  org-us (US)               4      2
 *     model      p-two    org-cn (CN)               2      3
 *     system     p-one    org-cn (CN)               5      1
 *     system     p-three  org-us (US)               3      2
 *
 * Over all dimensions: Σ = 6 + 4 + 2 + 5 + 3 = 20; CN = 6 + 2 + 5 = 13 → 0.65 with 2 projects
 * (p-one, p-two: 3 entries), US = 4 + 3 = 7 → 0.35 with 1 project (2 entries); topCount(1): CN has
 * the rank-1 entry of both dimensions → 2, US → 0. In `model`: Σ = 12; CN 8 → 2/3 with 2 projects,
 * US 4 → 1/3 with 1.
 */
import {
  editionProjects,
  editions,
  loadDefaultMethodology,
  organizations,
  projects,
  results,
  storeMethodology,
} from '@ranking/schema';
import { testDrivers } from '@ranking/schema/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './helpers';

const YEAR = 2031;
/** The same results under a methodology that states `shares: { across_dimensions: pooled_scores }`. */
const POOLED_YEAR = 2032;

describe.each(testDrivers())(
  'regionShares and organizationRanking count distinct projects (%s)',
  (driver) => {
    let api: TestApi;

    beforeAll(async () => {
      api = await startTestApi(driver);
      const db = api.handle.db;
      const methodology = await storeMethodology(db, loadDefaultMethodology());
      const pooled = await storeMethodology(db, {
        ...(loadDefaultMethodology() as object),
        version: 'pooled-shares-test',
        shares: { across_dimensions: 'pooled_scores' },
      });
      const orgs = await db
        .insert(organizations)
        .values([
          { slug: 'org-cn', name: 'Org CN', country: 'CN', kind: 'company' },
          { slug: 'org-us', name: 'Org US', country: 'US', kind: 'company' },
        ])
        .returning({ id: organizations.id, slug: organizations.slug });
      expect(orgs).toHaveLength(2);
      const rows = await db
        .insert(projects)
        .values(
          ['p-one', 'p-two', 'p-three'].map((slug) => ({ slug, name: slug, category: 'model' as const })),
        )
        .returning({ id: projects.id, slug: projects.slug });
      const id = (slug: string) => rows.find((r) => r.slug === slug)?.id ?? 0;
      for (const [year, methodologyId] of [
        [YEAR, methodology.id],
        [POOLED_YEAR, pooled.id],
      ] as const) {
        const [edition] = await db
          .insert(editions)
          .values({ year, title: 'Shares', methodologyId, cutoff: `${year}-01-01` })
          .returning({ id: editions.id });
        const editionId = edition?.id ?? 0;
        const placed = {
          'p-one': ['org-cn', 'CN'],
          'p-two': ['org-cn', 'CN'],
          'p-three': ['org-us', 'US'],
        } as const;
        await db.insert(editionProjects).values(
          Object.entries(placed).map(([slug, [organization, country]]) => ({
            editionId,
            projectId: id(slug),
            slug,
            name: slug,
            category: 'model' as const,
            organization,
            country,
          })),
        );
        const entry = (dimensionKey: string, slug: string, score: number, rank: number) => ({
          editionId,
          dimensionKey,
          projectId: id(slug),
          score,
          rank,
          nodes: {},
          indicators: {},
        });
        await db
          .insert(results)
          .values([
            entry('model', 'p-one', 6, 1),
            entry('model', 'p-three', 4, 2),
            entry('model', 'p-two', 2, 3),
            entry('system', 'p-one', 5, 1),
            entry('system', 'p-three', 3, 2),
          ]);
        await db
          .update(editions)
          .set({
            status: 'published',
            computedAt: new Date(),
            publishedAt: new Date(),
            contentHash: '0'.repeat(64),
          })
          .where(eq(editions.id, editionId));
      }
    }, 120_000);
    afterAll(async () => {
      await api?.close();
    });

    it('over all dimensions, by default the mean of the dimension shares: CN 31/48, US 17/48 (2 and 1 projects)', async () => {
      const response = await api.gql<{
        edition: {
          shareRule: { key: string; description: string };
          regionShares: {
            region: string;
            label: string;
            share: number;
            projects: number;
            score: number;
            topCount: number;
          }[];
        };
      }>(
        `{ edition(year: ${YEAR}) { shareRule { key description } regionShares { region label share projects score topCount(n: 1) } } }`,
      );
      expect(response.errors).toBeUndefined();
      expect(response.data?.edition.shareRule.key).toBe('MEAN_OF_DIMENSION_SHARES');
      expect(response.data?.edition.shareRule.description).toMatch(/every dimension weighs the same/);
      const shares = response.data?.edition.regionShares ?? [];
      expect(shares.map(({ share, ...rest }) => rest)).toEqual([
        { region: 'CN', label: 'China', projects: 2, score: 13, topCount: 2 },
        { region: 'US', label: 'United States', projects: 1, score: 7, topCount: 0 },
      ]);
      // model: CN 8/12, US 4/12; system: CN 5/8, US 3/8 → CN (16/24 + 15/24)/2 = 31/48, US 17/48.
      expect(shares[0]?.share).toBeCloseTo(31 / 48, 12);
      expect(shares[1]?.share).toBeCloseTo(17 / 48, 12);
    });

    it('over all dimensions by pooled_scores, when the methodology says so: CN 13/20 = 0.65, US 0.35', async () => {
      const response = await api.gql<{
        edition: {
          shareRule: { key: string };
          methodology: { shareRule: { key: string } };
          regionShares: { region: string; share: number }[];
          organizationRanking: { edges: { node: { share: number; organization: { slug: string } } }[] };
        };
      }>(
        `{ edition(year: ${POOLED_YEAR}) { shareRule { key } methodology { shareRule { key } }
           regionShares { region share } organizationRanking { edges { node { share organization { slug } } } } } }`,
      );
      expect(response.errors).toBeUndefined();
      const edition = response.data?.edition;
      expect(edition?.shareRule.key).toBe('POOLED_SCORES');
      expect(edition?.methodology.shareRule.key).toBe('POOLED_SCORES');
      expect(edition?.regionShares.map((s) => s.region)).toEqual(['CN', 'US']);
      expect(edition?.regionShares[0]?.share).toBeCloseTo(0.65, 12);
      expect(edition?.regionShares[1]?.share).toBeCloseTo(0.35, 12);
      expect(edition?.organizationRanking.edges[0]?.node.share).toBeCloseTo(0.65, 12);
    });

    it('in one dimension: CN 2/3 with 2 projects, US 1/3 with 1', async () => {
      const response = await api.gql<{
        edition: { regionShares: { region: string; share: number; projects: number }[] };
      }>(`{ edition(year: ${YEAR}) { regionShares(dimension: "model") { region share projects } } }`);
      expect(response.errors).toBeUndefined();
      const shares = response.data?.edition.regionShares ?? [];
      expect(shares.map((s) => [s.region, s.projects])).toEqual([
        ['CN', 2],
        ['US', 1],
      ]);
      expect(shares[0]?.share).toBeCloseTo(2 / 3, 12);
    });

    it('organizationRanking over all dimensions: org-cn 13 with 2 projects, org-us 7 with 1', async () => {
      const response = await api.gql<{
        edition: {
          organizationRanking: {
            edges: {
              node: {
                rank: number;
                score: number;
                share: number;
                projects: number;
                topCount: number;
                organization: { slug: string };
              };
            }[];
          };
        };
      }>(
        `{ edition(year: ${YEAR}) { organizationRanking { edges { node { rank score share projects topCount(n: 1) organization { slug } } } } } }`,
      );
      expect(response.errors).toBeUndefined();
      const nodes = response.data?.edition.organizationRanking.edges.map((e) => e.node) ?? [];
      expect(nodes.map(({ share, ...rest }) => rest)).toEqual([
        { rank: 1, score: 13, projects: 2, topCount: 2, organization: { slug: 'org-cn' } },
        { rank: 2, score: 7, projects: 1, topCount: 0, organization: { slug: 'org-us' } },
      ]);
      // Shares over all dimensions by the default rule, as for regions (one organization per country here).
      expect(nodes[0]?.share).toBeCloseTo(31 / 48, 12);
      expect(nodes[1]?.share).toBeCloseTo(17 / 48, 12);
    });
  },
);
