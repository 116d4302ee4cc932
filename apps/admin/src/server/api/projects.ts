/** Projects and organizations (apps/api/src/modules/{projects,organizations}/schema.graphql). */
import 'server-only';
import { graphql } from '@/graphql/generated';
import type {
  CreateOrganizationInput,
  CreateProjectInput,
  OrganizationFilter as OrganizationFilterInput,
  OrganizationKind as OrganizationKindEnum,
  OrganizationQuery,
  OrganizationRowFieldsFragment,
  OrganizationsQuery,
  ProjectDetailFieldsFragment,
  ProjectFilter as ProjectFilterInput,
  ProjectRowFieldsFragment,
  ProjectStatus as ProjectStatusEnum,
  ProjectsQuery,
} from '@/graphql/generated/graphql';
import { enumValues } from '@/lib/enum-values';
import { request } from '../graphql';
import type { SessionUser } from '../session-user';

type Caller = SessionUser | null;

export type ProjectStatus = ProjectStatusEnum;
export type OrganizationKind = OrganizationKindEnum;
export const ORGANIZATION_KINDS = enumValues<OrganizationKind>()(
  'COMPANY',
  'UNIVERSITY',
  'LAB',
  'FOUNDATION',
  'COMMUNITY',
);

export type ProjectRow = ProjectRowFieldsFragment;
export type ProjectDetail = ProjectDetailFieldsFragment;
export type ProjectFilter = ProjectFilterInput;
/** What the project form sends, every field (an update clears what is left empty); `slug` on creation only. */
export type ProjectInput = Required<Omit<CreateProjectInput, 'slug'>>;

graphql(`
  fragment ProjectRowFields on Project {
    slug name nameZh category country status primaryOrganization { slug name nameZh }
  }
`);

graphql(`
  fragment ProjectDetailFields on Project {
    id
    ...ProjectRowFields
    organizations { slug name nameZh country }
    repositoryUrl huggingfaceUrl homepageUrl license firstRelease
  }
`);

const PROJECTS = graphql(`
  query Projects($filter: ProjectFilter, $first: Int, $after: String) {
    projects(filter: $filter, first: $first, after: $after) {
      edges { cursor node { ...ProjectRowFields } }
      pageInfo { hasNextPage endCursor }
      totalCount
    }
  }
`);

const PROJECT = graphql(`
  query Project($slug: String!) {
    project(slug: $slug) { ...ProjectDetailFields }
  }
`);

const CREATE_PROJECT = graphql(`
  mutation CreateProject($input: CreateProjectInput!) {
    createProject(input: $input) { ...ProjectDetailFields }
  }
`);

const UPDATE_PROJECT = graphql(`
  mutation UpdateProject($slug: String!, $input: UpdateProjectInput!) {
    updateProject(slug: $slug, input: $input) { ...ProjectDetailFields }
  }
`);

export async function findProjects(
  user: Caller,
  filter: ProjectFilter,
  first: number,
  after?: string | null,
): Promise<ProjectsQuery['projects']> {
  const data = await request(PROJECTS, { filter, first, after: after ?? null }, { user });
  return data.projects;
}

export async function getProject(user: Caller, slug: string): Promise<ProjectDetail | null> {
  const data = await request(PROJECT, { slug }, { user });
  return data.project;
}

export async function createProject(
  user: SessionUser,
  input: ProjectInput & { slug: string },
): Promise<ProjectDetail> {
  const data = await request(CREATE_PROJECT, { input }, { user });
  return data.createProject;
}

export async function updateProject(
  user: SessionUser,
  slug: string,
  input: ProjectInput,
): Promise<ProjectDetail> {
  const data = await request(UPDATE_PROJECT, { slug, input }, { user });
  return data.updateProject;
}

export type OrganizationRow = OrganizationRowFieldsFragment;
export type OrganizationDetail = NonNullable<OrganizationQuery['organization']>;
export type OrganizationFilter = OrganizationFilterInput;
/** What the organization form sends, every field; `slug` on creation only. */
export type OrganizationInput = Required<Omit<CreateOrganizationInput, 'slug'>>;

graphql(`
  fragment OrganizationRowFields on Organization {
    slug name nameZh country kind url
  }
`);

const ORGANIZATIONS = graphql(`
  query Organizations($filter: OrganizationFilter, $first: Int, $after: String) {
    organizations(filter: $filter, first: $first, after: $after) {
      edges { cursor node { ...OrganizationRowFields } }
      pageInfo { hasNextPage endCursor }
      totalCount
    }
  }
`);

const ORGANIZATION = graphql(`
  query Organization($slug: String!) {
    organization(slug: $slug) { id ...OrganizationRowFields projects { ...ProjectRowFields } }
  }
`);

const CREATE_ORGANIZATION = graphql(`
  mutation CreateOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) { ...OrganizationRowFields }
  }
`);

const UPDATE_ORGANIZATION = graphql(`
  mutation UpdateOrganization($slug: String!, $input: UpdateOrganizationInput!) {
    updateOrganization(slug: $slug, input: $input) { ...OrganizationRowFields }
  }
`);

export async function findOrganizations(
  user: Caller,
  filter: OrganizationFilter,
  first: number,
  after?: string | null,
): Promise<OrganizationsQuery['organizations']> {
  const data = await request(ORGANIZATIONS, { filter, first, after: after ?? null }, { user });
  return data.organizations;
}

export async function getOrganization(user: Caller, slug: string): Promise<OrganizationDetail | null> {
  const data = await request(ORGANIZATION, { slug }, { user });
  return data.organization;
}

export async function createOrganization(
  user: SessionUser,
  input: OrganizationInput & { slug: string },
): Promise<OrganizationRow> {
  const data = await request(CREATE_ORGANIZATION, { input }, { user });
  return data.createOrganization;
}

export async function updateOrganization(
  user: SessionUser,
  slug: string,
  input: OrganizationInput,
): Promise<OrganizationRow> {
  const data = await request(UPDATE_ORGANIZATION, { slug, input }, { user });
  return data.updateOrganization;
}
