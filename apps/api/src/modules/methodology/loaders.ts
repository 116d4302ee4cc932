/** The methodology module's per-request loaders (registered in src/loaders.ts). */
import type { Executor } from '@ranking/schema';
import DataLoader from 'dataloader';
import type { ReferenceCache } from '../../lib/reference-cache';
import {
  findIndicatorsByKeys,
  findMethodologiesByIds,
  type IndicatorRow,
  listMethodologyRows,
  type MethodologyRow,
} from './store';

/**
 * Methodology rows outlive requests: the database refuses to update or delete one (RK003), so a
 * row once read is the row forever. `rows` is the app's (AppDeps.methodologyRows), one per database.
 */
async function loadMethodologies(
  db: Executor,
  rows: Map<number, MethodologyRow>,
  ids: readonly number[],
): Promise<(MethodologyRow | null)[]> {
  const missing = ids.filter((id) => !rows.has(id));
  for (const row of await findMethodologiesByIds(db, missing)) rows.set(row.id, row);
  return ids.map((id) => rows.get(id) ?? null);
}

export function createMethodologyLoaders(
  db: Executor,
  caches: { reference: ReferenceCache; methodologyRows: Map<number, MethodologyRow> },
) {
  return {
    indicatorByKey: new DataLoader<string, IndicatorRow | null>((keys) =>
      caches.reference.indicators(keys, (missing) => findIndicatorsByKeys(db, missing)),
    ),
    methodologyById: new DataLoader<number, MethodologyRow | null>((ids) =>
      loadMethodologies(db, caches.methodologyRows, ids),
    ),
    /** Every stored methodology, newest first, read at most once per request (`definitionOf`). */
    allMethodologies: new DataLoader<'all', MethodologyRow[]>(async (keys) => {
      const rows = await listMethodologyRows(db);
      return keys.map(() => rows);
    }),
  };
}
