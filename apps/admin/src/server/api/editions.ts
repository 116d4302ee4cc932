/** Editions, rankings and their analyses (apps/api/src/modules/editions/schema.graphql). */
import 'server-only';
import { graphql } from '@/graphql/generated';
import type {
  ChangesQuery,
  EditionQuery,
  EditionSummaryFieldsFragment,
  ErrataQuery,
  OrgRankingQuery,
  ProjectHistoryQuery,
  ProjectResultsQuery,
  RankingQuery,
  RegionShareFieldsFragment,
  SensitivityQuery,
  ShareRuleKey,
  ShareTrendQuery,
} from '@/graphql/generated/graphql';
import { ApiError, request } from '../graphql';
import type { SessionUser } from '../session-user';

type Caller = SessionUser | null;

export type { EditionStatus, ShareRuleKey } from '@/graphql/generated/graphql';
export type EditionSummary = EditionSummaryFieldsFragment;
export type EditionDetail = NonNullable<EditionQuery['edition']>;
type ProjectResultsProject = NonNullable<ProjectResultsQuery['project']>;
export type ResultDetail = ProjectResultsProject['results'][number];
export type ProjectResults = { project: Omit<ProjectResultsProject, 'results'>; results: ResultDetail[] };
export type Share = RegionShareFieldsFragment;
export type EditionChanges = NonNullable<NonNullable<ChangesQuery['edition']>['changes']>;
export type RankMove = EditionChanges['dimensions'][number]['movers'][number];
type HistoryResult = NonNullable<ProjectHistoryQuery['project']>['resultsIn'][number]['results'][number];

graphql(`
  fragment EditionSummaryFields on Edition {
    id year revision title status cutoff computedAt publishedAt contentHash doi isDefaultRevision
    methodology { id version }
  }
`);

graphql(`
  fragment ProjectRefFields on Project {
    slug name nameZh country primaryOrganization { slug name nameZh }
  }
`);

graphql(`
  fragment RegionShareFields on Share {
    region share projects score topCount(n: 10)
  }
`);

graphql(`
  fragment RankMoveFields on RankMove {
    project { slug name nameZh } rank previousRank change score previousScore
  }
`);

const EDITIONS = graphql(`
  query Editions($allRevisions: Boolean) {
    editions(allRevisions: $allRevisions) { ...EditionSummaryFields }
  }
`);

const EDITION = graphql(`
  query Edition($year: Int!, $revision: Int) {
    edition(year: $year, revision: $revision) {
      ...EditionSummaryFields
      dimensions { key name category }
      valueCounts { measured illustrative imputed stale brokenLinks flagged total }
      disputeCounts { raised accepted rejected open withdrawn }
      contestWindow { closesAt visibility isOpen }
      previousEdition { id year revision title }
      sensitivityParameters { samples seed delta }
    }
  }
`);

const RANKING = graphql(`
  query Ranking($year: Int!, $revision: Int, $dimension: String!, $first: Int, $after: String, $search: String) {
    edition(year: $year, revision: $revision) {
      ranking(dimension: $dimension, first: $first, after: $after, filter: { search: $search }) {
        edges {
          cursor
          node {
            rank previousRank rankChange score
            project { ...ProjectRefFields }
            breakdown { key name score }
            indicators { isIllustrative }
          }
        }
        pageInfo { hasNextPage endCursor }
        totalCount
      }
    }
  }
`);

const PROJECT_RESULTS = graphql(`
  query ProjectResults($slug: String!, $year: Int!, $revision: Int) {
    project(slug: $slug) {
      ...ProjectRefFields
      category
      results(year: $year, revision: $revision) {
        dimension rank previousRank rankChange score
        breakdown { key name score }
        indicators {
          indicator { key name nameZh unit }
          raw normalized contribution isIllustrative imputed stale ageDays
          evidence { id value sourceUrl observedAt isIllustrative link { status archivedUrl archivedAt } }
        }
        rankInterval { rank medianRank p05Rank p95Rank }
      }
    }
  }
`);

