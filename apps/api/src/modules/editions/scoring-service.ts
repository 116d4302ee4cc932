/**
 * The one place the API runs the scoring engine on an edition's inputs: computeEdition, verify and
 * export all go through `scoreEditionInputs`, so a verified hash is computed exactly as it was stored.
 * Inputs are the edition's snapshots (projects and evidence), loaded by `loadEditionInputs`.
 */

import type { CorrectionPolicy, Executor } from '@ranking/schema';
import {
  argsortFloat64,
  canonicalJson,
  contentHash,
  dimensionColumns,
  type EditionScores,
  formatDayNumber,
  hasFreshnessWindows,
  type IndicatorResult,
  type Methodology,
  type Observation,
  type ObservationColumns,
  type PreparedEdition,
  type ProjectInput,
  prepareEditionFromColumns,
  type RankInterval,
  resultsForHash,
  runSensitivity,
  runSensitivityPrepared,
  type ScoreEntry,
  ScoringInputError,
  type SensitivityReport,
  StreamingContentHash,
  scoreEdition,
  scoreEntryAt,
} from '@ranking/scoring';
import { AppError } from '../../errors';
import { collectGarbage } from '../../lib/collect-garbage';
import { listProjectsForScoring } from '../projects/service';
import { applyCorrectionPolicy } from './corrections';
import type { EditionRow, ResultRow } from './model';
import { listResultsWithSlugs } from './ranking-store';
import {
  forEachEditionEvidenceColumnsPage,
  forEachEditionEvidencePage,
  listEditionProjects,
} from './snapshot-store';
import { listEditionsOfYear } from './store';

export interface ScoredEdition {
  scores: EditionScores;
  contentHash: string;
}

export interface EditionInputs {
  projects: (ProjectInput & { id: number; name: string })[];
  /** Observations with `id` = evidence id as text, in id order. */
  observations: Observation[];
}

/** Engine refusals are workflow conflicts: the stored data cannot be scored as it is. */
function mapScoringError(error: unknown): never {
  if (error instanceof ScoringInputError) {
    throw new AppError('CONFLICT', `The evidence cannot be scored: ${error.message}`, {
      cause: error,
      details: {
        reason: error.code,
        ...(error.project ? { project: error.project } : {}),
        ...(error.indicator ? { indicator: error.indicator } : {}),
      },
    });
  }
  throw error;
}

/** An edition's projects as stored in its snapshot (the catalogue for editions from before snapshots). */
async function loadEditionProjects(db: Executor, editionId: number): Promise<EditionInputs['projects']> {
  let projectRows = await listEditionProjects(db, editionId);
  if (projectRows.length === 0) {
    projectRows = (await listProjectsForScoring(db)).map((p) => ({
      projectId: p.id,
      slug: p.slug,
      name: p.slug,
      category: p.category,
      organization: p.organization,
      country: p.country,
    }));
  }
  return projectRows.map((p) => ({
    id: p.projectId,
    slug: p.slug,
    name: p.name,
    category: p.category,
    organization: p.organization,
    country: p.country,
  }));
}

/** An edition's inputs as columns: projects as objects (one per project), evidence as typed arrays. */
export interface EditionColumnInputs {
  projects: EditionInputs['projects'];
  columns: ObservationColumns;
  /** sourceUrl of observation i: `urls[url[i]]` (dictionary-encoded). */
  url: Int32Array;
  urls: string[];
}

/** Typed arrays that grow by doubling (the snapshot's size is not known before it is read). */
function grow<T extends Float64Array | Int32Array>(array: T, size: number): T {
  if (size <= array.length) return array;
  const bigger = new (array.constructor as new (n: number) => T)(Math.max(size, array.length * 2));
  bigger.set(array);
  return bigger;
}

/**
 * An edition's snapshots as columns: evidence read in pages (never a driver result of the whole
 * snapshot) straight into typed arrays — value, project and indicator positions, evidence id,
 * retrieved instant — with observed dates and source URLs dictionary-encoded, so memory is a few
 * tens of bytes per value and no object per value survives its page.
 */
