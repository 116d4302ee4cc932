/**
 * Anomaly flags (docs/data-model.md, "Anomaly flags"): when values arrive — a form, an import, a
 * collection run — each is compared with its project's accepted series for the indicator, or with the
 * other projects' latest changes when the series is short (`detectAnomaly` of @ranking/scoring), in
 * the transaction that stores them. Outliers get a row in `evidence_anomalies` with a score and a
 * reason; reviewers see them first, and approving one needs a note (service.ts, `reviewOne`).
 */

import type { Executor } from '@ranking/schema';
import { type AnomalyScale, changeOf, detectAnomaly } from '@ranking/scoring';
import { indicatorScales } from '../methodology/service';
import {
  type AnomalyCandidate,
  type AnomalyRow,
  analyzeImportedEvidence,
  findAnomalies,
  findAnomalyCandidates,
  findImportedAnomalyCandidates,
  findLatestPairs,
  findSeries,
  insertAnomalies,
  type SeriesRow,
} from './anomaly-store';

export type { AnomalyRow } from './anomaly-store';

/** The peers' latest changes of one indicator, by project (a project's own change is left out). */
function latestChanges(pairs: readonly SeriesRow[], scale: AnomalyScale): Map<number, number> {
  const changes = new Map<number, number>();
  for (let i = 1; i < pairs.length; i++) {
    const previous = pairs[i - 1] as SeriesRow;
    const current = pairs[i] as SeriesRow;
    if (previous.projectId === current.projectId)
      changes.set(current.projectId, changeOf(scale, previous.value, current.value));
  }
  return changes;
}

/** `rows` grouped by `keyOf`, in order (push, not copy: an import brings many rows of one key). */
function groupBy<K, V>(rows: readonly V[], keyOf: (row: V) => K): Map<K, V[]> {
  const groups = new Map<K, V[]>();
  for (const row of rows) {
    const group = groups.get(keyOf(row));
    if (group) group.push(row);
    else groups.set(keyOf(row), [row]);
  }
  return groups;
}

/** Flags the outliers among `candidates`; returns how many were flagged. */
async function flag(db: Executor, candidates: readonly AnomalyCandidate[]): Promise<number> {
  if (candidates.length === 0) return 0;
  const scales = await indicatorScales(db);
  const ids = candidates.map((c) => c.id);
  const flagged: Parameters<typeof insertAnomalies>[1][number][] = [];
  for (const [indicatorKey, group] of groupBy(candidates, (c) => c.indicatorKey)) {
    const { scale, label } = scales.get(indicatorKey) ?? {
      scale: 'multiplicative' as const,
      label: indicatorKey,
    };
    const projectIds = [...new Set(group.map((c) => c.projectId))];
    const history = groupBy(await findSeries(db, indicatorKey, projectIds, ids), (row) => row.projectId);
    let peers: Map<number, number> | undefined;
    /** The peers' changes without a project's own, once per project. */
    const peersOf = new Map<number, number[]>();
    for (const candidate of group) {
      const series = history.get(candidate.projectId) ?? [];
      // The peers are read once per indicator, and only when some series is too short to judge alone.
      const earlier = series.filter((p) => p.observedAt < candidate.observedAt).length;
      if (earlier > 0 && earlier < 4 && !peers)
        peers = latestChanges(await findLatestPairs(db, indicatorKey), scale);
      let peerChanges = peersOf.get(candidate.projectId);
      if (!peerChanges) {
        peerChanges = peers
          ? [...peers].filter(([projectId]) => projectId !== candidate.projectId).map(([, change]) => change)
          : [];
        if (peers) peersOf.set(candidate.projectId, peerChanges);
      }
      const anomaly = detectAnomaly(series, candidate, { scale, label, peerChanges });
      if (anomaly)
        flagged.push({
          evidenceId: candidate.id,
          score: anomaly.score,
          reason: anomaly.reason,
          basis: anomaly.basis,
        });
    }
  }
  await insertAnomalies(db, flagged);
  return flagged.length;
}

/** Flags the outliers among the evidence `ids` just stored (a form, a collection run). */
export async function flagAnomalies(db: Executor, ids: readonly number[]): Promise<number> {
  return flag(db, await findAnomalyCandidates(db, ids));
}

/** Imports of at least this many new values refresh the planner's statistics before flagging. */
export const ANALYZE_AFTER_IMPORTED_ROWS = 100_000;

/**
 * Flags the outliers among the pending values an import just stored from its staging table
 * (`inserted` of them; a large import first refreshes the planner's statistics).
 */
export async function flagImportedAnomalies(db: Executor, inserted: number): Promise<number> {
  if (inserted >= ANALYZE_AFTER_IMPORTED_ROWS) await analyzeImportedEvidence(db);
  return flag(db, await findImportedAnomalyCandidates(db));
}

/** The anomaly rows of `evidenceIds` (the GraphQL loader). */
export function loadAnomalies(db: Executor, evidenceIds: readonly number[]): Promise<AnomalyRow[]> {
  return findAnomalies(db, evidenceIds);
}
