import { ScoringInputError } from '../errors';
import { dayNumber } from '../freshness/civil-days';
import type { IndicatorDefinition, Methodology } from '../methodology/types';
import type { ProjectInput } from '../types';
import { isIsoDate, readDatePart } from './dates';
import {
  combineCells,
  EXCLUDE,
  freshnessWindows,
  type ObservationTable,
  readProjectList,
} from './observation-table';

/**
 * Evidence as columns — one typed-array entry per observation, no object per value — for a caller
 * that reads a large snapshot in pages (the API's edition compute). Observation i is the i-th entry
 * of every array. Strings are dictionary-encoded: `observedAt` indexes `dates`, and the project and
 * indicator are positions in the input's `projects` and `methodology.indicators`.
 */
export interface ObservationColumns {
  /** Number of observations (the arrays may be longer: capacity). */
  length: number;
  /** Position of the observation's project in the input's `projects`. */
  project: Int32Array;
  /** Position of the observation's indicator in `methodology.indicators`. */
  indicator: Int32Array;
  value: Float64Array;
  /** Index into `dates` of the observed date; −1 when it has none. */
  observedAt: Int32Array;
  /** The distinct `observedAt` texts (`YYYY-MM-DD`, or a longer ISO timestamp read by its date part). */
  dates: readonly string[];
  /** `Date.parse` of `retrievedAt` (NaN: none or unreadable), for `combine: latest` ties. */
  retrievedAt: Float64Array;
  /** The observation's id as a number: its id is the decimal text `String(id[i])`; NaN: no id. */
  id: Float64Array;
}

/** The input of {@link buildObservationTableFromColumns}. */
export interface ColumnarScoreInput {
  methodology: Methodology;
  projects: readonly ProjectInput[];
  columns: ObservationColumns;
  cutoff?: string;
}

/** The text of an observation's id as `Observation.id` would give it. */
export function columnId(columns: ObservationColumns, o: number): string | null {
  const id = columns.id[o] as number;
  return Number.isNaN(id) ? null : String(id);
}

/**
 * The {@link ObservationTable} of `buildObservationTable` for the same observations given as
 * columns: the same checks (finite value, readable dates), the same cutoff, freshness windows and
 * combination, the same `latest` choice (observed date, retrieved instant, id text, value), so the
 * scores are exactly those of the object path. Projects and indicators are positions, so they are
 * known by construction (checked against the lists' lengths).
 *
 * Complexity: O(m + P·I + Σ k log k), as `buildObservationTable`; O(m) memory in typed arrays.
 *
 * @throws {ScoringInputError} UNKNOWN_INDICATOR, UNKNOWN_PROJECT (a position out of range),
 *   DUPLICATE_PROJECT, INVALID_VALUE, INVALID_DATE, MISSING_CUTOFF — as `buildObservationTable`
 */
