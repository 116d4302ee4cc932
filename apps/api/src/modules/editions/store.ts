/** SQL for edition rows: the workflow's reads and writes of the `editions` table. */
import { type Executor, editionErrata, editions } from '@ranking/schema';
import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { EditionRow, ErratumRow, NewErratum, SensitivityParams } from './model';

const editionColumns = {
  id: editions.id,
  year: editions.year,
  revision: editions.revision,
  title: editions.title,
  status: editions.status,
  methodologyId: editions.methodologyId,
  cutoff: editions.cutoff,
  createdAt: editions.createdAt,
  computedAt: editions.computedAt,
  publishedAt: editions.publishedAt,
  publishedBy: editions.publishedBy,
  contentHash: editions.contentHash,
  sensitivityParams: sql<SensitivityParams | null>`${editions.sensitivityParams}`,
  previousEditionId: editions.previousEditionId,
  doi: editions.doi,
  correctionPolicy: editions.correctionPolicy,
  correctionCause: editions.correctionCause,
  correctionDisputeId: editions.correctionDisputeId,
};

/**
 * What reads select: the row, plus the contest window of a computed edition, if any (epoch ms; PUBLIC
 * and CONTACTS windows apart), so visibility needs no second query (visibility-service.ts). The
 * window's table is written by modules/disputes; this is a read joined in one statement.
 */
const contest = (visibility: 'public' | 'contacts', column: 'opens_at' | 'closes_at') =>
  sql<
    number | null
  >`(SELECT (extract(epoch FROM cw.${sql.raw(column)}) * 1000)::float8 FROM contest_windows cw
    WHERE cw.edition_id = ${editions.id} AND cw.visibility = ${sql.raw(`'${visibility}'`)})`;
const readColumns = {
  ...editionColumns,
  publicContestOpensAt: contest('public', 'opens_at'),
  publicContestClosesAt: contest('public', 'closes_at'),
  contactsContestOpensAt: contest('contacts', 'opens_at'),
  contactsContestClosesAt: contest('contacts', 'closes_at'),
};

export async function findEditionsByIds(db: Executor, ids: readonly number[]): Promise<EditionRow[]> {
  if (ids.length === 0) return [];
  return db
    .select(readColumns)
    .from(editions)
    .where(inArray(editions.id, [...ids]));
}

export async function findEditionForUpdate(db: Executor, id: number): Promise<EditionRow | undefined> {
  const [row] = await db.select(editionColumns).from(editions).where(eq(editions.id, id)).for('update');
  return row;
}

/** Every edition, newest year and revision first (a few per year: small). */
export async function listEditionRows(db: Executor): Promise<EditionRow[]> {
  return db.select(readColumns).from(editions).orderBy(desc(editions.year), desc(editions.revision));
}

export async function listEditionsOfYear(db: Executor, year: number): Promise<EditionRow[]> {
  return db
    .select(editionColumns)
    .from(editions)
    .where(eq(editions.year, year))
    .orderBy(asc(editions.revision));
}

/** The latest published revision of the latest year before `year`. */
export async function findPreviousPublishedEdition(
  db: Executor,
  year: number,
): Promise<EditionRow | undefined> {
  const [row] = await db
    .select(editionColumns)
    .from(editions)
    .where(and(eq(editions.status, 'published'), lt(editions.year, year)))
    .orderBy(desc(editions.year), desc(editions.revision))
    .limit(1);
  return row;
}

export interface NewEdition {
  year: number;
  revision: number;
  title: string;
  methodologyId: number;
  cutoff: string;
  createdBy: number | null;
  correctionPolicy?: EditionRow['correctionPolicy'];
  correctionCause?: EditionRow['correctionCause'];
  correctionDisputeId?: number | null;
}

