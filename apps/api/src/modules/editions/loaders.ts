/** The editions module's per-request loaders (registered in src/loaders.ts). */
import type { Executor } from '@ranking/schema';
import DataLoader from 'dataloader';
import { byKey, groupBy } from '../../lib/batch';
import type { ReferenceCache } from '../../lib/reference-cache';
import type { RowCache } from '../../lib/row-cache';
import type { EditionRow, ResultRow } from './model';
import { findResultsForProjects } from './ranking-store';
import { findEditionsByIds, listEditionRows } from './store';

export function createEditionLoaders(db: Executor, reference: ReferenceCache, shared: RowCache) {
  return {
    editionById: new DataLoader<number, EditionRow | null>(async (ids) =>
      byKey(ids, await findEditionsByIds(db, ids), (r) => r.id),
    ),
    /** Every edition, newest first: a handful of rows, read once per process until the next change. */
    allEditions: new DataLoader<'all', EditionRow[]>(async (keys) => {
      const rows = await reference.editions(() => listEditionRows(db));
      return keys.map(() => rows);
    }),
    /** Results of one project in one edition, keyed `editionId:projectId`; shared by every request. */
    projectResults: new DataLoader<string, ResultRow[]>((keys) =>
      shared.many('results:', keys, async (missing) => {
        const pairs = missing.map((k) => k.split(':').map(Number) as [number, number]);
        const editionIds = [...new Set(pairs.map(([e]) => e))];
        const projectIds = [...new Set(pairs.map(([, p]) => p))];
        const rows = await findResultsForProjects(db, editionIds, projectIds);
        return groupBy(missing, rows, (r) => `${r.editionId}:${r.projectId}`);
      }),
    ),
  };
}
