/** Editions, rankings and their analyses (apps/api/src/modules/editions/schema.graphql). */
import 'server-only';
import { ApiError, request } from '../graphql';
import type { SessionUser } from '../session-user';
import type { Category, Connection, NamedRef } from './common';
import { PAGE_INFO } from './common';

type Caller = SessionUser | null;

export type EditionStatus = 'DRAFT' | 'COMPUTED' | 'PUBLISHED';

export interface EditionSummary {
  id: string;
  year: number;
  revision: number;
  title: string;
  status: EditionStatus;
  cutoff: string;
  computedAt: string | null;
  publishedAt: string | null;
  contentHash: string | null;
  isDefaultRevision: boolean;
  methodology: { id: string; version: string };
}

export interface DimensionInfo {
  key: string;
  name: string;
  category: Category | null;
}

/** Edition.valueCounts: how the edition's indicator values came about. */
export interface ValueCounts {
  measured: number;
  illustrative: number;
  imputed: number;
  stale: number;
  total: number;
}

export interface EditionDetail extends EditionSummary {
  dimensions: DimensionInfo[];
  valueCounts: ValueCounts;
  previousEdition: { id: string; year: number; revision: number; title: string } | null;
  sensitivityParameters: { samples: number; seed: number; delta: number } | null;
}

const SUMMARY = `id year revision title status cutoff computedAt publishedAt contentHash isDefaultRevision
  methodology { id version }`;

export async function listEditions(user: Caller, allRevisions = false): Promise<EditionSummary[]> {
  const data = await request<{ editions: EditionSummary[] }, { allRevisions: boolean }>(
    `query Editions($allRevisions: Boolean) { editions(allRevisions: $allRevisions) { ${SUMMARY} } }`,
    { allRevisions },
    { user },
  );
  return data.editions;
}

export async function getEdition(
  user: Caller,
  year: number,
  revision?: number,
): Promise<EditionDetail | null> {
  // A year without an edition the caller may see is NOT_FOUND (naming the years); pages show their 404.
  const data = await request<{ edition: EditionDetail | null }, { year: number; revision: number | null }>(
    `query Edition($year: Int!, $revision: Int) {
      edition(year: $year, revision: $revision) {
        ${SUMMARY}
        dimensions { key name category }
        valueCounts { measured illustrative imputed stale total }
        previousEdition { id year revision title }
        sensitivityParameters { samples seed delta }
      }
    }`,
    { year, revision: revision ?? null },
    { user },
  ).catch((error: unknown) => {
    if (error instanceof ApiError && error.code === 'NOT_FOUND') return { edition: null };
    throw error;
  });
  return data.edition;
}

export interface ProjectRef extends NamedRef {
  country: string | null;
  primaryOrganization: NamedRef | null;
}

const PROJECT_REF = 'slug name nameZh country primaryOrganization { slug name nameZh }';

export interface RankingRow {
  rank: number;
  previousRank: number | null;
  rankChange: number | null;
  score: number;
  project: ProjectRef;
  breakdown: { key: string; name: string; score: number }[];
  indicators: { isIllustrative: boolean }[];
}

export async function getRanking(
  user: Caller,
  params: {
    year: number;
    revision?: number;
    dimension: string;
    first: number;
    after?: string;
    search?: string;
  },
): Promise<Connection<RankingRow> | null> {
  const data = await request<
    { edition: { ranking: Connection<RankingRow> } | null },
    {
      year: number;
      revision: number | null;
      dimension: string;
      first: number;
      after: string | null;
      search: string | null;
    }
  >(
    `query Ranking($year: Int!, $revision: Int, $dimension: String!, $first: Int, $after: String, $search: String) {
      edition(year: $year, revision: $revision) {
        ranking(dimension: $dimension, first: $first, after: $after, filter: { search: $search }) {
          edges { cursor node {
            rank previousRank rankChange score
            project { ${PROJECT_REF} }
            breakdown { key name score }
            indicators { isIllustrative }
          } }
          ${PAGE_INFO}
        }
      }
    }`,
    {
      year: params.year,
      revision: params.revision ?? null,
      dimension: params.dimension,
      first: params.first,
      after: params.after ?? null,
      search: params.search || null,
    },
    { user },
  );
  return data.edition?.ranking ?? null;
}

export interface EvidenceLink {
  id: string;
  value: number;
  sourceUrl: string;
  observedAt: string;
  isIllustrative: boolean;
}

