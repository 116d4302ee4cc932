/**
 * Project contacts (docs/disputes.md, "Project contacts"): the people a CONTACTS contest window sends
 * a signed link to the draft. Managed by editors (`evidence:write`) with `setProjectContacts`, read by
 * them (`Project.contacts`); never public, never in the audit log (counts only) or in a log line.
 */

import { z } from 'zod';
import { actorUserId, requireScope } from '../../auth/actor';
import type { ServiceContext } from '../../context';
import { badInput, notFound } from '../../errors';
import { type ProjectCsvProblem, readProjectCsv } from '../../lib/project-csv';
import { inTransaction } from '../../lib/transaction';
import { recordAudit } from '../audit/service';
import { findProjectContacts, replaceProjectContacts, upsertProjectContact } from './contacts-store';
import type { ProjectContactRow } from './model';
import { MAX_CONTACT_LENGTH } from './service';

/** At most this many contacts per project. */
export const MAX_PROJECT_CONTACTS = 20;
/** The longest contact name. */
export const MAX_CONTACT_NAME_LENGTH = 200;

export interface ProjectContactInput {
  email: string;
  name?: string | null | undefined;
}

const emailSchema = z.email();

/** Checks a list of contacts; the first bad entry throws BAD_USER_INPUT naming `contacts[I].field`. */
export function checkProjectContacts(
  contacts: readonly ProjectContactInput[],
): { email: string; name: string | null }[] {
  if (contacts.length > MAX_PROJECT_CONTACTS)
    throw badInput('contacts', `At most ${MAX_PROJECT_CONTACTS} contacts per project`);
  const firstAt = new Map<string, number>();
  return contacts.map((contact, i) => {
    const email = (contact.email ?? '').trim();
    // The message says what is valid, not the value: an address is personal data, kept out of logs.
    if (email === '') throw badInput(`contacts[${i}].email`, `contacts[${i}].email must not be empty`);
    if (email.length > MAX_CONTACT_LENGTH || !emailSchema.safeParse(email).success)
      throw badInput(
        `contacts[${i}].email`,
        `contacts[${i}].email must be an email address (at most ${MAX_CONTACT_LENGTH} characters)`,
      );
    const earlier = firstAt.get(email.toLowerCase());
    if (earlier !== undefined)
      throw badInput(`contacts[${i}].email`, `contacts[${i}] repeats the address of contacts[${earlier}]`);
    firstAt.set(email.toLowerCase(), i);
    const name = (contact.name ?? '').trim();
    if (name.length > MAX_CONTACT_NAME_LENGTH)
      throw badInput(
        `contacts[${i}].name`,
        `contacts[${i}].name must be at most ${MAX_CONTACT_NAME_LENGTH} characters`,
      );
    return { email, name: name || null };
  });
}

/**
 * `setProjectContacts`: makes the project's contacts exactly `contacts` (matched by address,
 * case-insensitively; a new name updates one). All or nothing; the audit entry `project.contacts`
 * counts what changed and names no address.
 */
export async function setProjectContacts(
  ctx: ServiceContext,
  slug: string,
  contacts: readonly ProjectContactInput[],
) {
  requireScope(ctx.actor, 'evidence:write');
  const wanted = checkProjectContacts(contacts);
  const project = await ctx.loaders.projectBySlug.load(slug);
  if (!project) throw notFound('Project');
  await inTransaction(ctx, async (tx) => {
    const change = await replaceProjectContacts(
      tx,
      project.id,
      wanted,
      actorUserId(ctx.actor),
      ctx.deps.now(),
    );
    if (change.added + change.removed + change.renamed > 0)
      await recordAudit(tx, ctx, {
        action: 'project.contacts',
        entityType: 'project',
        entityId: project.id,
        before: { contacts: change.before },
        after: {
          contacts: wanted.length,
          added: change.added,
          removed: change.removed,
          renamed: change.renamed,
        },
      });
  });
  return project;
}

export type ContactsImportProblem = ProjectCsvProblem;

export interface ContactsImportReport {
  status: 'imported' | 'dry-run' | 'refused';
  rows: number;
  /** Contacts added (dry run: that would be). */
  added: number;
  /** Contacts whose name the file changed. */
  updated: number;
  problems: ContactsImportProblem[];
}

/**
 * `ranking contacts import FILE.csv`: header `project,email` and optionally `name` (any order). Every
 * row is checked first (the rules of `setProjectContacts`); one bad row refuses the file, each problem
 * with its line — and never the address, which is personal data. Otherwise one transaction adds the
 * new contacts and sets the names given (it never removes one) and one audit entry counts them.
 */
export async function importProjectContacts(
  ctx: ServiceContext,
  input: AsyncIterable<Uint8Array>,
  options: { dryRun?: boolean } = {},
): Promise<ContactsImportReport> {
  requireScope(ctx.actor, 'evidence:write');
  const firstLine = new Map<string, number>();
  const { rows, parsed, problems } = await readProjectCsv<{ email: string; name: string | null }>(
    input,
    {
      required: ['project', 'email'],
      optional: ['name'],
      row: (field, { line, project }) => {
        let checked: { email: string; name: string | null } | undefined;
        try {
          [checked] = checkProjectContacts([{ email: field('email'), name: field('name') }]);
        } catch (error) {
          return error instanceof Error && /\.name /.test(error.message)
            ? { column: 'name', message: `name must be at most ${MAX_CONTACT_NAME_LENGTH} characters` }
            : {
                column: 'email',
                message: `email must be an email address (at most ${MAX_CONTACT_LENGTH} characters)`,
              };
        }
        if (!checked) return null;
        const key = `${project}\u0000${checked.email.toLowerCase()}`;
        const earlier = firstLine.get(key);
        if (earlier !== undefined)
          return { column: 'email', message: `repeats the contact of line ${earlier}` };
        firstLine.set(key, line);
        return { value: checked };
      },
    },
    async (slug) => (await ctx.loaders.projectBySlug.load(slug))?.id,
  );
  if (problems.length > 0) return { status: 'refused', rows, added: 0, updated: 0, problems };
  const counts = { added: 0, updated: 0, unchanged: 0 };
  const apply = async (tx: Parameters<Parameters<typeof inTransaction>[1]>[0]) => {
    for (const { projectId, value } of parsed)
      counts[
        await upsertProjectContact(
          tx,
          { projectId, email: value.email, name: value.name, addedBy: actorUserId(ctx.actor) },
          ctx.deps.now(),
        )
      ]++;
  };
  if (options.dryRun) {
    // Counted inside a transaction that is rolled back: the same rule as the import, nothing written.
    await ctx.db
      .transaction(async (tx) => {
        await apply(tx);
        throw new DryRun();
      })
      .catch((error: unknown) => {
        if (!(error instanceof DryRun)) throw error;
      });
    return { status: 'dry-run', rows, added: counts.added, updated: counts.updated, problems };
  }
  await inTransaction(ctx, async (tx) => {
    await apply(tx);
    await recordAudit(tx, ctx, {
      action: 'contacts.import',
      entityType: 'project_contacts',
      entityId: null,
      after: { rows, added: counts.added, updated: counts.updated },
    });
  });
  return { status: 'imported', rows, added: counts.added, updated: counts.updated, problems };
}

class DryRun extends Error {}

/** `Project.contacts` (staff: the field rule needs `evidence:write`). */
export async function projectContacts(ctx: ServiceContext, projectId: number): Promise<ProjectContactRow[]> {
  requireScope(ctx.actor, 'evidence:write');
  ctx.cache.mark('private');
  return findProjectContacts(ctx.db, [projectId]);
}
