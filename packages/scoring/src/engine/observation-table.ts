import { combineValues } from '../combine/combine-values';
import { compareRecency } from '../combine/latest';
import { ScoringInputError } from '../errors';
import { dayNumber } from '../freshness/civil-days';
import { parseIsoDuration } from '../freshness/iso-duration';
import { windowStart } from '../freshness/window-start';
import type { IndicatorDefinition } from '../methodology/types';
import type { Observation, ScoreEditionInput } from '../types';
import { isIsoDate, readDatePart } from './dates';

/**
 * Every project's combined raw value for every indicator, as a dense matrix, with the observations
 * behind each cell — the engine's view of the evidence after step 2 (combine, cutoff) of
 * docs/methodology-format.md.
 */
export interface ObservationTable {
  /** All project slugs, sorted (UTF-16 code unit order); a project's index is its position here. */
  slugs: string[];
  /** Category per project (null without one, or without a projects list). */
  categories: Array<string | null>;
  /** Whether the caller gave a projects list (without one, every project is in every dimension). */
  hasProjectList: boolean;
  indicators: readonly IndicatorDefinition[];
  indicatorIndex: ReadonlyMap<string, number>;
  /** raw[indicator · P + project]: the combined value, NaN without evidence. */
  raw: Float64Array;
  /** For `latest` indicators, the chosen observation of each cell (−1: none). */
  chosen: Int32Array;
  /** head[cell] → first accepted observation, next[obs] → the following one (−1 ends). */
  head: Int32Array;
  next: Int32Array;
  /** The observations as given (absent when the table was built from columns). */
  observations?: readonly Observation[];
  /** The id of observation `o` (null or undefined: it has none). */
  evidenceId: (observation: number) => string | null | undefined;
  /** Whether some indicator declares a freshness `window`. */
  hasWindows: boolean;
  /**
   * stale[cell] = 1 when the cell's evidence is older than its indicator's window: under `flag` the
   * value used includes such evidence; under `exclude` all of it was dropped (the cell has no value).
   */
  stale: Uint8Array;
  /**
   * ageDays[cell]: days from the observed date of the oldest evidence behind the value to the
   * cutoff; NaN without a value, without a cutoff, or when some of that evidence has no date.
   */
  ageDays: Float64Array;
}

/**
 * Builds the {@link ObservationTable}: checks every observation (known indicator, known project,
 * finite value, dates), drops those observed after the cutoff (observations without `observedAt`
 * are kept: nothing says they are late) and, for an indicator with a `window` and `stale: exclude`,
 * those observed before `cutoff − window` or without a date (nothing shows them fresh); then
 * combines the rest per project and indicator, and records per cell whether it is stale and the
 * age of its evidence (see {@link windowStart} for the date arithmetic; the boundary is inclusive).
 *
 * Complexity: O(m + P·I + Σ k log k) for m observations, P projects, I indicators and k values per
 * cell; allocation-free per observation.
 *
 * @throws {ScoringInputError} UNKNOWN_INDICATOR, UNKNOWN_PROJECT, DUPLICATE_PROJECT, INVALID_VALUE,
 *   INVALID_DATE — naming the observation (its index) or project concerned; MISSING_CUTOFF when an
 *   indicator has a window and no cutoff is given
 */