export async function loadEditionColumns(
  db: Executor,
  editionId: number,
  methodology: Methodology,
  expected = 0,
): Promise<EditionColumnInputs> {
  const projects = await loadEditionProjects(db, editionId);
  const projectIndex = new Map(projects.map((p, i) => [p.id, i]));
  const dayIndex = new Map<number, number>();
  const urlIndex = new Map<string, number>();
  const dates: string[] = [];
  const urls: string[] = [];
  const capacity = Math.max(expected, 1024);
  let project = new Int32Array(capacity);
  let indicator = new Int32Array(capacity);
  let value = new Float64Array(capacity);
  let observedAt = new Int32Array(capacity);
  let retrievedAt = new Float64Array(capacity);
  let id = new Float64Array(capacity);
  let url = new Int32Array(capacity);
  let length = 0;
  const keys = methodology.indicators.map((d) => d.key);
  let pages = 0;
  await forEachEditionEvidenceColumnsPage(db, editionId, keys, (rows) => {
    if (++pages % 10 === 0) collectGarbage();
    const size = length + rows.length;
    project = grow(project, size);
    indicator = grow(indicator, size);
    value = grow(value, size);
    observedAt = grow(observedAt, size);
    retrievedAt = grow(retrievedAt, size);
    id = grow(id, size);
    url = grow(url, size);
    for (const r of rows) {
      const p = projectIndex.get(r.projectId);
      // The snapshot keeps only the edition's projects and the methodology's indicators.
      if (p === undefined || r.indicator < 0)
        throw new AppError(
          'INTERNAL_SERVER_ERROR',
          `Evidence ${r.id} of edition ${editionId} names ${p === undefined ? `project ${r.projectId}` : 'an indicator'} not in its snapshot`,
        );
      let d = dayIndex.get(r.day);
      if (d === undefined) {
        d = dates.length;
        dates.push(formatDayNumber(r.day));
        dayIndex.set(r.day, d);
      }
      let u = urlIndex.get(r.sourceUrl);
      if (u === undefined) {
        u = urls.length;
        urls.push(r.sourceUrl);
        urlIndex.set(r.sourceUrl, u);
      }
      project[length] = p;
      indicator[length] = r.indicator;
      value[length] = r.value;
      observedAt[length] = d;
      retrievedAt[length] = r.retrievedMs ?? Number.NaN;
      id[length] = r.id;
      url[length] = u;
      length++;
    }
  });
  return {
    projects,
    columns: { length, project, indicator, value, observedAt, dates, retrievedAt, id },
    url,
    urls,
  };
}

/**
 * An edition's projects and evidence as stored in its snapshots. Evidence is read in pages and kept
 * as one compact observation each (slugs and indicator keys interned), never as a driver result of
 * a million rows. Editions computed before project snapshots existed fall back to the catalogue.
 */
export async function loadEditionInputs(db: Executor, editionId: number): Promise<EditionInputs> {
  const projects = await loadEditionProjects(db, editionId);
  const interned = new Map<string, string>();
  const intern = (text: string) => {
    const found = interned.get(text);
    if (found !== undefined) return found;
    interned.set(text, text);
    return text;
  };
  const observations: Observation[] = [];
  await forEachEditionEvidencePage(db, editionId, (rows) => {
    for (const r of rows) {
      observations.push({
        id: String(r.id),
        project: intern(r.project),
        indicator: intern(r.indicator),
        value: r.value,
        observedAt: intern(r.observedAt),
        retrievedAt: r.retrievedAt ? r.retrievedAt.toISOString() : null,
        sourceUrl: r.sourceUrl,
      });
    }
  });
  return { projects, observations };
}

/**
 * Scores with every freshness flag (`imputed`, `stale`, `ageDays`) whatever the methodology, so the
 * stored results and the API can say for every value whether it was measured, imputed or stale. The
 * hash takes `resultsForHash`: the flags enter it only when the methodology has windows, so the
 * editions of a methodology without windows keep the hashes they were published with.
 */
export function scoreEditionInputs(input: {
  methodology: Methodology;
  projects: readonly ProjectInput[];
  observations: readonly Observation[];
  cutoff: string;
  /** A revision > 1: its policy and the revision it corrects (see {@link loadCorrectionBasis}). */
  correction?: CorrectionBasis | null;
}): ScoredEdition {
  try {
    const full = scoreEdition({
      methodology: input.methodology,
      projects: input.projects,
      observations: input.observations,
      cutoff: input.cutoff,
      freshness: 'always',
    });
    const scores = input.correction
      ? applyCorrectionPolicy(input.correction.policy, full, input.correction.scores)
      : full;
    const hash = contentHash({
      methodology: input.methodology,
      evidence: input.observations,
      results: resultsForHash(scores, input.methodology),
    });
    return { scores, contentHash: hash };
  } catch (error) {
    return mapScoringError(error);
  }
}

