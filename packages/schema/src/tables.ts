/**
 * The data model of docs/data-model.md as a drizzle schema.
 *
 * Rules the database itself enforces live here as constraints (uniqueness, valid statuses, finite
 * numbers) and in the hand-written migration drizzle/0001_guards.sql (published editions, their results
 * and evidence snapshot read-only; append-only, hash-chained audit log; immutable methodologies and
 * reviewed evidence).
 * Column names are snake_case in SQL and camelCase in TypeScript.
 */
// Roles, scopes and source kinds are contracts shared with the admin app; the check constraints below
// are written from them, so changing one of those lists needs a migration.
import { SOURCE_IDENTIFIER_KINDS, type SourceIdentifierKind } from '@ranking/collectors';
import { ROLES, type Role, SCOPES, type Scope, SOURCE_KINDS, type SourceKind } from '@ranking/contracts';
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** The shared lists the constraints use, for this package's callers (defined in @ranking/contracts). */
export { ROLES, type Role, SCOPES, type Scope, SOURCE_KINDS, type SourceKind };

export const ORGANIZATION_KINDS = ['company', 'university', 'lab', 'foundation', 'community'] as const;
export const PROJECT_CATEGORIES = ['data', 'model', 'system', 'evaluation'] as const;
export const PROJECT_STATUSES = ['active', 'archived'] as const;
export const EVIDENCE_STATUSES = ['pending', 'approved', 'rejected', 'superseded'] as const;
export const EDITION_STATUSES = ['draft', 'computed', 'published'] as const;
/** How a revision > 1 corrects the previous published revision (docs/corrections.md). */
export const CORRECTION_POLICIES = ['full_recompute', 'insertion'] as const;
/** Why a revision > 1 corrects values (docs/corrections.md). */
export const CORRECTION_CAUSES = ['dispute', 'collection_error', 'methodology_error'] as const;
export const ACTOR_TYPES = ['user', 'api_key', 'system'] as const;
/** Why a sign-in session ended before its expiry. */
export const SESSION_END_REASONS = ['sign_out', 'user_disabled', 'password_changed'] as const;

export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];
export type ProjectCategory = (typeof PROJECT_CATEGORIES)[number];
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];
export type EditionStatus = (typeof EDITION_STATUSES)[number];
export type CorrectionPolicy = (typeof CORRECTION_POLICIES)[number];
export type CorrectionCause = (typeof CORRECTION_CAUSES)[number];
export type ActorType = (typeof ACTOR_TYPES)[number];
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

/** `column IN ('a', 'b')` for a check constraint; values are our own constants, never user input. */
const oneOf = (column: string, values: readonly string[]) =>
  sql.raw(`${column} IN (${values.map((v) => `'${v}'`).join(', ')})`);

/** PostgreSQL treats NaN as equal to itself (and greater than everything), so "finite" is spelled out. */
const finite = (column: string) =>
  sql.raw(
    `${column} <> 'NaN'::float8 AND ${column} <> 'Infinity'::float8 AND ${column} <> '-Infinity'::float8`,
  );

/** Lower-case letters and digits in runs joined by single hyphens or dots (`glm-4.5`). */
const SLUG = `'^[a-z0-9]+([.-][a-z0-9]+)*$'`;
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const users = pgTable(
  'users',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role').$type<Role>().notNull(),
    createdAt: createdAt(),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('users_email_key').on(sql`lower(${t.email})`),
    check('users_role_check', oneOf('role', ROLES)),
    check('users_email_check', sql`position('@' in ${t.email}) > 1`),
  ],
);

/**
 * Admin sign-in sessions (drizzle/0005_sessions.sql). The id is in the admin's cookie and in every API
 * token minted from it; a user token is accepted only while its session is live.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    reason: text('reason').$type<SessionEndReason>(),
  },
  (t) => [
    index('sessions_user_live_idx').on(t.userId).where(sql`revoked_at IS NULL`),
    check('sessions_reason_check', oneOf('reason', SESSION_END_REASONS)),
    check('sessions_revoked_check', sql`(revoked_at IS NULL) = (reason IS NULL)`),
    check('sessions_expiry_check', sql`expires_at > created_at`),
  ],
);

export const apiKeys = pgTable(
  'api_keys',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    /** The first characters of the secret, shown in listings so people can tell keys apart. */
    prefix: text('prefix').notNull(),
    /** SHA-256 of the whole secret (the secret is random and long, so a fast hash is enough). */
    secretHash: text('secret_hash').notNull(),
    scopes: text('scopes').array().$type<Scope[]>().notNull(),
    ownerId: integer('owner_id').references(() => users.id),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    /** Limited to its registered documents (`api_key_documents`; drizzle/0014_api_key_documents_usage.sql). */
    trustedDocumentsOnly: boolean('trusted_documents_only').notNull().default(false),
  },
  (t) => [
    uniqueIndex('api_keys_prefix_key').on(t.prefix),
    uniqueIndex('api_keys_secret_hash_key').on(t.secretHash),
    check(
      'api_keys_scopes_check',
      sql.raw(
        `cardinality(scopes) > 0 AND scopes <@ ARRAY[${SCOPES.map((s) => `'${s}'`).join(', ')}]::text[]`,
      ),
    ),
  ],
);

