-- Hand-written: whether each value of an edition's evidence snapshot is behind one of its stored
-- results (listed in some indicator result's evidenceIds), so partners can page through the used
-- evidence of an edition by keyset (Edition.evidence(filter: {used})) without unpacking results.
-- Computation sets it (apps/api editions/evidence-store.ts); existing editions are backfilled from
-- their results here. The value is derived from results that never change once published, so the
-- published-edition guards (RK001) are lifted for this one backfill only.
ALTER TABLE "edition_evidence" ADD COLUMN "used" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
ALTER TABLE "edition_evidence" DISABLE TRIGGER "edition_evidence_published_guard_update_old";
--> statement-breakpoint
ALTER TABLE "edition_evidence" DISABLE TRIGGER "edition_evidence_published_guard_update_new";
--> statement-breakpoint
UPDATE "edition_evidence" AS ee SET "used" = true
  FROM (SELECT DISTINCT r.edition_id, x.id::bigint AS evidence_id
          FROM results AS r
          CROSS JOIN LATERAL jsonb_each(r.indicators) AS i(key, value)
          CROSS JOIN LATERAL jsonb_array_elements_text(i.value -> 'evidenceIds') AS x(id)) AS u
 WHERE ee.edition_id = u.edition_id AND ee.evidence_id = u.evidence_id;
--> statement-breakpoint
ALTER TABLE "edition_evidence" ENABLE TRIGGER "edition_evidence_published_guard_update_old";
--> statement-breakpoint
ALTER TABLE "edition_evidence" ENABLE TRIGGER "edition_evidence_published_guard_update_new";
