-- Hand-written (drizzle-kit generate --custom): search indexes and the rules the database itself
-- enforces whatever client writes to it. Only SQL valid on PostgreSQL 15 (the oldest server we
-- support) and on PGlite.
--
-- Every refusal raises a custom SQLSTATE in class RK with a stable message prefix, so the API can map
-- it without parsing sentences (see src/errors.ts):
--   RK001 published edition is read-only   RK002 audit log is append-only
--   RK003 methodology is immutable          RK004 reviewed evidence is immutable
--   RK005 evidence is in use                RK006 audit chain head is maintained by the audit log

CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX "projects_name_trgm_idx" ON "projects" USING gin ("name" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "projects_slug_trgm_idx" ON "projects" USING gin ("slug" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "organizations_name_trgm_idx" ON "organizations" USING gin ("name" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "organizations_slug_trgm_idx" ON "organizations" USING gin ("slug" gin_trgm_ops);
--> statement-breakpoint

-- (a) A published edition is read-only: no UPDATE (not even of its status) and no DELETE.
CREATE FUNCTION "guard_published_edition"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'published' THEN
    RAISE EXCEPTION 'published edition is read-only: edition % (% revision %) cannot be %',
        OLD.id, OLD.year, OLD.revision, CASE TG_OP WHEN 'DELETE' THEN 'deleted' ELSE 'updated' END
      USING ERRCODE = 'RK001', HINT = 'Corrections are published as a new revision of the same year.';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "editions_published_guard" BEFORE UPDATE OR DELETE ON "editions"
  FOR EACH ROW EXECUTE FUNCTION "guard_published_edition"();
--> statement-breakpoint

-- (b) Results and the evidence snapshot of a published edition are read-only. Statement-level
-- triggers with transition tables check a whole batch with one join (an edition computation writes
-- thousands of rows). PostgreSQL allows transition tables only on AFTER triggers with one event each;
-- raising in an AFTER trigger still rolls the statement back.
CREATE FUNCTION "guard_published_edition_rows_new"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  published_id integer;
BEGIN
  SELECT e.id INTO published_id
    FROM new_rows AS n JOIN editions AS e ON e.id = n.edition_id
    WHERE e.status = 'published' LIMIT 1;
  IF published_id IS NOT NULL THEN
    RAISE EXCEPTION 'published edition is read-only: % of edition % cannot be %', TG_TABLE_NAME, published_id,
        CASE TG_OP WHEN 'INSERT' THEN 'inserted' ELSE 'updated' END
      USING ERRCODE = 'RK001';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "guard_published_edition_rows_old"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  published_id integer;
BEGIN
  SELECT e.id INTO published_id
    FROM old_rows AS o JOIN editions AS e ON e.id = o.edition_id
    WHERE e.status = 'published' LIMIT 1;
  IF published_id IS NOT NULL THEN
    RAISE EXCEPTION 'published edition is read-only: % of edition % cannot be %', TG_TABLE_NAME, published_id,
        CASE TG_OP WHEN 'DELETE' THEN 'deleted' ELSE 'updated' END
      USING ERRCODE = 'RK001';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "results_published_guard_insert" AFTER INSERT ON "results"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "guard_published_edition_rows_new"();
--> statement-breakpoint
CREATE TRIGGER "results_published_guard_update_old" AFTER UPDATE ON "results"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "guard_published_edition_rows_old"();
--> statement-breakpoint
CREATE TRIGGER "results_published_guard_update_new" AFTER UPDATE ON "results"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "guard_published_edition_rows_new"();
--> statement-breakpoint
CREATE TRIGGER "results_published_guard_delete" AFTER DELETE ON "results"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "guard_published_edition_rows_old"();
--> statement-breakpoint
CREATE TRIGGER "edition_evidence_published_guard_insert" AFTER INSERT ON "edition_evidence"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "guard_published_edition_rows_new"();
--> statement-breakpoint
CREATE TRIGGER "edition_evidence_published_guard_update_old" AFTER UPDATE ON "edition_evidence"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "guard_published_edition_rows_old"();
--> statement-breakpoint
CREATE TRIGGER "edition_evidence_published_guard_update_new" AFTER UPDATE ON "edition_evidence"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "guard_published_edition_rows_new"();
--> statement-breakpoint
CREATE TRIGGER "edition_evidence_published_guard_delete" AFTER DELETE ON "edition_evidence"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "guard_published_edition_rows_old"();
--> statement-breakpoint

-- (c) TRUNCATE bypasses row triggers, so it is refused outright while any edition is published.
CREATE FUNCTION "guard_published_edition_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM editions WHERE status = 'published') THEN
    RAISE EXCEPTION 'published edition is read-only: % cannot be truncated while a published edition exists',
        TG_TABLE_NAME
      USING ERRCODE = 'RK001';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "editions_truncate_guard" BEFORE TRUNCATE ON "editions"
  FOR EACH STATEMENT EXECUTE FUNCTION "guard_published_edition_truncate"();
--> statement-breakpoint
CREATE TRIGGER "results_truncate_guard" BEFORE TRUNCATE ON "results"
  FOR EACH STATEMENT EXECUTE FUNCTION "guard_published_edition_truncate"();
--> statement-breakpoint
CREATE TRIGGER "edition_evidence_truncate_guard" BEFORE TRUNCATE ON "edition_evidence"
  FOR EACH STATEMENT EXECUTE FUNCTION "guard_published_edition_truncate"();
--> statement-breakpoint

-- (d) The audit log is append-only.
CREATE FUNCTION "guard_audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit log is append-only: % is not allowed', TG_OP USING ERRCODE = 'RK002';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "guard_audit_log_append_only"();
--> statement-breakpoint

-- Audit hash chain. hash = sha256 over the canonical text of the row (a JSON array: no separator
-- ambiguity, NULL distinct from '', timestamps in UTC with microseconds) whose first element is the
-- previous row's hash. The single row of audit_log_head holds the chain's tail; locking it in a
-- BEFORE INSERT statement trigger serialises writers until commit *before* the rows' ids are drawn,
-- so id order is chain order. Under REPEATABLE READ or SERIALIZABLE a concurrent append makes the
-- lock fail with SQLSTATE 40001 (retry) instead of forking the chain.
CREATE TABLE "audit_log_head" (
  "singleton" boolean PRIMARY KEY DEFAULT true CHECK ("singleton"),
  "last_id" bigint,
  "last_hash" text
);
--> statement-breakpoint
INSERT INTO "audit_log_head" ("singleton") VALUES (true);
--> statement-breakpoint
CREATE FUNCTION "audit_log_row_hash"(prev_hash text, r audit_log) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(jsonb_build_array(
    prev_hash,
    r.id,
    to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    r.actor_type,
    r.actor_id,
    r.actor_label,
    r.action,
    r.entity_type,
    r.entity_id,
    r.before,
    r.after,
    r.request_id
  )::text, 'UTF8')), 'hex')
$$;
--> statement-breakpoint
CREATE FUNCTION "audit_log_lock_chain"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM audit_log_head WHERE singleton FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'audit log is append-only: the chain head row is missing' USING ERRCODE = 'RK002';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "audit_log_chain"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tail text;
BEGIN
  SELECT last_hash INTO tail FROM audit_log_head WHERE singleton;
  NEW.prev_hash := tail;
  NEW.hash := audit_log_row_hash(tail, NEW);
  UPDATE audit_log_head SET last_id = NEW.id, last_hash = NEW.hash WHERE singleton;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_log_lock_chain" BEFORE INSERT ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_lock_chain"();
--> statement-breakpoint
CREATE TRIGGER "audit_log_chain" BEFORE INSERT ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION "audit_log_chain"();
--> statement-breakpoint
-- Only the chain trigger (trigger depth 2) may move the head.
CREATE FUNCTION "guard_audit_log_head"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit chain head is maintained by the audit log: % is not allowed', TG_OP
    USING ERRCODE = 'RK006';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_log_head_guard" BEFORE INSERT OR UPDATE OR DELETE ON "audit_log_head"
  FOR EACH ROW EXECUTE FUNCTION "guard_audit_log_head"();
--> statement-breakpoint
CREATE TRIGGER "audit_log_head_truncate_guard" BEFORE TRUNCATE ON "audit_log_head"
  FOR EACH STATEMENT EXECUTE FUNCTION "guard_audit_log_head"();
--> statement-breakpoint

-- (e) A methodology is an immutable versioned document: a change is a new version.
CREATE FUNCTION "guard_methodology_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION 'methodology is immutable: methodologies cannot be truncated' USING ERRCODE = 'RK003';
  END IF;
  RAISE EXCEPTION 'methodology is immutable: % % cannot be %', OLD.key, OLD.version,
      CASE TG_OP WHEN 'DELETE' THEN 'deleted' ELSE 'updated' END
    USING ERRCODE = 'RK003', HINT = 'Store a new version instead.';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "methodologies_immutable" BEFORE UPDATE OR DELETE ON "methodologies"
  FOR EACH ROW EXECUTE FUNCTION "guard_methodology_immutable"();
--> statement-breakpoint
CREATE TRIGGER "methodologies_truncate_guard" BEFORE TRUNCATE ON "methodologies"
  FOR EACH STATEMENT EXECUTE FUNCTION "guard_methodology_immutable"();
--> statement-breakpoint

-- (f) Reviewed evidence keeps what was reviewed. An approved or rejected row (and a superseded one,
-- which was approved) never changes its value, source, project, indicator or observation date; an
-- approved row may only become superseded (the check constraint requires superseded_by then); a
-- superseded row is final. Approved, superseded and snapshotted evidence cannot be deleted.
CREATE FUNCTION "guard_evidence"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status IN ('approved', 'superseded') THEN
      RAISE EXCEPTION 'evidence is in use: % evidence % cannot be deleted', OLD.status, OLD.id
        USING ERRCODE = 'RK005';
    END IF;
    IF EXISTS (SELECT 1 FROM edition_evidence WHERE evidence_id = OLD.id) THEN
      RAISE EXCEPTION 'evidence is in use: evidence % belongs to an edition snapshot', OLD.id
        USING ERRCODE = 'RK005';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status IN ('approved', 'rejected', 'superseded')
     AND (NEW.project_id, NEW.indicator_key, NEW.value, NEW.source_url, NEW.canonical_url, NEW.observed_at,
          NEW.source_kind, NEW.is_illustrative)
         IS DISTINCT FROM
         (OLD.project_id, OLD.indicator_key, OLD.value, OLD.source_url, OLD.canonical_url, OLD.observed_at,
          OLD.source_kind, OLD.is_illustrative) THEN
    RAISE EXCEPTION 'reviewed evidence is immutable: evidence % is %; its value, source, project, indicator and observation date cannot change',
        OLD.id, OLD.status
      USING ERRCODE = 'RK004', HINT = 'Submit a new value; approving it supersedes this one.';
  END IF;
  IF OLD.status = 'approved' AND NEW.status NOT IN ('approved', 'superseded') THEN
    RAISE EXCEPTION 'reviewed evidence is immutable: approved evidence % can only be superseded, not made %',
        OLD.id, NEW.status
      USING ERRCODE = 'RK004';
  END IF;
  IF OLD.status = 'superseded'
     AND (NEW.status <> 'superseded' OR NEW.superseded_by IS DISTINCT FROM OLD.superseded_by) THEN
    RAISE EXCEPTION 'reviewed evidence is immutable: superseded evidence % is final', OLD.id
      USING ERRCODE = 'RK004';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "evidence_guard" BEFORE UPDATE OR DELETE ON "evidence"
  FOR EACH ROW EXECUTE FUNCTION "guard_evidence"();