/**
 * A key's trusted documents (drizzle/0014_api_key_documents_usage.sql): by the SHA-256 (hex) of their
 * exact text, the id the automatic persisted queries protocol sends.
 */
export const apiKeyDocuments = pgTable(
  'api_key_documents',
  {
    apiKeyId: integer('api_key_id')
      .notNull()
      .references(() => apiKeys.id, { onDelete: 'cascade' }),
    hash: text('hash').notNull(),
    name: text('name').notNull(),
    document: text('document').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'api_key_documents_pkey', columns: [t.apiKeyId, t.hash] }),
    check('api_key_documents_hash_check', sql`hash ~ '^[0-9a-f]{64}$'`),
  ],
);

export const API_KEY_USAGE_METRICS = [
  'requests',
  'errors',
  'rate_limited',
  'operation',
  'deprecated_field',
] as const;
export type ApiKeyUsageMetric = (typeof API_KEY_USAGE_METRICS)[number];

/**
 * Counts per key, UTC day, metric and name (an operation, a deprecated field; '' for the totals),
 * added to by every API process's periodic flush (drizzle/0014_api_key_documents_usage.sql).
 */
export const apiKeyUsage = pgTable(
  'api_key_usage',
  {
    apiKeyId: integer('api_key_id')
      .notNull()
      .references(() => apiKeys.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    metric: text('metric').$type<ApiKeyUsageMetric>().notNull(),
    name: text('name').notNull().default(''),
    count: bigint('count', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'api_key_usage_pkey', columns: [t.apiKeyId, t.day, t.metric, t.name] }),
    check('api_key_usage_metric_check', oneOf('metric', API_KEY_USAGE_METRICS)),
    check('api_key_usage_count_check', sql`count >= 0`),
  ],
);

export const organizations = pgTable(
  'organizations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    nameZh: text('name_zh'),
    /** ISO 3166-1 alpha-2 of the headquarters; null for international communities. */
    country: text('country'),
    kind: text('kind').$type<OrganizationKind>().notNull(),
    url: text('url'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('organizations_slug_key').on(t.slug),
    check('organizations_slug_check', sql.raw(`slug ~ ${SLUG}`)),
    check('organizations_country_check', sql`${t.country} ~ '^[A-Z]{2}$'`),
    check('organizations_kind_check', oneOf('kind', ORGANIZATION_KINDS)),
  ],
);

export const projects = pgTable(
  'projects',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    nameZh: text('name_zh'),
    category: text('category').$type<ProjectCategory>().notNull(),
    repositoryUrl: text('repository_url'),
    huggingfaceUrl: text('huggingface_url'),
    homepageUrl: text('homepage_url'),
    license: text('license'),
    /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: catalogs often know only the month. */
    firstRelease: text('first_release'),
    status: text('status').$type<ProjectStatus>().notNull().default('active'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('projects_slug_key').on(t.slug),
    index('projects_category_idx').on(t.category, t.slug),
    check('projects_slug_check', sql.raw(`slug ~ ${SLUG}`)),
    check('projects_category_check', oneOf('category', PROJECT_CATEGORIES)),
    check('projects_status_check', oneOf('status', PROJECT_STATUSES)),
    check('projects_first_release_check', sql`${t.firstRelease} ~ '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$'`),
  ],
);

/** Ordered organizations of a project: position 0 is the primary one, which decides its country. */
export const projectOrganizations = pgTable(
  'project_organizations',
  {
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.organizationId] }),
    uniqueIndex('project_organizations_position_key').on(t.projectId, t.position),
    index('project_organizations_organization_idx').on(t.organizationId),
    check('project_organizations_position_check', sql`${t.position} >= 0`),
  ],
);

/** A methodology version, stored whole. Immutable: a change is a new version. */
export const methodologies = pgTable(
  'methodologies',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** The document's own `id`, e.g. `llm-oss-influence`. */
    key: text('key').notNull(),
    version: text('version').notNull(),
    title: text('title').notNull(),
    document: jsonb('document').notNull(),
    /** SHA-256 of the canonical JSON of the document. */
    documentHash: text('document_hash').notNull(),
    createdAt: createdAt(),
    createdBy: integer('created_by').references(() => users.id),
  },
  (t) => [uniqueIndex('methodologies_key_version_key').on(t.key, t.version)],
);