export interface IndicatorScore {
  indicator: { key: string; name: string; nameZh: string | null; unit: string | null };
  raw: number | null;
  normalized: number | null;
  contribution: number;
  isIllustrative: boolean;
  /** No evidence value entered: the missing-value rule decided `normalized` ("no data", never a measured 0). */
  imputed: boolean;
  /** The evidence is older than the indicator's freshness window (dropped when also imputed). */
  stale: boolean;
  ageDays: number | null;
  evidence: EvidenceLink[];
}

export interface ResultDetail {
  dimension: string;
  rank: number;
  previousRank: number | null;
  rankChange: number | null;
  score: number;
  breakdown: { key: string; name: string; score: number }[];
  indicators: IndicatorScore[];
  rankInterval: { rank: number; medianRank: number; p05Rank: number; p95Rank: number } | null;
}

export interface ProjectResults {
  project: ProjectRef & { category: Category };
  results: ResultDetail[];
}

/** A project's results in one edition, with the breakdown and the evidence behind each value. */
export async function getProjectResults(
  user: Caller,
  slug: string,
  year: number,
  revision?: number,
): Promise<ProjectResults | null> {
  const data = await request<
    { project: (ProjectRef & { category: Category; results: ResultDetail[] }) | null },
    { slug: string; year: number; revision: number | null }
  >(
    `query ProjectResults($slug: String!, $year: Int!, $revision: Int) {
      project(slug: $slug) {
        ${PROJECT_REF} category
        results(year: $year, revision: $revision) {
          dimension rank previousRank rankChange score
          breakdown { key name score }
          indicators {
            indicator { key name nameZh unit }
            raw normalized contribution isIllustrative imputed stale ageDays
            evidence { id value sourceUrl observedAt isIllustrative }
          }
          rankInterval { rank medianRank p05Rank p95Rank }
        }
      }
    }`,
    { slug, year, revision: revision ?? null },
    { user },
  );
  if (!data.project) return null;
  const { results, ...project } = data.project;
  return { project, results };
}

export interface Share {
  region: string;
  share: number;
  projects: number;
  score: number;
  topCount: number;
}

export async function getRegionShares(
  user: Caller,
  year: number,
  revision: number | undefined,
  dimension: string | null,
): Promise<Share[]> {
  const data = await request<
    { edition: { regionShares: Share[] } | null },
    { year: number; revision: number | null; dimension: string | null }
  >(
    `query Shares($year: Int!, $revision: Int, $dimension: String) {
      edition(year: $year, revision: $revision) {
        regionShares(dimension: $dimension) { region share projects score topCount(n: 10) }
      }
    }`,
    { year, revision: revision ?? null, dimension },
    { user },
  );
  return data.edition?.regionShares ?? [];
}

export interface RankInterval {
  project: NamedRef;
  rank: number;
  medianRank: number;
  p05Rank: number;
  p95Rank: number;
}

export async function getSensitivity(
  user: Caller,
  year: number,
  revision: number | undefined,
  dimension: string,
): Promise<RankInterval[]> {
  const data = await request<
    { edition: { sensitivity: RankInterval[] } | null },
    { year: number; revision: number | null; dimension: string }
  >(
    `query Sensitivity($year: Int!, $revision: Int, $dimension: String!) {
      edition(year: $year, revision: $revision) {
        sensitivity(dimension: $dimension) { project { slug name nameZh } rank medianRank p05Rank p95Rank }
      }
    }`,
    { year, revision: revision ?? null, dimension },
    { user },
  );
  return data.edition?.sensitivity ?? [];
}

export interface RankMove {
  project: NamedRef;
  rank: number | null;
  previousRank: number | null;
  change: number | null;
  score: number | null;
  previousScore: number | null;
}

export interface EditionChanges {
  previousEdition: { year: number; revision: number; title: string };
  dimensions: { dimension: string; movers: RankMove[]; newEntries: RankMove[]; exits: RankMove[] }[];
}

export async function getChanges(
  user: Caller,
  year: number,
  revision?: number,
): Promise<EditionChanges | null> {
  const move = 'project { slug name nameZh } rank previousRank change score previousScore';
  const data = await request<
    { edition: { changes: EditionChanges | null } | null },
    { year: number; revision: number | null }
  >(
    `query Changes($year: Int!, $revision: Int) {
      edition(year: $year, revision: $revision) {
        changes {
          previousEdition { year revision title }
          dimensions { dimension movers { ${move} } newEntries { ${move} } exits { ${move} } }
        }
      }
    }`,
    { year, revision: revision ?? null },
    { user },
  );
  return data.edition?.changes ?? null;
}

