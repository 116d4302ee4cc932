-- Hand-written (drizzle-kit generate --custom): project contacts and contest links (docs/disputes.md,
-- "Contest window").
-- (a) A project's registered contacts: an email address (unique per project, case-insensitively), an
-- optional name, who added it and when. Personal data: no public field, export or audit entry carries
-- the address (apps/api/test/project-contacts.test.ts).
CREATE TABLE "project_contacts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_contacts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"project_id" integer NOT NULL,
	"email" text NOT NULL,
	"name" text,
	"added_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_contacts_email_check" CHECK (length("project_contacts"."email") <= 254 AND "project_contacts"."email" ~ '^[^[:space:]@]+@[^[:space:]@]+$'),
	CONSTRAINT "project_contacts_name_check" CHECK ("project_contacts"."name" IS NULL OR length("project_contacts"."name") BETWEEN 1 AND 200)
);
--> statement-breakpoint
ALTER TABLE "project_contacts" ADD CONSTRAINT "project_contacts_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "project_contacts" ADD CONSTRAINT "project_contacts_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "project_contacts_project_email_key" ON "project_contacts" USING btree ("project_id",lower("email"));
--> statement-breakpoint
-- (b) The outbox of contest-link emails: one row per contact of a project ranked in an edition and per
-- dates of its CONTACTS window. Opening the window again with the same dates writes nothing new (the
-- unique key); new dates, or a contact added since, get a row (and an email) of their own.
CREATE TABLE "contest_emails" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "contest_emails_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"edition_id" integer NOT NULL,
	"contact_id" bigint NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contest_emails_attempts_check" CHECK (attempts >= 0)
);
--> statement-breakpoint
ALTER TABLE "contest_emails" ADD CONSTRAINT "contest_emails_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "contest_emails" ADD CONSTRAINT "contest_emails_contact_id_project_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."project_contacts"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "contest_emails_key" ON "contest_emails" USING btree ("edition_id","contact_id","opens_at","closes_at");
--> statement-breakpoint
CREATE INDEX "contest_emails_due_idx" ON "contest_emails" USING btree ("next_attempt_at") WHERE sent_at IS NULL;
--> statement-breakpoint
-- (c) The foreign keys 0017 left for later: an erratum's and a correction's dispute exist (RESTRICT:
-- nothing is deleted, and a dispute a correction names never may be).
ALTER TABLE "edition_errata" ADD CONSTRAINT "edition_errata_dispute_id_disputes_id_fk" FOREIGN KEY ("dispute_id") REFERENCES "public"."disputes"("id") ON DELETE restrict ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "editions" ADD CONSTRAINT "editions_correction_dispute_id_disputes_id_fk" FOREIGN KEY ("correction_dispute_id") REFERENCES "public"."disputes"("id") ON DELETE restrict ON UPDATE no action;