/**
 * Indicator keys known to any stored methodology, so evidence can reference them with a foreign key.
 * Names and units come from the latest methodology that defines the key.
 */
export const indicators = pgTable(
  'indicators',
  {
    key: text('key').primaryKey(),
    name: text('name').notNull(),
    nameZh: text('name_zh'),
    unit: text('unit'),
    description: text('description'),
  },
  (t) => [check('indicators_key_check', sql`${t.key} ~ '^[a-z][a-z0-9_]*$'`)],
);

export const editions = pgTable(
  'editions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    year: integer('year').notNull(),
    revision: integer('revision').notNull().default(1),
    title: text('title').notNull(),
    methodologyId: integer('methodology_id')
      .notNull()
      .references(() => methodologies.id),
    /** Evidence observed after this date is not used. */
    cutoff: date('cutoff', { mode: 'string' }).notNull(),
    status: text('status').$type<EditionStatus>().notNull().default('draft'),
    computedAt: timestamp('computed_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: integer('published_by').references(() => users.id),
    contentHash: text('content_hash'),
    /** Sensitivity settings used at compute time: `{ samples, seed, delta }`. */
    sensitivityParams: jsonb('sensitivity_params'),
    previousEditionId: integer('previous_edition_id').references((): AnyPgColumn => editions.id),
    /** The revision's DOI, `10.REGISTRANT/SUFFIX` (no resolver prefix); may be set after publication (0015). */
    doi: text('doi'),
    createdAt: createdAt(),
    createdBy: integer('created_by').references(() => users.id),
    /** Revisions > 1: how they correct the previous published revision (drizzle/0017_errata.sql). */
    correctionPolicy: text('correction_policy').$type<CorrectionPolicy>(),
    correctionCause: text('correction_cause').$type<CorrectionCause>(),
    /** The dispute behind a `dispute` correction (foreign key since drizzle/0020_project_contacts.sql). */
    correctionDisputeId: bigint('correction_dispute_id', { mode: 'number' }).references(
      (): AnyPgColumn => disputes.id,
      { onDelete: 'restrict' },
    ),
  },
  (t) => [
    uniqueIndex('editions_year_revision_key').on(t.year, t.revision),
    index('editions_status_year_idx').on(t.status, t.year),
    check('editions_year_check', sql`${t.year} BETWEEN 2000 AND 2100`),
    check('editions_revision_check', sql`${t.revision} >= 1`),
    check('editions_status_check', oneOf('status', EDITION_STATUSES)),
    check(
      'editions_doi_check',
      sql`${t.doi} IS NULL OR (${t.doi} ~ '^10\\.[0-9]{4,9}(\\.[0-9]+)*/[!-~]+$' AND length(${t.doi}) <= 200)`,
    ),
    check(
      'editions_computed_check',
      sql`${t.status} = 'draft' OR (${t.computedAt} IS NOT NULL AND ${t.contentHash} IS NOT NULL)`,
    ),
    check('editions_published_check', sql`${t.status} <> 'published' OR ${t.publishedAt} IS NOT NULL`),
    check('editions_content_hash_check', sql`${t.contentHash} ~ '^[0-9a-f]{64}$'`),
    check(
      'editions_correction_policy_check',
      sql`correction_policy IS NULL OR correction_policy IN ('full_recompute', 'insertion')`,
    ),
    check(
      'editions_correction_cause_check',
      sql`correction_cause IS NULL OR correction_cause IN ('dispute', 'collection_error', 'methodology_error')`,
    ),
    check(
      'editions_correction_first_revision_check',
      sql`revision > 1 OR (correction_policy IS NULL AND correction_cause IS NULL AND correction_dispute_id IS NULL)`,
    ),
  ],
);

