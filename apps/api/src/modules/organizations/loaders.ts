/** The organizations module's per-request loaders (registered in src/loaders.ts). */
import type { Executor } from '@ranking/schema';
import DataLoader from 'dataloader';
import { byKey, groupBy } from '../../lib/batch';
import {
  findOrganizationsByIds,
  findOrganizationsBySlugs,
  findProjectIdsByOrganizationIds,
  type OrganizationRow,
} from './store';

export function createOrganizationLoaders(db: Executor) {
  return {
    organizationById: new DataLoader<number, OrganizationRow | null>(async (ids) =>
      byKey(ids, await findOrganizationsByIds(db, ids), (r) => r.id),
    ),
    organizationBySlug: new DataLoader<string, OrganizationRow | null>(async (slugs) =>
      byKey(slugs, await findOrganizationsBySlugs(db, slugs), (r) => r.slug),
    ),
    projectIdsByOrganizationId: new DataLoader<number, number[]>(async (ids) =>
      groupBy(ids, await findProjectIdsByOrganizationIds(db, ids), (r) => r.organizationId).map((links) =>
        links.map((l) => l.projectId),
      ),
    ),
  };
}
