/**
 * The demo data: the real catalog (70 organizations, 118 projects), every shipped methodology version
 * (2026.1 and the default 2026.2), demo users, measured and illustrative evidence. Idempotent: a second run inserts nothing. Editions are
 * not created here: the API's `ranking seed` creates and computes them through its service.
 */
import { canonicalizeUrl, type Role } from '@ranking/contracts';
import { inArray, sql } from 'drizzle-orm';
import { type Catalog, loadCatalog } from './catalog';
import type { DatabaseHandle, Executor } from './db';
import { buildDemoEvidence } from './demo-evidence';
import { loadMethodology, METHODOLOGY_VERSIONS, outlineMethodology, storeMethodology } from './methodology';
import { hashPassword } from './password';
import { evidence, organizations, projectOrganizations, projects, users } from './tables';

export const DEMO_PASSWORD = 'demo-password';

/** One demo user per role, all `@example.org`. */
export const DEMO_USERS: readonly { email: string; name: string; role: Role }[] = [
  { email: 'admin@example.org', name: 'Demo Admin', role: 'admin' },
  { email: 'editor@example.org', name: 'Demo Editor', role: 'editor' },
  { email: 'reviewer@example.org', name: 'Demo Reviewer', role: 'reviewer' },
  { email: 'publisher@example.org', name: 'Demo Publisher', role: 'publisher' },
  { email: 'viewer@example.org', name: 'Demo Viewer', role: 'viewer' },
];

export interface SeedDemoOptions {
  /** Password of every demo user; `demo-password` by default. */
  password?: string | undefined;
  /** Create the demo users (default true). */
  users?: boolean | undefined;
  /** Another catalog directory (same files as `data/catalog/`). */
  catalogDir?: string | undefined;
  /** Another methodology document, stored instead of the shipped versions (default: 2026.1 and 2026.2). */
  methodology?: unknown;
  /** Rows per multi-row INSERT (default 1000). */
  batchSize?: number | undefined;
}

/** Rows inserted by one run (all zero when everything was already there). */
export interface SeedSummary {
  organizations: number;
  projects: number;
  projectOrganizations: number;
  methodologies: number;
  indicators: number;
  users: number;
  measuredEvidence: number;
  illustrativeEvidence: number;
  /** Id of the last stored methodology (new or existing): the default version, or `methodology`'s. */
  methodologyId: number;
}

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

async function idsBySlug(
  db: Executor,
  table: typeof projects | typeof organizations,
  slugs: string[],
): Promise<Map<string, number>> {
  const map = new Map<string, number>();
  for (const part of chunks(slugs, 5000)) {
    const rows = await db
      .select({ id: table.id, slug: table.slug })
      .from(table)
      .where(inArray(table.slug, part));
    for (const row of rows) map.set(row.slug, row.id);
  }
  return map;
}

/**
 * Loads the demo data in one transaction.
 * @throws {MethodologyConflictError} when another document is stored under the methodology's version.
 * @throws {CatalogError} for a malformed catalog file.
 */