export async function insertEdition(db: Executor, values: NewEdition): Promise<EditionRow> {
  const [row] = await db.insert(editions).values(values).returning(editionColumns);
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function markEditionComputed(
  db: Executor,
  id: number,
  values: { contentHash: string; sensitivityParams: SensitivityParams; previousEditionId: number | null },
): Promise<EditionRow> {
  const [row] = await db
    .update(editions)
    .set({
      status: 'computed',
      computedAt: sql`now()`,
      contentHash: values.contentHash,
      sensitivityParams: values.sensitivityParams,
      previousEditionId: values.previousEditionId,
    })
    .where(eq(editions.id, id))
    .returning(editionColumns);
  if (!row) throw new Error('update returned no row');
  return row;
}

export async function markEditionPublished(
  db: Executor,
  id: number,
  publishedBy: number | null,
): Promise<EditionRow> {
  const [row] = await db
    .update(editions)
    .set({ status: 'published', publishedAt: sql`now()`, publishedBy })
    .where(eq(editions.id, id))
    .returning(editionColumns);
  if (!row) throw new Error('update returned no row');
  return row;
}

/** Sets or clears the DOI: the one column the database lets change on a published edition (0015). */
export async function updateEditionDoi(db: Executor, id: number, doi: string | null): Promise<EditionRow> {
  const [row] = await db.update(editions).set({ doi }).where(eq(editions.id, id)).returning(editionColumns);
  if (!row) throw new Error('update returned no row');
  return row;
}

const erratumColumns = {
  id: editionErrata.id,
  editionId: editionErrata.editionId,
  correctedEditionId: editionErrata.correctedEditionId,
  projectId: editionErrata.projectId,
  indicatorKey: editionErrata.indicatorKey,
  dimension: editionErrata.dimensionKey,
  oldValue: editionErrata.oldValue,
  newValue: editionErrata.newValue,
  oldScore: editionErrata.oldScore,
  newScore: editionErrata.newScore,
  oldRank: editionErrata.oldRank,
  newRank: editionErrata.newRank,
  cause: editionErrata.cause,
  disputeId: editionErrata.disputeId,
  decidedBy: editionErrata.decidedBy,
  decidedAt: editionErrata.decidedAt,
  recordedAt: editionErrata.recordedAt,
};

/** Replaces the errata of an unpublished revision (the database refuses it once published). */
export async function replaceErrata(
  db: Executor,
  editionId: number,
  rows: readonly NewErratum[],
): Promise<void> {
  await db.delete(editionErrata).where(eq(editionErrata.editionId, editionId));
  for (let at = 0; at < rows.length; at += 1000) {
    await db
      .insert(editionErrata)
      .values(
        rows
          .slice(at, at + 1000)
          .map(({ dimension, ...r }) => ({ ...r, dimensionKey: dimension, editionId })),
      );
  }
}

/** Stamps a revision's errata with the publisher and the publication time (before it is published). */
export async function stampErrata(db: Executor, editionId: number, decidedBy: number | null): Promise<void> {
  await db
    .update(editionErrata)
    .set({ decidedBy, decidedAt: sql`now()` })
    .where(eq(editionErrata.editionId, editionId));
}

/** Links a dispute to the DISPUTE errata of an edition that have none yet; returns how many. */
export async function setErrataDispute(db: Executor, editionId: number, disputeId: number): Promise<number> {
  const rows = await db
    .update(editionErrata)
    .set({ disputeId })
    .where(
      and(
        eq(editionErrata.editionId, editionId),
        eq(editionErrata.cause, 'dispute'),
        sql`${editionErrata.disputeId} IS NULL`,
      ),
    )
    .returning({ id: editionErrata.id });
  return rows.length;
}

/** The errata of some editions, by edition, project, indicator and dimension. */
export async function listErrata(db: Executor, editionIds: readonly number[]): Promise<ErratumRow[]> {
  if (editionIds.length === 0) return [];
  return db
    .select(erratumColumns)
    .from(editionErrata)
    .where(inArray(editionErrata.editionId, [...editionIds]))
    .orderBy(
      asc(editionErrata.editionId),
      asc(editionErrata.projectId),
      asc(editionErrata.indicatorKey),
      asc(editionErrata.dimensionKey),
    );
}
