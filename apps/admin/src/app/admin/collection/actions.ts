'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getI18n } from '@/i18n/server';
import type { ActionState } from '@/lib/action-state';
import { COLLECTOR_SOURCES } from '@/lib/collection';
import { formString, toActionError } from '@/server/action-errors';
import { cancelCollection, startCollection } from '@/server/api/collection';
import { requireUser } from '@/server/auth';

/**
 * Starts a collection run (`startCollection`) and opens its page. The form sends `sources` (checkboxes;
 * none checked is refused here, since the API reads an empty list as "all") and `projects` (slugs, comma
 * or space separated; empty means every project with identifiers).
 */
export async function startCollectionAction(_previous: ActionState, data: FormData): Promise<ActionState> {
  const user = await requireUser('/admin/collection', 'evidence:write');
  const { t } = await getI18n();
  const all = data.get('allSources') === '1';
  const sources = all
    ? []
    : data
        .getAll('sources')
        .filter(
          (s): s is string => typeof s === 'string' && (COLLECTOR_SOURCES as readonly string[]).includes(s),
        );
  const projectsText = formString(data, 'projects');
  const projects = projectsText.split(/[\s,]+/).filter(Boolean);
  const values = { projects: projectsText, sources: sources.join(',') };
  if (!all && sources.length === 0)
    return {
      status: 'error',
      message: t('collection.noSource'),
      fieldErrors: { sources: t('collection.noSource') },
      values,
    };
  let id: string;
  try {
    id = await startCollection(user, { sources, projects });
  } catch (error) {
    return toActionError(error, values);
  }
  revalidatePath('/admin/collection');
  redirect(`/admin/collection/${id}`);
}

/** Stops a queued or running run (`cancelCollection`); values already stored stay. */
export async function cancelCollectionAction(_previous: ActionState, data: FormData): Promise<ActionState> {
  const user = await requireUser('/admin/collection', 'evidence:write');
  const { t } = await getI18n();
  try {
    await cancelCollection(user, formString(data, 'id'));
    revalidatePath('/admin/collection', 'layout');
    return { status: 'ok', message: t('collection.cancelled') };
  } catch (error) {
    return toActionError(error);
  }
}
