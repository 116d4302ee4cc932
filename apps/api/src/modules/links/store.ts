/**
 * Database access for evidence link health: the `link_checks` history (one row per check of an
 * evidence item's source link, never updated), the evidence a check run covers, and the reviewer's
 * queue of broken links.
 */

import type { LinkCheck, LinkCheckStore, LinkStatus } from '@ranking/collectors';
import {
  type EvidenceStatus,
  type Executor,
  type LinkCheckStatus,
  linkChecks,
  projects,
  queryRows,
} from '@ranking/schema';
import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';

export type LinkCheckRow = typeof linkChecks.$inferSelect;

/** One evidence item whose link a run checks. */
export type LinkTarget = {
  evidenceId: number;
  sourceUrl: string;
  observedAt: string;
};

const toStored = (status: LinkStatus) => status.toLowerCase() as LinkCheckStatus;
export const toLinkStatus = (status: LinkCheckStatus) => status.toUpperCase() as LinkStatus;

/** A stored row as the checker's result (what `LinkCheckStore.latest` answers). */
export function rowToCheck(row: LinkCheckRow, url: string): LinkCheck {
  return {
    url,
    status: toLinkStatus(row.status),
    httpStatus: row.httpStatus,
    finalUrl: row.finalUrl,
    redirects: row.redirects,
    checkedAt: row.checkedAt,
    ...(row.method ? { method: row.method } : {}),
    ...(row.error ? { error: row.error } : {}),
    ...(row.errorKind ? { errorKind: row.errorKind as NonNullable<LinkCheck['errorKind']> } : {}),
    ...(row.archivedUrl && row.archivedAt
      ? { archivedUrl: row.archivedUrl, archivedAt: row.archivedAt }
      : {}),
  };
}

/**
 * Evidence whose links a run checks: every status but rejected (superseded values stay in the
 * editions that used them), of the given projects (all when empty), whose latest check was recorded
 * before `checkedBefore` or that were never checked. In id order.
 */
export async function findLinkTargets(
  db: Executor,
  params: { projectIds: readonly number[] | undefined; checkedBefore: Date },
): Promise<LinkTarget[]> {
  const statuses: EvidenceStatus[] = ['pending', 'approved', 'superseded'];
  return queryRows<LinkTarget>(
    db,
    sql`SELECT e.id::int AS "evidenceId", e.source_url AS "sourceUrl", e.observed_at::text AS "observedAt"
          FROM evidence AS e
         WHERE e.status IN (${sql.join(
           statuses.map((s) => sql`${s}`),
           sql`, `,
         )})
           ${
             params.projectIds
               ? sql`AND e.project_id IN (${sql.join(
                   params.projectIds.map((id) => sql`${id}`),
                   sql`, `,
                 )})`
               : sql``
           }
           AND NOT EXISTS (SELECT 1 FROM link_checks AS c
                            WHERE c.evidence_id = e.id AND c.checked_at >= ${params.checkedBefore.toISOString()})
         ORDER BY e.id`,
  );
}

