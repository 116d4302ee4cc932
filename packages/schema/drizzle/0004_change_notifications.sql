-- Hand-written (drizzle-kit generate --custom): every committed change to what API processes keep in
-- memory (the editions list, indicator rows, answers about published editions) is announced on the
-- channel `ranking_changes`, the table's name as payload. Statement-level, so an import of a million
-- rows sends one notification; PostgreSQL delivers them at commit and folds duplicates within a
-- transaction. A process that misses some (its listening connection dropped) drops its caches when it
-- listens again.
CREATE FUNCTION "notify_ranking_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('ranking_changes', TG_TABLE_NAME);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "editions_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "editions"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_ranking_change"();
--> statement-breakpoint
CREATE TRIGGER "methodologies_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "methodologies"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_ranking_change"();
--> statement-breakpoint
CREATE TRIGGER "indicators_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "indicators"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_ranking_change"();
--> statement-breakpoint
CREATE TRIGGER "projects_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "projects"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_ranking_change"();
--> statement-breakpoint
CREATE TRIGGER "organizations_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "organizations"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_ranking_change"();
--> statement-breakpoint
CREATE TRIGGER "project_organizations_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "project_organizations"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_ranking_change"();
--> statement-breakpoint
CREATE TRIGGER "evidence_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "evidence"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_ranking_change"();
