/**
 * The one place the API runs the scoring engine on an edition's inputs: computeEdition, verify and
 * export all go through `scoreEditionInputs`, so a verified hash is computed exactly as it was stored.
 * Inputs are the edition's snapshots (projects and evidence), loaded by `loadEditionInputs`.
 */

import type { CorrectionPolicy, Executor } from '@ranking/schema';
import {
  contentHash,
  type EditionScores,
  type Methodology,
  type Observation,
  type ProjectInput,
  resultsForHash,
  runSensitivity,
  ScoringInputError,
  type SensitivityReport,
  scoreEdition,
} from '@ranking/scoring';
import { AppError } from '../../errors';
import { listProjectsForScoring } from '../projects/service';
import { applyCorrectionPolicy } from './corrections';
import type { EditionRow, ResultRow } from './model';
import { listResultsWithSlugs } from './ranking-store';
import { forEachEditionEvidencePage, listEditionProjects } from './snapshot-store';
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

/**
 * An edition's projects and evidence as stored in its snapshots. Evidence is read in pages and kept
 * as one compact observation each (slugs and indicator keys interned), never as a driver result of
 * a million rows. Editions computed before project snapshots existed fall back to the catalogue.
 */
export async function loadEditionInputs(db: Executor, editionId: number): Promise<EditionInputs> {
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
  const projects = projectRows.map((p) => ({
    id: p.projectId,
    slug: p.slug,
    name: p.name,
    category: p.category,
    organization: p.organization,
    country: p.country,
  }));
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
