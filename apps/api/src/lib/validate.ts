/** Small input checks shared by services; each failure names the field (BAD_USER_INPUT). */
import { isCalendarDate } from '@ranking/contracts';
import { AppError, badInput } from '../errors';

// Dates follow the evidence contract's rules (a real calendar date, today in UTC).
export { isCalendarDate, todayUtc } from '@ranking/contracts';

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function requireText(field: string, value: string, max = 500): string {
  const text = value.trim();
  if (!text) throw badInput(field, `${field} must not be empty`);
  if (text.length > max) throw badInput(field, `${field} must be at most ${max} characters`);
  return text;
}

export function optionalText(field: string, value: string | null | undefined, max = 2000): string | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (text.length > max) throw badInput(field, `${field} must be at most ${max} characters`);
  return text || null;
}

export function requireSlug(field: string, value: string): string {
  if (!SLUG_PATTERN.test(value) || value.length > 100) {
    throw badInput(field, `${field} must be lower-case letters, digits and single hyphens`);
  }
  return value;
}

/** An absolute http(s) URL, or null. */
export function optionalHttpUrl(field: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  return requireHttpUrl(field, value);
}

export function requireHttpUrl(field: string, value: string): string {
  const text = value.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw badInput(field, `${field} must be an absolute http(s) URL`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
    throw badInput(field, `${field} must be an http or https URL`);
  }
  if (text.length > 2000) throw badInput(field, `${field} is too long`);
  return text;
}

export function requireFinite(field: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw badInput(field, `${field} must be a finite number`);
  return value;
}

export function requireDate(field: string, value: string): string {
  if (!isCalendarDate(value)) throw badInput(field, `${field} must be a date YYYY-MM-DD`);
  return value;
}

export function requireCountry(field: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) throw badInput(field, `${field} must be an ISO 3166-1 alpha-2 code`);
  return code;
}

export function requireId(field: string, value: string | number): number {
  const id = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(id) || id <= 0)
    throw new AppError('BAD_USER_INPUT', `${field} is not a valid id`, { field });
  return id;
}

/** Parses a GraphQL ID that may legitimately not exist: returns undefined instead of failing. */
export function parseIdOrUndefined(value: string | number): number | undefined {
  const id = typeof value === 'number' ? value : Number(value);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}
