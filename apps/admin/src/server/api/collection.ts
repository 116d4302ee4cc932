/** Evidence collection runs (apps/api/src/modules/collection/schema.graphql). */
import 'server-only';
import { graphql } from '@/graphql/generated';
import type {
  CollectionRunFieldsFragment,
  CollectionRunQuery,
  ProjectSourcesQuery,
} from '@/graphql/generated/graphql';
import { request } from '../graphql';
import type { SessionUser } from '../session-user';

/** What the run list, the run page and their live parts show of a run (the polled part). */
export type RunSummary = CollectionRunFieldsFragment;
export type RunDetail = NonNullable<CollectionRunQuery['collectionRun']>;
export type ProjectSource = NonNullable<ProjectSourcesQuery['project']>['sources'][number];

graphql(`
  fragment CollectionRunFields on CollectionRun {
    id status sources projects error requestedBy createdAt startedAt finishedAt findingCount
    progress { done total }
    counts { source added unchanged failed }
  }
`);

const COLLECTION_RUNS = graphql(`
  query CollectionRuns($first: Int) {
    collectionRuns(first: $first) { ...CollectionRunFields }
  }
`);

const COLLECTION_RUN_PROGRESS = graphql(`
  query CollectionRunProgress($id: ID!) {
    collectionRun(id: $id) { ...CollectionRunFields }
  }
`);

const COLLECTION_RUN = graphql(`
  query CollectionRun($id: ID!, $first: Int, $after: String) {
    collectionRun(id: $id) {
      ...CollectionRunFields
      findings { project source kind identifier indicator message renamedTo }
      evidence(first: $first, after: $after) {
        edges { node { ...EvidenceFields } }
        pageInfo { hasNextPage endCursor }
        totalCount
      }
    }
  }
`);

const START_COLLECTION = graphql(`
  mutation StartCollection($input: StartCollectionInput!) {
    startCollection(input: $input) { id }
  }
`);

const CANCEL_COLLECTION = graphql(`
  mutation CancelCollection($id: ID!) {
    cancelCollection(id: $id) { ...CollectionRunFields }
  }
`);

const PROJECT_SOURCES = graphql(`
  query ProjectSources($slug: String!) {
    project(slug: $slug) { sources { kind identifier } }
  }
`);

const SET_PROJECT_SOURCES = graphql(`
  mutation SetProjectSources($project: String!, $sources: [ProjectSourceInput!]!) {
    setProjectSources(project: $project, sources: $sources) { sources { kind identifier } }
  }
`);

/** The newest runs first. */
export async function listCollectionRuns(user: SessionUser, first = 50): Promise<RunSummary[]> {
  const data = await request(COLLECTION_RUNS, { first }, { user });
  return data.collectionRuns;
}

/** The polled part of one run (the live islands' JSON route). */
export async function getRunProgress(user: SessionUser, id: string): Promise<RunSummary | null> {
  const data = await request(COLLECTION_RUN_PROGRESS, { id }, { user });
  return data.collectionRun;
}

/** One run with its findings and a page of the evidence it added. */
export async function getCollectionRun(
  user: SessionUser,
  id: string,
  first: number,
  after: string | null,
): Promise<RunDetail | null> {
  const data = await request(COLLECTION_RUN, { id, first, after }, { user });
  return data.collectionRun;
}

export async function startCollection(
  user: SessionUser,
  input: { sources: string[]; projects: string[] },
): Promise<string> {
  const data = await request(START_COLLECTION, { input }, { user });
  return data.startCollection.id;
}

export async function cancelCollection(user: SessionUser, id: string): Promise<RunSummary> {
  const data = await request(CANCEL_COLLECTION, { id }, { user });
  return data.cancelCollection;
}

export async function getProjectSources(user: SessionUser, slug: string): Promise<ProjectSource[]> {
  const data = await request(PROJECT_SOURCES, { slug }, { user });
  return data.project?.sources ?? [];
}

/** Replaces the project's identifiers (`setProjectSources`); returns them as stored (normalised). */
export async function setProjectSources(
  user: SessionUser,
  slug: string,
  sources: ProjectSource[],
): Promise<ProjectSource[]> {
  const data = await request(SET_PROJECT_SOURCES, { project: slug, sources }, { user });
  return data.setProjectSources.sources;
}
