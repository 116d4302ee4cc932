-- Hand-written (drizzle-kit generate --custom): the evidence snapshot's two foreign keys checked once
-- per statement instead of once per row (issue #16.2, BENCHMARKS.md "Edition compute memory").
-- A foreign key is a row trigger: the compute's INSERT … SELECT of the snapshot ran one lookup with a
-- row lock in `evidence` and one in `editions` per value (8.0 of the 13.2 s of that INSERT at
-- 1,000,000 values), and again on marking the used values (PostgreSQL re-checks a foreign key on any
-- update of a row its own transaction inserted). The same rules, kept:
-- (a) A snapshot row names an existing edition and an existing evidence row: checked after each
-- INSERT by one anti-join over the statement's rows (transition table), and after an UPDATE that
-- changes either column, SQLSTATE 23503 (foreign_key_violation) as before.
-- (b) Deleting an edition deletes its snapshot (was ON DELETE CASCADE), in the same statement.
-- (c) Evidence in a snapshot is not deleted (guard_evidence, 0001_guards.sql, refuses it with RK005,
-- as it refused before the foreign key did) and does not change its id (below, 23503 as the foreign
-- key's NO ACTION did); nor does an edition with a snapshot. A snapshot holds approved evidence
-- only, which no one may delete.
ALTER TABLE "edition_evidence" DROP CONSTRAINT "edition_evidence_edition_id_editions_id_fk";
--> statement-breakpoint
ALTER TABLE "edition_evidence" DROP CONSTRAINT "edition_evidence_evidence_id_evidence_id_fk";
--> statement-breakpoint
CREATE FUNCTION "edition_evidence_references"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  missing bigint;
BEGIN
  SELECT n.edition_id INTO missing FROM new_rows AS n
   WHERE NOT EXISTS (SELECT 1 FROM editions AS e WHERE e.id = n.edition_id) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'edition_evidence: edition % does not exist', missing USING ERRCODE = '23503';
  END IF;
  SELECT n.evidence_id INTO missing FROM new_rows AS n
   WHERE NOT EXISTS (SELECT 1 FROM evidence AS e WHERE e.id = n.evidence_id) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'edition_evidence: evidence % does not exist', missing USING ERRCODE = '23503';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "edition_evidence_references_insert" AFTER INSERT ON "edition_evidence"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "edition_evidence_references"();
--> statement-breakpoint
CREATE FUNCTION "edition_evidence_references_row"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM editions WHERE id = NEW.edition_id) THEN
    RAISE EXCEPTION 'edition_evidence: edition % does not exist', NEW.edition_id USING ERRCODE = '23503';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM evidence WHERE id = NEW.evidence_id) THEN
    RAISE EXCEPTION 'edition_evidence: evidence % does not exist', NEW.evidence_id USING ERRCODE = '23503';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Transition tables cannot go with a column list: an update that moves a row is checked row by row
-- (no one does it; marking values used does not name these columns and is not checked).
CREATE TRIGGER "edition_evidence_references_update" AFTER UPDATE OF "edition_id", "evidence_id" ON "edition_evidence"
  FOR EACH ROW WHEN (NEW.edition_id IS DISTINCT FROM OLD.edition_id OR NEW.evidence_id IS DISTINCT FROM OLD.evidence_id)
  EXECUTE FUNCTION "edition_evidence_references_row"();
--> statement-breakpoint
CREATE FUNCTION "edition_evidence_cascade"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM edition_evidence WHERE edition_id IN (SELECT id FROM old_rows);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "editions_delete_edition_evidence" AFTER DELETE ON "editions"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "edition_evidence_cascade"();
--> statement-breakpoint
CREATE FUNCTION "guard_snapshot_evidence_id"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM edition_evidence WHERE evidence_id = OLD.id) THEN
    RAISE EXCEPTION 'evidence is in use: evidence % belongs to an edition snapshot; its id cannot change', OLD.id
      USING ERRCODE = '23503';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "evidence_snapshot_id_guard" BEFORE UPDATE OF "id" ON "evidence"
  FOR EACH ROW WHEN (NEW.id IS DISTINCT FROM OLD.id) EXECUTE FUNCTION "guard_snapshot_evidence_id"();
--> statement-breakpoint
CREATE FUNCTION "guard_snapshot_edition_id"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM edition_evidence WHERE edition_id = OLD.id) THEN
    RAISE EXCEPTION 'edition % has an evidence snapshot; its id cannot change', OLD.id
      USING ERRCODE = '23503';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "editions_snapshot_id_guard" BEFORE UPDATE OF "id" ON "editions"
  FOR EACH ROW WHEN (NEW.id IS DISTINCT FROM OLD.id) EXECUTE FUNCTION "guard_snapshot_edition_id"();
--> statement-breakpoint
-- (d) TRUNCATE fires no row trigger: `editions` and `evidence` are not truncated while a snapshot
-- refers to them (a foreign key refused it the same way, SQLSTATE 0A000; truncate edition_evidence
-- first, in its own statement).
CREATE FUNCTION "guard_snapshot_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM edition_evidence) THEN
    RAISE EXCEPTION 'cannot truncate %: edition_evidence refers to it; truncate edition_evidence first', TG_TABLE_NAME
      USING ERRCODE = '0A000';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "evidence_truncate_snapshot_guard" BEFORE TRUNCATE ON "evidence"
  FOR EACH STATEMENT EXECUTE FUNCTION "guard_snapshot_truncate"();
--> statement-breakpoint
CREATE TRIGGER "editions_truncate_snapshot_guard" BEFORE TRUNCATE ON "editions"
  FOR EACH STATEMENT EXECUTE FUNCTION "guard_snapshot_truncate"();
