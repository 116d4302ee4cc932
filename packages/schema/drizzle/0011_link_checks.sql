-- Hand-written (drizzle-kit generate --custom): evidence link health (apps/api/src/modules/links).
-- link_checks is a history, one row per check of an evidence item's source link (`ranking links
-- check`, and the check made when evidence is approved), never updated: the latest row per evidence
-- is the link's current state (`Evidence.link`). `url_key` is the link as the checker keys it (the
-- WHATWG-normalised URL without its fragment), so a link shared by several evidence values is
-- requested once. `recorded_at` is when the row was written (an older check reused for another
-- evidence item keeps its `checked_at`); exports of a published edition read the rows recorded before
-- its publication, so their archived URLs never change afterwards.
CREATE TABLE "link_checks" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "link_checks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"evidence_id" bigint NOT NULL,
	"url_key" text NOT NULL,
	"status" text NOT NULL,
	"http_status" integer,
	"final_url" text,
	"redirects" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"method" text,
	"error_kind" text,
	"error" text,
	"checked_at" timestamp with time zone NOT NULL,
	"archived_url" text,
	"archived_at" timestamp with time zone,
	"archive_error" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "link_checks_status_check" CHECK (status IN ('ok', 'redirected', 'broken', 'unreachable', 'unchecked')),
	CONSTRAINT "link_checks_method_check" CHECK (method IS NULL OR method IN ('HEAD', 'GET')),
	CONSTRAINT "link_checks_archived_check" CHECK ((archived_url IS NULL) = (archived_at IS NULL))
);
--> statement-breakpoint
ALTER TABLE "link_checks" ADD CONSTRAINT "link_checks_evidence_id_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "link_checks_evidence_idx" ON "link_checks" USING btree ("evidence_id","recorded_at" DESC,"id" DESC);
--> statement-breakpoint
CREATE INDEX "link_checks_url_key_idx" ON "link_checks" USING btree ("url_key","recorded_at" DESC);
--> statement-breakpoint
-- Answers that show Evidence.link are cached like any other (src/http/response-cache.ts): a new check
-- is announced as every other change is.
CREATE TRIGGER "link_checks_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "link_checks"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_ranking_change"();
