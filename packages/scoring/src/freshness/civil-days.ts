/**
 * Days since 1970-01-01 of a proleptic Gregorian date, and back: the "days from civil" algorithms
 * of H. Hinnant, "chrono-Compatible Low-Level Date Algorithms" (2013,
 * https://howardhinnant.github.io/date_algorithms.html), exact for every year (eras of 400 years,
 * 146 097 days). Integer arithmetic only: no `Date`, no time zone.
 *
 * Complexity: O(1).
 *
 * @example
 * daysFromCivil(1970, 1, 1)  // → 0
 * daysFromCivil(2026, 3, 31) // → 20543
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400; // [0, 399]
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1; // [0, 365]
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy; // [0, 146096]
  return era * 146097 + doe - 719468;
}

/** The inverse of {@link daysFromCivil}: `[year, month, day]` of a day number. */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097; // [0, 146096]
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100)); // [0, 365]
  const mp = Math.floor((5 * doy + 2) / 153); // [0, 11], March = 0
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [month <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, month, day];
}

/** Days in a month of the proleptic Gregorian calendar (February 29 in leap years). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The day number ({@link daysFromCivil}) of a date written `YYYY-MM-DD` (the caller has checked it,
 * e.g. with `readDatePart`).
 */
export function dayNumber(date: string): number {
  return daysFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

/** A day number written `YYYY-MM-DD` (years 0–9999; outside them the sign and digits are kept). */
export function formatDayNumber(days: number): string {
  const [year, month, day] = civilFromDays(days);
  const y = year < 0 ? `-${String(-year).padStart(4, '0')}` : String(year).padStart(4, '0');
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