export const evidence = pgTable(
  'evidence',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    indicatorKey: text('indicator_key')
      .notNull()
      .references(() => indicators.key),
    value: doublePrecision('value').notNull(),
    sourceUrl: text('source_url').notNull(),
    /** Lower-case scheme and host, no fragment, no tracking parameters, no trailing slash. */
    canonicalUrl: text('canonical_url').notNull(),
    observedAt: date('observed_at', { mode: 'string' }).notNull(),
    retrievedAt: timestamp('retrieved_at', { withTimezone: true }),
    sourceKind: text('source_kind').$type<SourceKind>().notNull().default('other'),
    note: text('note'),
    /** Demo values that were not measured: shown as illustrative wherever they appear. */
    isIllustrative: boolean('is_illustrative').notNull().default(false),
    status: text('status').$type<EvidenceStatus>().notNull().default('pending'),
    submittedBy: integer('submitted_by').references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    reviewedBy: integer('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewNote: text('review_note'),
    /** The approved evidence that replaced this one (set exactly when status is `superseded`). */
    supersededBy: bigint('superseded_by', { mode: 'number' }).references((): AnyPgColumn => evidence.id),
    /** When it was superseded (set by the database when the status becomes `superseded`; 0017). */
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
  },
  (t) => [
    index('evidence_project_indicator_status_idx').on(t.projectId, t.indicatorKey, t.status),
    index('evidence_indicator_status_idx').on(t.indicatorKey, t.status),
    /** The review queue (pending, oldest first); partial, so approved rows (nearly all) cost nothing. */
    index('evidence_pending_idx').on(t.id).where(sql`${t.status} = 'pending'`),
    index('evidence_canonical_url_idx').on(t.canonicalUrl),
    /** Importing the same row twice adds nothing. */
    uniqueIndex('evidence_natural_key').on(
      t.projectId,
      t.indicatorKey,
      t.observedAt,
      t.canonicalUrl,
      t.value,
    ),
    check('evidence_value_check', finite('value')),
    check('evidence_status_check', oneOf('status', EVIDENCE_STATUSES)),
    check('evidence_source_kind_check', oneOf('source_kind', SOURCE_KINDS)),
    check('evidence_source_url_check', sql`${t.sourceUrl} ~* '^https?://[^\\s/]+'`),
    check('evidence_own_review_check', sql`${t.reviewedBy} IS NULL OR ${t.reviewedBy} <> ${t.submittedBy}`),
    check('evidence_reviewed_check', sql`${t.status} = 'pending' OR ${t.reviewedAt} IS NOT NULL`),
    check(
      'evidence_rejection_note_check',
      sql`${t.status} <> 'rejected' OR coalesce(length(trim(${t.reviewNote})), 0) > 0`,
    ),
    check(
      'evidence_superseded_check',
      sql`(${t.status} = 'superseded') = (${t.supersededBy} IS NOT NULL) AND ${t.supersededBy} IS DISTINCT FROM ${t.id}`,
    ),
  ],
);

/** Per edition, dimension and project: the stored outcome of computing an edition. */
export const results = pgTable(
  'results',
  {
    editionId: integer('edition_id')
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    dimensionKey: text('dimension_key').notNull(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    score: doublePrecision('score').notNull(),
    rank: integer('rank').notNull(),
    previousRank: integer('previous_rank'),
    /** Group node values on the score's scale, keyed by node key. */
    nodes: jsonb('nodes').notNull(),
    /** `{ [indicator]: { raw, normalized, contribution, evidenceIds } }`. */
    indicators: jsonb('indicators').notNull(),
    rankMedian: doublePrecision('rank_median'),
    rankP05: doublePrecision('rank_p05'),
    rankP95: doublePrecision('rank_p95'),
  },
  (t) => [
    primaryKey({ columns: [t.editionId, t.dimensionKey, t.projectId] }),
    index('results_ranking_idx').on(t.editionId, t.dimensionKey, t.rank, t.projectId),
    index('results_project_idx').on(t.projectId, t.editionId),
    check('results_score_check', finite('score')),
    check('results_rank_check', sql`${t.rank} >= 1`),
  ],
);

/**
 * The evidence an edition was computed from, copied so the published edition never changes.
 * edition_id and evidence_id name an edition and an evidence row as foreign keys would (deleting
 * the edition deletes its snapshot), but checked once per statement by triggers, not per row
 * (drizzle/0023_edition_evidence_statement_references.sql): a snapshot is millions of rows.
 */
export const editionEvidence = pgTable(
  'edition_evidence',
  {
    editionId: integer('edition_id').notNull(),
    evidenceId: bigint('evidence_id', { mode: 'number' }).notNull(),
    projectId: integer('project_id').notNull(),
    indicatorKey: text('indicator_key').notNull(),
    value: doublePrecision('value').notNull(),
    observedAt: date('observed_at', { mode: 'string' }).notNull(),
    sourceUrl: text('source_url').notNull(),
    /** Behind one of the edition's stored results (migration 0008); set when the edition is computed. */
    used: boolean('used').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.editionId, t.evidenceId] }),
    index('edition_evidence_evidence_idx').on(t.evidenceId),
    check('edition_evidence_value_check', finite('value')),
  ],
);

/**
 * The projects an edition was computed over, as they were then (category, primary organization and
 * its country decide populations and shares), so verify, export and shares never depend on later
 * catalogue edits. Read-only once the edition is published (RK001, drizzle/0003_edition_projects_guards.sql).
 */
export const editionProjects = pgTable(
  'edition_projects',
  {
    editionId: integer('edition_id')
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    category: text('category').$type<ProjectCategory>().notNull(),
    /** Slug of the primary organization (position 0), if any. */
    organization: text('organization'),
    country: text('country'),
  },
  (t) => [
    primaryKey({ columns: [t.editionId, t.projectId] }),
    uniqueIndex('edition_projects_slug_key').on(t.editionId, t.slug),
    index('edition_projects_project_idx').on(t.projectId),
  ],
);