const SHARES = graphql(`
  query Shares($year: Int!, $revision: Int, $dimension: String) {
    edition(year: $year, revision: $revision) {
      regionShares(dimension: $dimension) { ...RegionShareFields }
      shareRule { key }
    }
  }
`);

const SENSITIVITY = graphql(`
  query Sensitivity($year: Int!, $revision: Int, $dimension: String!) {
    edition(year: $year, revision: $revision) {
      sensitivity(dimension: $dimension) { project { slug name nameZh } rank medianRank p05Rank p95Rank }
    }
  }
`);

const CHANGES = graphql(`
  query Changes($year: Int!, $revision: Int) {
    edition(year: $year, revision: $revision) {
      changes {
        previousEdition { year revision title }
        dimensions {
          dimension
          movers { ...RankMoveFields }
          newEntries { ...RankMoveFields }
          exits { ...RankMoveFields }
        }
      }
    }
  }
`);

const ORG_RANKING = graphql(`
  query OrgRanking($year: Int!, $revision: Int, $dimension: String, $first: Int, $after: String) {
    edition(year: $year, revision: $revision) {
      organizationRanking(dimension: $dimension, first: $first, after: $after) {
        edges {
          cursor
          node {
            rank score share projects topCount(n: 10)
            organization { slug name nameZh country }
          }
        }
        pageInfo { hasNextPage endCursor }
        totalCount
      }
    }
  }
`);

const SHARE_TREND = graphql(`
  query ShareTrend {
    editions { year revision status regionShares { ...RegionShareFields } }
  }
`);

const PROJECT_HISTORY = graphql(`
  query ProjectHistory($slug: String!, $editions: [EditionKeyInput!]!) {
    project(slug: $slug) { resultsIn(editions: $editions) { results { dimension rank score } } }
  }
`);

const CREATE_EDITION = graphql(`
  mutation CreateEdition($input: CreateEditionInput!) {
    createEdition(input: $input) { ...EditionSummaryFields }
  }
`);

const COMPUTE_EDITION = graphql(`
  mutation ComputeEdition($id: ID!) {
    computeEdition(id: $id) { ...EditionSummaryFields }
  }
`);

const PUBLISH_EDITION = graphql(`
  mutation PublishEdition($id: ID!, $contentHash: String!) {
    publishEdition(id: $id, contentHash: $contentHash) { ...EditionSummaryFields }
  }
`);

const SET_EDITION_DOI = graphql(`
  mutation SetEditionDoi($id: ID!, $doi: String) {
    setEditionDoi(id: $id, doi: $doi) { ...EditionSummaryFields }
  }
`);

export async function listEditions(user: Caller, allRevisions = false): Promise<EditionSummary[]> {
  const data = await request(EDITIONS, { allRevisions }, { user });
  return data.editions;
}

export async function getEdition(
  user: Caller,
  year: number,
  revision?: number,
  contestToken?: string,
): Promise<EditionDetail | null> {
  // A year without an edition the caller may see is NOT_FOUND (naming the years); pages show their 404.
  const data = await request(EDITION, { year, revision: revision ?? null }, { user, contestToken }).catch(
    (error: unknown) => {
      if (error instanceof ApiError && error.code === 'NOT_FOUND') return { edition: null };
      throw error;
    },
  );
  return data.edition;
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
    /** A project contact's contest token (a CONTACTS window's draft). */
    contestToken?: string;
  },
): Promise<NonNullable<RankingQuery['edition']>['ranking'] | null> {
  const data = await request(
    RANKING,
    {
      year: params.year,
      revision: params.revision ?? null,
      dimension: params.dimension,
      first: params.first,
      after: params.after ?? null,
      search: params.search || null,
    },
    { user, contestToken: params.contestToken },
  );
  return data.edition?.ranking ?? null;
}

/** A project's results in one edition, with the breakdown and the evidence behind each value. */
export async function getProjectResults(
  user: Caller,
  slug: string,
  year: number,
  revision?: number,
  contestToken?: string,
): Promise<ProjectResults | null> {
  const data = await request(
    PROJECT_RESULTS,
    { slug, year, revision: revision ?? null },
    { user, contestToken },
  );
  if (!data.project) return null;
  const { results, ...project } = data.project;
  return { project, results };
}

