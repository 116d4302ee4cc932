/** Projects: catalogue reads and curation (scope evidence:write). */
import {
  type Executor,
  PROJECT_CATEGORIES,
  PROJECT_STATUSES,
  type ProjectCategory,
  type ProjectStatus,
} from '@ranking/schema';
import { requireScope } from '../../auth/actor';
import type { ServiceContext } from '../../context';
import { badInput, conflict, notFound } from '../../errors';
import { type Connection, type PageArgs, pageWindow, toConnection } from '../../lib/pagination';
import { inTransaction } from '../../lib/transaction';
import { optionalHttpUrl, optionalText, requireSlug, requireText } from '../../lib/validate';
import { recordAudit } from '../audit/service';
import type { OrganizationRow } from '../organizations/model';
import { listOrganizationsBySlugs } from '../organizations/service';
import { ORGANIZATIONS_OF_PROJECT } from './loaders';
import type { ProjectFilter } from './model';
import {
  findProjectsBySlugs,
  insertProject,
  listProjects as listProjectRows,
  listProjectsForScoring as listScoringProjectRows,
  type ProjectRow,
  type ProjectValues,
  replaceProjectOrganizations,
  type ScoringProjectRow,
  updateProjectRow,
} from './store';

/** The parent of `ProjectConnection` resolvers (its `totalCount` is counted only when selected). */
export type ProjectConnectionModel = Connection<ProjectRow>;

/**
 * One project by slug. `withOrganizations` (the caller will ask for its organizations) reads them in
 * the same statement and leaves them in the loaders `projectOrganizations` answers from.
 */
export async function getProject(
  ctx: ServiceContext,
  slug: string,
  options: { withOrganizations?: boolean } = {},
): Promise<ProjectRow | null> {
  ctx.cache.mark('public');
  if (!options.withOrganizations) return ctx.loaders.projectBySlug.load(slug);
  const loaded = await ctx.loaders.projectWithOrganizationsBySlug.load(slug);
  if (!loaded) return null;
  ctx.loaders.projectBySlug.prime(slug, loaded.project);
  ctx.loaders.projectById.prime(loaded.project.id, loaded.project);
  primeOrganizations(ctx, loaded.project.id, loaded.organizations);
  return loaded.project;
}

/** A page of projects; `withOrganizations` as for `getProject`. */
export async function listProjects(
  ctx: ServiceContext,
  filter: ProjectFilter,
  page: PageArgs,
  options: { withOrganizations?: boolean } = {},
): Promise<Connection<ProjectRow>> {
  ctx.cache.mark('public');
  const window = pageWindow(page);
  const { rows, count } = await listProjectRows(ctx.db, filter, window, options);
  for (const { project, organizations } of rows) {
    ctx.loaders.projectById.prime(project.id, project);
    if (organizations) primeOrganizations(ctx, project.id, organizations);
  }
  return toConnection(
    rows.map((r) => r.project),
    window,
    count,
  );
}

/** Organizations read along with their project, for `projectOrganizations` to answer from. */
function primeOrganizations(ctx: ServiceContext, projectId: number, rows: OrganizationRow[]): void {
  ctx.loaders.organizationsByProjectId.prime(projectId, rows);
  for (const row of rows) ctx.loaders.organizationById.prime(row.id, row);
}

export async function getProjectById(ctx: ServiceContext, id: number): Promise<ProjectRow> {
  const row = await ctx.loaders.projectById.load(id);
  if (!row) throw notFound('Project');
  return row;
}

/**
 * Organizations of a project, primary first, when the row cache holds them; else undefined.
 * Synchronous, for the pages that show each entry's organizations.
 */
export function keptOrganizations(ctx: ServiceContext, projectId: number): OrganizationRow[] | undefined {
  return ctx.deps.rowCache.peekMany<OrganizationRow[]>(ORGANIZATIONS_OF_PROJECT, [projectId])?.[0];
}

/** Organizations of a project, primary first. */
export async function projectOrganizations(
  ctx: ServiceContext,
  projectId: number,
): Promise<OrganizationRow[]> {
  const rows = await ctx.loaders.organizationsByProjectId.load(projectId);
  for (const row of rows) ctx.loaders.organizationById.prime(row.id, row);
  return rows;
}

export interface ProjectInput {
  slug?: string;
  name?: string | null;
  nameZh?: string | null;
  category?: ProjectCategory | null;
  organizations?: readonly string[] | null;
  repositoryUrl?: string | null;
  huggingfaceUrl?: string | null;
  homepageUrl?: string | null;
  license?: string | null;
  firstRelease?: string | null;
  status?: ProjectStatus | null;
}

function checkFirstRelease(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (!/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/.test(value)) {
    throw badInput('firstRelease', 'firstRelease must be YYYY, YYYY-MM or YYYY-MM-DD');
  }
  return value;
}