/** Append-only; each row carries the hash of the previous one so an altered row is detectable. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorType: text('actor_type').$type<ActorType>().notNull(),
    actorId: integer('actor_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    /**
     * Hash chain, filled by the `audit_log_chain` trigger (see drizzle/0001_guards.sql): whatever an
     * INSERT supplies is replaced, so callers leave both out. `verifyAuditChain` recomputes them.
     */
    prevHash: text('prev_hash'),
    hash: text('hash')
      .notNull()
      .$defaultFn(() => ''),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entityType, t.entityId, t.id),
    index('audit_log_at_idx').on(t.at),
    check('audit_log_actor_type_check', oneOf('actor_type', ACTOR_TYPES)),
    check('audit_log_hash_check', sql`${t.hash} ~ '^[0-9a-f]{64}$'`),
  ],
);

/** Source identifier kinds a project lists (`project_sources.kind`): the collectors' identifier kinds. */
export const PROJECT_SOURCE_KINDS = SOURCE_IDENTIFIER_KINDS;
export type ProjectSourceKind = SourceIdentifierKind;
export const COLLECTION_RUN_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type CollectionRunStatus = (typeof COLLECTION_RUN_STATUSES)[number];
export const COLLECTION_JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type CollectionJobStatus = (typeof COLLECTION_JOB_STATUSES)[number];
export const COLLECTION_SOURCES = ['github', 'huggingface', 'pypi', 'openalex', 'depsdev'] as const;
export const FINDING_KINDS = ['not_found', 'renamed', 'no_data', 'error'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * A project's upstream identifiers (drizzle/0010_collection.sql), read by the collectors. Filled from
 * the catalog's repository and Hugging Face URLs by the SQL function `project_sources_from_urls()`.
 */
export const projectSources = pgTable(
  'project_sources',
  {
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<ProjectSourceKind>().notNull(),
    identifier: text('identifier').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'project_sources_pkey', columns: [t.projectId, t.kind, t.identifier] }),
    check('project_sources_kind_check', oneOf('kind', PROJECT_SOURCE_KINDS)),
    check(
      'project_sources_identifier_check',
      sql`${t.identifier} ~ '^[^\s]+$' AND length(${t.identifier}) <= 300`,
    ),
  ],
);

/** One evidence collection run (`ranking collect`, `startCollection`). */
export const collectionRuns = pgTable(
  'collection_runs',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    status: text('status').$type<CollectionRunStatus>().notNull().default('queued'),
    /** Collector sources, e.g. `["github"]`. */
    sources: jsonb('sources').$type<string[]>().notNull(),
    /** Project slugs; empty means every project with identifiers. */
    projects: jsonb('projects').$type<string[]>().notNull(),
    /** `{ [source]: { added, unchanged, failed } }`. */
    counts: jsonb('counts')
      .$type<Record<string, { added: number; unchanged: number; failed: number }>>()
      .notNull()
      .default({}),
    progressDone: integer('progress_done').notNull().default(0),
    progressTotal: integer('progress_total').notNull().default(0),
    error: text('error'),
    requestedBy: text('requested_by').notNull(),
    createdAt: createdAt(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  () => [check('collection_runs_status_check', oneOf('status', COLLECTION_RUN_STATUSES))],
);

/** The runner's queue: one job per run and source, claimed with FOR UPDATE SKIP LOCKED. */
export const collectionJobs = pgTable(
  'collection_jobs',
  {
    runId: bigint('run_id', { mode: 'number' })
      .notNull()
      .references(() => collectionRuns.id, { onDelete: 'cascade' }),
    source: text('source').notNull(),
    status: text('status').$type<CollectionJobStatus>().notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: 'collection_jobs_pkey', columns: [t.runId, t.source] }),
    check('collection_jobs_status_check', oneOf('status', COLLECTION_JOB_STATUSES)),
    check('collection_jobs_source_check', oneOf('source', COLLECTION_SOURCES)),
  ],
);

/** What a source could not answer during a run (not found, no data, errors, renames). */
export const collectionFindings = pgTable(
  'collection_findings',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    runId: bigint('run_id', { mode: 'number' })
      .notNull()
      .references(() => collectionRuns.id, { onDelete: 'cascade' }),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    source: text('source').notNull(),
    kind: text('kind').$type<FindingKind>().notNull(),
    identifierKind: text('identifier_kind').notNull(),
    identifier: text('identifier').notNull(),
    indicatorKey: text('indicator_key'),
    message: text('message').notNull(),
    renamedTo: text('renamed_to'),
    requestUrl: text('request_url'),
    responseStatus: integer('response_status'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('collection_findings_natural_key').on(
      t.runId,
      t.projectId,
      t.source,
      t.kind,
      t.identifierKind,
      t.identifier,
      sql`coalesce(${t.indicatorKey}, '')`,
    ),
    check('collection_findings_kind_check', oneOf('kind', FINDING_KINDS)),
  ],
);