export function buildObservationTableFromColumns(input: ColumnarScoreInput): ObservationTable {
  const { methodology, columns } = input;
  if (input.cutoff !== undefined && !isIsoDate(input.cutoff)) {
    throw new ScoringInputError(
      'INVALID_DATE',
      `cutoff must be a YYYY-MM-DD date, not ${JSON.stringify(input.cutoff)}`,
    );
  }
  const cutoff = input.cutoff;
  const cutoffDay = cutoff === undefined ? Number.NaN : dayNumber(cutoff);
  const indicatorIndex = new Map<string, number>();
  methodology.indicators.forEach((indicator, index) => {
    indicatorIndex.set(indicator.key, index);
  });
  const windows = freshnessWindows(methodology, cutoffDay);
  const { slugs, categories } = readProjectList(input.projects);
  const sortedIndex = new Map<string, number>();
  slugs.forEach((slug, index) => {
    sortedIndex.set(slug, index);
  });
  /** Input position → position in the sorted slugs. */
  const projectOf = Int32Array.from(input.projects, (p) => sortedIndex.get(p.slug) as number);

  // Each distinct date once: its date part (undefined: unreadable) and day number.
  const dateParts = columns.dates.map((text) => (typeof text === 'string' ? readDatePart(text) : undefined));
  // What `compareRecency` compares: the first ten characters of the text.
  const recencyDates = columns.dates.map((text) => (text ? text.slice(0, 10) : ''));
  const dateDays = Float64Array.from(dateParts, (date) =>
    date === undefined || cutoff === undefined ? Number.NaN : dayNumber(date),
  );

  const m = columns.length;
  const projectCount = slugs.length;
  const indicatorCount = methodology.indicators.length;
  const cells = indicatorCount * projectCount;
  const head = new Int32Array(cells).fill(-1);
  const chosen = new Int32Array(cells).fill(-1);
  const next = new Int32Array(m).fill(-1);
  const raw = new Float64Array(cells).fill(Number.NaN);
  const stale = new Uint8Array(cells);
  const days = cutoff === undefined ? undefined : new Float64Array(m).fill(Number.NaN);
  const isLatest = Uint8Array.from(methodology.indicators, (indicator) =>
    indicator.combine === 'latest' ? 1 : 0,
  );
  const { project: projectColumn, indicator: indicatorColumn, value: valueColumn } = columns;
  const observedColumn = columns.observedAt;

  for (let i = 0; i < m; i++) {
    const indicator = indicatorColumn[i] as number;
    if (!(indicator >= 0 && indicator < indicatorCount)) {
      throw new ScoringInputError('UNKNOWN_INDICATOR', `unknown indicator (position ${indicator})`, {
        observations: [i],
      });
    }
    const position = projectColumn[i] as number;
    if (!(position >= 0 && position < projectOf.length)) {
      throw new ScoringInputError('UNKNOWN_PROJECT', `unknown project (position ${position})`, {
        observations: [i],
      });
    }
    const project = projectOf[position] as number;
    const value = valueColumn[i] as number;
    if (!Number.isFinite(value)) {
      throw new ScoringInputError('INVALID_VALUE', `value must be a finite number, not ${String(value)}`, {
        project: slugs[project] as string,
        indicator: (methodology.indicators[indicator] as IndicatorDefinition).key,
        observations: [i],
      });
    }
    const d = observedColumn[i] as number;
    if (d >= 0) {
      const date = dateParts[d];
      if (date === undefined) {
        throw new ScoringInputError(
          'INVALID_DATE',
          `observedAt must be a YYYY-MM-DD date, not ${JSON.stringify(columns.dates[d])}`,
          {
            project: slugs[project] as string,
            indicator: (methodology.indicators[indicator] as IndicatorDefinition).key,
            observations: [i],
          },
        );
      }
      if (cutoff !== undefined && date > cutoff) continue;
      if (days !== undefined) days[i] = dateDays[d] as number;
    }
    const cell = indicator * projectCount + project;
    if (
      windows.policy[indicator] === EXCLUDE &&
      !((days?.[i] ?? Number.NaN) >= (windows.start[indicator] as number))
    ) {
      stale[cell] = 1;
      continue;
    }
    const first = head[cell] as number;
    next[i] = first;
    head[cell] = i;
    if (isLatest[indicator] === 1) {
      if (first < 0 || recency(columns, recencyDates, i, chosen[cell] as number) > 0) {
        chosen[cell] = i;
        raw[cell] = value;
      }
    }
  }

  const ageDays = combineCells(
    { indicators: methodology.indicators, projectCount, cutoffDay, windows },
    { head, next, chosen, raw, stale, days, isLatest },
    (o) => valueColumn[o] as number,
  );

  return {
    slugs,
    categories,
    hasProjectList: true,
    indicators: methodology.indicators,
    indicatorIndex,
    raw,
    chosen,
    head,
    next,
    evidenceId: (o) => columnId(columns, o),
    hasWindows: windows.any,
    stale,
    ageDays,
  };
}

/**
 * `compareRecency` on two observations of the columns: the observed date part, then the retrieved
 * instant (none ranks lowest), then the id text, then the value.
 */
function recency(columns: ObservationColumns, recencyDates: readonly string[], a: number, b: number): number {
  const da = columns.observedAt[a] as number;
  const db = columns.observedAt[b] as number;
  const observedA = da >= 0 ? (recencyDates[da] as string) : '';
  const observedB = db >= 0 ? (recencyDates[db] as string) : '';
  if (observedA !== observedB) return observedA > observedB ? 1 : -1;
  const ra = columns.retrievedAt[a] as number;
  const rb = columns.retrievedAt[b] as number;
  const retrievedA = Number.isNaN(ra) ? Number.NEGATIVE_INFINITY : ra;
  const retrievedB = Number.isNaN(rb) ? Number.NEGATIVE_INFINITY : rb;
  if (retrievedA !== retrievedB) return retrievedA > retrievedB ? 1 : -1;
  const idA = columnId(columns, a) ?? '';
  const idB = columnId(columns, b) ?? '';
  if (idA !== idB) return idA > idB ? 1 : -1;
  const va = columns.value[a] as number;
  const vb = columns.value[b] as number;
  return va === vb ? 0 : va > vb ? 1 : -1;
}
