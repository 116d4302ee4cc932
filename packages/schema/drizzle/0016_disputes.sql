-- Hand-written (drizzle-kit generate --custom): disputes (apps/api/src/modules/disputes, docs/disputes.md).
-- A dispute contests one value (project × indicator) of one edition: a claim (≤ 4,000 characters, stored as
-- given), an optional proposed value and public source link, and a contact address that is never published.
-- OPEN → ACCEPTED | REJECTED (a public reason) | WITHDRAWN. Accepting one with a proposed value creates a
-- pending evidence value (`evidence_id`) that only the normal four-eyes review can approve.
-- The outbox holds the decision emails, written in the decision's transaction and sent after it commits.
-- A contest window lets a computed (not yet published) edition be contested and shown before publication.
ALTER TABLE "api_keys" DROP CONSTRAINT "api_keys_scopes_check";
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_scopes_check" CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['read', 'read:drafts', 'evidence:write', 'evidence:review', 'editions:manage', 'disputes:write', 'admin']::text[]);
--> statement-breakpoint
CREATE TABLE "disputes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "disputes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"edition_id" integer NOT NULL,
	"project_id" integer NOT NULL,
	"indicator_key" text NOT NULL,
	"claim" text NOT NULL,
	"proposed_value" double precision,
	"source_url" text,
	"contact" text,
	"status" text DEFAULT 'open' NOT NULL,
	"reason" text,
	"withdrawal_token_hash" text NOT NULL,
	"submitted_by" integer,
	"api_key_id" integer,
	"evidence_id" bigint,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disputes_claim_check" CHECK (length(claim) BETWEEN 1 AND 4000),
	CONSTRAINT "disputes_proposed_value_check" CHECK (proposed_value <> 'NaN'::float8 AND proposed_value <> 'Infinity'::float8 AND proposed_value <> '-Infinity'::float8),
	CONSTRAINT "disputes_source_url_check" CHECK (source_url ~* '^https?://[^\s/]+'),
	CONSTRAINT "disputes_status_check" CHECK (status IN ('open', 'accepted', 'rejected', 'withdrawn')),
	CONSTRAINT "disputes_reason_check" CHECK (status <> 'rejected' OR coalesce(length(trim(reason)), 0) > 0),
	CONSTRAINT "disputes_decided_check" CHECK ((status = 'open') = (decided_at IS NULL)),
	CONSTRAINT "disputes_token_check" CHECK (withdrawal_token_hash ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_indicator_key_indicators_key_fk" FOREIGN KEY ("indicator_key") REFERENCES "public"."indicators"("key") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_evidence_id_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "disputes_edition_status_idx" ON "disputes" USING btree ("edition_id","status","id");
--> statement-breakpoint
CREATE INDEX "disputes_project_indicator_idx" ON "disputes" USING btree ("project_id","indicator_key");
--> statement-breakpoint
CREATE UNIQUE INDEX "disputes_evidence_key" ON "disputes" USING btree ("evidence_id");
--> statement-breakpoint
CREATE TABLE "dispute_emails" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dispute_emails_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"dispute_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dispute_emails_kind_check" CHECK (kind IN ('accepted', 'rejected')),
	CONSTRAINT "dispute_emails_attempts_check" CHECK (attempts >= 0)
);
--> statement-breakpoint
ALTER TABLE "dispute_emails" ADD CONSTRAINT "dispute_emails_dispute_id_disputes_id_fk" FOREIGN KEY ("dispute_id") REFERENCES "public"."disputes"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "dispute_emails_due_idx" ON "dispute_emails" USING btree ("next_attempt_at") WHERE sent_at IS NULL;
--> statement-breakpoint
CREATE TABLE "contest_windows" (
	"edition_id" integer PRIMARY KEY NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"visibility" text NOT NULL,
	"opened_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contest_windows_visibility_check" CHECK (visibility IN ('public', 'contacts')),
	CONSTRAINT "contest_windows_order_check" CHECK (closes_at > opens_at)
);
--> statement-breakpoint
ALTER TABLE "contest_windows" ADD CONSTRAINT "contest_windows_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "contest_windows" ADD CONSTRAINT "contest_windows_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE TRIGGER "disputes_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "disputes"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_ranking_change"();
--> statement-breakpoint
CREATE TRIGGER "contest_windows_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "contest_windows"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_ranking_change"();