export function buildObservationTable(input: ScoreEditionInput): ObservationTable {
  const { observations, methodology } = input;
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

  const { slugs, categories } = input.projects
    ? readProjectList(input.projects)
    : collectProjects(observations);
  const projectIndex = new Map<string, number>();
  slugs.forEach((slug, index) => {
    projectIndex.set(slug, index);
  });

  const projectCount = slugs.length;
  const indicatorCount = methodology.indicators.length;
  const cells = indicatorCount * projectCount;
  const head = new Int32Array(cells).fill(-1);
  const chosen = new Int32Array(cells).fill(-1);
  const next = new Int32Array(observations.length).fill(-1);
  const raw = new Float64Array(cells).fill(Number.NaN);
  const stale = new Uint8Array(cells);
  // Day number of each observation's date (NaN: no date), read only when ages can be measured.
  const days = cutoff === undefined ? undefined : new Float64Array(observations.length).fill(Number.NaN);
  const isLatest = Uint8Array.from(methodology.indicators, (indicator) =>
    indicator.combine === 'latest' ? 1 : 0,
  );

  // Inputs usually arrive grouped by project and share dates: remembering the previous project and
  // date skips most map look-ups and date parsing (a cache, not an assumption: any order works).
  let lastProject = '';
  let lastProjectIndex = -1;
  let lastObservedAt = '';
  let lastDate = '';
  let lastDay = Number.NaN;
  for (let i = 0; i < observations.length; i++) {
    const observation = observations[i] as Observation;
    const indicator = indicatorIndex.get(observation.indicator);
    if (indicator === undefined) {
      throw new ScoringInputError(
        'UNKNOWN_INDICATOR',
        `unknown indicator ${JSON.stringify(observation.indicator)} (not in methodology ${methodology.id} ${methodology.version})`,
        { indicator: String(observation.indicator), project: String(observation.project), observations: [i] },
      );
    }
    let project = lastProjectIndex;
    if (observation.project !== lastProject || project < 0) {
      const found = projectIndex.get(observation.project);
      if (found === undefined) {
        throw new ScoringInputError(
          'UNKNOWN_PROJECT',
          `unknown project ${JSON.stringify(observation.project)}`,
          {
            project: String(observation.project),
            indicator: observation.indicator,
            observations: [i],
          },
        );
      }
      project = found;
      lastProject = observation.project;
      lastProjectIndex = found;
    }
    const value = observation.value;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new ScoringInputError('INVALID_VALUE', `value must be a finite number, not ${String(value)}`, {
        project: observation.project,
        indicator: observation.indicator,
        observations: [i],
      });
    }
    const observedAt = observation.observedAt;
    if (observedAt !== undefined && observedAt !== null) {
      if (observedAt !== lastObservedAt) {
        const date = typeof observedAt === 'string' ? readDatePart(observedAt) : undefined;
        if (date === undefined) {
          throw new ScoringInputError(
            'INVALID_DATE',
            `observedAt must be a YYYY-MM-DD date, not ${JSON.stringify(observedAt)}`,
            { project: observation.project, indicator: observation.indicator, observations: [i] },
          );
        }
        lastObservedAt = observedAt;
        lastDate = date;
        lastDay = cutoff === undefined ? Number.NaN : dayNumber(date);
      }
      if (cutoff !== undefined && lastDate > cutoff) continue;
      if (days !== undefined) days[i] = lastDay;
    }
    const cell = indicator * projectCount + project;
    // Under `exclude`, evidence before the window (or undated: nothing shows it fresh) is dropped.
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
      if (first < 0 || compareRecency(observation, observations[chosen[cell] as number] as Observation) > 0) {
        chosen[cell] = i;
        raw[cell] = value;
      }
    }
  }

  const ageDays = combineCells(
    { indicators: methodology.indicators, projectCount, cutoffDay, windows },
    { head, next, chosen, raw, stale, days, isLatest },
    (o) => (observations[o] as Observation).value,
  );

  return {
    slugs,
    categories,
    hasProjectList: input.projects !== undefined,
    indicators: methodology.indicators,
    indicatorIndex,
    raw,
    chosen,
    head,
    next,
    observations,
    evidenceId: (o) => (observations[o] as Observation).id,
    hasWindows: windows.any,
    stale,
    ageDays,
  };
}

/** Stale policies as stored per indicator (0: no window). */
export const EXCLUDE = 1;
export const FLAG = 2;

/**
 * Per indicator: its stale policy (0 without a window, EXCLUDE, FLAG) and the first day of its window
 * (−∞ without one).
 */
export function freshnessWindows(
  methodology: ScoreEditionInput['methodology'],
  cutoffDay: number,
): { policy: Uint8Array; start: Float64Array; any: boolean } {
  const indicators = methodology.indicators;
  const policy = new Uint8Array(indicators.length);
  const start = new Float64Array(indicators.length).fill(Number.NEGATIVE_INFINITY);
  let any = false;
  indicators.forEach((definition, index) => {
    if (definition.window === undefined) return;
    // A hand-built methodology may skip validation: an unreadable window is refused, not ignored.
    const duration = parseIsoDuration(definition.window);
    if (duration === undefined) {
      throw new ScoringInputError(
        'INVALID_OPTION',
        `indicator ${JSON.stringify(definition.key)}: window ${JSON.stringify(definition.window)} is not an ISO 8601 duration (validate the methodology with parseMethodology)`,
        { indicator: definition.key },
      );
    }
    if (Number.isNaN(cutoffDay)) {
      throw new ScoringInputError(
        'MISSING_CUTOFF',
        `methodology ${methodology.id} ${methodology.version} gives indicator ${JSON.stringify(definition.key)} a freshness window (${definition.window}): a cutoff is needed to measure it from`,
        { indicator: definition.key },
      );
    }
    any = true;
    policy[index] = definition.stale === 'flag' ? FLAG : EXCLUDE;
    start[index] = windowStart(cutoffDay, duration);
  });
  return { policy, start, any };
}

/** The observations (indices) behind one cell: the chosen one for `latest`, else all, ascending. */
export function cellObservations(table: ObservationTable, indicator: number, project: number): number[] {
  const cell = indicator * table.slugs.length + project;
  if ((table.indicators[indicator] as IndicatorDefinition).combine === 'latest') {
    const best = table.chosen[cell] as number;
    return best < 0 ? [] : [best];
  }
  const out: number[] = [];
  for (let o = table.head[cell] as number; o >= 0; o = table.next[o] as number) out.push(o);
  return out.sort((a, b) => a - b);
}

