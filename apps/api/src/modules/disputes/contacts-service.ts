/**
 * Project contacts (docs/disputes.md, "Project contacts"): the people a CONTACTS contest window sends
 * a signed link to the draft. Managed by editors (`evidence:write`) with `setProjectContacts`, read by
 * them (`Project.contacts`); never public, never in the audit log (counts only) or in a log line.
 */

import { readCsvStream } from '@ranking/scoring';
import { z } from 'zod';
import { actorUserId, requireScope } from '../../auth/actor';
import type { ServiceContext } from '../../context';
import { badInput, notFound } from '../../errors';
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

export interface ContactsImportProblem {
  line: number;
  column: string | null;
  message: string;
}

export interface ContactsImportReport {
  status: 'imported' | 'dry-run' | 'refused';
  rows: number;
  /** Contacts added (dry run: that would be). */
  added: number;
  /** Contacts whose name the file changed. */
  updated: number;
  problems: ContactsImportProblem[];
}

const CONTACT_COLUMNS = ['project', 'email', 'name'] as const;

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
  const problems: ContactsImportProblem[] = [];
  const parsed: { line: number; project: string; email: string; name: string | null }[] = [];
  const firstLine = new Map<string, number>();
  let columns: Record<string, number> | undefined;
  let rows = 0;
  for await (const item of readCsvStream(input, { blankLines: 'skip' })) {
    if (item.kind === 'problem') {
      problems.push({
        line: item.line,
        column: item.column === null ? null : String(item.column),
        message: item.message,
      });
      continue;
    }
    if (!columns) {
      const header = item.fields.map((f) => f.trim().toLowerCase());
      const unknown = header.filter((h) => !(CONTACT_COLUMNS as readonly string[]).includes(h));
      const missing = (['project', 'email'] as const).filter((c) => !header.includes(c));
      if (unknown.length > 0 || missing.length > 0 || new Set(header).size !== header.length) {
        problems.push({
          line: item.line,
          column: null,
          message: `the header must be project,email[,name]${missing.length ? `; missing ${missing.join(', ')}` : ''}${unknown.length ? `; unknown ${unknown.join(', ')}` : ''}`,
        });
        break;
      }
      columns = Object.fromEntries(header.map((h, i) => [h, i]));
      continue;
    }
    rows++;
    if (item.fields.length !== Object.keys(columns).length) {
      problems.push({
        line: item.line,
        column: null,
        message: `expected ${Object.keys(columns).length} fields, found ${item.fields.length}`,
      });
      continue;
    }
    const field = (name: string) =>
      columns?.[name] === undefined ? '' : (item.fields[columns[name]] ?? '').trim();
    const project = field('project');
    if (project === '') {
      problems.push({ line: item.line, column: 'project', message: 'project is empty' });
      continue;
    }
    try {
      const [checked] = checkProjectContacts([{ email: field('email'), name: field('name') }]);
      if (!checked) continue;
      const key = `${project}\u0000${checked.email.toLowerCase()}`;
      const earlier = firstLine.get(key);
      if (earlier !== undefined) {
        problems.push({
          line: item.line,
          column: 'email',
          message: `repeats the contact of line ${earlier}`,
        });
        continue;
      }
      firstLine.set(key, item.line);
      parsed.push({ line: item.line, project, ...checked });
    } catch (error) {
      const column = error instanceof Error && /\.name /.test(error.message) ? 'name' : 'email';
      problems.push({
        line: item.line,
        column,
        message:
          column === 'name'
            ? `name must be at most ${MAX_CONTACT_NAME_LENGTH} characters`
            : `email must be an email address (at most ${MAX_CONTACT_LENGTH} characters)`,
      });
    }
  }
  if (!columns && problems.length === 0)
    problems.push({ line: 1, column: null, message: 'the file is empty' });
  const ids = new Map<string, number>();
  for (const slug of new Set(parsed.map((p) => p.project))) {
    const project = await ctx.loaders.projectBySlug.load(slug);
    if (project) ids.set(slug, project.id);
  }
  for (const p of parsed)
    if (!ids.has(p.project))
      problems.push({
        line: p.line,
        column: 'project',
        message: `unknown project ${JSON.stringify(p.project)}`,
      });
  problems.sort((a, b) => a.line - b.line);
  if (problems.length > 0) return { status: 'refused', rows, added: 0, updated: 0, problems };
  const counts = { added: 0, updated: 0, unchanged: 0 };
  const apply = async (tx: Parameters<Parameters<typeof inTransaction>[1]>[0]) => {
    for (const p of parsed)
      counts[
        await upsertProjectContact(
          tx,
          {
            projectId: ids.get(p.project) ?? 0,
            email: p.email,
            name: p.name,
            addedBy: actorUserId(ctx.actor),
          },
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
