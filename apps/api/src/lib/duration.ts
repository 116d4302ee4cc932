/** Durations as operators write them. */

/**
 * A duration (`ranking links check --older-than`, `LINK_CHECK_EVERY`): `0`, a number with a unit (`500ms`, `30s`, `15m`, `12h`, `7d`,
 * `2w`) or an ISO 8601 duration of days, weeks and time (`P7D`, `PT12H`, `P1DT6H`, `P2W`). Months
 * and years are refused: their length depends on the date. Undefined when unreadable.
 */
export function parseDurationMs(text: string): number | undefined {
  const t = text.trim();
  if (t === '0') return 0;
  const unit = /^(\d+)(ms|s|m|h|d|w)$/.exec(t);
  const ms = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
  if (unit) return Number(unit[1]) * ms[unit[2] as keyof typeof ms];
  const iso = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i.exec(t);
  if (!iso || t.length <= 1 || /T$/i.test(t)) return undefined;
  const [, w = '0', d = '0', h = '0', m = '0', s = '0'] = iso;
  return Number(w) * ms.w + Number(d) * ms.d + Number(h) * ms.h + Number(m) * ms.m + Number(s) * ms.s;
}

/**
 * A schedule's period (`COLLECT_EVERY`): a duration as `parseDurationMs` reads it, or whole calendar
 * months and years in ISO 8601 (`P1M`, `P3M`, `P1Y`, `P1Y6M`), whose length depends on the date.
 */
export type Period = { ms: number } | { months: number };

export function parsePeriod(text: string): Period | undefined {
  const t = text.trim();
  const calendar = /^P(?:(\d+)Y)?(?:(\d+)M)?$/i.exec(t);
  if (calendar && (calendar[1] !== undefined || calendar[2] !== undefined))
    return { months: Number(calendar[1] ?? 0) * 12 + Number(calendar[2] ?? 0) };
  const ms = parseDurationMs(t);
  return ms === undefined ? undefined : { ms };
}

/**
 * The instant one `period` before `at`. Months are counted in UTC on the calendar, the day of the
 * month kept where it exists and clamped to the month's last day where it does not (31 March minus
 * P1M is 28 or 29 February).
 */
export function periodBefore(at: Date, period: Period): Date {
  if ('ms' in period) return new Date(at.getTime() - period.ms);
  const total = at.getUTCFullYear() * 12 + at.getUTCMonth() - period.months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const result = new Date(at.getTime());
  result.setUTCFullYear(year, month, Math.min(at.getUTCDate(), lastDay));
  return result;
}
