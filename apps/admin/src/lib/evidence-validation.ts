/** Checks of the evidence form, shared by the browser (instant messages) and the server action. */
import type { MessageKey } from '@/i18n/messages';

export interface EvidenceFormValues {
  project: string;
  indicator: string;
  value: string;
  sourceUrl: string;
  observedAt: string;
}

export type EvidenceFieldErrors = Partial<Record<keyof EvidenceFormValues, MessageKey>>;

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/** A real calendar date, not after today (UTC). */
export function isValidPastDate(text: string, today: Date = new Date()): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const date = new Date(`${text}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) return false;
  return text <= today.toISOString().slice(0, 10);
}

export function parseEvidenceValue(text: string): number | null {
  const cleaned = text.replaceAll(/[\s_,]/g, '');
  if (!NUMBER.test(cleaned)) return null;
  const value = Number(cleaned);
  return Number.isFinite(value) ? value : null;
}

export function validateEvidence(values: EvidenceFormValues): EvidenceFieldErrors {
  const errors: EvidenceFieldErrors = {};
  if (!values.project) errors.project = 'evidence.valid.project';
  if (!values.indicator) errors.indicator = 'evidence.valid.indicator';
  if (parseEvidenceValue(values.value) === null) errors.value = 'evidence.valid.value';
  if (!isValidHttpUrl(values.sourceUrl)) errors.sourceUrl = 'evidence.valid.url';
  if (!isValidPastDate(values.observedAt)) errors.observedAt = 'evidence.valid.date';
  return errors;
}

const TRACKING = /^(utm_[a-z]+|gclid|fbclid|mc_cid|mc_eid|ref|ref_src)$/i;

/**
 * The canonical URL of docs/data-model.md: lower-case scheme and host, no fragment, no tracking
 * parameters, no trailing slash.
 */
export function canonicalUrl(text: string): string {
  try {
    const url = new URL(text);
    url.hash = '';
    for (const key of [...url.searchParams.keys()]) if (TRACKING.test(key)) url.searchParams.delete(key);
    const search = url.searchParams.toString();
    const path = url.pathname.replace(/\/+$/, '');
    return `${url.protocol.toLowerCase()}//${url.host.toLowerCase()}${path}${search ? `?${search}` : ''}`;
  } catch {
    return text.trim();
  }
}