/** Validates every present field; `has(key)` tells an absent field from an explicit null. */
function validatePatch(input: ProjectInput): Partial<Omit<ProjectValues, 'slug'>> {
  const patch: Partial<Omit<ProjectValues, 'slug'>> = {};
  const has = (key: keyof ProjectInput) => Object.hasOwn(input, key) && input[key] !== undefined;
  if (has('name')) {
    if (input.name === null) throw badInput('name', 'name must not be empty');
    patch.name = requireText('name', input.name ?? '', 200);
  }
  if (has('nameZh')) patch.nameZh = optionalText('nameZh', input.nameZh, 200);
  if (has('category')) {
    if (!input.category || !PROJECT_CATEGORIES.includes(input.category))
      throw badInput('category', 'Unknown category');
    patch.category = input.category;
  }
  if (has('repositoryUrl')) patch.repositoryUrl = optionalHttpUrl('repositoryUrl', input.repositoryUrl);
  if (has('huggingfaceUrl')) patch.huggingfaceUrl = optionalHttpUrl('huggingfaceUrl', input.huggingfaceUrl);
  if (has('homepageUrl')) patch.homepageUrl = optionalHttpUrl('homepageUrl', input.homepageUrl);
  if (has('license')) patch.license = optionalText('license', input.license, 200);
  if (has('firstRelease')) patch.firstRelease = checkFirstRelease(input.firstRelease);
  if (has('status')) {
    if (!input.status || !PROJECT_STATUSES.includes(input.status)) throw badInput('status', 'Unknown status');
    patch.status = input.status;
  }
  return patch;
}

async function resolveOrganizations(
  ctx: ServiceContext,
  slugs: readonly string[],
): Promise<OrganizationRow[]> {
  if (new Set(slugs).size !== slugs.length) throw badInput('organizations', 'organizations must not repeat');
  if (slugs.length > 20) throw badInput('organizations', 'At most 20 organizations');
  const rows = await listOrganizationsBySlugs(ctx, slugs);
  const bySlug = new Map(rows.map((r) => [r.slug, r]));
  return slugs.map((slug) => {
    const row = bySlug.get(slug);
    if (!row) throw badInput('organizations', `Unknown organization ${slug}`);
    return row;
  });
}

export async function createProject(
  ctx: ServiceContext,
  input: ProjectInput & { slug: string },
): Promise<ProjectRow> {
  requireScope(ctx.actor, 'evidence:write');
  const slug = requireSlug('slug', input.slug);
  const patch = validatePatch({ ...input, status: input.status ?? 'active' });
  if (patch.name === undefined) throw badInput('name', 'name is required');
  if (patch.category === undefined) throw badInput('category', 'category is required');
  const orgs = await resolveOrganizations(ctx, input.organizations ?? []);
  return inTransaction(ctx, async (tx) => {
    const [existing] = await findProjectsBySlugs(tx, [slug]);
    if (existing) throw conflict(`A project ${slug} exists already`);
    const values: ProjectValues = {
      slug,
      name: patch.name ?? slug,
      nameZh: patch.nameZh ?? null,
      category: patch.category ?? 'model',
      repositoryUrl: patch.repositoryUrl ?? null,
      huggingfaceUrl: patch.huggingfaceUrl ?? null,
      homepageUrl: patch.homepageUrl ?? null,
      license: patch.license ?? null,
      firstRelease: patch.firstRelease ?? null,
      status: patch.status ?? 'active',
    };
    const row = await insertProject(tx, values);
    await replaceProjectOrganizations(
      tx,
      row.id,
      orgs.map((o) => o.id),
    );
    await recordAudit(tx, ctx, {
      action: 'project.create',
      entityType: 'project',
      entityId: row.id,
      after: { ...row, organizations: orgs.map((o) => o.slug) },
    });
    return row;
  });
}

export async function updateProject(
  ctx: ServiceContext,
  slug: string,
  input: ProjectInput,
): Promise<ProjectRow> {
  requireScope(ctx.actor, 'evidence:write');
  const patch = validatePatch(input);
  const orgs = input.organizations ? await resolveOrganizations(ctx, input.organizations) : undefined;
  return inTransaction(ctx, async (tx) => {
    const [before] = await findProjectsBySlugs(tx, [slug]);
    if (!before) throw notFound('Project');
    const row = await updateProjectRow(tx, before.id, patch);
    if (orgs) {
      await replaceProjectOrganizations(
        tx,
        row.id,
        orgs.map((o) => o.id),
      );
    }
    await recordAudit(tx, ctx, {
      action: 'project.update',
      entityType: 'project',
      entityId: row.id,
      before,
      after: { ...row, ...(orgs ? { organizations: orgs.map((o) => o.slug) } : {}) },
    });
    return row;
  });
}

/**
 * The catalogue's projects as the scoring engine takes them (slug, category, primary organization
 * and its country), read through `db` — inside a transaction, its `tx`. Only for editions computed
 * before project snapshots existed (editions/scoring-service.ts); no scope check: the caller checked
 * its own.
 */
export async function listProjectsForScoring(db: Executor): Promise<ScoringProjectRow[]> {
  return listScoringProjectRows(db);
}
