import type { SourceKind } from '@ranking/contracts';
import { shapeOf, valueAt } from './indicator-shapes';
import { loadDefaultMethodology, outlineMethodology } from './methodology';
import { hashString, mulberry32, normalFrom } from './random';
import {
  type EvidenceStatus,
  type OrganizationKind,
  PROJECT_CATEGORIES,
  type ProjectCategory,
} from './tables';

export interface SyntheticOptions {
  /** Number of projects (≥ 0). */
  projects: number;
  /** PRNG seed: same seed, same data. */
  seed: number;
  /** Evidence rows per project (default 100). */
  evidencePerProject?: number | undefined;
  /** Methodology whose indicators get evidence (default: `llm-oss-influence` 2026.1). */
  methodology?: unknown;
}

export interface SyntheticOrganization {
  slug: string;
  name: string;
  nameZh: null;
  country: string | null;
  kind: OrganizationKind;
  url: string;
}

export interface SyntheticProject {
  slug: string;
  name: string;
  nameZh: null;
  category: ProjectCategory;
  /** Primary first. */
  organizationSlugs: string[];
  repositoryUrl: string;
  huggingfaceUrl: string | null;
  homepageUrl: null;
  license: string;
  firstRelease: string;
}

export interface SyntheticEvidence {
  /** Project slug. */
  project: string;
  indicator: string;
  value: number;
  /** YYYY-MM-DD */
  observedAt: string;
  sourceUrl: string;
  sourceKind: SourceKind;
  status: Extract<EvidenceStatus, 'approved' | 'pending' | 'rejected'>;
}

export interface SyntheticDataset {
  readonly counts: { organizations: number; projects: number; evidence: number };
  organizations(): Generator<SyntheticOrganization>;
  projects(): Generator<SyntheticProject>;
  /** Evidence project by project, in project order. */
  evidence(): Generator<SyntheticEvidence>;
  /** The same rows in arrays of `size` (default 10,000); works with `for await` too. */
  evidenceBatches(size?: number): Generator<SyntheticEvidence[]>;
}

export const SYNTHETIC_PROJECT_PREFIX = 'syn-project-';
export const SYNTHETIC_ORGANIZATION_PREFIX = 'syn-org-';
export const SYNTHETIC_NOTE = 'synthetic value for benchmarks, not measured';

const PROJECTS_PER_ORGANIZATION = 20;
/** The last observation date; earlier ones go back a quarter at a time. */
const LAST_OBSERVATION = Date.UTC(2026, 10, 15);
const DAY = 86_400_000;

const COUNTRIES: readonly [string | null, number][] = [
  ['US', 0.33],
  ['CN', 0.3],
  ['GB', 0.05],
  ['DE', 0.05],
  ['FR', 0.04],
  ['CA', 0.03],
  ['JP', 0.03],
  ['KR', 0.03],
  ['SG', 0.03],
  ['IN', 0.03],
  ['AE', 0.02],
  [null, 0.06],
];
const KINDS: readonly [OrganizationKind, number][] = [
  ['company', 0.45],
  ['university', 0.25],
  ['lab', 0.15],
  ['community', 0.1],
  ['foundation', 0.05],
];
const LICENSES = ['Apache-2.0', 'MIT', 'BSD-3-Clause', 'CC-BY-4.0', 'Custom model license', 'CC-BY-NC-4.0'];

