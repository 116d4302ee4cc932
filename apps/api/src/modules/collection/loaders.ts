/** The collection module's per-request loaders (registered in src/loaders.ts). */
import type { Executor } from '@ranking/schema';
import DataLoader from 'dataloader';
import { byKey, groupBy } from '../../lib/batch';
import {
  type EvidenceProvenanceRow,
  findProvenanceByEvidenceIds,
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
  };
}
