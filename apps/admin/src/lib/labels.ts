import type { MessageKey } from '@/i18n/messages';
import type { Translate } from '@/i18n/translate';

const DIMENSION_KEYS: Record<string, MessageKey> = {
  data: 'dimension.data',
  model: 'dimension.model',
  system: 'dimension.system',
  evaluation: 'dimension.evaluation',
};

/** A dimension's name in the interface language, falling back to the methodology's name. */
export function dimensionLabel(t: Translate, key: string, fallback?: string): string {
  const messageKey = DIMENSION_KEYS[key.toLowerCase()];
  return messageKey ? t(messageKey) : (fallback ?? key);
}

/** First value of a search parameter. */
export function param(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function parsePositiveInt(value: string | undefined): number | undefined {
  if (!value || !/^\d{1,6}$/.test(value)) return undefined;
  const n = Number(value);
  return n > 0 ? n : undefined;
}

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const STATUS_KEYS: Record<string, MessageKey> = {
  pending: 'status.pending',
  approved: 'status.approved',
  rejected: 'status.rejected',
  superseded: 'status.superseded',
  draft: 'status.draft',
  computed: 'status.computed',
  published: 'status.published',
  active: 'status.active',
  archived: 'status.archived',
};

/** An API status (PENDING, DRAFT, …) in the interface language. */
export function statusLabel(t: Translate, status: string): string {
  const key = STATUS_KEYS[status.toLowerCase()];
  return key ? t(key) : status;
}
