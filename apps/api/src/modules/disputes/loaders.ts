/** The disputes module's per-request loaders (registered in src/loaders.ts). */
import type { Executor } from '@ranking/schema';
import DataLoader from 'dataloader';
import { byKey } from '../../lib/batch';
import type { DisputeRow } from './model';
import { findDisputesByEvidenceIds, findDisputesByIds } from './store';

export function createDisputeLoaders(db: Executor) {
  return {
    disputeById: new DataLoader<number, DisputeRow | null>(async (ids) =>
      byKey(ids, await findDisputesByIds(db, ids), (r) => r.id),
    ),
    /** The dispute whose acceptance created an evidence value (`Evidence.dispute`). */
    disputeByEvidenceId: new DataLoader<number, DisputeRow | null>(async (ids) =>
      byKey(ids, await findDisputesByEvidenceIds(db, ids), (r) => r.evidenceId ?? 0),
    ),
  };
}
