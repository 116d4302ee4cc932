/**
 * The demo's evidence: the catalog's measured repository metrics, and deterministic illustrative
 * values for the other indicators so that the 2024, 2025 and 2026 editions differ (ranks move,
 * projects released later appear later, projects from China grow faster so their share rises).
 *
 * Illustrative values are flagged `isIllustrative` and noted as such: they are not measurements.
 */

import type { SourceKind } from '@ranking/contracts';
import type { Catalog, CatalogProject, CatalogRepoMetrics } from './catalog';
import { shapeOf, sourceKindOf, valueAt } from './indicator-shapes';
import type { MethodologyOutline } from './methodology';
import { hashUniform, normalFrom } from './random';

/**
 * The demo editions the API's `ranking seed` creates; each sees the values observed in its year.
 * 2024 and 2025 are scored with methodology 2026.1 (no freshness windows), 2026 with 2026.2: there a
 * repository's 12-month count measured more than 12 months before the cutoff is dropped and shown as
 * imputed and stale, where 2026.1 would still count it as current.
 */
export const DEMO_EDITIONS = [
  { year: 2024, cutoff: '2024-12-31', observedAt: '2024-11-30', methodologyVersion: '2026.1' },
  { year: 2025, cutoff: '2025-12-31', observedAt: '2025-11-30', methodologyVersion: '2026.1' },
  { year: 2026, cutoff: '2026-11-30', observedAt: '2026-11-15', methodologyVersion: '2026.2' },
] as const;

export const ILLUSTRATIVE_NOTE = 'illustrative demo value, not measured';

/** When the catalog was compiled: the retrieval and review time of its measured values. */
export const CATALOG_COMPILED_AT = '2026-11-29T12:00:00Z';

const DEMO_SEED = 2026;

export interface DemoEvidence {
  project: string;
  indicator: string;
  value: number;
  sourceUrl: string;
  /** YYYY-MM-DD */
  observedAt: string;
  /** ISO 8601 */
  retrievedAt: string;
  sourceKind: SourceKind;
  note: string;
  isIllustrative: boolean;
}

/** The date part of an ISO timestamp as written (the committer's local date). */
const datePart = (timestamp: string) => timestamp.slice(0, 10);

function measuredEvidence(metrics: CatalogRepoMetrics): DemoEvidence[] {
  const sourceUrl = `${metrics.repositoryUrl}/commit/${metrics.snapshotCommit}`;
  const where = `a full clone of the default branch at commit ${metrics.snapshotCommit} (committer date ${metrics.snapshotDate})`;
  const base = {
    project: metrics.project,
    sourceUrl,
    observedAt: datePart(metrics.snapshotDate),
    retrievedAt: CATALOG_COMPILED_AT,
    sourceKind: 'github' as const,
    isIllustrative: false,
  };
  const rows: DemoEvidence[] = [];
  if (metrics.commitsLast365d !== null) {
    rows.push({
      ...base,
      indicator: 'commits_12m',
      value: metrics.commitsLast365d,
      note: `Measured on ${where}: commits whose committer time is within 365 days before the snapshot date.`,
    });
  }
  if (metrics.authorsLast365d !== null) {
    rows.push({
      ...base,
      indicator: 'contributors_12m',
      value: metrics.authorsLast365d,
      note: `Measured on ${where}: distinct lower-cased author e-mails of the commits whose committer time is within 365 days before the snapshot date (bots included).`,
    });
  }
  return rows;
}

/**
 * A rubric for licence openness from the licence text: permissive code and weights 1, open data
 * licences 0.9, custom or copyleft terms 0.6, non-commercial 0.3, unknown 0.5.
 */
export function licenseOpenness(license: string | null): number {
  if (!license) return 0.5;
  if (/\bNC\b|non-?commercial/i.test(license)) return 0.3;
  if (
    /AGPL|RAIL|Community License|Model License|License Agreement|Terms of Use|Modified MIT|additional conditions/i.test(
      license,
    )
  ) {
    return 0.6;
  }
  if (/Apache|MIT|BSD/i.test(license)) return 1;
  if (/ODC-By|CC-BY/i.test(license)) return 0.9;
  return 0.5;
}

