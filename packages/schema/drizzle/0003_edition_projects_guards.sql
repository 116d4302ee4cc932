-- Hand-written (drizzle-kit generate --custom): the project snapshot of an edition follows the same
-- rule as its results and evidence snapshot (RK001): read-only once the edition is published.
--
-- Editions computed before this migration get the catalogue as it is now (the best record there is:
-- until now computation read the live catalogue, and so did verification). Backfilled before the
-- guards exist, since published editions would refuse the rows afterwards.
INSERT INTO "edition_projects" ("edition_id", "project_id", "slug", "name", "category", "organization", "country")
SELECT e.id, p.id, p.slug, p.name, p.category, o.slug, o.country
  FROM editions AS e
  CROSS JOIN projects AS p
  LEFT JOIN project_organizations AS po ON po.project_id = p.id AND po.position = 0
  LEFT JOIN organizations AS o ON o.id = po.organization_id
 WHERE e.status <> 'draft';
--> statement-breakpoint
CREATE TRIGGER "edition_projects_published_guard_insert" AFTER INSERT ON "edition_projects"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "guard_published_edition_rows_new"();
--> statement-breakpoint
CREATE TRIGGER "edition_projects_published_guard_update_old" AFTER UPDATE ON "edition_projects"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "guard_published_edition_rows_old"();
--> statement-breakpoint
CREATE TRIGGER "edition_projects_published_guard_update_new" AFTER UPDATE ON "edition_projects"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "guard_published_edition_rows_new"();
--> statement-breakpoint
CREATE TRIGGER "edition_projects_published_guard_delete" AFTER DELETE ON "edition_projects"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "guard_published_edition_rows_old"();
--> statement-breakpoint
CREATE TRIGGER "edition_projects_truncate_guard" BEFORE TRUNCATE ON "edition_projects"
  FOR EACH STATEMENT EXECUTE FUNCTION "guard_published_edition_truncate"();
