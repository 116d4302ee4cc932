/** SQL for projects and their ordered organizations. */
import {
  type Executor,
  organizations,
  type ProjectCategory,
  projectOrganizations,
  projects,
} from '@ranking/schema';
import { and, asc, eq, exists, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import { QueryBuilder } from 'drizzle-orm/pg-core';
import { type PreparedStatement, prepared } from '../../lib/prepared';
import { type OrganizationRow, organizationColumns, organizationJson } from '../organizations/store';
import type { ProjectFilter, ProjectRow } from './model';

export type { ProjectRow } from './model';

export const projectColumns = {
  id: projects.id,
  slug: projects.slug,
  name: projects.name,
  nameZh: projects.nameZh,
  category: projects.category,
  repositoryUrl: projects.repositoryUrl,
  huggingfaceUrl: projects.huggingfaceUrl,
  homepageUrl: projects.homepageUrl,
  license: projects.license,
  firstRelease: projects.firstRelease,
  status: projects.status,
};

export async function findProjectsByIds(db: Executor, ids: readonly number[]): Promise<ProjectRow[]> {
  if (ids.length === 0) return [];
  return db
    .select(projectColumns)
    .from(projects)
    .where(inArray(projects.id, [...ids]));
}

/**
 * Rows of projects by slug: a single slug — the lookup of `project(slug:)` — through a statement
 * prepared as `name`, several through one `IN` list.
 */
async function bySlugs<R>(
  db: Executor,
  name: string,
  slugs: readonly string[],
  select: (where: SQL) => PromiseLike<R[]> & { prepare(name: string): PreparedStatement<R[]> },
): Promise<R[]> {
  if (slugs.length === 0) return [];
  if (slugs.length === 1)
    return prepared(db, name, (n) => select(eq(projects.slug, sql.placeholder('slug'))).prepare(n)).execute({
      slug: slugs[0],
    });
  return select(inArray(projects.slug, [...slugs]));
}

export function findProjectsBySlugs(db: Executor, slugs: readonly string[]): Promise<ProjectRow[]> {
  return bySlugs(db, 'project_by_slug', slugs, (where) =>
    db.select(projectColumns).from(projects).where(where),
  );
}

/** The organizations of the project of the enclosing statement, as one JSON array, primary first. */
const organizationsOfProject = new QueryBuilder()
  .select({ list: sql`json_agg(${organizationJson} order by ${projectOrganizations.position})` })
  .from(projectOrganizations)
  .innerJoin(organizations, eq(organizations.id, projectOrganizations.organizationId))
  .where(eq(projectOrganizations.projectId, projects.id));

/**
 * A project's organizations as `OrganizationRow`s, primary first (`[]` without any): a column for
 * selects from `projects`, so that a project comes with its organizations in the statement that
 * reads it. The correlated subquery is a query builder rather than SQL text on purpose: drizzle
 * writes the top-level columns of a single-table select unqualified, which would turn the
 * correlation into `"project_id" = "id"`. Both drivers parse json into objects.
 */
export const projectOrganizationsJson = sql<OrganizationRow[]>`coalesce(${organizationsOfProject}, '[]')`;

export interface ProjectWithOrganizations {
  project: ProjectRow;
  /** Primary first. */
  organizations: OrganizationRow[];
}

/** Projects by slug with their organizations: one statement. */
export function findProjectsWithOrganizationsBySlugs(
  db: Executor,
  slugs: readonly string[],
): Promise<ProjectWithOrganizations[]> {
  return bySlugs(db, 'project_with_organizations_by_slug', slugs, (where) =>
    db
      .select({ project: projectColumns, organizations: projectOrganizationsJson })
      .from(projects)
      .where(where),
  );
}

/** A project as the scoring engine sees it: category, primary organization and its country. */
export interface ScoringProjectRow {
  id: number;
  slug: string;
  category: ProjectCategory;
  organization: string | null;
  country: string | null;
}

/** Every project with its primary organization's slug and country: the population for scoring. */
export async function listProjectsForScoring(db: Executor): Promise<ScoringProjectRow[]> {
  return db
    .select({
      id: projects.id,
      slug: projects.slug,
      category: projects.category,
      organization: organizations.slug,
      country: organizations.country,
    })
    .from(projects)
    .leftJoin(
      projectOrganizations,
      and(eq(projectOrganizations.projectId, projects.id), eq(projectOrganizations.position, 0)),
    )
    .leftJoin(organizations, eq(organizations.id, projectOrganizations.organizationId))
    .orderBy(asc(projects.slug));
}

export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Conditions on `projects` for a filter; also used by the ranking query. */
export function projectConditions(db: Executor, filter: ProjectFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.category) conditions.push(eq(projects.category, filter.category));
  if (filter.status) conditions.push(eq(projects.status, filter.status));
  if (filter.search) {
    const match = or(
      ilike(projects.slug, likePattern(filter.search)),
      ilike(projects.name, likePattern(filter.search)),
    );
    if (match) conditions.push(match);
  }
  if (filter.organization) {
    conditions.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(projectOrganizations)
          .innerJoin(organizations, eq(organizations.id, projectOrganizations.organizationId))
          .where(
            and(eq(projectOrganizations.projectId, projects.id), eq(organizations.slug, filter.organization)),
          ),
      ),
    );
  }
  if (filter.country) {
    conditions.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(projectOrganizations)
          .innerJoin(organizations, eq(organizations.id, projectOrganizations.organizationId))
          .where(
            and(
              eq(projectOrganizations.projectId, projects.id),
              eq(projectOrganizations.position, 0),
              eq(organizations.country, filter.country.toUpperCase()),
            ),
          ),
      ),
    );
  }
  return conditions;
}

