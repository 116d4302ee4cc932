/**
 * Deterministic synthetic inputs for the benchmark: a methodology shaped like the default methodology (4
 * dimensions, 53 indicator slots over 32 indicator keys, 3–4 pillars each, the same transforms,
 * normalisations, directions and combine methods) and evidence for any number of projects.
 */
import { type Methodology, type Observation, parseMethodology } from '../src/index';
import { createSeededRandom } from '../src/random/seeded-random';

type Spec = Record<string, unknown>;
const rate = { transform: 'none', normalize: { method: 'none' } } as const;

/** Indicator settings that differ from the usual ones (log1p, minmax, higher, latest, zero). */
const SPECIAL: Record<string, Spec> = {
  license_openness: rate,
  documentation_completeness: rate,
  issue_close_rate: rate,
  benchmark_average: rate,
  organization_diversity: rate,
  contamination_resistance: rate,
  size_tokens: { transform: 'log' },
  arena_elo: { transform: 'none', normalize: { method: 'zscore' } },
  issue_first_response_hours: { direction: 'lower', combine: 'median' },
};

/** Shaped like the default methodology's tree: dimension → pillars [key, weight, indicators]. */
const TREE: Record<string, Array<[string, number, string[]]>> = {
  data: [
    ['adoption', 40, ['hf_dataset_downloads_12m', 'hf_likes', 'derived_models', 'citations']],
    ['community', 25, ['github_stars', 'github_forks', 'contributors_12m', 'commits_12m']],
    [
      'openness',
      35,
      ['license_openness', 'documentation_completeness', 'size_tokens', 'languages_covered', 'updates_12m'],
    ],
  ],
  model: [
    ['adoption', 40, ['hf_model_downloads_12m', 'hf_likes', 'derivative_models', 'inference_engine_support']],
    [
      'community',
      20,
      ['github_stars', 'github_forks', 'contributors_12m', 'commits_12m', 'issue_close_rate'],
    ],
    ['openness', 15, ['license_openness', 'releases_12m', 'model_sizes_released', 'modalities']],
    ['capability', 25, ['arena_elo', 'benchmark_average', 'citations']],
  ],
  system: [
    ['adoption', 40, ['package_downloads_12m', 'dependent_repositories', 'github_stars', 'github_forks']],
    [
      'community',
      35,
      [
        'contributors_12m',
        'commits_12m',
        'releases_12m',
        'issue_first_response_hours',
        'issue_close_rate',
        'organization_diversity',
      ],
    ],
    [
      'capability',
      25,
      ['hardware_backends', 'model_architectures_supported', 'documentation_completeness', 'citations'],
    ],
  ],
  evaluation: [
    [
      'adoption',
      50,
      ['citations', 'model_reports_adopting', 'leaderboard_submissions', 'hf_dataset_downloads_12m'],
    ],
    ['community', 20, ['github_stars', 'contributors_12m']],
    ['design', 30, ['tasks_count', 'languages_covered', 'contamination_resistance', 'updates_12m']],
  ],
};

export function syntheticMethodology(): Methodology {
  const keys = [...new Set(Object.values(TREE).flatMap((pillars) => pillars.flatMap(([, , list]) => list)))];
  return parseMethodology(
    JSON.stringify({
      id: 'synthetic-llm-oss-influence',
      version: 'bench',
      title: 'Synthetic methodology shaped like llm-oss-influence 2026.1',
      indicators: keys.map((key) => ({ key, name: key, transform: 'log1p', ...(SPECIAL[key] ?? {}) })),
      dimensions: Object.entries(TREE).map(([key, pillars]) => ({
        key,
        name: key,
        category: key,
        children: pillars.map(([pillar, weight, list]) => ({
          key: pillar,
          name: pillar,
          weight,
          children: list.map((indicator) => ({ indicator })),
        })),
      })),
    }),
  );
}

/** Number of indicator slots (leaves over all dimensions): 53 for the default methodology's shape. */
export function slotCount(methodology: Methodology): number {
  const count = (nodes: Methodology['dimensions'][number]['children']): number =>
    nodes.reduce((n, node) => n + ('indicator' in node ? 1 : count(node.children)), 0);
  return methodology.dimensions.reduce((n, d) => n + count(d.children), 0);
}

/**
 * One observation per project and indicator key (three for the `median` indicator), 3 % of cells
 * left without evidence; values drawn from a seeded generator: heavy-tailed counts, rates in [0, 1],
 * Elo-like ratings, positive token counts.
 */
export function syntheticObservations(
  methodology: Methodology,
  projects: number,
  seed = 'bench',
): Observation[] {
  const random = createSeededRandom(seed);
  const out: Observation[] = [];
  let id = 0;
  for (let p = 0; p < projects; p++) {
    const project = `project-${String(p).padStart(5, '0')}`;
    for (const indicator of methodology.indicators) {
      if (random() < 0.03) continue;
      const copies = indicator.combine === 'median' ? 3 : 1;
      for (let c = 0; c < copies; c++) {
        let value: number;
        if (indicator.normalize.method === 'none') value = random();
        else if (indicator.key === 'arena_elo') value = 1000 + 400 * random();
        else value = Math.floor(Math.exp(random() * 14));
        if (indicator.transform === 'log') value += 1;
        out.push({
          id: `e${id++}`,
          project,
          indicator: indicator.key,
          value,
          observedAt: `2025-${String(1 + (c % 12)).padStart(2, '0')}-15`,
        });
      }
    }
  }
  return out;
}