/** What a revision > 1 corrects: the previous published revision of its year, as stored. */
export interface CorrectionBasis {
  policy: CorrectionPolicy | null;
  /** The corrected revision. */
  edition: EditionRow;
  /** Its stored results as engine scores (slugs; evidence ids as text), dimensions in key order. */
  scores: EditionScores;
  /** Its stored rows by `dimension:slug` (to keep what the `insertion` policy keeps). */
  rows: Map<string, ResultRow>;
}

/**
 * The corrected revision of `edition` (the latest published revision of its year below it) and its
 * stored results; null for a first revision. The stored results are the published ones, so compute,
 * verify and export rebuild the same scores from them.
 */
export async function loadCorrectionBasis(
  db: Executor,
  edition: EditionRow,
): Promise<CorrectionBasis | null> {
  if (edition.revision <= 1) return null;
  const corrected = (await listEditionsOfYear(db, edition.year))
    .filter((e) => e.revision < edition.revision && e.status === 'published')
    .at(-1);
  if (!corrected) return null;
  const stored = await listResultsWithSlugs(db, corrected.id);
  const dimensions = new Map<string, ScoreEntryOf[]>();
  const rows = new Map<string, ResultRow>();
  for (const r of stored) {
    rows.set(`${r.dimension}:${r.slug}`, r);
    const entries = dimensions.get(r.dimension) ?? [];
    entries.push({
      project: r.slug,
      score: r.score,
      rank: r.rank,
      nodes: r.nodes,
      indicators: Object.fromEntries(
        Object.entries(r.indicators).map(([key, value]) => [
          key,
          { ...value, evidenceIds: value.evidenceIds.map(String) },
        ]),
      ),
    });
    dimensions.set(r.dimension, entries);
  }
  return {
    policy: edition.correctionPolicy,
    edition: corrected,
    scores: {
      methodology: { id: '', version: '' },
      dimensions: [...dimensions].map(([key, entries]) => ({ key, name: key, entries })),
    },
    rows,
  };
}

type ScoreEntryOf = EditionScores['dimensions'][number]['entries'][number];

export function runEditionSensitivity(input: {
  methodology: Methodology;
  projects: readonly ProjectInput[];
  observations: readonly Observation[];
  cutoff: string;
  samples: number;
  seed: number;
  delta: number;
}): SensitivityReport {
  if (input.samples <= 0) return {};
  try {
    return runSensitivity({
      methodology: input.methodology,
      projects: input.projects,
      observations: input.observations,
      cutoff: input.cutoff,
      samples: input.samples,
      seed: input.seed,
      delta: input.delta,
    });
  } catch (error) {
    return mapScoringError(error);
  }
}

/** One explanation record as the compute stores it, with its rank interval (when drawn). */
export interface ColumnarEntry {
  dimension: string;
  /** Position of the project in the inputs' `projects`. */
  project: number;
  entry: ScoreEntry;
  interval: RankInterval | undefined;
}

/**
 * Scores an edition's column inputs ({@link loadEditionColumns}) as {@link scoreEditionInputs} does
 * (every freshness flag; a first revision: no correction policy) and gives the same content hash, in
 * bounded memory: the evidence is hashed from the columns in id order, and the explanation records
 * are made one project at a time, handed to `onEntry` (which may write them) and hashed, never all
 * held. With `sensitivity`, each record comes with its rank interval.
 */
