/** The users module's per-request loaders (registered in src/loaders.ts). */
import type { Executor } from '@ranking/schema';
import DataLoader from 'dataloader';
import { byKey } from '../../lib/batch';
import { findUsersByIds, type UserRow } from './store';

export function createUserLoaders(db: Executor) {
  return {
    userById: new DataLoader<number, UserRow | null>(async (ids) =>
      byKey(ids, await findUsersByIds(db, ids), (r) => r.id),
    ),
  };
}