/** Where a collected evidence value comes from, with the gzip-compressed raw response. */
export const evidenceProvenance = pgTable(
  'evidence_provenance',
  {
    evidenceId: bigint('evidence_id', { mode: 'number' })
      .primaryKey()
      .references(() => evidence.id, { onDelete: 'cascade' }),
    runId: bigint('run_id', { mode: 'number' }).references(() => collectionRuns.id, { onDelete: 'set null' }),
    collector: text('collector').notNull(),
    collectorVersion: text('collector_version').notNull(),
    retrievedAt: timestamp('retrieved_at', { withTimezone: true }).notNull(),
    requestUrl: text('request_url').notNull(),
    requestMethod: text('request_method').notNull(),
    requestBody: text('request_body'),
    responseStatus: integer('response_status').notNull(),
    responseSha256: text('response_sha256').notNull(),
    /** gzip of the raw response bytes. */
    responseBody: bytea('response_body').notNull(),
    details: jsonb('details'),
  },
  (t) => [
    index('evidence_provenance_run_idx').on(t.runId),
    check('evidence_provenance_sha256_check', sql`${t.responseSha256} ~ '^[0-9a-f]{64}$'`),
  ],
);

/** A checked link's state, as `Evidence.link.status` names it (lower case here). */
export const LINK_CHECK_STATUSES = ['ok', 'redirected', 'broken', 'unreachable', 'unchecked'] as const;
export type LinkCheckStatus = (typeof LINK_CHECK_STATUSES)[number];

/**
 * The history of evidence source-link checks (drizzle/0011_link_checks.sql): one row per check of an
 * evidence item's link, never updated; the latest row (by `recorded_at`, then `id`) is the current state.
 */
