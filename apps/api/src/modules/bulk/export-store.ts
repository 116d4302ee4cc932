/** SQL of the edition export that the scoring path does not need: what each snapshot value's evidence record says about itself. */
import { type Executor, queryRows } from '@ranking/schema';
import { sql } from 'drizzle-orm';

export interface EvidenceContextRow {
  id: number;
  sourceKind: string;
  isIllustrative: boolean;
  retrievedAt: Date | null;
  /** The source's most recent archived copy recorded by the link checks up to `archivedAsOf`. */
  archivedUrl: string | null;
}

/**
 * Source kind, illustrative flag, retrieval time and archived copy of an edition's snapshot evidence,
 * in id order and in pages (keyset), so the export can write them next to the observations without
 * holding a million driver rows at once. `archivedAsOf` (a published edition's publication time)
 * leaves out copies recorded later, so a published edition's export stays the same bytes.
 */
export async function forEachEvidenceContextPage(
  db: Executor,
  editionId: number,
  archivedAsOf: Date | null,
  onPage: (rows: EvidenceContextRow[]) => void,
  pageSize = 20_000,
): Promise<void> {
  let after = 0;
  for (;;) {
    const rows = (
      await queryRows<{
        id: number;
        sourceKind: string;
        isIllustrative: boolean;
        retrievedAt: Date | string | null;
        archivedUrl: string | null;
      }>(
        db,
        sql`SELECT e.id::int AS id, e.source_kind AS "sourceKind", e.is_illustrative AS "isIllustrative",
                   e.retrieved_at AS "retrievedAt", a.archived_url AS "archivedUrl"
              FROM edition_evidence AS ee
              JOIN evidence AS e ON e.id = ee.evidence_id
              LEFT JOIN LATERAL (
                SELECT c.archived_url FROM link_checks AS c
                 WHERE c.evidence_id = e.id AND c.archived_url IS NOT NULL
                   ${archivedAsOf ? sql`AND c.recorded_at <= ${archivedAsOf.toISOString()}` : sql``}
                 ORDER BY c.recorded_at DESC, c.id DESC LIMIT 1) AS a ON true
             WHERE ee.edition_id = ${editionId} AND ee.evidence_id > ${after} AND e.id > ${after}
             ORDER BY ee.evidence_id
             LIMIT ${pageSize}`,
      )
    ).map((r) => ({
      ...r,
      id: Number(r.id),
      retrievedAt: r.retrievedAt === null ? null : new Date(r.retrievedAt),
    }));
    if (rows.length > 0) onPage(rows);
    const last = rows[rows.length - 1];
    if (!last || rows.length < pageSize) return;
    after = last.id;
  }
}
