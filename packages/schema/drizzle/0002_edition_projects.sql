CREATE TABLE "edition_projects" (
	"edition_id" integer NOT NULL,
	"project_id" integer NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"organization" text,
	"country" text,
	CONSTRAINT "edition_projects_edition_id_project_id_pk" PRIMARY KEY("edition_id","project_id")
);
--> statement-breakpoint
ALTER TABLE "edition_projects" ADD CONSTRAINT "edition_projects_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edition_projects" ADD CONSTRAINT "edition_projects_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "edition_projects_slug_key" ON "edition_projects" USING btree ("edition_id","slug");--> statement-breakpoint
CREATE INDEX "edition_projects_project_idx" ON "edition_projects" USING btree ("project_id");