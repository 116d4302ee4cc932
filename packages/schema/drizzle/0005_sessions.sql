-- Hand-written (drizzle-kit generate --custom): admin sign-in sessions. The session id travels in the
-- admin's cookie (next-auth JWT) and in every short-lived API token the admin mints from it; the API
-- accepts a user token only while its session is live (not revoked, not expired, user not disabled),
-- so signing out, disabling a user or changing a password ends the session at once.
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"reason" text,
	CONSTRAINT "sessions_reason_check" CHECK (reason IN ('sign_out', 'user_disabled', 'password_changed')),
	CONSTRAINT "sessions_revoked_check" CHECK ((revoked_at IS NULL) = (reason IS NULL)),
	CONSTRAINT "sessions_expiry_check" CHECK (expires_at > created_at)
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "sessions_user_live_idx" ON "sessions" USING btree ("user_id") WHERE revoked_at IS NULL;