export async function scoreEditionColumnar(input: {
  methodology: Methodology;
  inputs: EditionColumnInputs;
  cutoff: string;
  sensitivity?: { samples: number; seed: number; delta: number };
  /** Called before the rank intervals are drawn. */
  onSensitivity?: () => void;
  onEntry?: (entry: ColumnarEntry) => void | Promise<void>;
}): Promise<{ contentHash: string; results: number }> {
  const { methodology, inputs } = input;
  let prepared: PreparedEdition;
  let sensitivity: SensitivityReport = {};
  try {
    prepared = prepareEditionFromColumns({
      methodology,
      projects: inputs.projects,
      columns: inputs.columns,
      cutoff: input.cutoff,
    });
    if (input.sensitivity && input.sensitivity.samples > 0) {
      input.onSensitivity?.();
      sensitivity = runSensitivityPrepared(prepared, input.sensitivity);
    }
  } catch (error) {
    return mapScoringError(error);
  }
  const hash = new StreamingContentHash();
  hashEvidenceColumns(hash, methodology, inputs);
  hash.methodology(methodology);
  const withWindows = hasFreshnessWindows(methodology);
  const positionOf = new Map(inputs.projects.map((p, i) => [p.slug, i]));
  let results = 0;
  hash.results('{"dimensions":[');
  for (let d = 0; d < prepared.dimensions.length; d++) {
    const dimension = prepared.dimensions[d] as PreparedEdition['dimensions'][number];
    const columns = dimensionColumns(dimension, prepared.table, prepared.scale);
    const intervals = new Map((sensitivity[columns.key] ?? []).map((i) => [i.project, i]));
    hash.results(`${d > 0 ? ',' : ''}{"entries":[`);
    let piece = '';
    for (let position = 0; position < dimension.n; position++) {
      const entry = scoreEntryAt(columns, dimension, prepared.table, position, true);
      piece += `${position > 0 ? ',' : ''}${canonicalJson(withWindows ? entry : withoutFreshness(entry))}`;
      if (piece.length > 1 << 16) {
        hash.results(piece);
        piece = '';
      }
      results++;
      if (input.onEntry)
        await input.onEntry({
          dimension: columns.key,
          project: positionOf.get(entry.project) as number,
          entry,
          interval: intervals.get(entry.project),
        });
    }
    hash.results(`${piece}],"key":${JSON.stringify(columns.key)},"name":${JSON.stringify(columns.name)}}`);
  }
  hash.results(`],"methodology":${canonicalJson({ id: methodology.id, version: methodology.version })}}`);
  return { contentHash: hash.digest(), results };
}

/** An entry as `resultsForHash` gives it for a methodology without windows: no freshness flags. */
function withoutFreshness(entry: ScoreEntry): ScoreEntry {
  const indicators: Record<string, IndicatorResult> = {};
  for (const [key, result] of Object.entries(entry.indicators)) {
    const { imputed: _imputed, stale: _stale, ageDays: _ageDays, ...rest } = result;
    indicators[key] = rest;
  }
  return { ...entry, indicators };
}

/**
 * The evidence part of the content hash from the columns: records in ascending order of the id's
 * decimal text (what `contentHash` sorts by). For ids below 10^14 that order is computed without a
 * string per value: the id scaled to the longest id's number of digits, then the shorter text first
 * ("1" < "10" < "2"); otherwise the texts are compared.
 */
function hashEvidenceColumns(
  hash: StreamingContentHash,
  methodology: Methodology,
  inputs: EditionColumnInputs,
): void {
  const { columns, projects, urls, url } = inputs;
  const n = columns.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let longest = 1;
  let integral = true;
  for (let i = 0; i < n; i++) {
    const id = columns.id[i] as number;
    if (!(Number.isInteger(id) && id >= 0 && id < 1e14)) integral = false;
    else longest = Math.max(longest, digits(id));
  }
  if (integral) {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const id = columns.id[i] as number;
      const length = digits(id);
      keys[i] = id * 10 ** (longest - length) * 16 + length;
    }
    argsortFloat64(keys, order);
  } else {
    const text = (i: number) => String(columns.id[i]);
    const sorted = Array.from(order).sort((a, b) => {
      const x = text(a);
      const y = text(b);
      return x < y ? -1 : x > y ? 1 : 0;
    });
    order.set(sorted);
  }
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    const d = columns.observedAt[i] as number;
    hash.evidence({
      id: Number.isNaN(columns.id[i] as number) ? null : String(columns.id[i]),
      project: (projects[columns.project[i] as number] as EditionInputs['projects'][number]).slug,
      indicator: (methodology.indicators[columns.indicator[i] as number] as Methodology['indicators'][number])
        .key,
      value: columns.value[i] as number,
      observedAt: d >= 0 ? (columns.dates[d] as string) : null,
      sourceUrl: urls[url[i] as number] as string,
    });
  }
}

/** Decimal digits of a non-negative integer. */
function digits(value: number): number {
  let count = 1;
  for (let v = value; v >= 10; v = Math.floor(v / 10)) count++;
  return count;
}