/** A row of a project page: its organizations only when asked for, null otherwise. */
export interface ProjectListRow {
  project: ProjectRow;
  organizations: OrganizationRow[] | null;
}

export async function listProjects(
  db: Executor,
  filter: ProjectFilter,
  window: { limit: number; offset: number },
  options: { withOrganizations?: boolean } = {},
): Promise<{ rows: ProjectListRow[]; count: () => Promise<number> }> {
  const conditions = projectConditions(db, filter);
  const condition = conditions.length ? and(...conditions) : undefined;
  const rows = await db
    .select({
      project: projectColumns,
      organizations: options.withOrganizations ? projectOrganizationsJson : sql<null>`null`,
    })
    .from(projects)
    .where(condition)
    .orderBy(asc(projects.slug))
    .limit(window.limit + 1)
    .offset(window.offset);
  const count = async () => {
    const [row] = await db
      .select({ total: sql<number>`count(*)`.mapWith(Number) })
      .from(projects)
      .where(condition);
    return row?.total ?? 0;
  };
  return { rows, count };
}

/** The organizations of each project with their rows, primary first: one statement for a page. */
export async function findProjectOrganizations(
  db: Executor,
  projectIds: readonly number[],
): Promise<{ projectId: number; organization: OrganizationRow }[]> {
  if (projectIds.length === 0) return [];
  return db
    .select({ projectId: projectOrganizations.projectId, organization: organizationColumns })
    .from(projectOrganizations)
    .innerJoin(organizations, eq(organizations.id, projectOrganizations.organizationId))
    .where(inArray(projectOrganizations.projectId, [...projectIds]))
    .orderBy(asc(projectOrganizations.projectId), asc(projectOrganizations.position));
}

/** The columns of a new project: everything but its id. */
export type ProjectValues = Omit<ProjectRow, 'id'>;

export async function insertProject(db: Executor, values: ProjectValues): Promise<ProjectRow> {
  const [row] = await db.insert(projects).values(values).returning(projectColumns);
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function updateProjectRow(
  db: Executor,
  id: number,
  patch: Partial<Omit<ProjectValues, 'slug'>>,
): Promise<ProjectRow> {
  const [row] = await db
    .update(projects)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(projects.id, id))
    .returning(projectColumns);
  if (!row) throw new Error('update returned no row');
  return row;
}

/** Replaces a project's organizations with the given ids, positions 0…n−1 (0 is primary). */
export async function replaceProjectOrganizations(
  db: Executor,
  projectId: number,
  organizationIds: readonly number[],
): Promise<void> {
  await db.delete(projectOrganizations).where(eq(projectOrganizations.projectId, projectId));
  if (organizationIds.length === 0) return;
  await db
    .insert(projectOrganizations)
    .values(organizationIds.map((organizationId, position) => ({ projectId, organizationId, position })));
}
