/**
 * Errata (docs/corrections.md): the values a revision > 1 corrects, read back per edition. They are
 * written by computeEdition and stamped by publishEdition; an edition's errata are visible to whoever
 * may see the edition (published: everyone).
 */
import type { ServiceContext } from '../../context';
import type { EditionRow, ErratumModel, ErratumRow } from './model';
import { listErrata } from './store';

/** The errata of several editions at once, grouped by edition, then by project and indicator. */
export async function loadErrata(
  ctx: ServiceContext,
  editions: readonly EditionRow[],
): Promise<Map<number, ErratumModel[]>> {
  const rows = await listErrata(
    ctx.db,
    editions.map((e) => e.id),
  );
  const byEdition = new Map<number, ErratumModel[]>(editions.map((e) => [e.id, []]));
  const editionById = new Map(editions.map((e) => [e.id, e]));
  let current: ErratumModel | undefined;
  for (const row of rows) {
    const list = byEdition.get(row.editionId);
    const edition = editionById.get(row.editionId);
    if (!list || !edition) continue;
    if (!current || !sameValue(current.rows[0] as ErratumRow, row)) {
      current = { edition, rows: [] };
      list.push(current);
    }
    current.rows.push(row);
  }
  return byEdition;
}

const sameValue = (a: ErratumRow, b: ErratumRow) =>
  a.editionId === b.editionId && a.projectId === b.projectId && a.indicatorKey === b.indicatorKey;

/** One edition's errata (`Edition.errata`). */
export async function editionErrata(ctx: ServiceContext, edition: EditionRow): Promise<ErratumModel[]> {
  return (await loadErrata(ctx, [edition])).get(edition.id) ?? [];
}
