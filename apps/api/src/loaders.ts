/**
 * Per-request DataLoaders: every entity a resolver may need is fetched in one statement per kind per
 * tick, however many entries a page shows. Created per request, so nothing leaks between callers.
 */
import type { Executor } from '@ranking/schema';
import DataLoader from 'dataloader';
import { ReferenceCache } from './lib/reference-cache';
import {
  type EvidenceProvenanceRow,
  findProvenanceByEvidenceIds,
  findSourcesOfProjects,
  type ProjectSourceRow,
} from './modules/collection/store';
import type { EditionRow, ResultRow } from './modules/editions/model';
import { findResultsForProjects } from './modules/editions/ranking-store';
import { findEditionsByIds, listEditionRows } from './modules/editions/store';
import { type AnomalyRow, findAnomalies } from './modules/evidence/anomaly-store';
import { type EvidenceRow, findEvidenceByIds } from './modules/evidence/store';
import {
  findIndicatorsByKeys,
  findMethodologiesByIds,
  type IndicatorRow,
  type MethodologyRow,
} from './modules/methodology/store';
import {
  findOrganizationsByIds,
  findOrganizationsBySlugs,
  findProjectIdsByOrganizationIds,
  type OrganizationRow,
} from './modules/organizations/store';
import {
  findProjectOrganizations,
  findProjectsByIds,
  findProjectsBySlugs,
  findProjectsWithOrganizationsBySlugs,
  type ProjectRow,
  type ProjectWithOrganizations,
} from './modules/projects/store';
import { findUsersByIds, type UserRow } from './modules/users/store';

function byKey<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map<K, V>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((k) => map.get(k) ?? null);
}

function groupBy<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return keys.map((k) => map.get(k) ?? []);
}

/**
 * Methodology rows outlive requests: the database refuses to update or delete one (RK003), so a
 * row once read is the row forever. One cache per database handle, so test databases never mix.
 */
const methodologyCache = new WeakMap<Executor, Map<number, MethodologyRow>>();

async function loadMethodologies(db: Executor, ids: readonly number[]): Promise<(MethodologyRow | null)[]> {
  const cache = methodologyCache.get(db) ?? new Map<number, MethodologyRow>();
  methodologyCache.set(db, cache);
  const missing = ids.filter((id) => !cache.has(id));
  for (const row of await findMethodologiesByIds(db, missing)) cache.set(row.id, row);
  return ids.map((id) => cache.get(id) ?? null);
}

export function createLoaders(db: Executor, reference: ReferenceCache = new ReferenceCache()) {
  return {
    /** A project's source identifiers (`Project.sources`). */
    projectSources: new DataLoader<number, ProjectSourceRow[]>(async (ids) =>
      groupBy(ids, await findSourcesOfProjects(db, ids), (r) => r.projectId),
    ),
    /** Where collected evidence comes from (`Evidence.provenance`); null for submitted values. */
    provenanceByEvidenceId: new DataLoader<number, EvidenceProvenanceRow | null>(async (ids) =>
      byKey(ids, await findProvenanceByEvidenceIds(db, ids), (r) => r.evidenceId),
    ),
    projectById: new DataLoader<number, ProjectRow | null>(async (ids) =>
      byKey(ids, await findProjectsByIds(db, ids), (r) => r.id),
    ),
    projectBySlug: new DataLoader<string, ProjectRow | null>(async (slugs) =>
      byKey(slugs, await findProjectsBySlugs(db, slugs), (r) => r.slug),
    ),
    /** A project with its organizations in one statement, for reads that select both (`getProject`). */
    projectWithOrganizationsBySlug: new DataLoader<string, ProjectWithOrganizations | null>(async (slugs) =>
      byKey(slugs, await findProjectsWithOrganizationsBySlugs(db, slugs), (r) => r.project.slug),
    ),
    organizationById: new DataLoader<number, OrganizationRow | null>(async (ids) =>
      byKey(ids, await findOrganizationsByIds(db, ids), (r) => r.id),
    ),
    organizationBySlug: new DataLoader<string, OrganizationRow | null>(async (slugs) =>
      byKey(slugs, await findOrganizationsBySlugs(db, slugs), (r) => r.slug),
    ),
    /** The organizations of a project, primary first (with their rows, in the same statement). */
    organizationsByProjectId: new DataLoader<number, OrganizationRow[]>(async (ids) =>
      groupBy(ids, await findProjectOrganizations(db, ids), (r) => r.projectId).map((links) =>
        links.map((l) => l.organization),
      ),
    ),
    projectIdsByOrganizationId: new DataLoader<number, number[]>(async (ids) =>
      groupBy(ids, await findProjectIdsByOrganizationIds(db, ids), (r) => r.organizationId).map((links) =>
        links.map((l) => l.projectId),
      ),
    ),
    /** Why a value was flagged when it arrived (`Evidence.anomaly`); null when it was not. */
    anomalyByEvidenceId: new DataLoader<number, AnomalyRow | null>(async (ids) =>
      byKey(ids, await findAnomalies(db, ids), (r) => r.evidenceId),
    ),
    evidenceById: new DataLoader<number, EvidenceRow | null>(async (ids) =>
      byKey(ids, await findEvidenceByIds(db, ids), (r) => r.id),
    ),
    userById: new DataLoader<number, UserRow | null>(async (ids) =>
      byKey(ids, await findUsersByIds(db, ids), (r) => r.id),
    ),
    indicatorByKey: new DataLoader<string, IndicatorRow | null>((keys) =>
      reference.indicators(keys, (missing) => findIndicatorsByKeys(db, missing)),
    ),
    methodologyById: new DataLoader<number, MethodologyRow | null>((ids) => loadMethodologies(db, ids)),
    editionById: new DataLoader<number, EditionRow | null>(async (ids) =>
      byKey(ids, await findEditionsByIds(db, ids), (r) => r.id),
    ),
    /** Every edition, newest first: a handful of rows, read once per process until the next change. */
    allEditions: new DataLoader<'all', EditionRow[]>(async (keys) => {
      const rows = await reference.editions(() => listEditionRows(db));
      return keys.map(() => rows);
    }),
    /** Results of one project in one edition, keyed `editionId:projectId`. */
    projectResults: new DataLoader<string, ResultRow[]>(async (keys) => {
      const pairs = keys.map((k) => k.split(':').map(Number) as [number, number]);
      const editionIds = [...new Set(pairs.map(([e]) => e))];
      const projectIds = [...new Set(pairs.map(([, p]) => p))];
      const rows = await findResultsForProjects(db, editionIds, projectIds);
      return groupBy(keys, rows, (r) => `${r.editionId}:${r.projectId}`);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders> & { clearAll(): void };

/** Loaders with a `clearAll` for after a mutation. */
export function createRequestLoaders(db: Executor, reference?: ReferenceCache): Loaders {
  const loaders = createLoaders(db, reference);
  return Object.assign(loaders, {
    clearAll() {
      for (const loader of Object.values(loaders)) if (loader instanceof DataLoader) loader.clearAll();
    },
  });
}
