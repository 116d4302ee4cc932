/**
 * SQL of project contacts and of the contest-link outbox (drizzle/0020_project_contacts.sql). The
 * addresses are selected by `findProjectContacts` (staff's `Project.contacts`, the edit) and by
 * `findContestEmail` (the mailer) only.
 */
import { contestEmails, type Executor, projectContacts, queryRows } from '@ranking/schema';
import { asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { ProjectContactRow } from './model';

const contactColumns = {
  id: projectContacts.id,
  projectId: projectContacts.projectId,
  email: projectContacts.email,
  name: projectContacts.name,
  addedBy: projectContacts.addedBy,
  createdAt: projectContacts.createdAt,
  updatedAt: projectContacts.updatedAt,
};

/** The contacts of these projects, in the order they were added. */
export async function findProjectContacts(
  db: Executor,
  projectIds: readonly number[],
): Promise<ProjectContactRow[]> {
  if (projectIds.length === 0) return [];
  return db
    .select(contactColumns)
    .from(projectContacts)
    .where(inArray(projectContacts.projectId, [...projectIds]))
    .orderBy(asc(projectContacts.id));
}

/**
 * Makes the project's contacts exactly `wanted` (matched by address, case-insensitively): removes the
 * others, renames those whose name changed, adds the new ones. Returns what changed.
 */
export async function replaceProjectContacts(
  db: Executor,
  projectId: number,
  wanted: readonly { email: string; name: string | null }[],
  addedBy: number | null,
  now: Date,
): Promise<{ added: number; removed: number; renamed: number; before: number }> {
  const before = await db
    .select(contactColumns)
    .from(projectContacts)
    .where(eq(projectContacts.projectId, projectId))
    .for('update');
  const byAddress = new Map(before.map((c) => [c.email.toLowerCase(), c]));
  const keep = new Set(wanted.map((c) => c.email.toLowerCase()));
  const removed = before.filter((c) => !keep.has(c.email.toLowerCase()));
  if (removed.length > 0)
    await db.delete(projectContacts).where(
      inArray(
        projectContacts.id,
        removed.map((c) => c.id),
      ),
    );
  let added = 0;
  let renamed = 0;
  for (const contact of wanted) {
    const old = byAddress.get(contact.email.toLowerCase());
    if (!old) {
      await db.insert(projectContacts).values({ projectId, ...contact, addedBy });
      added++;
    } else if (old.name !== contact.name || old.email !== contact.email) {
      await db
        .update(projectContacts)
        .set({ name: contact.name, email: contact.email, updatedAt: now })
        .where(eq(projectContacts.id, old.id));
      renamed++;
    }
  }
  return { added, removed: removed.length, renamed, before: before.length };
}

/**
 * Queues a contest-link email for every contact of every project the edition ranks, for these window
 * dates; a contact already queued for the same dates is skipped. Returns how many were queued.
 */
export async function queueContestEmails(
  db: Executor,
  editionId: number,
  opensAt: Date,
  closesAt: Date,
): Promise<number> {
  const rows = await queryRows<{ id: string | number }>(
    db,
    sql`INSERT INTO contest_emails (edition_id, contact_id, opens_at, closes_at)
        SELECT ep.edition_id, pc.id, ${opensAt.toISOString()}::timestamptz, ${closesAt.toISOString()}::timestamptz
        FROM edition_projects ep JOIN project_contacts pc ON pc.project_id = ep.project_id
        WHERE ep.edition_id = ${editionId}
        ORDER BY pc.id
        ON CONFLICT (edition_id, contact_id, opens_at, closes_at) DO NOTHING
        RETURNING id`,
  );
  return rows.length;
}

export interface DueContestEmail {
  id: number;
  attempts: number;
}

/** Claims up to `limit` due contest emails for `leaseMs` (as `claimDueEmails` does for decisions). */
export async function claimDueContestEmails(
  db: Executor,
  now: Date,
  limit: number,
  leaseMs: number,
): Promise<DueContestEmail[]> {
  const rows = await queryRows<{ id: string | number; attempts: number }>(
    db,
    sql`UPDATE contest_emails SET next_attempt_at = ${new Date(now.getTime() + leaseMs).toISOString()}::timestamptz
        WHERE id IN (
          SELECT id FROM contest_emails
          WHERE sent_at IS NULL AND next_attempt_at <= ${now.toISOString()}::timestamptz
          ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
        RETURNING id, attempts`,
  );
  return rows.map((r) => ({ id: Number(r.id), attempts: r.attempts }));
}

/** What one contest email needs: the contact, the project, the edition and its window now. */
export interface ContestEmailDetails {
  to: string;
  name: string | null;
  projectSlug: string;
  projectName: string;
  year: number;
  revision: number;
  editionStatus: string;
  opensAt: Date;
  closesAt: Date;
  /** The edition's window as it is now (null: none). */
  window: { opensAt: Date; closesAt: Date; visibility: string } | null;
}

export async function findContestEmail(db: Executor, id: number): Promise<ContestEmailDetails | null> {
  const [row] = await queryRows<{
    email: string;
    name: string | null;
    slug: string;
    project_name: string;
    year: number;
    revision: number;
    status: string;
    opens_at: string | Date;
    closes_at: string | Date;
    w_opens_at: string | Date | null;
    w_closes_at: string | Date | null;
    w_visibility: string | null;
  }>(
    db,
    sql`SELECT pc.email, pc.name, p.slug, p.name AS project_name, e.year, e.revision, e.status,
          ce.opens_at, ce.closes_at, cw.opens_at AS w_opens_at, cw.closes_at AS w_closes_at,
          cw.visibility AS w_visibility
        FROM contest_emails ce
        JOIN project_contacts pc ON pc.id = ce.contact_id
        JOIN projects p ON p.id = pc.project_id
        JOIN editions e ON e.id = ce.edition_id
        LEFT JOIN contest_windows cw ON cw.edition_id = ce.edition_id
        WHERE ce.id = ${id}`,
  );
  if (!row) return null;
  return {
    to: row.email,
    name: row.name,
    projectSlug: row.slug,
    projectName: row.project_name,
    year: Number(row.year),
    revision: Number(row.revision),
    editionStatus: row.status,
    opensAt: new Date(row.opens_at),
    closesAt: new Date(row.closes_at),
    window:
      row.w_opens_at && row.w_closes_at && row.w_visibility
        ? {
            opensAt: new Date(row.w_opens_at),
            closesAt: new Date(row.w_closes_at),
            visibility: row.w_visibility,
          }
        : null,
  };
}

export async function markContestEmailSent(db: Executor, id: number, at: Date): Promise<void> {
  await db
    .update(contestEmails)
    .set({ sentAt: at, attempts: sql`${contestEmails.attempts} + 1`, lastError: null })
    .where(eq(contestEmails.id, id));
}

export async function markContestEmailFailed(
  db: Executor,
  id: number,
  error: string,
  retryAt: Date,
): Promise<void> {
  await db
    .update(contestEmails)
    .set({
      attempts: sql`${contestEmails.attempts} + 1`,
      lastError: error.slice(0, 500),
      nextAttemptAt: retryAt,
    })
    .where(eq(contestEmails.id, id));
}

/** The earliest time an unsent contest email is due, if any. */
export async function nextContestEmailDue(db: Executor): Promise<Date | null> {
  const [row] = await db
    .select({ at: sql<Date | string | null>`min(${contestEmails.nextAttemptAt})` })
    .from(contestEmails)
    .where(isNull(contestEmails.sentAt));
  return row?.at ? new Date(row.at) : null;
}

/** Adds a contact, or sets the name of the one with this address (case-insensitively) when it differs. */
export async function upsertProjectContact(
  db: Executor,
  values: { projectId: number; email: string; name: string | null; addedBy: number | null },
  now: Date,
): Promise<'added' | 'updated' | 'unchanged'> {
  const [old] = await db
    .select(contactColumns)
    .from(projectContacts)
    .where(
      sql`${projectContacts.projectId} = ${values.projectId} AND lower(${projectContacts.email}) = lower(${values.email})`,
    )
    .for('update');
  if (!old) {
    await db.insert(projectContacts).values(values);
    return 'added';
  }
  if (values.name === null || old.name === values.name) return 'unchanged';
  await db
    .update(projectContacts)
    .set({ name: values.name, updatedAt: now })
    .where(eq(projectContacts.id, old.id));
  return 'updated';
}
