'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getI18n } from '@/i18n/server';
import type { ActionState } from '@/lib/action-state';
import { COLLECTOR_SOURCES, isSourceKind } from '@/lib/collection';
import { formString, toActionError } from '@/server/action-errors';
import {
  cancelCollection,
  type ProjectSource,
  setProjectSources,
  startCollection,
} from '@/server/api/collection';
import { requireUser } from '@/server/auth';
import { ApiError } from '@/server/graphql';

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

/**
 * The project page's Sources form (`setProjectSources`): rows of `kind` and `identifier` (repeated
 * fields, in row order) replace the project's list. An entry the API refuses (`sources[I].kind` or
 * `sources[I].identifier`) comes back as `fieldErrors` keyed `kind-I` / `identifier-I`, beside its row;
 * on success `values.sources` is the stored list (JSON, normalised), which the form then shows.
 */
export async function saveProjectSourcesAction(
  slug: string,
  _previous: ActionState,
  data: FormData,
): Promise<ActionState> {
  const user = await requireUser(`/admin/projects/${slug}`, 'evidence:write');
  const { t } = await getI18n();
  const kinds = data.getAll('kind');
  const identifiers = data.getAll('identifier');
  const sources: ProjectSource[] = [];
  const fieldErrors: Record<string, string> = {};
  kinds.forEach((kind, i) => {
    const identifier = identifiers[i];
    if (!isSourceKind(kind)) fieldErrors[`kind-${i}`] = t('error.BAD_USER_INPUT');
    else sources.push({ kind, identifier: typeof identifier === 'string' ? identifier : '' });
  });
  if (kinds.length !== identifiers.length || Object.keys(fieldErrors).length > 0)
    return { status: 'error', message: t('error.BAD_USER_INPUT'), fieldErrors };
  try {
    const saved = await setProjectSources(user, slug, sources);
    revalidatePath(`/admin/projects/${slug}`);
    return {
      status: 'ok',
      message: t('collection.sourcesSaved'),
      values: { sources: JSON.stringify(saved) },
    };
  } catch (error) {
    const at =
      error instanceof ApiError ? /^sources\[(\d+)\]\.(kind|identifier)$/.exec(error.field ?? '') : null;
    if (error instanceof ApiError && at)
      return {
        status: 'error',
        message: t('error.BAD_USER_INPUT'),
        fieldErrors: { [`${at[2]}-${at[1]}`]: error.message },
      };
    return toActionError(error);
  }
}
