import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import {
  type DatabaseErrorInfo,
  type Executor,
  evidence,
  getDatabaseError,
  indicators,
  methodologies,
  organizations,
  projectOrganizations,
  projects,
  queryRows,
  users,
} from '../src/index';

/** Awaits `action`, expects the database to refuse it, and returns what it said. */
export async function refusal(action: () => Promise<unknown>): Promise<DatabaseErrorInfo> {
  let caught: unknown;
  try {
    await action();
  } catch (error) {
    caught = error;
  }
  expect(caught, 'the database should have refused').toBeDefined();
  const info = getDatabaseError(caught);
  expect(info, `not a database error: ${String(caught)}`).not.toBeNull();
  return info as DatabaseErrorInfo;
}

/** Expects a refusal by the named constraint. */
export async function expectConstraint(action: () => Promise<unknown>, constraint: string): Promise<void> {
  const info = await refusal(action);
  expect({ constraint: info.constraint, message: info.message }).toMatchObject({ constraint });
}

export async function count(db: Executor, table: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql.raw(`SELECT count(*)::int AS n FROM ${table}`));
  return row?.n ?? 0;
}

let sequence = 0;
/** A slug unique within the test run. */
export const uniqueSlug = (prefix: string) => `${prefix}-${++sequence}`;

export interface Basics {
  editorId: number;
  reviewerId: number;
  methodologyId: number;
  organizationId: number;
  projectId: number;
}

/** Users, a methodology, an indicator, an organization and a project to hang test rows on. */
export async function insertBasics(db: Executor): Promise<Basics> {
  const tag = uniqueSlug('basics');
  const [editor] = await db
    .insert(users)
    .values({ email: `editor-${tag}@example.org`, name: 'Editor', passwordHash: 'x', role: 'editor' })
    .returning({ id: users.id });
  const [reviewer] = await db
    .insert(users)
    .values({ email: `reviewer-${tag}@example.org`, name: 'Reviewer', passwordHash: 'x', role: 'reviewer' })
    .returning({ id: users.id });
  await db
    .insert(indicators)
    .values({ key: 'github_stars', name: 'GitHub stars', unit: 'stars' })
    .onConflictDoNothing();
  const [methodology] = await db
    .insert(methodologies)
    .values({ key: 'test-methodology', version: tag, title: 'Test', document: {}, documentHash: 'x' })
    .returning({ id: methodologies.id });
  const [organization] = await db
    .insert(organizations)
    .values({ slug: tag, name: 'Org', kind: 'lab', country: 'CN' })
    .returning({ id: organizations.id });
  const [project] = await db
    .insert(projects)
    .values({ slug: tag, name: 'Project', category: 'model' })
    .returning({ id: projects.id });
  if (!editor || !reviewer || !methodology || !organization || !project)
    throw new Error('fixture insert failed');
  await db
    .insert(projectOrganizations)
    .values({ projectId: project.id, organizationId: organization.id, position: 0 });
  return {
    editorId: editor.id,
    reviewerId: reviewer.id,
    methodologyId: methodology.id,
    organizationId: organization.id,
    projectId: project.id,
  };
}

/** Inserts one evidence row (approved unless told otherwise) and returns its id. */
export async function insertEvidence(
  db: Executor,
  basics: Basics,
  values: Partial<typeof evidence.$inferInsert> = {},
): Promise<number> {
  const url = `https://github.com/example/${uniqueSlug('repo')}`;
  const status = values.status ?? 'approved';
  const [row] = await db
    .insert(evidence)
    .values({
      projectId: basics.projectId,
      indicatorKey: 'github_stars',
      value: 100,
      sourceUrl: url,
      canonicalUrl: url,
      observedAt: '2026-01-01',
      sourceKind: 'github',
      submittedBy: basics.editorId,
      status,
      reviewedBy: status === 'pending' ? null : basics.reviewerId,
      reviewedAt: status === 'pending' ? null : new Date(),
      reviewNote: status === 'rejected' ? 'not reproducible' : null,
      ...values,
    })
    .returning({ id: evidence.id });
  if (!row) throw new Error('evidence insert failed');
  return row.id;
}
