/**
 * The real catalog of the open-source LLM ecosystem shipped in `data/catalog/` (see its README):
 * organizations, projects and measured repository metrics.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsvRecords } from './csv';
import {
  ORGANIZATION_KINDS,
  type OrganizationKind,
  PROJECT_CATEGORIES,
  type ProjectCategory,
} from './tables';

/** Absolute path of `data/catalog/`. */
export const CATALOG_DIR = fileURLToPath(new URL('../data/catalog', import.meta.url));

export interface CatalogOrganization {
  slug: string;
  name: string;
  nameZh: string | null;
  country: string | null;
  kind: OrganizationKind;
  url: string | null;
}

export interface CatalogProject {
  slug: string;
  name: string;
  nameZh: string | null;
  category: ProjectCategory;
  /** Primary first. */
  organizationSlugs: string[];
  repositoryUrl: string | null;
  huggingfaceUrl: string | null;
  homepageUrl: string | null;
  license: string | null;
  firstRelease: string | null;
}

/** One measured repository snapshot (repo-metrics.csv). */
export interface CatalogRepoMetrics {
  project: string;
  repositoryUrl: string;
  snapshotCommit: string;
  /** Committer date of the snapshot commit, ISO 8601 with its own offset. */
  snapshotDate: string;
  commitsTotal: number | null;
  commitsLast365d: number | null;
  authorsLast365d: number | null;
  authorsTotal: number | null;
  tagsTotal: number | null;
  firstCommitDate: string | null;
  shallow: boolean;
}

export interface Catalog {
  organizations: CatalogOrganization[];
  projects: CatalogProject[];
  repoMetrics: CatalogRepoMetrics[];
}

export class CatalogError extends Error {
  readonly code = 'CATALOG' as const;
  constructor(
    readonly file: string,
    readonly row: number,
    reason: string,
  ) {
    super(`${file} row ${row}: ${reason}`);
    this.name = 'CatalogError';
  }
}

const orNull = (value: string | undefined) => (value === undefined || value === '' ? null : value);

function oneOf<T extends string>(
  values: readonly T[],
  value: string | undefined,
  file: string,
  row: number,
): T {
  const found = values.find((v) => v === value);
  if (found === undefined) throw new CatalogError(file, row, `unexpected value ${JSON.stringify(value)}`);
  return found;
}

function count(value: string | undefined, file: string, row: number): number | null {
  if (value === undefined || value === '') return null;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new CatalogError(file, row, `not a count: ${JSON.stringify(value)}`);
  return n;
}

function required(record: Record<string, string>, column: string, file: string, row: number): string {
  const value = record[column];
  if (value === undefined || value === '') throw new CatalogError(file, row, `empty ${column}`);
  return value;
}

/**
 * Reads the three catalog files.
 * @throws {CatalogError} for a row with a missing required field or an unknown kind or category.
 */
export function loadCatalog(dir: string = CATALOG_DIR): Catalog {
  const read = (file: string, columns: readonly string[]) =>
    parseCsvRecords(readFileSync(join(dir, file), 'utf8'), columns);

  const organizations = read('organizations.csv', ['slug', 'name', 'name_zh', 'country', 'kind', 'url']).map(
    (r, i): CatalogOrganization => ({
      slug: required(r, 'slug', 'organizations.csv', i + 2),
      name: required(r, 'name', 'organizations.csv', i + 2),
      nameZh: orNull(r.name_zh),
      country: orNull(r.country),
      kind: oneOf(ORGANIZATION_KINDS, r.kind, 'organizations.csv', i + 2),
      url: orNull(r.url),
    }),
  );

  const projects = read('projects.csv', [
    'slug',
    'name',
    'name_zh',
    'category',
    'organization_slugs',
    'repository_url',
    'huggingface_url',
    'homepage_url',
    'license',
    'first_release',
  ]).map(
    (r, i): CatalogProject => ({
      slug: required(r, 'slug', 'projects.csv', i + 2),
      name: required(r, 'name', 'projects.csv', i + 2),
      nameZh: orNull(r.name_zh),
      category: oneOf(PROJECT_CATEGORIES, r.category, 'projects.csv', i + 2),
      organizationSlugs: required(r, 'organization_slugs', 'projects.csv', i + 2).split('|'),
      repositoryUrl: orNull(r.repository_url),
      huggingfaceUrl: orNull(r.huggingface_url),
      homepageUrl: orNull(r.homepage_url),
      license: orNull(r.license),
      firstRelease: orNull(r.first_release),
    }),
  );

  const repoMetrics = read('repo-metrics.csv', [
    'project',
    'repository_url',
    'snapshot_commit',
    'snapshot_date',
    'commits_last_365d',
    'authors_last_365d',
  ]).map((r, i): CatalogRepoMetrics => {
    const row = i + 2;
    const file = 'repo-metrics.csv';
    return {
      project: required(r, 'project', file, row),
      repositoryUrl: required(r, 'repository_url', file, row),
      snapshotCommit: required(r, 'snapshot_commit', file, row),
      snapshotDate: required(r, 'snapshot_date', file, row),
      commitsTotal: count(r.commits_total, file, row),
      commitsLast365d: count(r.commits_last_365d, file, row),
      authorsLast365d: count(r.authors_last_365d, file, row),
      authorsTotal: count(r.authors_total, file, row),
      tagsTotal: count(r.tags_total, file, row),
      firstCommitDate: orNull(r.first_commit_date),
      shallow: r.shallow === 'true',
    };
  });

  return { organizations, projects, repoMetrics };
}