function pick<T>(choices: readonly [T, number][], u: number): T {
  let acc = 0;
  for (const [value, weight] of choices) {
    acc += weight;
    if (u < acc) return value;
  }
  const last = choices[choices.length - 1];
  if (!last) throw new Error('pick from an empty list');
  return last[0];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
export const syntheticProjectSlug = (index: number) => `${SYNTHETIC_PROJECT_PREFIX}${pad(index + 1, 6)}`;
export const syntheticOrganizationSlug = (index: number) =>
  `${SYNTHETIC_ORGANIZATION_PREFIX}${pad(index + 1, 5)}`;

const organizationCount = (projectCount: number) =>
  projectCount === 0 ? 0 : Math.ceil(projectCount / PROJECTS_PER_ORGANIZATION);

const dates = new Map<number, string>();
const dateOf = (time: number) => {
  let text = dates.get(time);
  if (text === undefined) {
    text = new Date(time).toISOString().slice(0, 10);
    dates.set(time, text);
  }
  return text;
};

/**
 * The synthetic dataset for `options` (nothing is generated until iterated).
 * @throws {RangeError} for a negative or fractional project or evidence count.
 */
export function generateSynthetic(options: SyntheticOptions): SyntheticDataset {
  const { projects: projectCount, seed } = options;
  const perProject = options.evidencePerProject ?? 100;
  if (!Number.isInteger(projectCount) || projectCount < 0)
    throw new RangeError('projects must be an integer ≥ 0');
  if (!Number.isInteger(perProject) || perProject < 0) {
    throw new RangeError('evidencePerProject must be an integer ≥ 0');
  }
  const outline = outlineMethodology(options.methodology ?? loadDefaultMethodology());
  const indicatorsByCategory = new Map<ProjectCategory, string[]>();
  for (const category of PROJECT_CATEGORIES) {
    const keys = outline.dimensions.filter((d) => d.category === category).flatMap((d) => d.indicatorKeys);
    indicatorsByCategory.set(category, [...new Set(keys)]);
  }
  const orgCount = organizationCount(projectCount);
  const randomFor = (...parts: (string | number)[]) => mulberry32(hashString(`${seed}:${parts.join(':')}`));

  function organization(index: number): SyntheticOrganization {
    const random = randomFor('organization', index);
    const slug = syntheticOrganizationSlug(index);
    return {
      slug,
      name: `Synthetic Organization ${pad(index + 1, 5)}`,
      nameZh: null,
      country: pick(COUNTRIES, random()),
      kind: pick(KINDS, random()),
      url: `https://synthetic.example/${slug}`,
    };
  }

  /** Project index → its latent level (heavy-tailed: most projects small, a few dominant) and growth. */
  function project(index: number): SyntheticProject & { level: number; growth: number } {
    const random = randomFor('project', index);
    const slug = syntheticProjectSlug(index);
    const category = PROJECT_CATEGORIES[index % PROJECT_CATEGORIES.length] ?? 'model';
    // Organizations "exist" in order, so project i only uses the first ⌊i/20⌋+1 of them (prefix-stable);
    // squaring the draw favours older organizations: a heavy-tailed number of projects each.
    const available = Math.floor(index / PROJECTS_PER_ORGANIZATION) + 1;
    const primary = Math.floor(available * random() ** 2);
    const organizationSlugs = [syntheticOrganizationSlug(primary)];
    if (random() < 0.15 && available > 1) {
      const second = Math.floor(random() * available);
      if (second !== primary) organizationSlugs.push(syntheticOrganizationSlug(second));
    }
    const level = random() ** 2.5;
    const growth = random();
    const base = `https://synthetic.example/${organizationSlugs[0]}/${slug}`;
    return {
      slug,
      name: `Synthetic Project ${pad(index + 1, 6)}`,
      nameZh: null,
      category,
      organizationSlugs,
      repositoryUrl: base,
      huggingfaceUrl: category === 'system' ? null : `${base}/hf`,
      homepageUrl: null,
      license: LICENSES[Math.floor(random() * LICENSES.length)] ?? 'MIT',
      firstRelease: `${2018 + Math.floor(random() * 8)}-${pad(1 + Math.floor(random() * 12), 2)}`,
      level,
      growth,
    };
  }

  function* evidenceOf(index: number): Generator<SyntheticEvidence> {
    const p = project(index);
    const keys = indicatorsByCategory.get(p.category) ?? [];
    if (keys.length === 0) return;
    const random = randomFor('evidence', index);
    const jitter = Math.floor(random() * 30);
    for (let k = 0; k < perProject; k++) {
      const indicator = keys[k % keys.length] ?? '';
      const round = Math.floor(k / keys.length);
      const shape = shapeOf(indicator);
      const yearsBefore = (round * 91 + jitter) / 365;
      const level = p.level - 0.08 * p.growth * yearsBefore + 0.05 * normalFrom(random(), random());
      const u = random();
      const sourceUrl =
        shape.source === 'huggingface' && p.huggingfaceUrl ? p.huggingfaceUrl : p.repositoryUrl;
      yield {
        project: p.slug,
        indicator,
        value: valueAt(shape.shape, level),
        observedAt: dateOf(LAST_OBSERVATION - (round * 91 + jitter) * DAY),
        sourceUrl,
        sourceKind: shape.source === 'any' ? 'website' : shape.source,
        status: u < 0.96 ? 'approved' : u < 0.99 ? 'pending' : 'rejected',
      };
    }
  }

  return {
    counts: { organizations: orgCount, projects: projectCount, evidence: projectCount * perProject },
    *organizations() {
      for (let j = 0; j < orgCount; j++) yield organization(j);
    },
    *projects() {
      for (let i = 0; i < projectCount; i++) {
        const { level: _level, growth: _growth, ...rest } = project(i);
        yield rest;
      }
    },
    *evidence() {
      for (let i = 0; i < projectCount; i++) yield* evidenceOf(i);
    },
    *evidenceBatches(size = 10_000) {
      let batch: SyntheticEvidence[] = [];
      for (let i = 0; i < projectCount; i++) {
        for (const row of evidenceOf(i)) {
          batch.push(row);
          if (batch.length >= size) {
            yield batch;
            batch = [];
          }
        }
      }
      if (batch.length > 0) yield batch;
    },
  };
}
