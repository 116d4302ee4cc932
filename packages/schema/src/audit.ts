/**
 * Verifying the audit log's hash chain. The chain itself is written by the `audit_log_chain`
 * trigger (drizzle/0001_guards.sql): each row's `hash` is SHA-256 over a canonical JSON array of the
 * previous row's hash and the row's fields, so altering, deleting or reordering rows (which the
 * append-only triggers refuse; a superuser could still disable them) breaks the chain.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from './db';
import { queryRows } from './rows';

export interface AuditChainReport {
  ok: boolean;
  /** Rows checked. */
  rows: number;
  /** The first row whose hash or link to its predecessor does not verify. */
  firstBadId: number | null;
  /** Why the chain does not verify, when it does not. */
  problem: 'hash' | 'link' | 'head' | null;
}

/** Recomputes every hash in id order (one pass in the database) and checks the chain's head. */
export async function verifyAuditChain(db: Executor): Promise<AuditChainReport> {
  const [row] = await queryRows<{
    rows: number;
    bad_id: number | null;
    bad_hash: boolean | null;
    head_ok: boolean | null;
  }>(
    db,
    sql`
    WITH chain AS (
      SELECT a.id,
             a.hash = audit_log_row_hash(a.prev_hash, a) AS hash_ok,
             a.prev_hash IS NOT DISTINCT FROM lag(a.hash) OVER (ORDER BY a.id) AS link_ok
        FROM audit_log AS a
    )
    SELECT (SELECT count(*) FROM chain)::int AS rows,
           (SELECT id FROM chain WHERE NOT hash_ok OR NOT link_ok ORDER BY id LIMIT 1)::float8 AS bad_id,
           (SELECT NOT hash_ok FROM chain WHERE NOT hash_ok OR NOT link_ok ORDER BY id LIMIT 1) AS bad_hash,
           (SELECT h.last_hash IS NOT DISTINCT FROM (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1)
              FROM audit_log_head AS h) AS head_ok
  `,
  );
  const rows = row?.rows ?? 0;
  const badId = row?.bad_id ?? null;
  if (badId !== null) {
    return { ok: false, rows, firstBadId: badId, problem: row?.bad_hash === true ? 'hash' : 'link' };
  }
  if (row?.head_ok !== true) return { ok: false, rows, firstBadId: null, problem: 'head' };
  return { ok: true, rows, firstBadId: null, problem: null };
}
