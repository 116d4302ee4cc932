import { civilFromDays, daysFromCivil, daysInMonth } from './civil-days';
import type { CalendarDuration } from './iso-duration';

/**
 * The first day of a freshness window: `cutoff − window`, as a day number (days since 1970-01-01).
 * A value observed on this day or later (up to the cutoff) is inside the window; one observed
 * before it is stale. The boundary is inclusive.
 *
 * The subtraction is calendar arithmetic in the order of ISO 8601 and of `Temporal.PlainDate`
 * `subtract` (overflow "constrain") or `java.time.LocalDate.minus(Period)`:
 *
 * 1. years and months first, as whole calendar months: (year, month) goes back 12·years + months
 *    months and the day of the month is kept, **clamped** to the last day of the month reached
 *    (2026-03-31 − P1M = 2026-02-28; 2024-03-31 − P1M = 2024-02-29; 2024-02-29 − P1Y = 2023-02-28);
 * 2. then weeks and days, as 7·weeks + days days on the timeline (2026-03-01 − P1D = 2026-02-28).
 *
 * So 2026-03-31 − P1M1D = 2026-02-27 (clamp to the 28th, then one day back).
 *
 * Complexity: O(1).
 *
 * @param cutoff the cutoff's day number
 * @example
 * formatDayNumber(windowStart(dayNumber('2026-03-31'), { years: 0, months: 1, weeks: 0, days: 0 }))
 * // → '2026-02-28'
 */
export function windowStart(cutoff: number, window: CalendarDuration): number {
  const [year, month, day] = civilFromDays(cutoff);
  const monthIndex = year * 12 + (month - 1) - (window.years * 12 + window.months);
  const startYear = Math.floor(monthIndex / 12);
  const startMonth = monthIndex - startYear * 12 + 1;
  const startDay = Math.min(day, daysInMonth(startYear, startMonth));
  return daysFromCivil(startYear, startMonth, startDay) - (window.weeks * 7 + window.days);
}
