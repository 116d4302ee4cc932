-- Hand-written (drizzle-kit generate --custom): API processes keep the API key rows they authenticate
-- callers with (apps/api, lib/row-cache.ts), so a change to what a key grants — revoked, its scopes,
-- its trusted-documents rule, its owner, its name, or the key removed — is announced on
-- `ranking_changes` like the other cached tables (migration 0004), and every process drops what it
-- keeps. Only those columns: `last_used_at`, touched as keys are used, announces nothing.
CREATE TRIGGER "api_keys_notify_change"
  AFTER UPDATE OF "revoked_at", "scopes", "trusted_documents_only", "owner_id", "name", "secret_hash" OR DELETE OR TRUNCATE
  ON "api_keys"
  FOR EACH STATEMENT EXECUTE FUNCTION "notify_ranking_change"();
