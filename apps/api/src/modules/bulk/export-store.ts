/** SQL of the edition export that the scoring path does not need: what each snapshot value's evidence record says about itself. */
import { type Executor, editionEvidence, evidence } from '@ranking/schema';
import { and, asc, eq, gt } from 'drizzle-orm';

export interface EvidenceContextRow {
  id: number;
  sourceKind: string;
  isIllustrative: boolean;
  retrievedAt: Date | null;
}

/**
 * Source kind, illustrative flag and retrieval time of an edition's snapshot evidence, in id order and
 * in pages (keyset), so the export can write them next to the observations without holding a
 * million driver rows at once.
 */
export async function forEachEvidenceContextPage(
  db: Executor,
  editionId: number,
  onPage: (rows: EvidenceContextRow[]) => void,
  pageSize = 20_000,
): Promise<void> {
  let after = 0;
  for (;;) {
    const rows = await db
      .select({
        id: editionEvidence.evidenceId,
        sourceKind: evidence.sourceKind,
        isIllustrative: evidence.isIllustrative,
        retrievedAt: evidence.retrievedAt,
      })
      .from(editionEvidence)
      .innerJoin(evidence, eq(evidence.id, editionEvidence.evidenceId))
      .where(
        and(
          eq(editionEvidence.editionId, editionId),
          gt(editionEvidence.evidenceId, after),
          gt(evidence.id, after),
        ),
      )
      .orderBy(asc(editionEvidence.evidenceId))
      .limit(pageSize);
    if (rows.length > 0) onPage(rows);
    const last = rows[rows.length - 1];
    if (!last || rows.length < pageSize) return;
    after = last.id;
  }
}
