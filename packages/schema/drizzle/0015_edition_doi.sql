-- Hand-written (drizzle-kit generate --custom): an optional DOI per edition revision, entered by the
-- publisher (apps/api/src/modules/editions/lifecycle-service.ts, setEditionDoi). Stored without a
-- resolver prefix (`10.REGISTRANT/SUFFIX`). A DOI is usually registered once the data is published,
-- so the published-edition guard (RK001, migration 0001) now lets an UPDATE through when it changes
-- nothing but `doi`: the DOI is not part of the content hash (it names the data, it is not the data),
-- and every other column of a published edition stays read-only.
ALTER TABLE "editions" ADD COLUMN "doi" text;
--> statement-breakpoint
ALTER TABLE "editions" ADD CONSTRAINT "editions_doi_check" CHECK ("doi" IS NULL OR ("doi" ~ '^10\.[0-9]{4,9}(\.[0-9]+)*/[!-~]+$' AND length("doi") <= 200));
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "guard_published_edition"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'published' THEN
    IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'doi') = (to_jsonb(OLD) - 'doi') THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'published edition is read-only: edition % (% revision %) cannot be %',
        OLD.id, OLD.year, OLD.revision, CASE TG_OP WHEN 'DELETE' THEN 'deleted' ELSE 'updated' END
      USING ERRCODE = 'RK001', HINT = 'Corrections are published as a new revision of the same year; only the DOI may be set.';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;
