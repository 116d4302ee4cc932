'use server';

import { revalidatePath } from 'next/cache';
import { getI18n } from '@/i18n/server';
import type { ActionState } from '@/lib/action-state';
import { formValues, toActionError } from '@/server/action-errors';
import { isCategory } from '@/server/api/common';
import {
  createOrganization,
  createProject,
  ORGANIZATION_KINDS,
  type OrganizationKind,
  type ProjectInput,
  updateOrganization,
  updateProject,
} from '@/server/api/projects';
import { requireUser } from '@/server/auth';

const PROJECT_FIELDS = [
  'slug',
  'name',
  'nameZh',
  'category',
  'organizations',
  'repositoryUrl',
  'huggingfaceUrl',
  'homepageUrl',
  'license',
  'firstRelease',
  'status',
] as const;

function readProject(values: Record<string, string>): ProjectInput | null {
  const category = values.category;
  if (!isCategory(category)) return null;
  const orNull = (v: string | undefined) => (v ? v : null);
  return {
    name: values.name ?? '',
    nameZh: orNull(values.nameZh),
    category,
    organizations: (values.organizations ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    repositoryUrl: orNull(values.repositoryUrl),
    huggingfaceUrl: orNull(values.huggingfaceUrl),
    homepageUrl: orNull(values.homepageUrl),
    license: orNull(values.license),
    firstRelease: orNull(values.firstRelease),
    status: values.status === 'ARCHIVED' ? 'ARCHIVED' : 'ACTIVE',
  };
}

export async function saveProjectAction(
  slug: string | null,
  _previous: ActionState,
  data: FormData,
): Promise<ActionState> {
  const user = await requireUser('/admin/projects', 'evidence:write');
  const { t } = await getI18n();
  const values = formValues(data, PROJECT_FIELDS);
  const input = readProject(values);
  const fieldErrors: Record<string, string> = {};
  if (!input) fieldErrors.category = t('error.BAD_USER_INPUT');
  if (!values.name) fieldErrors.name = t('error.BAD_USER_INPUT');
  if (!slug && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(values.slug ?? '')) fieldErrors.slug = 'a-z, 0-9, -';
  if (!input || Object.keys(fieldErrors).length > 0) {
    return { status: 'error', message: t('error.BAD_USER_INPUT'), fieldErrors, values };
  }
  try {
    const saved = slug
      ? await updateProject(user, slug, input)
      : await createProject(user, { ...input, slug: values.slug ?? '' });
    revalidatePath('/admin/projects', 'layout');
    return {
      status: 'ok',
      message: slug ? t('common.saved') : t('projects.created'),
      detail: slug ? [] : [`/admin/projects/${saved.slug}`],
    };
  } catch (error) {
    return toActionError(error, values);
  }
}

const ORG_FIELDS = ['slug', 'name', 'nameZh', 'country', 'kind', 'url'] as const;

export async function saveOrganizationAction(
  slug: string | null,
  _previous: ActionState,
  data: FormData,
): Promise<ActionState> {
  const user = await requireUser('/admin/organizations', 'evidence:write');
  const { t } = await getI18n();
  const values = formValues(data, ORG_FIELDS);
  const fieldErrors: Record<string, string> = {};
  const kind = values.kind ?? '';
  if (!(ORGANIZATION_KINDS as readonly string[]).includes(kind)) fieldErrors.kind = t('error.BAD_USER_INPUT');
  if (!values.name) fieldErrors.name = t('error.BAD_USER_INPUT');
  const country = (values.country ?? '').toUpperCase();
  if (country && !/^[A-Z]{2}$/.test(country)) fieldErrors.country = 'ISO 3166-1 alpha-2, e.g. CN, US';
  if (!slug && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(values.slug ?? '')) fieldErrors.slug = 'a-z, 0-9, -';
  if (Object.keys(fieldErrors).length > 0)
    return { status: 'error', message: t('error.BAD_USER_INPUT'), fieldErrors, values };
  const input = {
    name: values.name ?? '',
    nameZh: values.nameZh || null,
    country: country || null,
    kind: kind as OrganizationKind,
    url: values.url || null,
  };
  try {
    const saved = slug
      ? await updateOrganization(user, slug, input)
      : await createOrganization(user, { ...input, slug: values.slug ?? '' });
    revalidatePath('/admin/organizations', 'layout');
    return {
      status: 'ok',
      message: slug ? t('common.saved') : t('orgs.created'),
      detail: slug ? [] : [`/admin/organizations/${saved.slug}`],
    };
  } catch (error) {
    return toActionError(error, values);
  }
}
