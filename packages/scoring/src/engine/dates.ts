const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digitsAt(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

/**
 * The `YYYY-MM-DD` date at the start of `text` when it is a calendar date (leap years checked)
 * followed by nothing, `T` or a space (so an ISO 8601 timestamp is read by its date part);
 * undefined otherwise. Dates in this form compare correctly as strings.
 *
 * Complexity: O(1).
 *
 * @example
 * readDatePart('2026-02-29') // → undefined (2026 is not a leap year)
 * readDatePart('2024-10-16T19:38:59+08:00') // → '2024-10-16'
 */
export function readDatePart(text: string): string | undefined {
  if (text.length < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  if (text.length > 10) {
    const next = text.charCodeAt(10);
    if (next !== 84 && next !== 32) return undefined;
  }
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1) return undefined;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] as number);
  if (day > days) return undefined;
  return text.length === 10 ? text : text.slice(0, 10);
}

/** True when `text` is exactly a `YYYY-MM-DD` calendar date. */
export function isIsoDate(text: string): boolean {
  return text.length === 10 && readDatePart(text) !== undefined;
}