/** The ids of the observations behind one cell, sorted (observations without an id are not listed). */
export function cellEvidenceIds(table: ObservationTable, indicator: number, project: number): string[] {
  const cell = indicator * table.slugs.length + project;
  if ((table.indicators[indicator] as IndicatorDefinition).combine === 'latest') {
    const best = table.chosen[cell] as number;
    if (best < 0) return [];
    const id = table.evidenceId(best);
    return id === undefined || id === null ? [] : [id];
  }
  const ids: string[] = [];
  for (let o = table.head[cell] as number; o >= 0; o = table.next[o] as number) {
    const id = table.evidenceId(o);
    if (id !== undefined && id !== null) ids.push(id);
  }
  return ids.sort();
}

export function readProjectList(projects: NonNullable<ScoreEditionInput['projects']>): {
  slugs: string[];
  categories: Array<string | null>;
} {
  const categoryOf = new Map<string, string | null>();
  projects.forEach((project, index) => {
    if (typeof project.slug !== 'string' || project.slug === '') {
      throw new ScoringInputError('INVALID_VALUE', 'project slug must be a non-empty string', {
        projectIndex: index,
      });
    }
    if (categoryOf.has(project.slug)) {
      throw new ScoringInputError('DUPLICATE_PROJECT', `duplicate project ${JSON.stringify(project.slug)}`, {
        project: project.slug,
        projectIndex: index,
      });
    }
    categoryOf.set(project.slug, project.category ?? null);
  });
  const slugs = [...categoryOf.keys()].sort();
  return { slugs, categories: slugs.map((slug) => categoryOf.get(slug) ?? null) };
}

function collectProjects(observations: readonly Observation[]): { slugs: string[]; categories: Array<null> } {
  const seen = new Set<string>();
  let last = '';
  for (let i = 0; i < observations.length; i++) {
    const project = (observations[i] as Observation).project;
    if (project === last && last !== '') continue;
    last = project;
    if (typeof project !== 'string' || project === '') {
      throw new ScoringInputError('INVALID_VALUE', 'observation project must be a non-empty string', {
        observations: [i],
      });
    }
    seen.add(project);
  }
  const slugs = [...seen].sort();
  return { slugs, categories: slugs.map(() => null) };
}

/** The cell lists a builder fills while it reads the observations (see {@link ObservationTable}). */
export interface CellLists {
  head: Int32Array;
  next: Int32Array;
  /** For `latest` indicators, filled while reading; `raw` holds the chosen value. */
  chosen: Int32Array;
  /** Filled here for every other indicator. */
  raw: Float64Array;
  /** Marked while reading under `exclude`; marked here under `flag`. */
  stale: Uint8Array;
  /** Day number of each observation's date (NaN: none); absent without a cutoff. */
  days: Float64Array | undefined;
  isLatest: Uint8Array;
}

/**
 * The steps both table builders (objects, columns) share once every observation is in its cell's
 * list: each cell's raw value combined from its observations (`combine` other than `latest`, whose
 * choice was made while reading), then its age and, under a `flag` window, its staleness. Returns
 * `ageDays`; fills `raw` and `stale`.
 *
 * Complexity: O(P·I + m).
 */
export function combineCells(
  shape: {
    indicators: readonly IndicatorDefinition[];
    projectCount: number;
    cutoffDay: number;
    windows: ReturnType<typeof freshnessWindows>;
  },
  lists: CellLists,
  valueAt: (observation: number) => number,
): Float64Array {
  const { indicators, projectCount, cutoffDay, windows } = shape;
  const { head, next, chosen, raw, stale, days, isLatest } = lists;
  const cells = indicators.length * projectCount;
  const values: number[] = [];
  for (let indicator = 0; indicator < indicators.length; indicator++) {
    const definition = indicators[indicator] as IndicatorDefinition;
    if (definition.combine === 'latest') continue;
    const base = indicator * projectCount;
    for (let project = 0; project < projectCount; project++) {
      const cell = base + project;
      if ((head[cell] as number) < 0) continue;
      values.length = 0;
      for (let o = head[cell] as number; o >= 0; o = next[o] as number) values.push(valueAt(o));
      raw[cell] = combineValues(values, definition.combine);
    }
  }

  const ageDays = new Float64Array(cells).fill(Number.NaN);
  if (days !== undefined) {
    for (let indicator = 0; indicator < indicators.length; indicator++) {
      const base = indicator * projectCount;
      const latest = isLatest[indicator] === 1;
      const flag = windows.policy[indicator] === FLAG;
      const start = windows.start[indicator] as number;
      for (let project = 0; project < projectCount; project++) {
        const cell = base + project;
        const first = head[cell] as number;
        if (first < 0) continue;
        // The value is as old as the oldest evidence behind it (NaN, and so stale, if one is undated).
        let oldest = Number.POSITIVE_INFINITY;
        if (latest) oldest = days[chosen[cell] as number] as number;
        else for (let o = first; o >= 0; o = next[o] as number) oldest = Math.min(oldest, days[o] as number);
        ageDays[cell] = cutoffDay - oldest;
        // A measured value is stale only under `flag`; under `exclude` it is built from fresh
        // evidence alone, whatever older evidence was dropped beside it.
        stale[cell] = flag && !(oldest >= start) ? 1 : 0;
      }
    }
  }
  return ageDays;
}
