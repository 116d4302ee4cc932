/** Projects and organizations (apps/api/src/modules/{projects,organizations}/schema.graphql). */
import 'server-only';
import { request } from '../graphql';
import type { SessionUser } from '../session-user';
import type { Category, Connection, NamedRef } from './common';
import { PAGE_INFO } from './common';

type Caller = SessionUser | null;

export type ProjectStatus = 'ACTIVE' | 'ARCHIVED';
export type OrganizationKind = 'COMPANY' | 'UNIVERSITY' | 'LAB' | 'FOUNDATION' | 'COMMUNITY';
export const ORGANIZATION_KINDS: readonly OrganizationKind[] = [
  'COMPANY',
  'UNIVERSITY',
  'LAB',
  'FOUNDATION',
  'COMMUNITY',
];

export interface ProjectRow extends NamedRef {
  category: Category;
  country: string | null;
  status: ProjectStatus;
  primaryOrganization: NamedRef | null;
}

export interface ProjectDetail extends ProjectRow {
  id: string;
  organizations: (NamedRef & { country: string | null })[];
  repositoryUrl: string | null;
  huggingfaceUrl: string | null;
  homepageUrl: string | null;
  license: string | null;
  firstRelease: string | null;
}

const PROJECT_ROW = 'slug name nameZh category country status primaryOrganization { slug name nameZh }';
const PROJECT_DETAIL = `id ${PROJECT_ROW} organizations { slug name nameZh country }
  repositoryUrl huggingfaceUrl homepageUrl license firstRelease`;

export interface ProjectFilter {
  search?: string | null;
  category?: Category | null;
  organization?: string | null;
}

export async function findProjects(
  user: Caller,
  filter: ProjectFilter,
  first: number,
  after?: string | null,
): Promise<Connection<ProjectRow>> {
  const data = await request<
    { projects: Connection<ProjectRow> },
    { filter: ProjectFilter; first: number; after: string | null }
  >(
    `query Projects($filter: ProjectFilter, $first: Int, $after: String) {
      projects(filter: $filter, first: $first, after: $after) {
        edges { cursor node { ${PROJECT_ROW} } }
        ${PAGE_INFO}
      }
    }`,
    { filter, first, after: after ?? null },
    { user },
  );
  return data.projects;
}

export async function getProject(user: Caller, slug: string): Promise<ProjectDetail | null> {
  const data = await request<{ project: ProjectDetail | null }, { slug: string }>(
    `query Project($slug: String!) { project(slug: $slug) { ${PROJECT_DETAIL} } }`,
    { slug },
    { user },
  );
  return data.project;
}

export interface ProjectInput {
  name: string;
  nameZh: string | null;
  category: Category;
  organizations: string[];
  repositoryUrl: string | null;
  huggingfaceUrl: string | null;
  homepageUrl: string | null;
  license: string | null;
  firstRelease: string | null;
  status: ProjectStatus;
}

export async function createProject(
  user: SessionUser,
  input: ProjectInput & { slug: string },
): Promise<ProjectDetail> {
  const data = await request<{ createProject: ProjectDetail }, { input: ProjectInput & { slug: string } }>(
    `mutation CreateProject($input: CreateProjectInput!) { createProject(input: $input) { ${PROJECT_DETAIL} } }`,
    { input },
    { user },
  );
  return data.createProject;
}

export async function updateProject(
  user: SessionUser,
  slug: string,
  input: ProjectInput,
): Promise<ProjectDetail> {
  const data = await request<{ updateProject: ProjectDetail }, { slug: string; input: ProjectInput }>(
    `mutation UpdateProject($slug: String!, $input: UpdateProjectInput!) {
      updateProject(slug: $slug, input: $input) { ${PROJECT_DETAIL} }
    }`,
    { slug, input },
    { user },
  );
  return data.updateProject;
}

export interface OrganizationRow extends NamedRef {
  country: string | null;
  kind: OrganizationKind;
  url: string | null;
}

export interface OrganizationDetail extends OrganizationRow {
  id: string;
  projects: ProjectRow[];
}

const ORG_ROW = 'slug name nameZh country kind url';

export interface OrganizationFilter {
  search?: string | null;
  kind?: OrganizationKind | null;
  country?: string | null;
}

export async function findOrganizations(
  user: Caller,
  filter: OrganizationFilter,
  first: number,
  after?: string | null,
): Promise<Connection<OrganizationRow>> {
  const data = await request<
    { organizations: Connection<OrganizationRow> },
    { filter: OrganizationFilter; first: number; after: string | null }
  >(
    `query Organizations($filter: OrganizationFilter, $first: Int, $after: String) {
      organizations(filter: $filter, first: $first, after: $after) {
        edges { cursor node { ${ORG_ROW} } }
        ${PAGE_INFO}
      }
    }`,
    { filter, first, after: after ?? null },
    { user },
  );
  return data.organizations;
}

export async function getOrganization(user: Caller, slug: string): Promise<OrganizationDetail | null> {
  const data = await request<{ organization: OrganizationDetail | null }, { slug: string }>(
    `query Organization($slug: String!) {
      organization(slug: $slug) { id ${ORG_ROW} projects { ${PROJECT_ROW} } }
    }`,
    { slug },
    { user },
  );
  return data.organization;
}

export interface OrganizationInput {
  name: string;
  nameZh: string | null;
  country: string | null;
  kind: OrganizationKind;
  url: string | null;
}

export async function createOrganization(
  user: SessionUser,
  input: OrganizationInput & { slug: string },
): Promise<OrganizationRow> {
  const data = await request<
    { createOrganization: OrganizationRow },
    { input: OrganizationInput & { slug: string } }
  >(
    `mutation CreateOrganization($input: CreateOrganizationInput!) { createOrganization(input: $input) { ${ORG_ROW} } }`,
    { input },
    { user },
  );
  return data.createOrganization;
}

export async function updateOrganization(
  user: SessionUser,
  slug: string,
  input: OrganizationInput,
): Promise<OrganizationRow> {
  const data = await request<
    { updateOrganization: OrganizationRow },
    { slug: string; input: OrganizationInput }
  >(
    `mutation UpdateOrganization($slug: String!, $input: UpdateOrganizationInput!) {
      updateOrganization(slug: $slug, input: $input) { ${ORG_ROW} }
    }`,
    { slug, input },
    { user },
  );
  return data.updateOrganization;
}
