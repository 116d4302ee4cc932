/**
 * Per-request DataLoaders: every entity a resolver may need is fetched in one statement per kind per
 * tick, however many entries a page shows. Created per request, so nothing leaks between callers.
 * Each module registers its own (`modules/<domain>/loaders.ts`); this file puts them together.
 */
import type { Executor } from '@ranking/schema';
import DataLoader from 'dataloader';
import type { ReferenceCache } from './lib/reference-cache';
import type { RowCache } from './lib/row-cache';
import { createCollectionLoaders } from './modules/collection/loaders';
import { createDisputeLoaders } from './modules/disputes/loaders';
import { createEditionLoaders } from './modules/editions/loaders';
import { createEvidenceLoaders } from './modules/evidence/loaders';
import { createMethodologyLoaders } from './modules/methodology/loaders';
import type { MethodologyRow } from './modules/methodology/store';
import { createOrganizationLoaders } from './modules/organizations/loaders';
import { createProjectLoaders } from './modules/projects/loaders';
import { createUserLoaders } from './modules/users/loaders';

/** What loaders keep beyond one request: the app's caches (AppDeps), emptied as each says. */
export interface LoaderCaches {
  reference: ReferenceCache;
  rows: RowCache;
  methodologyRows: Map<number, MethodologyRow>;
}

/** The loader caches of the app's dependencies (AppDeps). */
export const loaderCachesOf = (deps: {
  referenceCache: ReferenceCache;
  rowCache: RowCache;
  methodologyRows: Map<number, MethodologyRow>;
}): LoaderCaches => ({
  reference: deps.referenceCache,
  rows: deps.rowCache,
  methodologyRows: deps.methodologyRows,
});

export function createLoaders(db: Executor, caches: LoaderCaches) {
  return {
    ...createCollectionLoaders(db),
    ...createProjectLoaders(db, caches.rows),
    ...createOrganizationLoaders(db),
    ...createEvidenceLoaders(db, caches.rows),
    ...createDisputeLoaders(db),
    ...createUserLoaders(db),
    ...createMethodologyLoaders(db, caches),
    ...createEditionLoaders(db, caches.reference, caches.rows),
  };
}

export type Loaders = ReturnType<typeof createLoaders> & { clearAll(): void };

/** Loaders with a `clearAll` for after a mutation. */
export function createRequestLoaders(db: Executor, caches: LoaderCaches): Loaders {
  const loaders = createLoaders(db, caches);
  return Object.assign(loaders, {
    clearAll() {
      for (const loader of Object.values(loaders)) if (loader instanceof DataLoader) loader.clearAll();
    },
  });
}
