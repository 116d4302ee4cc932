/**
 * The one place the API runs the scoring engine on an edition's inputs: computeEdition, verify and
 * export all go through `scoreEditionInputs`, so a verified hash is computed exactly as it was stored.
 * Inputs are the edition's snapshots (projects and evidence), loaded by `loadEditionInputs`.
 */

import type { Executor } from '@ranking/schema';
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
import { forEachEditionEvidencePage, listEditionProjects } from './snapshot-store';

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
}): ScoredEdition {
  try {
    const scores = scoreEdition({
      methodology: input.methodology,
      projects: input.projects,
      observations: input.observations,
      cutoff: input.cutoff,
      freshness: 'always',
    });
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
