'use server';

import { revalidatePath } from 'next/cache';
import { getI18n } from '@/i18n/server';
import type { ActionState } from '@/lib/action-state';
import { formString, formValues, toActionError } from '@/server/action-errors';
import { computeEdition, createEdition, publishEdition, setEditionDoi } from '@/server/api/editions';
import { requireUser } from '@/server/auth';

export async function createEditionAction(_previous: ActionState, data: FormData): Promise<ActionState> {
  const user = await requireUser('/admin/editions', 'editions:manage');
  const { t } = await getI18n();
  const values = formValues(data, ['year', 'title', 'cutoff', 'methodologyVersion']);
  const fieldErrors: Record<string, string> = {};
  const year = Number(values.year);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) fieldErrors.year = '2000–2100';
  if (!values.title) fieldErrors.title = t('error.BAD_USER_INPUT');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.cutoff ?? '')) fieldErrors.cutoff = 'YYYY-MM-DD';
  if (Object.keys(fieldErrors).length > 0)
    return { status: 'error', message: t('error.BAD_USER_INPUT'), fieldErrors, values };
  try {
    const edition = await createEdition(user, {
      year,
      title: values.title ?? '',
      cutoff: values.cutoff ?? '',
      methodologyVersion: values.methodologyVersion || null,
    });
    revalidatePath('/admin/editions');
    return {
      status: 'ok',
      message: t('editions.created'),
      detail: [`/admin/editions/${edition.year}/${edition.revision}`],
    };
  } catch (error) {
    return toActionError(error, values);
  }
}

export async function computeEditionAction(_previous: ActionState, data: FormData): Promise<ActionState> {
  const user = await requireUser('/admin/editions', 'editions:manage');
  const { t } = await getI18n();
  try {
    const edition = await computeEdition(user, formString(data, 'id'));
    revalidatePath('/admin/editions', 'layout');
    return {
      status: 'ok',
      message: t('editions.computed', { hash: edition.contentHash?.slice(0, 12) ?? '' }),
    };
  } catch (error) {
    return toActionError(error);
  }
}

export async function publishEditionAction(_previous: ActionState, data: FormData): Promise<ActionState> {
  const user = await requireUser('/admin/editions', 'editions:manage');
  const { t } = await getI18n();
  if (formString(data, 'confirm') !== 'yes') {
    return {
      status: 'error',
      fieldErrors: { confirm: t('editions.confirmHash') },
      message: t('editions.confirmHash'),
    };
  }
  try {
    await publishEdition(user, formString(data, 'id'), formString(data, 'contentHash'));
    revalidatePath('/', 'layout');
    return { status: 'ok', message: t('editions.published') };
  } catch (error) {
    return toActionError(error);
  }
}

export async function setEditionDoiAction(_previous: ActionState, data: FormData): Promise<ActionState> {
  const user = await requireUser('/admin/editions', 'editions:manage');
  const { t } = await getI18n();
  const values = formValues(data, ['doi']);
  try {
    const edition = await setEditionDoi(user, formString(data, 'id'), values.doi?.trim() || null);
    revalidatePath('/', 'layout');
    return {
      status: 'ok',
      message: edition.doi ? t('editions.doiSaved', { doi: edition.doi }) : t('editions.doiCleared'),
      values: { doi: edition.doi ?? '' },
    };
  } catch (error) {
    return toActionError(error, values);
  }
}
