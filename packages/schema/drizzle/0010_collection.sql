-- Hand-written (drizzle-kit generate --custom): evidence collection (apps/api/src/modules/collection).
-- project_sources lists each project's upstream identifiers (the collectors' identifier kinds);
-- collection_runs / collection_jobs are the in-process runner's queue (one job per run and source,
-- claimed with FOR UPDATE SKIP LOCKED, so the same code runs on PGlite and PostgreSQL);
-- collection_findings keeps what a source could not answer (not found is a finding, never a zero);
-- evidence_provenance keeps, per collected evidence value, the request and the gzip-compressed raw response.
CREATE TABLE "project_sources" (
	"project_id" integer NOT NULL,
	"kind" text NOT NULL,
	"identifier" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_sources_pkey" PRIMARY KEY("project_id","kind","identifier"),
	CONSTRAINT "project_sources_kind_check" CHECK (kind IN ('github', 'huggingface_model', 'huggingface_dataset', 'pypi', 'doi', 'arxiv')),
	CONSTRAINT "project_sources_identifier_check" CHECK (identifier ~ '^[^\s]+$' AND length(identifier) <= 300)
);
--> statement-breakpoint
ALTER TABLE "project_sources" ADD CONSTRAINT "project_sources_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE TABLE "collection_runs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "collection_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"status" text DEFAULT 'queued' NOT NULL,
	"sources" jsonb NOT NULL,
	"projects" jsonb NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"progress_done" integer DEFAULT 0 NOT NULL,
	"progress_total" integer DEFAULT 0 NOT NULL,
	"error" text,
	"requested_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "collection_runs_status_check" CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "collection_jobs" (
	"run_id" bigint NOT NULL,
	"source" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"claimed_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "collection_jobs_pkey" PRIMARY KEY("run_id","source"),
	CONSTRAINT "collection_jobs_status_check" CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
	CONSTRAINT "collection_jobs_source_check" CHECK (source IN ('github', 'huggingface', 'pypi', 'openalex', 'depsdev'))
);
--> statement-breakpoint
ALTER TABLE "collection_jobs" ADD CONSTRAINT "collection_jobs_run_id_collection_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."collection_runs"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE TABLE "collection_findings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "collection_findings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"run_id" bigint NOT NULL,
	"project_id" integer NOT NULL,
	"source" text NOT NULL,
	"kind" text NOT NULL,
	"identifier_kind" text NOT NULL,
	"identifier" text NOT NULL,
	"indicator_key" text,
	"message" text NOT NULL,
	"renamed_to" text,
	"request_url" text,
	"response_status" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "collection_findings_kind_check" CHECK (kind IN ('not_found', 'renamed', 'no_data', 'error'))
);
--> statement-breakpoint
ALTER TABLE "collection_findings" ADD CONSTRAINT "collection_findings_run_id_collection_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."collection_runs"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "collection_findings" ADD CONSTRAINT "collection_findings_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "collection_findings_natural_key" ON "collection_findings" USING btree ("run_id","project_id","source","kind","identifier_kind","identifier",coalesce("indicator_key", ''));
--> statement-breakpoint
CREATE TABLE "evidence_provenance" (
	"evidence_id" bigint PRIMARY KEY NOT NULL,
	"run_id" bigint,
	"collector" text NOT NULL,
	"collector_version" text NOT NULL,
	"retrieved_at" timestamp with time zone NOT NULL,
	"request_url" text NOT NULL,
	"request_method" text NOT NULL,
	"request_body" text,
	"response_status" integer NOT NULL,
	"response_sha256" text NOT NULL,
	"response_body" bytea NOT NULL,
	"details" jsonb,
	CONSTRAINT "evidence_provenance_sha256_check" CHECK (response_sha256 ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
ALTER TABLE "evidence_provenance" ADD CONSTRAINT "evidence_provenance_evidence_id_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "evidence_provenance" ADD CONSTRAINT "evidence_provenance_run_id_collection_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."collection_runs"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "evidence_provenance_run_idx" ON "evidence_provenance" USING btree ("run_id");
--> statement-breakpoint
-- Source identifiers read from the catalog's repository and Hugging Face URLs (GitHub repositories;
-- Hugging Face models, datasets and whole organizations). Spaces and collections have no collector
-- yet and are skipped. The seeds call it after adding projects; existing databases are filled here.
CREATE FUNCTION "project_sources_from_urls"() RETURNS integer LANGUAGE sql AS $$
	WITH derived AS (
		SELECT id AS project_id, 'github' AS kind,
			substring(repository_url from '^https?://(?:www\.)?github\.com/([^/?#\s]+/[^/?#\s]+?)(?:\.git)?/?$') AS identifier
		FROM projects
		UNION ALL
		SELECT id, 'huggingface_dataset',
			substring(huggingface_url from '^https?://huggingface\.co/datasets/([^/?#\s]+(?:/[^/?#\s]+)?)/?$')
		FROM projects
		UNION ALL
		SELECT id, 'huggingface_model',
			substring(huggingface_url from '^https?://huggingface\.co/((?!datasets/|spaces/|collections/|organizations/)[^/?#\s]+(?:/[^/?#\s]+)?)/?$')
		FROM projects
	), inserted AS (
		INSERT INTO project_sources (project_id, kind, identifier)
		SELECT project_id, kind, identifier FROM derived WHERE identifier IS NOT NULL
		ON CONFLICT DO NOTHING
		RETURNING 1
	)
	SELECT count(*)::integer FROM inserted
$$;
--> statement-breakpoint
SELECT "project_sources_from_urls"();
