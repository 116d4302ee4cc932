/** Organizations: catalogue reads and curation (scope evidence:write). */
import { ORGANIZATION_KINDS, type OrganizationKind } from '@ranking/schema';
import { requireScope } from '../../auth/actor';
import type { ServiceContext } from '../../context';
import { badInput, conflict, notFound } from '../../errors';
import { type Connection, type PageArgs, pageWindow, toConnection } from '../../lib/pagination';
import { inTransaction } from '../../lib/transaction';
import { optionalHttpUrl, optionalText, requireCountry, requireSlug, requireText } from '../../lib/validate';
import { recordAudit } from '../audit/service';
import type { ProjectRow } from '../projects/model';
import {
  findOrganizationsBySlugs,
  insertOrganization,
  listOrganizations as listOrganizationRows,
  type OrganizationFilter,
  type OrganizationRow,
  type OrganizationValues,
  updateOrganizationRow,
} from './store';

/** The parent of `OrganizationConnection` resolvers (its `totalCount` is counted only when selected). */
export type OrganizationConnectionModel = Connection<OrganizationRow>;

export async function getOrganization(ctx: ServiceContext, slug: string): Promise<OrganizationRow | null> {
  ctx.cache.mark('public');
  return ctx.loaders.organizationBySlug.load(slug);
}

export async function getOrganizationById(ctx: ServiceContext, id: number): Promise<OrganizationRow> {
  const row = await ctx.loaders.organizationById.load(id);
  if (!row) throw notFound('Organization');
  return row;
}

export async function listOrganizations(
  ctx: ServiceContext,
  filter: OrganizationFilter,
  page: PageArgs,
): Promise<Connection<OrganizationRow>> {
  ctx.cache.mark('public');
  const window = pageWindow(page);
  const { rows, count } = await listOrganizationRows(ctx.db, filter, window);
  for (const row of rows) ctx.loaders.organizationById.prime(row.id, row);
  return toConnection(rows, window, count);
}

export async function organizationProjects(
  ctx: ServiceContext,
  organizationId: number,
): Promise<ProjectRow[]> {
  const ids = await ctx.loaders.projectIdsByOrganizationId.load(organizationId);
  const rows = await ctx.loaders.projectById.loadMany(ids);
  return rows
    .flatMap((r) => (r && !(r instanceof Error) ? [r] : []))
    .sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}

export interface OrganizationInput {
  slug?: string;
  name?: string | null;
  nameZh?: string | null;
  country?: string | null;
  kind?: OrganizationKind | null;
  url?: string | null;
}

function validatePatch(input: OrganizationInput): Partial<Omit<OrganizationValues, 'slug'>> {
  const patch: Partial<Omit<OrganizationValues, 'slug'>> = {};
  const has = (key: keyof OrganizationInput) => Object.hasOwn(input, key) && input[key] !== undefined;
  if (has('name')) {
    if (input.name === null) throw badInput('name', 'name must not be empty');
    patch.name = requireText('name', input.name ?? '', 200);
  }
  if (has('nameZh')) patch.nameZh = optionalText('nameZh', input.nameZh, 200);
  if (has('country')) patch.country = requireCountry('country', input.country);
  if (has('kind')) {
    if (!input.kind || !ORGANIZATION_KINDS.includes(input.kind)) throw badInput('kind', 'Unknown kind');
    patch.kind = input.kind;
  }
  if (has('url')) patch.url = optionalHttpUrl('url', input.url);
  return patch;
}

export async function createOrganization(
  ctx: ServiceContext,
  input: OrganizationInput & { slug: string },
): Promise<OrganizationRow> {
  requireScope(ctx.actor, 'evidence:write');
  const slug = requireSlug('slug', input.slug);
  const patch = validatePatch(input);
  if (patch.name === undefined) throw badInput('name', 'name is required');
  if (patch.kind === undefined) throw badInput('kind', 'kind is required');
  return inTransaction(ctx, async (tx) => {
    const [existing] = await findOrganizationsBySlugs(tx, [slug]);
    if (existing) throw conflict(`An organization ${slug} exists already`);
    const row = await insertOrganization(tx, {
      slug,
      name: patch.name ?? slug,
      nameZh: patch.nameZh ?? null,
      country: patch.country ?? null,
      kind: patch.kind ?? 'company',
      url: patch.url ?? null,
    });
    await recordAudit(tx, ctx, {
      action: 'organization.create',
      entityType: 'organization',
      entityId: row.id,
      after: row,
    });
    return row;
  });
}

export async function updateOrganization(
  ctx: ServiceContext,
  slug: string,
  input: OrganizationInput,
): Promise<OrganizationRow> {
  requireScope(ctx.actor, 'evidence:write');
  const patch = validatePatch(input);
  return inTransaction(ctx, async (tx) => {
    const [before] = await findOrganizationsBySlugs(tx, [slug]);
    if (!before) throw notFound('Organization');
    const row = await updateOrganizationRow(tx, before.id, patch);
    await recordAudit(tx, ctx, {
      action: 'organization.update',
      entityType: 'organization',
      entityId: row.id,
      before,
      after: row,
    });
    return row;
  });
}

/** Organizations by slug, in no particular order (unknown slugs are left out); for another module's checks. */
export async function listOrganizationsBySlugs(
  ctx: ServiceContext,
  slugs: readonly string[],
): Promise<OrganizationRow[]> {
  return findOrganizationsBySlugs(ctx.db, slugs);
}