export const linkChecks = pgTable(
  'link_checks',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    evidenceId: bigint('evidence_id', { mode: 'number' })
      .notNull()
      .references(() => evidence.id, { onDelete: 'cascade' }),
    /** The link as the checker keys it: WHATWG-normalised, without its fragment. */
    urlKey: text('url_key').notNull(),
    status: text('status').$type<LinkCheckStatus>().notNull(),
    /** The last HTTP status received; null when nothing answered. */
    httpStatus: integer('http_status'),
    /** The last URL requested (after redirects); null when nothing was requested. */
    finalUrl: text('final_url'),
    /** The redirects followed: `[{ url, status }]`. */
    redirects: jsonb('redirects').$type<{ url: string; status: number }[]>().notNull().default([]),
    method: text('method').$type<'HEAD' | 'GET'>(),
    /** Why the link is not OK, as a word (`not_found`, `timeout`, `ssrf`, …) and for people. */
    errorKind: text('error_kind'),
    error: text('error'),
    checkedAt: timestamp('checked_at', { withTimezone: true }).notNull(),
    /** A Wayback Machine copy known when the row was recorded, and when it was captured. */
    archivedUrl: text('archived_url'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    /** Why asking for an archived copy failed (the approval it followed still stands). */
    archiveError: text('archive_error'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('link_checks_evidence_idx').on(
      t.evidenceId,
      t.recordedAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('link_checks_url_key_idx').on(t.urlKey, t.recordedAt.desc().nullsFirst()),
    check('link_checks_status_check', oneOf('status', LINK_CHECK_STATUSES)),
    check('link_checks_method_check', sql`${t.method} IS NULL OR ${t.method} IN ('HEAD', 'GET')`),
    check('link_checks_archived_check', sql`(${t.archivedUrl} IS NULL) = (${t.archivedAt} IS NULL)`),
  ],
);

export const ANOMALY_BASES = ['series', 'peers'] as const;
export type AnomalyBasis = (typeof ANOMALY_BASES)[number];

/**
 * Anomaly flags (drizzle/0012_evidence_anomalies.sql): an evidence value that arrived as an outlier
 * (detectAnomaly in @ranking/scoring) has one row; other values have none.
 */
export const evidenceAnomalies = pgTable(
  'evidence_anomalies',
  {
    evidenceId: bigint('evidence_id', { mode: 'number' })
      .primaryKey()
      .references(() => evidence.id, { onDelete: 'cascade' }),
    /** The robust z-score of the value's change (999 when the series never varied). */
    score: doublePrecision('score').notNull(),
    /** Why, for reviewers ("downloads 14,000: 12× the median of the last 4 observations (1,155)"). */
    reason: text('reason').notNull(),
    /** Compared with the project's own series, or with the other projects' changes. */
    basis: text('basis').$type<AnomalyBasis>().notNull(),
    flaggedAt: timestamp('flagged_at', { withTimezone: true }).notNull().defaultNow(),
  },
  () => [
    check('evidence_anomalies_score_check', sql`score >= 0 AND score < 'Infinity'::double precision`),
    check('evidence_anomalies_basis_check', oneOf('basis', ANOMALY_BASES)),
  ],
);

/**
 * Errata (drizzle/0017_errata.sql): per corrected value of a revision > 1 and per dimension its
 * indicator feeds, the value, score and rank in the corrected (previous published) revision and in
 * this one. Written on compute, stamped on publish, read-only once published.
 */
export const editionErrata = pgTable(
  'edition_errata',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    editionId: integer('edition_id')
      .notNull()
      .references(() => editions.id),
    correctedEditionId: integer('corrected_edition_id')
      .notNull()
      .references(() => editions.id),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    indicatorKey: text('indicator_key').notNull(),
    dimensionKey: text('dimension_key').notNull(),
    oldValue: doublePrecision('old_value'),
    newValue: doublePrecision('new_value'),
    oldScore: doublePrecision('old_score'),
    newScore: doublePrecision('new_score'),
    oldRank: integer('old_rank'),
    newRank: integer('new_rank'),
    cause: text('cause').$type<CorrectionCause>(),
    /** The dispute behind a `dispute` erratum (foreign key since drizzle/0020_project_contacts.sql). */
    disputeId: bigint('dispute_id', { mode: 'number' }).references((): AnyPgColumn => disputes.id, {
      onDelete: 'restrict',
    }),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('edition_errata_key').on(t.editionId, t.projectId, t.indicatorKey, t.dimensionKey),
    check(
      'edition_errata_cause_check',
      sql`cause IS NULL OR cause IN ('dispute', 'collection_error', 'methodology_error')`,
    ),
  ],
);

export const DISPUTE_STATUSES = ['open', 'accepted', 'rejected', 'withdrawn'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];
export const CONTEST_VISIBILITIES = ['public', 'contacts'] as const;
export type ContestVisibility = (typeof CONTEST_VISIBILITIES)[number];

/**
 * Disputes (drizzle/0016_disputes.sql): one contested value (project × indicator) of one edition. The
 * contact address is never published; the withdrawal token is kept as its SHA-256 only.
 */
export const disputes = pgTable(
  'disputes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    editionId: integer('edition_id')
      .notNull()
      .references(() => editions.id),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    indicatorKey: text('indicator_key')
      .notNull()
      .references(() => indicators.key),
    /** What is wrong, as given (HTML is stored as typed and always shown as text). */
    claim: text('claim').notNull(),
    proposedValue: doublePrecision('proposed_value'),
    sourceUrl: text('source_url'),
    /** Where decisions are emailed; never in any public answer or export. */
    contact: text('contact'),
    status: text('status').$type<DisputeStatus>().notNull().default('open'),
    /** The public reason of the decision (required for a rejection). */
    reason: text('reason'),
    withdrawalTokenHash: text('withdrawal_token_hash').notNull(),
    submittedBy: integer('submitted_by').references(() => users.id),
    apiKeyId: integer('api_key_id').references(() => apiKeys.id),
    /** The pending evidence value an acceptance created (reviewed by someone else, four eyes). */
    evidenceId: bigint('evidence_id', { mode: 'number' }).references(() => evidence.id),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('disputes_edition_status_idx').on(t.editionId, t.status, t.id),
    index('disputes_project_indicator_idx').on(t.projectId, t.indicatorKey),
    uniqueIndex('disputes_evidence_key').on(t.evidenceId),
    check('disputes_claim_check', sql`length(claim) BETWEEN 1 AND 4000`),
    check('disputes_proposed_value_check', finite('proposed_value')),
    check('disputes_source_url_check', sql`source_url ~* '^https?://[^\\s/]+'`),
    check('disputes_status_check', oneOf('status', DISPUTE_STATUSES)),
    check('disputes_reason_check', sql`status <> 'rejected' OR coalesce(length(trim(reason)), 0) > 0`),
    check('disputes_decided_check', sql`(status = 'open') = (decided_at IS NULL)`),
    check('disputes_token_check', sql`withdrawal_token_hash ~ '^[0-9a-f]{64}$'`),
  ],
);

