-- Hand-written (drizzle-kit generate --custom): trusted documents and usage of partner API keys
-- (apps/api/src/modules/api-keys). A key with `trusted_documents_only` may run only the documents
-- registered for it in `api_key_documents`, found by the SHA-256 (hex) of their exact text, as the
-- automatic persisted queries protocol names a document. `api_key_usage` holds per key and UTC day the
-- counts each API process aggregates in memory and adds with `INSERT … ON CONFLICT DO UPDATE SET count
-- = count + excluded.count`: `metric` is requests, errors, rate_limited, operation (name: the
-- operation's name or its document hash) or deprecated_field (name: `Type.field`). Neither table
-- announces changes: no cached answer reads them.
ALTER TABLE "api_keys" ADD COLUMN "trusted_documents_only" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
CREATE TABLE "api_key_documents" (
	"api_key_id" integer NOT NULL,
	"hash" text NOT NULL,
	"name" text NOT NULL,
	"document" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_key_documents_pkey" PRIMARY KEY("api_key_id","hash"),
	CONSTRAINT "api_key_documents_hash_check" CHECK (hash ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
ALTER TABLE "api_key_documents" ADD CONSTRAINT "api_key_documents_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE TABLE "api_key_usage" (
	"api_key_id" integer NOT NULL,
	"day" date NOT NULL,
	"metric" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"count" bigint NOT NULL,
	CONSTRAINT "api_key_usage_pkey" PRIMARY KEY("api_key_id","day","metric","name"),
	CONSTRAINT "api_key_usage_metric_check" CHECK (metric IN ('requests', 'errors', 'rate_limited', 'operation', 'deprecated_field')),
	CONSTRAINT "api_key_usage_count_check" CHECK (count >= 0)
);
--> statement-breakpoint
ALTER TABLE "api_key_usage" ADD CONSTRAINT "api_key_usage_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE cascade ON UPDATE no action;
