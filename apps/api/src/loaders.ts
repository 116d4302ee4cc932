/**
 * Per-request DataLoaders: every entity a resolver may need is fetched in one statement per kind per
 * tick, however many entries a page shows. Made per request (each module's on first use), so nothing
 * leaks between callers. Each module registers its own (`modules/<domain>/loaders.ts`); this file
 * puts them together.
 */
import type { Executor } from '@ranking/schema';
import type DataLoader from 'dataloader';
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

/** Each module's loaders, in one set: a request makes a module's set on its first use of one of them. */
const MODULES = [
  (db: Executor) => createCollectionLoaders(db),
  (db: Executor, caches: LoaderCaches) => createProjectLoaders(db, caches.rows),
  (db: Executor) => createOrganizationLoaders(db),
  (db: Executor, caches: LoaderCaches) => createEvidenceLoaders(db, caches.rows),
  (db: Executor) => createDisputeLoaders(db),
  (db: Executor) => createUserLoaders(db),
  (db: Executor, caches: LoaderCaches) => createMethodologyLoaders(db, caches),
  (db: Executor, caches: LoaderCaches) => createEditionLoaders(db, caches.reference, caches.rows),
] as const;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;
type LoaderSet = Record<string, DataLoader<never, unknown>>;

export type Loaders = UnionToIntersection<ReturnType<(typeof MODULES)[number]>> & {
  /** Forgets what this request's loaders hold (after a mutation). */
  clearAll(): void;
};

/**
 * A request's loaders. A request uses few of the two dozen (a ranking page: three or four), and a
 * query makes a second set for the database it reads from (lib/read-routing.ts), so they are made
 * when first used: each loader is a getter on the prototype that makes its module's set.
 */
class RequestLoaders {
  readonly #made: (LoaderSet | undefined)[] = [];

  constructor(
    private readonly db: Executor,
    private readonly caches: LoaderCaches,
  ) {}

  set(module: number): LoaderSet {
    let set = this.#made[module];
    if (!set) {
      set = (MODULES[module] as (db: Executor, caches: LoaderCaches) => LoaderSet)(this.db, this.caches);
      this.#made[module] = set;
    }
    return set;
  }

  clearAll(): void {
    for (const set of this.#made) if (set) for (const loader of Object.values(set)) loader.clearAll();
  }
}

let prototypeReady = false;

/** The getters, from the loader names of a first set of every module (making a DataLoader runs nothing). */
function definePrototype(first: RequestLoaders): void {
  for (const module of MODULES.keys())
    for (const name of Object.keys(first.set(module))) {
      if (name in RequestLoaders.prototype) throw new Error(`two modules define the loader ${name}`);
      Object.defineProperty(RequestLoaders.prototype, name, {
        get(this: RequestLoaders) {
          return this.set(module)[name];
        },
      });
    }
  prototypeReady = true;
}

/** A request's loaders (see RequestLoaders), with `clearAll` for after a mutation. */
export function createRequestLoaders(db: Executor, caches: LoaderCaches): Loaders {
  const loaders = new RequestLoaders(db, caches);
  if (!prototypeReady) definePrototype(loaders);
  return loaders as unknown as Loaders;
}
