/** SQL for organizations. */
import { type Executor, type OrganizationKind, organizations, projectOrganizations } from '@ranking/schema';
import { and, asc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { OrganizationRow } from './model';

export type { OrganizationRow } from './model';

export const organizationColumns = {
  id: organizations.id,
  slug: organizations.slug,
  name: organizations.name,
  nameZh: organizations.nameZh,
  country: organizations.country,
  kind: organizations.kind,
  url: organizations.url,
};

/**
 * An organization row as a JSON object with the keys of `OrganizationRow`, for statements that
 * aggregate organizations into one value (every column is text or integer, so JSON keeps it exact).
 */
export const organizationJson = sql`json_build_object(${sql.join(
  Object.entries(organizationColumns).map(([key, column]) => sql`${sql.raw(`'${key}'`)}, ${column}`),
  sql`, `,
)})`;

export async function findOrganizationsByIds(
  db: Executor,
  ids: readonly number[],
): Promise<OrganizationRow[]> {
  if (ids.length === 0) return [];
  return db
    .select(organizationColumns)
    .from(organizations)
    .where(inArray(organizations.id, [...ids]));
}

export async function findOrganizationsBySlugs(
  db: Executor,
  slugs: readonly string[],
): Promise<OrganizationRow[]> {
  if (slugs.length === 0) return [];
  return db
    .select(organizationColumns)
    .from(organizations)
    .where(inArray(organizations.slug, [...slugs]));
}

export interface OrganizationFilter {
  country?: string | null | undefined;
  kind?: OrganizationKind | null | undefined;
  search?: string | null | undefined;
}

export async function listOrganizations(
  db: Executor,
  filter: OrganizationFilter,
  window: { limit: number; offset: number },
): Promise<{ rows: OrganizationRow[]; count: () => Promise<number> }> {
  const conditions: SQL[] = [];
  if (filter.country) conditions.push(eq(organizations.country, filter.country.toUpperCase()));
  if (filter.kind) conditions.push(eq(organizations.kind, filter.kind));
  if (filter.search) {
    const pattern = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const match = or(ilike(organizations.slug, pattern), ilike(organizations.name, pattern));
    if (match) conditions.push(match);
  }
  const rows = await db
    .select(organizationColumns)
    .from(organizations)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(organizations.slug))
    .limit(window.limit + 1)
    .offset(window.offset);
  return { rows, count: () => countOrganizations(db, conditions) };
}

async function countOrganizations(db: Executor, conditions: SQL[]): Promise<number> {
  const [row] = await db
    .select({ total: sql<number>`count(*)`.mapWith(Number) })
    .from(organizations)
    .where(conditions.length ? and(...conditions) : undefined);
  return row?.total ?? 0;
}

export interface OrganizationValues {
  slug: string;
  name: string;
  nameZh: string | null;
  country: string | null;
  kind: OrganizationKind;
  url: string | null;
}

export async function insertOrganization(db: Executor, values: OrganizationValues): Promise<OrganizationRow> {
  const [row] = await db.insert(organizations).values(values).returning(organizationColumns);
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function updateOrganizationRow(
  db: Executor,
  id: number,
  patch: Partial<Omit<OrganizationValues, 'slug'>>,
): Promise<OrganizationRow> {
  const [row] = await db
    .update(organizations)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(organizations.id, id))
    .returning(organizationColumns);
  if (!row) throw new Error('update returned no row');
  return row;
}

/** Project ids per organization id, for `Organization.projects`. */
export async function findProjectIdsByOrganizationIds(
  db: Executor,
  organizationIds: readonly number[],
): Promise<{ organizationId: number; projectId: number }[]> {
  if (organizationIds.length === 0) return [];
  return db
    .select({
      organizationId: projectOrganizations.organizationId,
      projectId: projectOrganizations.projectId,
    })
    .from(projectOrganizations)
    .where(inArray(projectOrganizations.organizationId, [...organizationIds]));
}
