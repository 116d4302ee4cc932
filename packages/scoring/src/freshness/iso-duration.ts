/**
 * A calendar duration as a methodology's `window` writes it: whole years, months, weeks and days.
 * Years and months are calendar units (their length in days depends on where they are counted
 * from); weeks are 7 days.
 */
export interface CalendarDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
}

/** What a `window` may look like, for error messages. */
export const ISO_DURATION_FORM =
  'an ISO 8601 duration of whole years, months, weeks and days: "P" then at least one of nY, nM, nW, nD in that order (n up to 6 digits, not all zero), e.g. "P12M", "P30D", "P1Y", "P1Y6M"; no time part (T…), fractions or signs';

const PATTERN = /^P(?:(\d{1,6})Y)?(?:(\d{1,6})M)?(?:(\d{1,6})W)?(?:(\d{1,6})D)?$/;

/**
 * Reads an ISO 8601 duration (ISO 8601-1:2019 §5.5.2.4, the "PnYnMnD" form; weeks may be combined
 * with the other units as ISO 8601-2 and Temporal allow) restricted to the date units: hours,
 * minutes and seconds (`PT…`), fractional numbers, negative durations and the zero duration are
 * refused, as a freshness window is a positive number of calendar days, months or years.
 *
 * Complexity: O(length of text).
 *
 * @returns the duration, or undefined when `text` is not of the accepted form ({@link ISO_DURATION_FORM})
 * @example
 * parseIsoDuration('P12M')  // → { years: 0, months: 12, weeks: 0, days: 0 }
 * parseIsoDuration('P1Y2D') // → { years: 1, months: 0, weeks: 0, days: 2 }
 * parseIsoDuration('PT12H') // → undefined
 */
export function parseIsoDuration(text: string): CalendarDuration | undefined {
  const match = PATTERN.exec(text);
  if (match === null) return undefined;
  const [, y, m, w, d] = match;
  if (y === undefined && m === undefined && w === undefined && d === undefined) return undefined;
  const duration = {
    years: Number(y ?? 0),
    months: Number(m ?? 0),
    weeks: Number(w ?? 0),
    days: Number(d ?? 0),
  };
  if (duration.years + duration.months + duration.weeks + duration.days === 0) return undefined;
  return duration;
}
