/** The projects module's per-request loaders (registered in src/loaders.ts). */
import type { Executor } from '@ranking/schema';
import DataLoader from 'dataloader';
import { byKey, groupBy } from '../../lib/batch';
import type { RowCache } from '../../lib/row-cache';
import {
  findProjectOrganizations,
  findProjectsByIds,
  findProjectsBySlugs,
  findProjectsWithOrganizationsBySlugs,
  type ProjectRow,
  type ProjectWithOrganizations,
} from './store';

/** An organization row as the project store returns it with its link (organizations/store.ts's row). */
type LinkedOrganization = Awaited<ReturnType<typeof findProjectOrganizations>>[number]['organization'];

/** The row cache's key prefix of a project's organizations, by project id. */
export const ORGANIZATIONS_OF_PROJECT = 'organizations:';

export function createProjectLoaders(db: Executor, rows: RowCache) {
  return {
    /** Shared by every request, like the three below (cleared by every change: lib/row-cache.ts). */
    projectById: new DataLoader<number, ProjectRow | null>((ids) =>
      rows.many('project:', ids, async (missing) =>
        byKey(missing, await findProjectsByIds(db, missing), (r) => r.id),
      ),
    ),
    projectBySlug: new DataLoader<string, ProjectRow | null>((slugs) =>
      rows.many('project-slug:', slugs, async (missing) =>
        byKey(missing, await findProjectsBySlugs(db, missing), (r) => r.slug),
      ),
    ),
    /** A project with its organizations in one statement, for reads that select both (`getProject`). */
    projectWithOrganizationsBySlug: new DataLoader<string, ProjectWithOrganizations | null>((slugs) =>
      rows.many('project-organizations-slug:', slugs, async (missing) =>
        byKey(missing, await findProjectsWithOrganizationsBySlugs(db, missing), (r) => r.project.slug),
      ),
    ),
    /**
     * The organizations of a project, primary first (with their rows, in the same statement); shared
     * by every request.
     */
    organizationsByProjectId: new DataLoader<number, LinkedOrganization[]>((ids) =>
      rows.many(ORGANIZATIONS_OF_PROJECT, ids, async (missing) =>
        groupBy(missing, await findProjectOrganizations(db, missing), (r) => r.projectId).map((links) =>
          links.map((l) => l.organization),
        ),
      ),
    ),
  };
}
