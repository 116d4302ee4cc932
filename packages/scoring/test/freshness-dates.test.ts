/**
 * The date arithmetic of freshness windows: ISO 8601 durations, day numbers and `cutoff − window`.
 * Expected dates are worked out by hand on the calendar (the working is in the comments); the rule
 * is the one of ISO 8601 / Temporal.PlainDate.subtract / java.time.LocalDate.minus(Period): years
 * and months first, the day clamped to the month's end, then weeks and days.
 */
import { describe, expect, it } from 'vitest';
import {
  civilFromDays,
  dayNumber,
  daysFromCivil,
  formatDayNumber,
  parseIsoDuration,
  windowStart,
} from '../src/index';

function start(cutoff: string, window: string): string {
  const duration = parseIsoDuration(window);
  if (duration === undefined) throw new Error(`test: bad duration ${window}`);
  return formatDayNumber(windowStart(dayNumber(cutoff), duration));
}

describe('daysFromCivil / civilFromDays', () => {
  it('counts days from 1970-01-01 (hand counts)', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(1969, 12, 31)).toBe(-1);
    // 1970..1999: 30 years, leap years 1972, 1976, …, 1996 = 7 → 30·365 + 7 = 10957.
    expect(daysFromCivil(2000, 1, 1)).toBe(10957);
    // 2000 is a leap year (divisible by 400): Jan 31 + Feb 29 → 2000-03-01 = 10957 + 60.
    expect(daysFromCivil(2000, 3, 1)).toBe(11017);
    // 1970..2025: 56 years, leap years 1972 … 2024 = 14 → 20454 = 2026-01-01; + 31 + 28 + 30.
    expect(daysFromCivil(2026, 3, 31)).toBe(20543);
    // 1900 is not a leap year (divisible by 100, not 400): 1900-02-28 and 1900-03-01 are adjacent.
    expect(daysFromCivil(1900, 3, 1) - daysFromCivil(1900, 2, 28)).toBe(1);
  });

  it('civilFromDays inverts it, around leap days and centuries', () => {
    for (const [y, m, d] of [
      [2024, 2, 29],
      [2023, 3, 1],
      [2000, 2, 29],
      [1900, 2, 28],
      [1600, 12, 31],
      [1, 1, 1],
      [9999, 12, 31],
    ] as const) {
      expect(civilFromDays(daysFromCivil(y, m, d))).toEqual([y, m, d]);
    }
    expect(formatDayNumber(dayNumber('2024-02-29'))).toBe('2024-02-29');
  });
});

describe('parseIsoDuration(text)', () => {
  it('reads whole years, months, weeks and days, in that order', () => {
    expect(parseIsoDuration('P12M')).toEqual({ years: 0, months: 12, weeks: 0, days: 0 });
    expect(parseIsoDuration('P30D')).toEqual({ years: 0, months: 0, weeks: 0, days: 30 });
    expect(parseIsoDuration('P1Y')).toEqual({ years: 1, months: 0, weeks: 0, days: 0 });
    expect(parseIsoDuration('P2W')).toEqual({ years: 0, months: 0, weeks: 2, days: 0 });
    expect(parseIsoDuration('P1Y6M2W3D')).toEqual({ years: 1, months: 6, weeks: 2, days: 3 });
    expect(parseIsoDuration('P0Y1D')).toEqual({ years: 0, months: 0, weeks: 0, days: 1 });
  });

  it('refuses times, fractions, signs, zero, wrong order, lower case and empty forms', () => {
    for (const text of [
      '',
      'P',
      'P0D',
      'P0Y0M',
      'PT12H',
      'P1DT1H',
      'P1.5M',
      'P1,5M',
      '-P1M',
      'P-1M',
      'P1M1Y',
      'P1D1W',
      'p12m',
      '12M',
      ' P12M',
      'P12M ',
      'P1234567D',
      'P12 M',
    ]) {
      expect(parseIsoDuration(text), text).toBeUndefined();
    }
  });
});

describe('windowStart(cutoff, window) — cutoff − window', () => {
  it('calendar months keep the day of the month', () => {
    // 2025-12-31 − 12 months = 2024-12-31 (December has 31 days: no clamping).
    expect(start('2025-12-31', 'P12M')).toBe('2024-12-31');
    expect(start('2025-12-31', 'P1Y')).toBe('2024-12-31');
    expect(start('2026-03-15', 'P1M')).toBe('2026-02-15');
    // Across a year: 2026-01-10 − 3 months = 2025-10-10.
    expect(start('2026-01-10', 'P3M')).toBe('2025-10-10');
  });

  it('clamps to the last day of the month reached', () => {
    // 2026-03-31 − 1 month = "2026-02-31", which does not exist: February 2026 has 28 days.
    expect(start('2026-03-31', 'P1M')).toBe('2026-02-28');
    // 2024 is a leap year: "2024-02-31" → 2024-02-29.
    expect(start('2024-03-31', 'P1M')).toBe('2024-02-29');
    // 2024-02-29 − 1 year = "2023-02-29" → 2023-02-28; 12 months is the same.
    expect(start('2024-02-29', 'P1Y')).toBe('2023-02-28');
    expect(start('2024-02-29', 'P12M')).toBe('2023-02-28');
    // 2025-05-31 − 1 month = "2025-04-31" → 2025-04-30.
    expect(start('2025-05-31', 'P1M')).toBe('2025-04-30');
  });

  it('subtracts months before days, and days on the timeline', () => {
    // 2026-03-31 − P1M1D: months first → 2026-02-28 (clamped), then one day → 2026-02-27.
    expect(start('2026-03-31', 'P1M1D')).toBe('2026-02-27');
    // 2026-03-01 − 1 day = 2026-02-28; − 30 days = 2026-01-30 (28 days of February + 2 of January).
    expect(start('2026-03-01', 'P1D')).toBe('2026-02-28');
    expect(start('2026-03-01', 'P30D')).toBe('2026-01-30');
    // 2024-03-01 − 1 day = 2024-02-29 (leap day); − 2 weeks = 2024-02-16.
    expect(start('2024-03-01', 'P1D')).toBe('2024-02-29');
    expect(start('2024-03-01', 'P2W')).toBe('2024-02-16');
    // 2025-12-31 − 365 days = 2024-12-31 (2025 has 365 days); − 366 days = 2024-12-30.
    expect(start('2025-12-31', 'P365D')).toBe('2024-12-31');
    expect(start('2025-12-31', 'P366D')).toBe('2024-12-30');
  });
});
