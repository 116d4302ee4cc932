/** The evidence module's per-request loaders (registered in src/loaders.ts). */
import type { Executor } from '@ranking/schema';
import DataLoader from 'dataloader';
import { byKey } from '../../lib/batch';
import type { RowCache } from '../../lib/row-cache';
import { type AnomalyRow, findAnomalies } from './anomaly-store';
import { type EvidenceRow, findEvidenceByIds } from './store';

/** The row cache's key prefix of evidence rows by id. */
export const EVIDENCE_ROWS = 'evidence:';

export function createEvidenceLoaders(db: Executor, rows: RowCache) {
  return {
    /** Why a value was flagged when it arrived (`Evidence.anomaly`); null when it was not. */
    anomalyByEvidenceId: new DataLoader<number, AnomalyRow | null>(async (ids) =>
      byKey(ids, await findAnomalies(db, ids), (r) => r.evidenceId),
    ),
    /** Shared by every request (the rows behind a ranking page: thousands per page). */
    evidenceById: new DataLoader<number, EvidenceRow | null>((ids) =>
      rows.many(EVIDENCE_ROWS, ids, async (missing) =>
        byKey(missing, await findEvidenceByIds(db, missing), (r) => r.id),
      ),
    ),
  };
}