export async function getRegionShares(
  user: Caller,
  year: number,
  revision: number | undefined,
  dimension: string | null,
  contestToken?: string,
): Promise<Share[]> {
  const data = await request(SHARES, { year, revision: revision ?? null, dimension }, { user, contestToken });
  return data.edition?.regionShares ?? [];
}

/** The shares over all dimensions and the rule (`Edition.shareRule`) they follow. */
export async function getOverallShares(
  user: Caller,
  year: number,
  revision: number | undefined,
): Promise<{ shares: Share[]; rule: ShareRuleKey | null }> {
  const data = await request(SHARES, { year, revision: revision ?? null, dimension: null }, { user });
  return { shares: data.edition?.regionShares ?? [], rule: data.edition?.shareRule.key ?? null };
}

export async function getSensitivity(
  user: Caller,
  year: number,
  revision: number | undefined,
  dimension: string,
): Promise<NonNullable<SensitivityQuery['edition']>['sensitivity']> {
  const data = await request(SENSITIVITY, { year, revision: revision ?? null, dimension }, { user });
  return data.edition?.sensitivity ?? [];
}

export async function getChanges(
  user: Caller,
  year: number,
  revision?: number,
): Promise<EditionChanges | null> {
  const data = await request(CHANGES, { year, revision: revision ?? null }, { user });
  return data.edition?.changes ?? null;
}

export async function getOrganizationRanking(
  user: Caller,
  params: { year: number; revision?: number; dimension?: string | null; first: number; after?: string },
): Promise<NonNullable<OrgRankingQuery['edition']>['organizationRanking'] | null> {
  const data = await request(
    ORG_RANKING,
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

const ERRATA = graphql(`
  query Errata($year: Int!) {
    edition(year: $year) {
      year title
      revisions {
        revision status publishedAt correctionPolicy correctionCause
        errata {
          correctedRevision indicator oldValue newValue cause disputeId decidedAt
          project { slug name nameZh }
          dimensions { dimension oldScore newScore oldRank newRank }
        }
      }
    }
  }
`);

export type ErrataEdition = NonNullable<ErrataQuery['edition']>;

/** Every revision of a year the caller sees, each with its dated errata (docs/corrections.md). */
export async function getErrata(user: Caller, year: number): Promise<ErrataEdition | null> {
  try {
    const data = await request(ERRATA, { year }, { user });
    return data.edition ?? null;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

/** Region shares of every edition the caller sees (published ones for the public), oldest first. */
export async function getShareTrend(user: Caller): Promise<ShareTrendQuery['editions']> {
  const data = await request(SHARE_TREND, {}, { user });
  return [...data.editions].filter((e) => e.status !== 'DRAFT').sort((a, b) => a.year - b.year);
}

/** A project's entries in every edition the caller sees, for its score history. */
export async function getProjectHistory(
  user: Caller,
  slug: string,
  editions: { year: number; revision: number }[],
): Promise<{ year: number; revision: number; results: HistoryResult[] }[]> {
  if (editions.length === 0) return [];
  // One field with the list of editions: the document stays the same however many revisions there are.
  const data = await request(
    PROJECT_HISTORY,
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
  const data = await request(CREATE_EDITION, { input }, { user });
  return data.createEdition;
}

export async function computeEdition(user: SessionUser, id: string): Promise<EditionSummary> {
  const data = await request(COMPUTE_EDITION, { id }, { user });
  return data.computeEdition;
}

export async function publishEdition(
  user: SessionUser,
  id: string,
  contentHash: string,
): Promise<EditionSummary> {
  const data = await request(PUBLISH_EDITION, { id, contentHash }, { user });
  return data.publishEdition;
}

/** Sets or clears (null) an edition revision's DOI; the API normalises and checks it. */
export async function setEditionDoi(
  user: SessionUser,
  id: string,
  doi: string | null,
): Promise<EditionSummary> {
  const data = await request(SET_EDITION_DOI, { id, doi }, { user });
  return data.setEditionDoi;
}
