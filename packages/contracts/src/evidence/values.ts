/** The small value rules of evidence input: numbers, dates, lengths. */

/** The longest source URL and note accepted, in UTF-16 code units after trimming. */
export const MAX_SOURCE_URL_LENGTH = 2000;
export const MAX_NOTE_LENGTH = 2000;
/** How far in the future a retrieval time may lie (clock skew between the caller and the API). */
export const RETRIEVED_AT_SKEW_MS = 5 * 60_000;

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A decimal number written plainly: optional sign, digits with an optional point, optional exponent
 * (`1250`, `0.75`, `-3`, `.5`, `1e6`). No digit-group separators: in `1,5` the comma may be a decimal
 * comma or a thousands separator, so it is refused rather than guessed. Returns null for anything
 * else; `1e999` parses (to Infinity): finiteness is the caller's check.
 */
export function parseDecimal(text: string): number | null {
  return DECIMAL.test(text) ? Number(text) : null;
}

/** Whether `YYYY-MM-DD` names a real calendar date (`2025-02-30` does not). */
export function isCalendarDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Today's date in UTC, `YYYY-MM-DD`: the day an observation may be dated at the latest. */
export const todayUtc = (now: Date = new Date()) => now.toISOString().slice(0, 10);
