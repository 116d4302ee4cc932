/**
 * An edition's evidence as partners read it: the frozen snapshot the edition was computed from (not
 * the live evidence table), paged by keyset, with whether each value is behind a result.
 */
import type { ServiceContext } from '../../context';
import { type Connection, keysetWindow, type PageArgs, toKeysetConnection } from '../../lib/pagination';
import {
  countEditionEvidence,
  type EditionEvidenceRow,
  type EvidenceCountsRow,
  listEditionEvidencePage,
} from './evidence-store';
import type { EditionRow } from './model';

/** The parent of `EditionEvidenceConnection` resolvers. */
export type EditionEvidenceConnectionModel = Connection<EditionEvidenceRow>;

export interface EditionEvidenceFilterInput {
  project?: string | null | undefined;
  indicator?: string | null | undefined;
  used?: boolean | null | undefined;
  illustrative?: boolean | null | undefined;
}

const byEvidenceId = (row: EditionEvidenceRow) => row.evidenceId;

export async function listEditionEvidence(
  ctx: ServiceContext,
  edition: EditionRow,
  filter: EditionEvidenceFilterInput,
  page: PageArgs,
): Promise<EditionEvidenceConnectionModel> {
  const window = keysetWindow(page);
  if (edition.status === 'draft') return toKeysetConnection([], window, byEvidenceId, 0);
  let projectId: number | undefined;
  if (filter.project) {
    const project = await ctx.loaders.projectBySlug.load(filter.project);
    if (!project) return toKeysetConnection([], window, byEvidenceId, 0);
    projectId = project.id;
  }
  const { rows, count } = await listEditionEvidencePage(
    ctx.db,
    {
      editionId: edition.id,
      filter: {
        projectId,
        indicatorKey: filter.indicator ?? undefined,
        used: filter.used ?? undefined,
        illustrative: filter.illustrative ?? undefined,
      },
    },
    window,
  );
  return toKeysetConnection(rows, window, byEvidenceId, count);
}

export async function getEvidenceCounts(
  ctx: ServiceContext,
  edition: EditionRow,
): Promise<EvidenceCountsRow> {
  if (edition.status === 'draft') return { total: 0, used: 0, illustrative: 0 };
  return countEditionEvidence(ctx.db, edition.id);
}
