import type { FieldSpec } from '@/components/entity-form';
import type { Translate } from '@/i18n/translate';
import { dimensionLabel } from '@/lib/labels';
import { CATEGORIES } from '@/server/api/common';
import { ORGANIZATION_KINDS, type OrganizationDetail, type ProjectDetail } from '@/server/api/projects';

export function projectFields(t: Translate, project: ProjectDetail | null): FieldSpec[] {
  return [
    ...(project
      ? []
      : [
          {
            name: 'slug',
            label: t('projects.slug'),
            type: 'text',
            isRequired: true,
            help: 'e.g. qwen3',
          } satisfies FieldSpec,
        ]),
    { name: 'name', label: t('common.name'), type: 'text', isRequired: true, defaultValue: project?.name },
    { name: 'nameZh', label: t('common.nameZh'), type: 'text', defaultValue: project?.nameZh ?? '' },
    {
      name: 'category',
      label: t('common.category'),
      type: 'select',
      defaultValue: project?.category ?? 'MODEL',
      options: CATEGORIES.map((c) => ({ value: c, label: dimensionLabel(t, c) })),
    },
    {
      name: 'organizations',
      label: t('projects.organizations'),
      type: 'text',
      defaultValue: project?.organizations.map((o) => o.slug).join(', ') ?? '',
    },
    {
      name: 'repositoryUrl',
      label: t('common.repository'),
      type: 'url',
      defaultValue: project?.repositoryUrl ?? '',
    },
    {
      name: 'huggingfaceUrl',
      label: t('common.huggingface'),
      type: 'url',
      defaultValue: project?.huggingfaceUrl ?? '',
    },
    {
      name: 'homepageUrl',
      label: t('common.homepage'),
      type: 'url',
      defaultValue: project?.homepageUrl ?? '',
    },
    { name: 'license', label: t('common.license'), type: 'text', defaultValue: project?.license ?? '' },
    {
      name: 'firstRelease',
      label: t('common.firstRelease'),
      type: 'text',
      defaultValue: project?.firstRelease ?? '',
      help: 'YYYY, YYYY-MM or YYYY-MM-DD',
    },
    {
      name: 'status',
      label: t('common.status'),
      type: 'select',
      defaultValue: project?.status ?? 'ACTIVE',
      options: [
        { value: 'ACTIVE', label: t('status.active') },
        { value: 'ARCHIVED', label: t('status.archived') },
      ],
    },
  ];
}

export function organizationFields(t: Translate, org: OrganizationDetail | null): FieldSpec[] {
  return [
    ...(org
      ? []
      : [{ name: 'slug', label: t('projects.slug'), type: 'text', isRequired: true } satisfies FieldSpec]),
    { name: 'name', label: t('common.name'), type: 'text', isRequired: true, defaultValue: org?.name },
    { name: 'nameZh', label: t('common.nameZh'), type: 'text', defaultValue: org?.nameZh ?? '' },
    {
      name: 'country',
      label: t('common.country'),
      type: 'text',
      defaultValue: org?.country ?? '',
      help: 'ISO 3166-1 alpha-2',
    },
    {
      name: 'kind',
      label: t('common.kind'),
      type: 'select',
      defaultValue: org?.kind ?? 'COMPANY',
      options: ORGANIZATION_KINDS.map((k) => ({ value: k, label: k.charAt(0) + k.slice(1).toLowerCase() })),
    },
    { name: 'url', label: t('common.url'), type: 'url', defaultValue: org?.url ?? '' },
  ];
}