/** The latest check of each evidence item (by recorded time, then id); items never checked are absent. */
export async function findLatestChecks(
  db: Executor,
  evidenceIds: readonly number[],
): Promise<Map<number, LinkCheckRow>> {
  if (evidenceIds.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([linkChecks.evidenceId])
    .from(linkChecks)
    .where(inArray(linkChecks.evidenceId, [...evidenceIds]))
    .orderBy(linkChecks.evidenceId, desc(linkChecks.recordedAt), desc(linkChecks.id));
  return new Map(rows.map((r) => [r.evidenceId, r]));
}

/** Every check of one evidence item, newest first. */
export async function listChecksOfEvidence(db: Executor, evidenceId: number): Promise<LinkCheckRow[]> {
  return db
    .select()
    .from(linkChecks)
    .where(eq(linkChecks.evidenceId, evidenceId))
    .orderBy(desc(linkChecks.recordedAt), desc(linkChecks.id));
}

/** The most recent check of a link (any evidence item), or undefined. */
export async function findLatestCheckOfKey(db: Executor, urlKey: string): Promise<LinkCheckRow | undefined> {
  const [row] = await db
    .select()
    .from(linkChecks)
    .where(eq(linkChecks.urlKey, urlKey))
    .orderBy(desc(linkChecks.recordedAt), desc(linkChecks.id))
    .limit(1);
  return row;
}

/** The most recent archived copy recorded for a link (any evidence item). */
async function findLatestArchive(
  db: Executor,
  urlKey: string,
): Promise<{ archivedUrl: string; archivedAt: Date } | undefined> {
  const [row] = await db
    .select({ archivedUrl: linkChecks.archivedUrl, archivedAt: linkChecks.archivedAt })
    .from(linkChecks)
    .where(and(eq(linkChecks.urlKey, urlKey), isNotNull(linkChecks.archivedUrl)))
    .orderBy(desc(linkChecks.recordedAt), desc(linkChecks.id))
    .limit(1);
  return row?.archivedUrl && row.archivedAt
    ? { archivedUrl: row.archivedUrl, archivedAt: row.archivedAt }
    : undefined;
}

/**
 * Appends one row per evidence item for a check of their (shared) link. A check without an archived
 * copy carries the link's most recent known copy forward, so every row says which copy a reader
 * could be offered at that time.
 */
export async function insertLinkChecks(
  db: Executor,
  evidenceIds: readonly number[],
  urlKey: string,
  check: LinkCheck,
  extra: { archiveError?: string | undefined; recordedAt: Date },
): Promise<void> {
  if (evidenceIds.length === 0) return;
  const archive =
    check.archivedUrl && check.archivedAt
      ? { archivedUrl: check.archivedUrl, archivedAt: check.archivedAt }
      : await findLatestArchive(db, urlKey);
  await db.insert(linkChecks).values(
    evidenceIds.map((evidenceId) => ({
      evidenceId,
      urlKey,
      status: toStored(check.status),
      httpStatus: check.httpStatus,
      finalUrl: check.finalUrl,
      redirects: check.redirects,
      method: check.method ?? null,
      errorKind: check.errorKind ?? null,
      error: check.error ?? null,
      checkedAt: check.checkedAt,
      archivedUrl: archive?.archivedUrl ?? null,
      archivedAt: archive?.archivedAt ?? null,
      archiveError: extra.archiveError ?? null,
      recordedAt: extra.recordedAt,
    })),
  );
}

/**
 * The checker's store over the history: `latest` is the link's most recent check whichever evidence
 * item it was recorded for; `save` appends a row for each evidence item of this run with that link.
 */
export class DatabaseLinkCheckStore implements LinkCheckStore {
  constructor(
    private readonly db: Executor,
    /** The evidence items of this run, by link key. */
    private readonly evidenceByKey: ReadonlyMap<string, readonly number[]>,
    private readonly now: () => Date,
  ) {}

  async latest(key: string): Promise<LinkCheck | undefined> {
    const row = await findLatestCheckOfKey(this.db, key);
    return row ? rowToCheck(row, key) : undefined;
  }

  async save(key: string, check: LinkCheck): Promise<void> {
    await insertLinkChecks(this.db, this.evidenceByKey.get(key) ?? [], key, check, {
      recordedAt: this.now(),
    });
  }
}

/** Archived URLs of an edition's evidence as recorded up to `asOf` (its publication), by evidence id. */
export async function findArchivedUrls(
  db: Executor,
  evidenceIds: readonly number[],
  asOf: Date | null,
): Promise<Map<number, string>> {
  if (evidenceIds.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([linkChecks.evidenceId], {
      evidenceId: linkChecks.evidenceId,
      archivedUrl: linkChecks.archivedUrl,
    })
    .from(linkChecks)
    .where(
      and(
        inArray(linkChecks.evidenceId, [...evidenceIds]),
        isNotNull(linkChecks.archivedUrl),
        asOf ? sql`${linkChecks.recordedAt} <= ${asOf.toISOString()}` : undefined,
      ),
    )
    .orderBy(linkChecks.evidenceId, desc(linkChecks.recordedAt), desc(linkChecks.id));
  return new Map(rows.flatMap((r) => (r.archivedUrl ? [[r.evidenceId, r.archivedUrl] as const] : [])));
}

export interface BrokenLinkRow {
  evidenceId: number;
  dependence: number;
  checkId: number;
}

/**
 * Evidence whose latest check has one of `statuses`, with how much of the latest published edition's
 * scores rests on it: the sum of the contributions (effective indicator weight × normalised value) of
 * the indicator values it enters there, 0 when it enters none. Highest first, then newest evidence.
 */
export async function listBrokenLinks(
  db: Executor,
  params: { statuses: readonly LinkCheckStatus[]; editionId: number | null; limit: number; offset: number },
): Promise<{ rows: BrokenLinkRow[]; total: number }> {
  const statusList = sql.join(
    params.statuses.map((s) => sql`${s}`),
    sql`, `,
  );
  const latest = sql`SELECT DISTINCT ON (evidence_id) evidence_id, id, status
                       FROM link_checks ORDER BY evidence_id, recorded_at DESC, id DESC`;
  const dependence =
    params.editionId === null
      ? sql`SELECT NULL::bigint AS evidence_id, 0::float8 AS dependence WHERE false`
      : sql`SELECT x.id::bigint AS evidence_id, sum((c.value ->> 'contribution')::float8) AS dependence
              FROM results AS r
              CROSS JOIN LATERAL jsonb_each(r.indicators) AS c
              CROSS JOIN LATERAL jsonb_array_elements_text(c.value -> 'evidenceIds') AS x(id)
             WHERE r.edition_id = ${params.editionId}
             GROUP BY x.id`;
  const rows = await queryRows<{ evidenceId: number; dependence: number; checkId: number; total: number }>(
    db,
    sql`WITH latest AS (${latest}), dependence AS (${dependence})
        SELECT l.evidence_id::int AS "evidenceId", l.id::int AS "checkId",
               coalesce(d.dependence, 0)::float8 AS dependence, count(*) OVER ()::int AS total
          FROM latest AS l
          JOIN evidence AS e ON e.id = l.evidence_id
          LEFT JOIN dependence AS d ON d.evidence_id = l.evidence_id
         WHERE l.status IN (${statusList}) AND e.status <> 'rejected'
         ORDER BY dependence DESC, l.evidence_id DESC
         LIMIT ${params.limit} OFFSET ${params.offset}`,
  );
  let total = rows[0]?.total;
  if (total === undefined) {
    const [count] = await queryRows<{ n: number }>(
      db,
      sql`WITH latest AS (${latest}) SELECT count(*)::int AS n FROM latest AS l
            JOIN evidence AS e ON e.id = l.evidence_id
           WHERE l.status IN (${statusList}) AND e.status <> 'rejected'`,
    );
    total = count?.n ?? 0;
  }
  return {
    rows: rows.map((r) => ({
      evidenceId: Number(r.evidenceId),
      checkId: Number(r.checkId),
      dependence: Number(r.dependence),
    })),
    total: Number(total),
  };
}

export async function findChecksByIds(
  db: Executor,
  ids: readonly number[],
): Promise<Map<number, LinkCheckRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(linkChecks)
    .where(inArray(linkChecks.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r]));
}

