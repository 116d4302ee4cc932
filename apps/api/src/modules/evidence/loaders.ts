/** The evidence module's per-request loaders (registered in src/loaders.ts). */
import type { Executor } from '@ranking/schema';
import DataLoader from 'dataloader';
import { byKey } from '../../lib/batch';
import { type AnomalyRow, findAnomalies } from './anomaly-store';
import { type EvidenceRow, findEvidenceByIds } from './store';

export function createEvidenceLoaders(db: Executor) {
  return {
    /** Why a value was flagged when it arrived (`Evidence.anomaly`); null when it was not. */
    anomalyByEvidenceId: new DataLoader<number, AnomalyRow | null>(async (ids) =>
      byKey(ids, await findAnomalies(db, ids), (r) => r.evidenceId),
    ),
    evidenceById: new DataLoader<number, EvidenceRow | null>(async (ids) =>
      byKey(ids, await findEvidenceByIds(db, ids), (r) => r.id),
    ),
  };
}
