/** The collection module's per-request loaders (registered in src/loaders.ts). */
import type { Executor } from '@ranking/schema';
import DataLoader from 'dataloader';
import { byKey, groupBy } from '../../lib/batch';
import {
  countFindingsOfRuns,
  type EvidenceProvenanceRow,
  findProvenanceByEvidenceIds,
  findResponseBodies,
  findSourcesOfProjects,
  type ProjectSourceRow,
} from './store';

export function createCollectionLoaders(db: Executor) {
  return {
    /** A project's source identifiers (`Project.sources`). */
    projectSources: new DataLoader<number, ProjectSourceRow[]>(async (ids) =>
      groupBy(ids, await findSourcesOfProjects(db, ids), (r) => r.projectId),
    ),
    /** Where collected evidence comes from (`Evidence.provenance`); null for submitted values. */
    provenanceByEvidenceId: new DataLoader<number, EvidenceProvenanceRow | null>(async (ids) =>
      byKey(ids, await findProvenanceByEvidenceIds(db, ids), (r) => r.evidenceId),
    ),
    /** Findings per run (`CollectionRun.findingCount`); 0 for a run without any. */
    findingCountByRunId: new DataLoader<number, number>(async (ids) => {
      const counts = new Map((await countFindingsOfRuns(db, ids)).map((r) => [r.runId, r.count]));
      return ids.map((id) => counts.get(id) ?? 0);
    }),
    /** The gzip raw response of collected evidence (`EvidenceProvenance.rawResponse`). */
    responseBodyByEvidenceId: new DataLoader<number, Uint8Array | null>(async (ids) =>
      byKey(ids, await findResponseBodies(db, ids), (r) => r.evidenceId).map((r) => r?.body ?? null),
    ),
  };
}