/** The ids of the projects with these slugs, and the slugs that name none. */
export async function findProjectIdsBySlugs(
  db: Executor,
  slugs: readonly string[],
): Promise<{ ids: number[]; unknown: string[] }> {
  if (slugs.length === 0) return { ids: [], unknown: [] };
  const rows = await db
    .select({ id: projects.id, slug: projects.slug })
    .from(projects)
    .where(inArray(projects.slug, [...slugs]));
  const found = new Set(rows.map((r) => r.slug));
  return { ids: rows.map((r) => r.id), unknown: slugs.filter((s) => !found.has(s)) };
}

/**
 * Indicator values of an edition whose evidence includes a link whose latest check is BROKEN
 * (as `ValueCounts` counts values: one per dimension, project and indicator).
 */
export async function countValuesBehindBrokenLinks(db: Executor, editionId: number): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`WITH latest AS (SELECT DISTINCT ON (evidence_id) evidence_id, status
                          FROM link_checks ORDER BY evidence_id, recorded_at DESC, id DESC)
        SELECT count(*)::int AS n
          FROM results AS r CROSS JOIN LATERAL jsonb_each(r.indicators) AS c
         WHERE r.edition_id = ${editionId}
           AND EXISTS (SELECT 1 FROM jsonb_array_elements_text(c.value -> 'evidenceIds') AS i(id)
                         JOIN latest AS l ON l.evidence_id = i.id::bigint
                        WHERE l.status = 'broken')`,
  );
  return Number(row?.n ?? 0);
}

/** The latest published edition (highest year, then revision), whose scores the queue weighs links by. */
export async function findLatestPublishedEditionId(db: Executor): Promise<number | null> {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`SELECT id FROM editions WHERE status = 'published' ORDER BY year DESC, revision DESC LIMIT 1`,
  );
  return row ? Number(row.id) : null;
}
