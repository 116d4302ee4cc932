-- Hand-written (drizzle-kit generate --custom): corrections and errata (docs/corrections.md).
-- (a) A revision > 1 records how it corrects the previous published revision of its year: the policy
-- (full_recompute: everything is scored again; insertion: only the corrected projects' scores change,
-- every other project keeps its published score and rank), the cause and, for a dispute, its id
-- (no foreign key yet: the disputes table comes with another change, which adds it).
ALTER TABLE "editions" ADD COLUMN "correction_policy" text;
--> statement-breakpoint
ALTER TABLE "editions" ADD COLUMN "correction_cause" text;
--> statement-breakpoint
ALTER TABLE "editions" ADD COLUMN "correction_dispute_id" bigint;
--> statement-breakpoint
ALTER TABLE "editions" ADD CONSTRAINT "editions_correction_policy_check"
  CHECK (correction_policy IS NULL OR correction_policy IN ('full_recompute', 'insertion'));
--> statement-breakpoint
ALTER TABLE "editions" ADD CONSTRAINT "editions_correction_cause_check"
  CHECK (correction_cause IS NULL OR correction_cause IN ('dispute', 'collection_error', 'methodology_error'));
--> statement-breakpoint
ALTER TABLE "editions" ADD CONSTRAINT "editions_correction_first_revision_check"
  CHECK (revision > 1 OR (correction_policy IS NULL AND correction_cause IS NULL AND correction_dispute_id IS NULL));
--> statement-breakpoint
-- (b) Errata: per corrected value (project, indicator) of a revision > 1 and per dimension the
-- indicator feeds, the value, score and rank before (the previous published revision) and after.
-- Written when the revision is computed (recomputing replaces them), stamped with the publisher and
-- the date when it is published; rows of a published revision never change (guard below), except that
-- the dispute of a DISPUTE erratum may be linked once (dispute_id null → id; linkErrataDispute).
CREATE TABLE "edition_errata" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "edition_errata_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"edition_id" integer NOT NULL,
	"corrected_edition_id" integer NOT NULL,
	"project_id" integer NOT NULL,
	"indicator_key" text NOT NULL,
	"dimension_key" text NOT NULL,
	"old_value" double precision,
	"new_value" double precision,
	"old_score" double precision,
	"new_score" double precision,
	"old_rank" integer,
	"new_rank" integer,
	"cause" text,
	"dispute_id" bigint,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "edition_errata_cause_check" CHECK (cause IS NULL OR cause IN ('dispute', 'collection_error', 'methodology_error'))
);
--> statement-breakpoint
ALTER TABLE "edition_errata" ADD CONSTRAINT "edition_errata_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "edition_errata" ADD CONSTRAINT "edition_errata_corrected_edition_id_editions_id_fk" FOREIGN KEY ("corrected_edition_id") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "edition_errata" ADD CONSTRAINT "edition_errata_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "edition_errata" ADD CONSTRAINT "edition_errata_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "edition_errata_key" ON "edition_errata" USING btree ("edition_id","project_id","indicator_key","dimension_key");
--> statement-breakpoint
CREATE FUNCTION "guard_edition_errata"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Linking the dispute of a DISPUTE erratum once (null → id) is the one change allowed after publication.
  IF TG_OP = 'UPDATE' AND OLD.dispute_id IS NULL AND NEW.dispute_id IS NOT NULL AND OLD.cause = 'dispute'
     AND (NEW.id, NEW.edition_id, NEW.corrected_edition_id, NEW.project_id, NEW.indicator_key, NEW.dimension_key,
          NEW.old_value, NEW.new_value, NEW.old_score, NEW.new_score, NEW.old_rank, NEW.new_rank, NEW.cause,
          NEW.decided_by, NEW.decided_at, NEW.recorded_at)
         IS NOT DISTINCT FROM
         (OLD.id, OLD.edition_id, OLD.corrected_edition_id, OLD.project_id, OLD.indicator_key, OLD.dimension_key,
          OLD.old_value, OLD.new_value, OLD.old_score, OLD.new_score, OLD.old_rank, OLD.new_rank, OLD.cause,
          OLD.decided_by, OLD.decided_at, OLD.recorded_at) THEN
    RETURN NEW;
  END IF;
  IF EXISTS (SELECT 1 FROM editions WHERE id = OLD.edition_id AND status = 'published') THEN
    RAISE EXCEPTION 'published edition is read-only: errata of edition % cannot change', OLD.edition_id
      USING ERRCODE = 'RK001';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "edition_errata_published_guard" BEFORE UPDATE OR DELETE ON "edition_errata"
  FOR EACH ROW EXECUTE FUNCTION "guard_edition_errata"();
--> statement-breakpoint
-- (c) Bi-temporal evidence: when a value stopped being the current one. Set by the database when a
-- row becomes superseded (whatever code path supersedes it); backfilled from the review time of the
-- superseding row.
ALTER TABLE "evidence" ADD COLUMN "superseded_at" timestamp with time zone;
--> statement-breakpoint
UPDATE "evidence" AS old SET "superseded_at" = coalesce(newer.reviewed_at, newer.submitted_at)
  FROM "evidence" AS newer WHERE old.superseded_by = newer.id AND old.superseded_at IS NULL;
--> statement-breakpoint
CREATE FUNCTION "stamp_evidence_superseded_at"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'superseded' AND OLD.status IS DISTINCT FROM 'superseded' AND NEW.superseded_at IS NULL THEN
    NEW.superseded_at := now();
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "evidence_superseded_at" BEFORE UPDATE OF "status" ON "evidence"
  FOR EACH ROW EXECUTE FUNCTION "stamp_evidence_superseded_at"();
