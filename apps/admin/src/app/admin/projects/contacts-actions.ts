'use server';

import { revalidatePath } from 'next/cache';
import { getI18n } from '@/i18n/server';
import type { ActionState } from '@/lib/action-state';
import { formString, toActionError } from '@/server/action-errors';
import { setProjectContacts } from '@/server/api/contacts';
import { requireUser } from '@/server/auth';
import { ApiError } from '@/server/graphql';

/**
 * One contact per line: `address` or `Name <address>`; blank lines are skipped. The API checks each
 * (`contacts[I].email`), and its error is shown with the line it came from.
 */
export async function saveProjectContactsAction(
  slug: string,
  _previous: ActionState,
  data: FormData,
): Promise<ActionState> {
  const user = await requireUser(`/admin/projects/${slug}`, 'evidence:write');
  const { t } = await getI18n();
  const text = formString(data, 'contacts');
  const lines: number[] = [];
  const contacts = text.split(/\r?\n/).flatMap((raw, i) => {
    const line = raw.trim();
    if (!line) return [];
    lines.push(i + 1);
    const named = /^(.*?)\s*<([^<>]*)>$/.exec(line);
    return [
      named ? { name: named[1]?.trim() || null, email: named[2]?.trim() ?? '' } : { name: null, email: line },
    ];
  });
  try {
    await setProjectContacts(user, slug, contacts);
    revalidatePath(`/admin/projects/${slug}`);
    return { status: 'ok', message: t('projects.contactsSaved') };
  } catch (error) {
    const at = error instanceof ApiError ? /^contacts\[(\d+)\]/.exec(error.field ?? '') : null;
    if (error instanceof ApiError && at)
      return {
        status: 'error',
        message: t('projects.contactsLine', { line: lines[Number(at[1])] ?? 0, message: error.message }),
        values: { contacts: text },
      };
    return toActionError(error, { contacts: text });
  }
}