export async function seedDemo(handle: DatabaseHandle, options: SeedDemoOptions = {}): Promise<SeedSummary> {
  const catalog: Catalog = loadCatalog(options.catalogDir);
  // Oldest first, so the default (newest) version is also the most recently stored one, which is what
  // an edition created without a methodology version is scored with.
  const documents =
    options.methodology === undefined ? METHODOLOGY_VERSIONS.map(loadMethodology) : [options.methodology];
  const document = documents[documents.length - 1];
  const outline = outlineMethodology(document);
  const demoEvidence = buildDemoEvidence(catalog, outline);
  const batchSize = options.batchSize ?? 1000;

  // Hash passwords (slow on purpose) only for users not there yet, before the transaction.
  const wantedUsers = options.users === false ? [] : DEMO_USERS;
  const existing =
    wantedUsers.length === 0
      ? []
      : await handle.db
          .select({ email: users.email })
          .from(users)
          .where(
            inArray(
              sql`lower(${users.email})`,
              wantedUsers.map((u) => u.email),
            ),
          );
  const existingEmails = new Set(existing.map((u) => u.email.toLowerCase()));
  const password = options.password ?? DEMO_PASSWORD;
  const newUsers = await Promise.all(
    wantedUsers
      .filter((u) => !existingEmails.has(u.email))
      .map(async (u) => ({ ...u, passwordHash: await hashPassword(password) })),
  );

  return handle.db.transaction(async (tx) => {
    const summary: SeedSummary = {
      organizations: 0,
      projects: 0,
      projectOrganizations: 0,
      methodologies: 0,
      indicators: 0,
      users: 0,
      measuredEvidence: 0,
      illustrativeEvidence: 0,
      methodologyId: 0,
    };

    for (const item of documents) {
      const stored = await storeMethodology(tx, item);
      summary.methodologyId = stored.id;
      if (stored.inserted) summary.methodologies++;
      summary.indicators += stored.indicatorsChanged;
    }

    if (newUsers.length > 0) {
      const inserted = await tx
        .insert(users)
        .values(newUsers)
        .onConflictDoNothing()
        .returning({ id: users.id });
      summary.users = inserted.length;
    }

    for (const part of chunks(catalog.organizations, batchSize)) {
      const inserted = await tx
        .insert(organizations)
        .values(part)
        .onConflictDoNothing({ target: organizations.slug })
        .returning({ id: organizations.id });
      summary.organizations += inserted.length;
    }
    for (const part of chunks(catalog.projects, batchSize)) {
      const inserted = await tx
        .insert(projects)
        .values(part.map(({ organizationSlugs: _, ...project }) => project))
        .onConflictDoNothing({ target: projects.slug })
        .returning({ id: projects.id });
      summary.projects += inserted.length;
    }

    const organizationIds = await idsBySlug(
      tx,
      organizations,
      catalog.organizations.map((o) => o.slug),
    );
    const projectIds = await idsBySlug(
      tx,
      projects,
      catalog.projects.map((p) => p.slug),
    );
    const links = catalog.projects.flatMap((project) =>
      project.organizationSlugs.map((slug, position) => {
        const projectId = projectIds.get(project.slug);
        const organizationId = organizationIds.get(slug);
        if (projectId === undefined || organizationId === undefined) {
          throw new Error(`catalog project ${project.slug} names unknown organization ${slug}`);
        }
        return { projectId, organizationId, position };
      }),
    );
    for (const part of chunks(links, batchSize)) {
      // No conflict target: a project whose organizations were since edited keeps the edit.
      const inserted = await tx
        .insert(projectOrganizations)
        .values(part)
        .onConflictDoNothing()
        .returning({ projectId: projectOrganizations.projectId });
      summary.projectOrganizations += inserted.length;
    }
    // Source identifiers from the catalog's repository and Hugging Face URLs (drizzle/0010_collection.sql).
    await tx.execute(sql`SELECT project_sources_from_urls()`);

    const evidenceRows = demoEvidence.map((row) => {
      const projectId = projectIds.get(row.project);
      if (projectId === undefined) throw new Error(`evidence for unknown project ${row.project}`);
      return {
        projectId,
        indicatorKey: row.indicator,
        value: row.value,
        sourceUrl: row.sourceUrl,
        canonicalUrl: canonicalizeUrl(row.sourceUrl),
        observedAt: row.observedAt,
        retrievedAt: new Date(row.retrievedAt),
        sourceKind: row.sourceKind,
        note: row.note,
        isIllustrative: row.isIllustrative,
        status: 'approved' as const,
        submittedBy: null,
        submittedAt: new Date(row.retrievedAt),
        reviewedBy: null,
        reviewedAt: new Date(row.retrievedAt),
      };
    });
    for (const part of chunks(evidenceRows, batchSize)) {
      const inserted = await tx
        .insert(evidence)
        .values(part)
        .onConflictDoNothing()
        .returning({ isIllustrative: evidence.isIllustrative });
      for (const row of inserted) {
        if (row.isIllustrative) summary.illustrativeEvidence++;
        else summary.measuredEvidence++;
      }
    }
    return summary;
  });
}