/** `YYYY[-MM[-DD]]` → the first day it can mean, or null. */
const releaseDate = (firstRelease: string | null) => {
  if (!firstRelease) return null;
  const [year, month = '01', day = '01'] = firstRelease.split('-');
  return `${year}-${month}-${day}`;
};

function sourceFor(
  project: CatalogProject,
  source: 'github' | 'huggingface' | 'any',
  organizationUrl: string | null,
): string | null {
  if (source === 'github') return project.repositoryUrl;
  if (source === 'huggingface') return project.huggingfaceUrl;
  return project.homepageUrl ?? project.repositoryUrl ?? project.huggingfaceUrl ?? organizationUrl;
}

/**
 * Every demo evidence row: two measured values per repo-metrics row, and one illustrative value per
 * demo edition for each indicator of the project's dimension that was not measured and whose
 * source the project has (no repository → no GitHub stars; no Hugging Face page → no downloads
 * there), from the edition's year on only if the project was released by then.
 */
export function buildDemoEvidence(catalog: Catalog, methodology: MethodologyOutline): DemoEvidence[] {
  const rows: DemoEvidence[] = catalog.repoMetrics.flatMap(measuredEvidence);
  const measured = new Set(rows.map((row) => `${row.project}\u0000${row.indicator}`));
  const metricsBySlug = new Map(catalog.repoMetrics.map((m) => [m.project, m]));
  const organizations = new Map(catalog.organizations.map((o) => [o.slug, o]));

  for (const project of catalog.projects) {
    const dimension = methodology.dimensions.find((d) => d.category === project.category);
    if (!dimension) continue;
    const primary = organizations.get(project.organizationSlugs[0] ?? '');
    const isChinese = primary?.country === 'CN';
    const released = releaseDate(project.firstRelease);

    // The latent level: half chance, half the measured contributor count where there is one.
    const authors = metricsBySlug.get(project.slug)?.authorsLast365d;
    const u = hashUniform(DEMO_SEED, project.slug, 'level');
    const level2026 =
      authors === null || authors === undefined
        ? 0.25 + 0.6 * u
        : 0.25 + 0.45 * u + 0.3 * Math.min(1, Math.log10(1 + authors) / Math.log10(501));
    const g = hashUniform(DEMO_SEED, project.slug, 'growth');
    const isOld = released !== null && released < '2022-01-01';
    const growth = isChinese ? 0.14 + 0.08 * g : isOld ? -0.03 + 0.05 * g : 0.01 + 0.05 * g;

    for (const indicator of dimension.indicatorKeys) {
      if (measured.has(`${project.slug}\u0000${indicator}`)) continue;
      const shape = shapeOf(indicator);
      const sourceUrl = sourceFor(project, shape.source, primary?.url ?? null);
      if (!sourceUrl) continue;
      const steady = normalFrom(
        hashUniform(DEMO_SEED, project.slug, indicator, 'a'),
        hashUniform(DEMO_SEED, project.slug, indicator, 'b'),
      );
      for (const edition of DEMO_EDITIONS) {
        if (released !== null && released > edition.observedAt) continue;
        const yearsBefore = 2026 - edition.year;
        const noise = shape.accumulates
          ? steady
          : normalFrom(
              hashUniform(DEMO_SEED, project.slug, indicator, edition.year, 'a'),
              hashUniform(DEMO_SEED, project.slug, indicator, edition.year, 'b'),
            );
        const level =
          (shape.accumulates
            ? level2026 - Math.max(growth, 0.01) * yearsBefore
            : level2026 - growth * yearsBefore) +
          0.04 * noise;
        // Openness follows the catalog's licence text rather than chance.
        const value =
          indicator === 'license_openness' ? licenseOpenness(project.license) : valueAt(shape.shape, level);
        rows.push({
          project: project.slug,
          indicator,
          value,
          sourceUrl,
          observedAt: edition.observedAt,
          retrievedAt: `${edition.observedAt}T12:00:00Z`,
          sourceKind: sourceKindOf(sourceUrl),
          note: ILLUSTRATIVE_NOTE,
          isIllustrative: true,
        });
      }
    }
  }
  return rows;
}
