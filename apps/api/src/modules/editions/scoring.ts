/**
 * The one place the API runs the scoring engine on an edition's inputs: computeEdition and verify
 * both go through `scoreEditionInputs`, so a verified hash is computed exactly as it was stored.
 */
import {
  contentHash,
  type EditionScores,
  type Methodology,
  type Observation,
  type ProjectInput,
  runSensitivity,
  ScoringInputError,
  type SensitivityReport,
  scoreEdition,
} from '@ranking/scoring';
import { AppError } from '../../errors';

export interface ScoringEvidence {
  id: number;
  project: string;
  indicator: string;
  value: number;
  observedAt: string;
  retrievedAt: Date | null;
  sourceUrl: string;
}

export interface ScoredEdition {
  scores: EditionScores;
  contentHash: string;
  /** The evidence actually given to the engine (indicators of the methodology only). */
  evidence: ScoringEvidence[];
}

function toObservation(e: ScoringEvidence): Observation {
  return {
    id: String(e.id),
    project: e.project,
    indicator: e.indicator,
    value: e.value,
    observedAt: e.observedAt,
    retrievedAt: e.retrievedAt ? e.retrievedAt.toISOString() : null,
    sourceUrl: e.sourceUrl,
  };
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

export function scoreEditionInputs(input: {
  methodology: Methodology;
  projects: readonly ProjectInput[];
  evidence: readonly ScoringEvidence[];
  cutoff: string;
}): ScoredEdition {
  const known = new Set(input.methodology.indicators.map((i) => i.key));
  const projectSlugs = new Set(input.projects.map((p) => p.slug));
  const evidence = input.evidence.filter((e) => known.has(e.indicator) && projectSlugs.has(e.project));
  const observations = evidence.map(toObservation);
  try {
    const scores = scoreEdition({
      methodology: input.methodology,
      projects: input.projects,
      observations,
      cutoff: input.cutoff,
    });
    const hash = contentHash({
      methodology: input.methodology,
      evidence: observations.map((o) => ({ ...o, id: String(o.id) })),
      results: scores,
    });
    return { scores, contentHash: hash, evidence };
  } catch (error) {
    return mapScoringError(error);
  }
}

export function runEditionSensitivity(input: {
  methodology: Methodology;
  projects: readonly ProjectInput[];
  evidence: readonly ScoringEvidence[];
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
      observations: input.evidence.map(toObservation),
      cutoff: input.cutoff,
      samples: input.samples,
      seed: input.seed,
      delta: input.delta,
    });
  } catch (error) {
    return mapScoringError(error);
  }
}