/** The outbox of decision emails: written with the decision, sent after it commits, retried. */
export const disputeEmails = pgTable(
  'dispute_emails',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    disputeId: bigint('dispute_id', { mode: 'number' })
      .notNull()
      .references(() => disputes.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<'accepted' | 'rejected'>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [
    index('dispute_emails_due_idx').on(t.nextAttemptAt).where(sql`sent_at IS NULL`),
    check('dispute_emails_kind_check', sql`kind IN ('accepted', 'rejected')`),
    check('dispute_emails_attempts_check', sql`attempts >= 0`),
  ],
);

/** A computed edition's contest window: disputes are taken on it, and its ranking shown, while open. */
export const contestWindows = pgTable(
  'contest_windows',
  {
    editionId: integer('edition_id')
      .primaryKey()
      .references(() => editions.id, { onDelete: 'cascade' }),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    visibility: text('visibility').$type<ContestVisibility>().notNull(),
    openedBy: integer('opened_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('contest_windows_visibility_check', oneOf('visibility', CONTEST_VISIBILITIES)),
    check('contest_windows_order_check', sql`${t.closesAt} > ${t.opensAt}`),
  ],
);

/**
 * A project's registered contacts (drizzle/0020_project_contacts.sql): people who receive the signed
 * link to a draft edition during a CONTACTS contest window (docs/disputes.md). Personal data: never
 * public, read by staff only (`Project.contacts`) and by the contest-link mailer.
 */
export const projectContacts = pgTable(
  'project_contacts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    email: text('email').notNull(),
    name: text('name'),
    addedBy: integer('added_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('project_contacts_project_email_key').on(t.projectId, sql`lower(${t.email})`),
    check(
      'project_contacts_email_check',
      sql`length(${t.email}) <= 254 AND ${t.email} ~ '^[^[:space:]@]+@[^[:space:]@]+$'`,
    ),
    check('project_contacts_name_check', sql`${t.name} IS NULL OR length(${t.name}) BETWEEN 1 AND 200`),
  ],
);

/**
 * The outbox of contest-link emails: one row per contact and window dates of a CONTACTS window
 * (moving the window to new dates writes new rows; the same dates again write none).
 */
export const contestEmails = pgTable(
  'contest_emails',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    editionId: integer('edition_id')
      .notNull()
      .references(() => editions.id, { onDelete: 'cascade' }),
    contactId: bigint('contact_id', { mode: 'number' })
      .notNull()
      .references(() => projectContacts.id, { onDelete: 'cascade' }),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('contest_emails_key').on(t.editionId, t.contactId, t.opensAt, t.closesAt),
    index('contest_emails_due_idx').on(t.nextAttemptAt).where(sql`sent_at IS NULL`),
    check('contest_emails_attempts_check', sql`attempts >= 0`),
  ],
);

/** The events an endpoint can subscribe to (docs/webhooks.md). */
export const WEBHOOK_EVENTS = ['edition.published', 'edition.corrected', 'collection.finished'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/**
 * Webhook endpoints (migration 0013). The secret signs every request and is never returned after
 * creation; a deleted endpoint keeps its row (`deleted_at`) so its delivery log stays readable.
 */
export const webhooks = pgTable(
  'webhooks',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    url: text('url').notNull(),
    description: text('description').notNull().default(''),
    events: text('events').array().$type<WebhookEvent[]>().notNull(),
    secret: text('secret').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    createdBy: bigint('created_by', { mode: 'number' }).references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    check(
      'webhooks_events_check',
      sql`cardinality(${t.events}) > 0 AND ${t.events} <@ ARRAY[${sql.raw(WEBHOOK_EVENTS.map((e) => `'${e}'`).join(', '))}]::text[]`,
    ),
  ],
);

/** The outbox: one row per event, written in the transaction of the change; `body` is the exact JSON sent. */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: uuid('id').primaryKey(),
    event: text('event').$type<WebhookEvent>().notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  () => [check('webhook_events_event_check', oneOf('event', WEBHOOK_EVENTS))],
);

/** One event for one endpoint: pending until a 2xx answer (delivered) or its retry window ends (failed). */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    webhookId: bigint('webhook_id', { mode: 'number' })
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id')
      .notNull()
      .references(() => webhookEvents.id, { onDelete: 'cascade' }),
    status: text('status').$type<WebhookDeliveryStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** When the dispatcher may send it next (a claim pushes it past the request's deadline); null once done. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    /** Past this a failed attempt marks the delivery failed instead of scheduling another. */
    retryUntil: timestamp('retry_until', { withTimezone: true }).notNull(),
    lastResponseCode: integer('last_response_code'),
    lastError: text('last_error'),
    lastDurationMs: integer('last_duration_ms'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`status = 'pending'`),
    index('webhook_deliveries_webhook_idx').on(
      t.webhookId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    check('webhook_deliveries_status_check', oneOf('status', WEBHOOK_DELIVERY_STATUSES)),
    check('webhook_deliveries_due_check', sql`(status = 'pending') = (${t.nextAttemptAt} IS NOT NULL)`),
  ],
);

/** Every request made for a delivery: its answer's status code or the error, and how long it took. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attemptedAt: timestamp('attempted_at', { withTimezone: true }).notNull(),
    responseCode: integer('response_code'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
    ok: boolean('ok').notNull(),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId, t.id)],
);
