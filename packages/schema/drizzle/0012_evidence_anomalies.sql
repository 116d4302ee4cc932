-- Hand-written (drizzle-kit generate --custom): anomaly flags (apps/api/src/modules/evidence/anomalies.ts).
-- One row per pending evidence value that arrived as an outlier against its project's series for the
-- indicator, or against the other projects' changes (detectAnomaly in @ranking/scoring): the robust
-- z-score, the reason shown to reviewers, and what it was compared with. A value that is not an
-- outlier has no row. Rows go with their evidence only while it is pending (approved evidence is
-- never deleted), so a reviewer always sees why an approved value was flagged.
CREATE TABLE "evidence_anomalies" (
	"evidence_id" bigint PRIMARY KEY NOT NULL,
	"score" double precision NOT NULL,
	"reason" text NOT NULL,
	"basis" text NOT NULL,
	"flagged_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_anomalies_score_check" CHECK (score >= 0 AND score < 'Infinity'::double precision),
	CONSTRAINT "evidence_anomalies_basis_check" CHECK (basis IN ('series', 'peers'))
);
--> statement-breakpoint
ALTER TABLE "evidence_anomalies" ADD CONSTRAINT "evidence_anomalies_evidence_id_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence"("id") ON DELETE cascade ON UPDATE no action;
