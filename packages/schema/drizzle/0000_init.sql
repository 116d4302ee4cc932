CREATE TABLE "api_keys" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "api_keys_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"secret_hash" text NOT NULL,
	"scopes" text[] NOT NULL,
	"owner_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_scopes_check" CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['read', 'read:drafts', 'evidence:write', 'evidence:review', 'editions:manage', 'admin']::text[])
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" integer,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb,
	"request_id" text,
	"prev_hash" text,
	"hash" text NOT NULL,
	CONSTRAINT "audit_log_actor_type_check" CHECK (actor_type IN ('user', 'api_key', 'system')),
	CONSTRAINT "audit_log_hash_check" CHECK ("audit_log"."hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "edition_evidence" (
	"edition_id" integer NOT NULL,
	"evidence_id" bigint NOT NULL,
	"project_id" integer NOT NULL,
	"indicator_key" text NOT NULL,
	"value" double precision NOT NULL,
	"observed_at" date NOT NULL,
	"source_url" text NOT NULL,
	CONSTRAINT "edition_evidence_edition_id_evidence_id_pk" PRIMARY KEY("edition_id","evidence_id"),
	CONSTRAINT "edition_evidence_value_check" CHECK (value <> 'NaN'::float8 AND value <> 'Infinity'::float8 AND value <> '-Infinity'::float8)
);
--> statement-breakpoint
CREATE TABLE "editions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "editions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"year" integer NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"title" text NOT NULL,
	"methodology_id" integer NOT NULL,
	"cutoff" date NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"computed_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"published_by" integer,
	"content_hash" text,
	"sensitivity_params" jsonb,
	"previous_edition_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer,
	CONSTRAINT "editions_year_check" CHECK ("editions"."year" BETWEEN 2000 AND 2100),
	CONSTRAINT "editions_revision_check" CHECK ("editions"."revision" >= 1),
	CONSTRAINT "editions_status_check" CHECK (status IN ('draft', 'computed', 'published')),
	CONSTRAINT "editions_computed_check" CHECK ("editions"."status" = 'draft' OR ("editions"."computed_at" IS NOT NULL AND "editions"."content_hash" IS NOT NULL)),
	CONSTRAINT "editions_published_check" CHECK ("editions"."status" <> 'published' OR "editions"."published_at" IS NOT NULL),
	CONSTRAINT "editions_content_hash_check" CHECK ("editions"."content_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "evidence" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "evidence_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"project_id" integer NOT NULL,
	"indicator_key" text NOT NULL,
	"value" double precision NOT NULL,
	"source_url" text NOT NULL,
	"canonical_url" text NOT NULL,
	"observed_at" date NOT NULL,
	"retrieved_at" timestamp with time zone,
	"source_kind" text DEFAULT 'other' NOT NULL,
	"note" text,
	"is_illustrative" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"submitted_by" integer,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_by" integer,
	"reviewed_at" timestamp with time zone,
	"review_note" text,
	"superseded_by" bigint,
	CONSTRAINT "evidence_value_check" CHECK (value <> 'NaN'::float8 AND value <> 'Infinity'::float8 AND value <> '-Infinity'::float8),
	CONSTRAINT "evidence_status_check" CHECK (status IN ('pending', 'approved', 'rejected', 'superseded')),
	CONSTRAINT "evidence_source_kind_check" CHECK (source_kind IN ('github', 'huggingface', 'pypi', 'paper', 'website', 'other')),
	CONSTRAINT "evidence_source_url_check" CHECK ("evidence"."source_url" ~* '^https?://[^\s/]+'),
	CONSTRAINT "evidence_own_review_check" CHECK ("evidence"."reviewed_by" IS NULL OR "evidence"."reviewed_by" <> "evidence"."submitted_by"),
	CONSTRAINT "evidence_reviewed_check" CHECK ("evidence"."status" = 'pending' OR "evidence"."reviewed_at" IS NOT NULL),
	CONSTRAINT "evidence_rejection_note_check" CHECK ("evidence"."status" <> 'rejected' OR coalesce(length(trim("evidence"."review_note")), 0) > 0),
	CONSTRAINT "evidence_superseded_check" CHECK (("evidence"."status" = 'superseded') = ("evidence"."superseded_by" IS NOT NULL) AND "evidence"."superseded_by" IS DISTINCT FROM "evidence"."id")
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"key" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_zh" text,
	"unit" text,
	"description" text,
	CONSTRAINT "indicators_key_check" CHECK ("indicators"."key" ~ '^[a-z][a-z0-9_]*$')
);
--> statement-breakpoint
CREATE TABLE "methodologies" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "methodologies_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"key" text NOT NULL,
	"version" text NOT NULL,
	"title" text NOT NULL,
	"document" jsonb NOT NULL,
	"document_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "organizations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"name_zh" text,
	"country" text,
	"kind" text NOT NULL,
	"url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organizations_slug_check" CHECK (slug ~ '^[a-z0-9]+([.-][a-z0-9]+)*$'),
	CONSTRAINT "organizations_country_check" CHECK ("organizations"."country" ~ '^[A-Z]{2}$'),
	CONSTRAINT "organizations_kind_check" CHECK (kind IN ('company', 'university', 'lab', 'foundation', 'community'))
);
--> statement-breakpoint
CREATE TABLE "project_organizations" (
	"project_id" integer NOT NULL,
	"organization_id" integer NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "project_organizations_project_id_organization_id_pk" PRIMARY KEY("project_id","organization_id"),
	CONSTRAINT "project_organizations_position_check" CHECK ("project_organizations"."position" >= 0)
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "projects_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"name_zh" text,
	"category" text NOT NULL,
	"repository_url" text,
	"huggingface_url" text,
	"homepage_url" text,
	"license" text,
	"first_release" text,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_slug_check" CHECK (slug ~ '^[a-z0-9]+([.-][a-z0-9]+)*$'),
	CONSTRAINT "projects_category_check" CHECK (category IN ('data', 'model', 'system', 'evaluation')),
	CONSTRAINT "projects_status_check" CHECK (status IN ('active', 'archived')),
	CONSTRAINT "projects_first_release_check" CHECK ("projects"."first_release" ~ '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$')
);
--> statement-breakpoint
CREATE TABLE "results" (
	"edition_id" integer NOT NULL,
	"dimension_key" text NOT NULL,
	"project_id" integer NOT NULL,
	"score" double precision NOT NULL,
	"rank" integer NOT NULL,
	"previous_rank" integer,
	"nodes" jsonb NOT NULL,
	"indicators" jsonb NOT NULL,
	"rank_median" double precision,
	"rank_p05" double precision,
	"rank_p95" double precision,
	CONSTRAINT "results_edition_id_dimension_key_project_id_pk" PRIMARY KEY("edition_id","dimension_key","project_id"),
	CONSTRAINT "results_score_check" CHECK (score <> 'NaN'::float8 AND score <> 'Infinity'::float8 AND score <> '-Infinity'::float8),
	CONSTRAINT "results_rank_check" CHECK ("results"."rank" >= 1)
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disabled_at" timestamp with time zone,
	CONSTRAINT "users_role_check" CHECK (role IN ('viewer', 'editor', 'reviewer', 'publisher', 'admin')),
	CONSTRAINT "users_email_check" CHECK (position('@' in "users"."email") > 1)
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edition_evidence" ADD CONSTRAINT "edition_evidence_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edition_evidence" ADD CONSTRAINT "edition_evidence_evidence_id_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "editions" ADD CONSTRAINT "editions_methodology_id_methodologies_id_fk" FOREIGN KEY ("methodology_id") REFERENCES "public"."methodologies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "editions" ADD CONSTRAINT "editions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "editions" ADD CONSTRAINT "editions_previous_edition_id_editions_id_fk" FOREIGN KEY ("previous_edition_id") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "editions" ADD CONSTRAINT "editions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_indicator_key_indicators_key_fk" FOREIGN KEY ("indicator_key") REFERENCES "public"."indicators"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_superseded_by_evidence_id_fk" FOREIGN KEY ("superseded_by") REFERENCES "public"."evidence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "methodologies" ADD CONSTRAINT "methodologies_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_organizations" ADD CONSTRAINT "project_organizations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_organizations" ADD CONSTRAINT "project_organizations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "results" ADD CONSTRAINT "results_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "results" ADD CONSTRAINT "results_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_prefix_key" ON "api_keys" USING btree ("prefix");--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_secret_hash_key" ON "api_keys" USING btree ("secret_hash");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id","id");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "edition_evidence_evidence_idx" ON "edition_evidence" USING btree ("evidence_id");--> statement-breakpoint
CREATE UNIQUE INDEX "editions_year_revision_key" ON "editions" USING btree ("year","revision");--> statement-breakpoint
CREATE INDEX "editions_status_year_idx" ON "editions" USING btree ("status","year");--> statement-breakpoint
CREATE INDEX "evidence_project_indicator_status_idx" ON "evidence" USING btree ("project_id","indicator_key","status");--> statement-breakpoint
CREATE INDEX "evidence_indicator_status_idx" ON "evidence" USING btree ("indicator_key","status");--> statement-breakpoint
CREATE INDEX "evidence_pending_idx" ON "evidence" USING btree ("id") WHERE "evidence"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "evidence_canonical_url_idx" ON "evidence" USING btree ("canonical_url");--> statement-breakpoint
CREATE UNIQUE INDEX "evidence_natural_key" ON "evidence" USING btree ("project_id","indicator_key","observed_at","canonical_url","value");--> statement-breakpoint
CREATE UNIQUE INDEX "methodologies_key_version_key" ON "methodologies" USING btree ("key","version");--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_slug_key" ON "organizations" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "project_organizations_position_key" ON "project_organizations" USING btree ("project_id","position");--> statement-breakpoint
CREATE INDEX "project_organizations_organization_idx" ON "project_organizations" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_slug_key" ON "projects" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "projects_category_idx" ON "projects" USING btree ("category","slug");--> statement-breakpoint
CREATE INDEX "results_ranking_idx" ON "results" USING btree ("edition_id","dimension_key","rank","project_id");--> statement-breakpoint
CREATE INDEX "results_project_idx" ON "results" USING btree ("project_id","edition_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree (lower("email"));