export interface OrganizationStanding {
  rank: number;
  organization: NamedRef & { country: string | null };
  score: number;
  share: number;
  projects: number;
  topCount: number;
}

export async function getOrganizationRanking(
  user: Caller,
  params: { year: number; revision?: number; dimension?: string | null; first: number; after?: string },
): Promise<Connection<OrganizationStanding> | null> {
  const data = await request<
    { edition: { organizationRanking: Connection<OrganizationStanding> } | null },
    { year: number; revision: number | null; dimension: string | null; first: number; after: string | null }
  >(
    `query OrgRanking($year: Int!, $revision: Int, $dimension: String, $first: Int, $after: String) {
      edition(year: $year, revision: $revision) {
        organizationRanking(dimension: $dimension, first: $first, after: $after) {
          edges { cursor node {
            rank score share projects topCount(n: 10)
            organization { slug name nameZh country }
          } }
          ${PAGE_INFO}
        }
      }
    }`,
    {
      year: params.year,
      revision: params.revision ?? null,
      dimension: params.dimension ?? null,
      first: params.first,
      after: params.after ?? null,
    },
    { user },
  );
  return data.edition?.organizationRanking ?? null;
}

/** Region shares of every edition the caller sees (published ones for the public), oldest first. */
export async function getShareTrend(
  user: Caller,
): Promise<{ year: number; revision: number; status: EditionStatus; regionShares: Share[] }[]> {
  const data = await request<{
    editions: { year: number; revision: number; status: EditionStatus; regionShares: Share[] }[];
  }>(
    `query ShareTrend {
      editions { year revision status regionShares { region share projects score topCount(n: 10) } }
    }`,
    undefined,
    { user },
  );
  return [...data.editions].filter((e) => e.status !== 'DRAFT').sort((a, b) => a.year - b.year);
}

/** A project's entries in every edition the caller sees, for its score history. */
export async function getProjectHistory(
  user: Caller,
  slug: string,
  editions: { year: number; revision: number }[],
): Promise<
  { year: number; revision: number; results: { dimension: string; rank: number; score: number }[] }[]
> {
  if (editions.length === 0) return [];
  // One field with the list of editions: the document stays the same however many revisions there are.
  const data = await request<
    { project: { resultsIn: { results: { dimension: string; rank: number; score: number }[] }[] } | null },
    { slug: string; editions: { year: number; revision: number }[] }
  >(
    `query ProjectHistory($slug: String!, $editions: [EditionKeyInput!]!) {
      project(slug: $slug) { resultsIn(editions: $editions) { results { dimension rank score } } }
    }`,
    { slug, editions: editions.map((e) => ({ year: e.year, revision: e.revision })) },
    { user },
  );
  const history = data.project?.resultsIn;
  if (!history) return [];
  return editions.map((e, i) => ({ ...e, results: history[i]?.results ?? [] }));
}

export async function createEdition(
  user: SessionUser,
  input: { year: number; title: string; cutoff: string; methodologyVersion: string | null },
): Promise<EditionSummary> {
  const data = await request<{ createEdition: EditionSummary }, { input: typeof input }>(
    `mutation CreateEdition($input: CreateEditionInput!) { createEdition(input: $input) { ${SUMMARY} } }`,
    { input },
    { user },
  );
  return data.createEdition;
}

export async function computeEdition(user: SessionUser, id: string): Promise<EditionSummary> {
  const data = await request<{ computeEdition: EditionSummary }, { id: string }>(
    `mutation ComputeEdition($id: ID!) { computeEdition(id: $id) { ${SUMMARY} } }`,
    { id },
    { user },
  );
  return data.computeEdition;
}

export async function publishEdition(
  user: SessionUser,
  id: string,
  contentHash: string,
): Promise<EditionSummary> {
  const data = await request<{ publishEdition: EditionSummary }, { id: string; contentHash: string }>(
    `mutation PublishEdition($id: ID!, $contentHash: String!) {
      publishEdition(id: $id, contentHash: $contentHash) { ${SUMMARY} }
    }`,
    { id, contentHash },
    { user },
  );
  return data.publishEdition;
}
