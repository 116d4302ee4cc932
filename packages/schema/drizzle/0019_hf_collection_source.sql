-- Hand-written (drizzle-kit generate --custom): a project source may be a Hugging Face collection
-- (`huggingface_collection`, `NAMESPACE/SLUG-ID`), whose models and datasets the huggingface collector
-- sums into the project's values (packages/collectors/README.md).
ALTER TABLE "project_sources" DROP CONSTRAINT "project_sources_kind_check";
--> statement-breakpoint
ALTER TABLE "project_sources" ADD CONSTRAINT "project_sources_kind_check"
  CHECK (kind IN ('github', 'huggingface_model', 'huggingface_dataset', 'huggingface_collection', 'pypi', 'doi', 'arxiv'));
