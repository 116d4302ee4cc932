/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** What an anomaly flag compared the value with. */
export type AnomalyBasis =
  /** The other projects' latest changes of the indicator (the project's series was too short). */
  | 'PEERS'
  /** The project's own accepted values of the indicator (at least four earlier ones). */
  | 'SERIES';

/** Narrows the audit log. */
export type AuditLogFilter = {
  /** Action, e.g. `edition.publish`. */
  action?: string | null | undefined;
  /** Entity id. */
  entityId?: string | null | undefined;
  /** Entity type, e.g. `edition`. */
  entityType?: string | null | undefined;
};

/** The ranking dimensions: a project belongs to exactly one category, and a dimension scores the projects of its category. */
export type Category =
  /** Open datasets and corpora. */
  | 'DATA'
  /** Benchmarks and evaluation harnesses. */
  | 'EVALUATION'
  /** Open-weight model families. */
  | 'MODEL'
  /** Frameworks, training, serving and inference tooling. */
  | 'SYSTEM';

/** Where a collection run is. */
export type CollectionRunStatus =
  /** Stopped by `cancelCollection`. */
  | 'CANCELLED'
  /** Every source ran (some may have failed: see the counts and findings). */
  | 'COMPLETED'
  /** The run stopped on an error. */
  | 'FAILED'
  /** Recorded, not started. */
  | 'QUEUED'
  /** Collecting. */
  | 'RUNNING';

/** Who sees a computed edition during its contest window. */
export type ContestVisibility =
  /**
   * Only the registered contacts of the edition's projects see the draft, through the signed link each is emailed
   * (its token in the `X-Contest-Token` header), and each may contest their own project's values; without a valid
   * token the draft stays hidden and `submitDispute` is FORBIDDEN.
   */
  | 'CONTACTS'
  /** Everyone sees the draft ranking and may contest it. */
  | 'PUBLIC';

/** Why a revision corrects values. */
export type CorrectionCause =
  /** A value was collected or entered wrongly. */
  | 'COLLECTION_ERROR'
  /** A dispute about a value was upheld (`disputeId` names it when known). */
  | 'DISPUTE'
  /** The methodology was applied wrongly. */
  | 'METHODOLOGY_ERROR';

/** The correction a new revision makes. */
export type CorrectionInput = {
  /** Why; recorded on every erratum of the revision. */
  cause: CorrectionCause;
  /** The dispute behind a DISPUTE correction, when known (BAD_USER_INPUT with another cause). */
  disputeId?: string | number | null | undefined;
  /** How the revision is scored against the one it corrects. */
  policy: CorrectionPolicy;
};

/** How a revision corrects the previous published revision of its year. */
export type CorrectionPolicy =
  /**
   * Everything is scored again: the corrected projects' scores change and, through normalisation, other projects'
   * scores and ranks may move too.
   */
  | 'FULL_RECOMPUTE'
  /**
   * Only the corrected projects' scores change: each takes the rank of the project it now equals or passes, as a
   * tie (right after the last project still scoring more; rank 1 when none does), and every other project keeps its
   * published score, rank and rank interval. Corrected projects are placed against the unchanged ones only.
   */
  | 'INSERTION';

/** A new API key. */
export type CreateApiKeyInput = {
  /** Who or what it is for. */
  name: string;
  /** What it may do (at least one). */
  scopes: Array<Scope>;
};

/** What a new edition is made of. */
export type CreateEditionInput = {
  /**
   * How and why this revision corrects the previous published revision of its year (only for a revision > 1;
   * BAD_USER_INPUT on `correction` for a first revision). Without it a revision > 1 is a FULL_RECOMPUTE with no cause
   * recorded. docs/corrections.md.
   */
  correction?: CorrectionInput | null | undefined;
  /** Evidence observed after this date is not used. */
  cutoff: string;
  /** Methodology version to score with; default: the most recently stored methodology. */
  methodologyVersion?: string | null | undefined;
  /** Title shown to readers. */
  title: string;
  /** The edition's year (2000–2100). */
  year: number;
};

/** A new organization. */
export type CreateOrganizationInput = {
  /** ISO 3166-1 alpha-2 country of the headquarters; null for international communities. */
  country?: string | null | undefined;
  /** What kind of body it is. */
  kind: OrganizationKind;
  /** Display name. */
  name: string;
  /** Chinese name. */
  nameZh?: string | null | undefined;
  /** Unique slug: lower-case letters, digits and single hyphens. */
  slug: string;
  /** Website. */
  url?: string | null | undefined;
};

/** A new project. */
export type CreateProjectInput = {
  /** The dimension it is ranked in. */
  category: Category;
  /** First release: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  firstRelease?: string | null | undefined;
  /** Homepage URL. */
  homepageUrl?: string | null | undefined;
  /** Hugging Face URL. */
  huggingfaceUrl?: string | null | undefined;
  /** License as declared. */
  license?: string | null | undefined;
  /** Display name. */
  name: string;
  /** Chinese name. */
  nameZh?: string | null | undefined;
  /** Organization slugs, primary first. */
  organizations: Array<string>;
  /** Source repository URL. */
  repositoryUrl?: string | null | undefined;
  /** Unique slug: lower-case letters, digits and single hyphens. */
  slug: string;
  /** Default ACTIVE. */
  status?: ProjectStatus | null | undefined;
};

/** A new webhook endpoint. */
export type CreateWebhookInput = {
  /** What it is for (at most 500 characters). */
  description?: string | null | undefined;
  /** The events to deliver, at least one of `edition.published`, `edition.corrected`, `collection.finished`. */
  events: Array<string>;
  /** Where deliveries are POSTed: an absolute http(s) URL (https in production), public addresses only. */
  url: string;
};

/** Which disputes the triage list shows. */
export type DisputeFilter = {
  /** Only those of this edition (`Edition.id`). */
  edition?: string | number | null | undefined;
  /** Only those about this project (slug). */
  project?: string | null | undefined;
  /** Only those with one of these statuses. */
  status?: Array<DisputeStatus> | null | undefined;
};

/** Where a dispute is: OPEN → ACCEPTED | REJECTED | WITHDRAWN. */
export type DisputeStatus =
  /** Accepted; a proposed value awaits a second reviewer as pending evidence. */
  | 'ACCEPTED'
  /** Waiting for a reviewer. */
  | 'OPEN'
  /** Rejected, with a public reason. */
  | 'REJECTED'
  /** Withdrawn by its submitter or a reviewer. */
  | 'WITHDRAWN';

/** An edition by year and revision. */
export type EditionKeyInput = {
  /** Revision; the year's default revision when absent. */
  revision?: number | null | undefined;
  /** Year. */
  year: number;
};

/** The lifecycle of an edition: draft → computed → published. */
export type EditionStatus =
  /** Results stored with their content hash; may be recomputed. */
  | 'COMPUTED'
  /** Methodology and cutoff chosen, nothing computed yet. */
  | 'DRAFT'
  /** Published and read-only. */
  | 'PUBLISHED';

/** Narrows an evidence list. */
export type EvidenceFilter = {
  /**
   * Dimension key (`data`, `model`, `system`, `evaluation`): evidence of the projects whose category is that
   * dimension — the population the dimension ranks. An indicator shared by several dimensions is matched by
   * the project's category, not by the methodology tree.
   */
  dimension?: string | null | undefined;
  /** Only values flagged as anomalies when they arrived (true), or only values not flagged (false); see `Evidence.anomaly`. */
  flagged?: boolean | null | undefined;
  /** Only illustrative (true) or only measured (false) values. */
  illustrative?: boolean | null | undefined;
  /** Indicator key. */
  indicator?: string | null | undefined;
  /** Observed on or after this date. */
  observedFrom?: string | null | undefined;
  /** Observed on or before this date. */
  observedTo?: string | null | undefined;
  /**
   * Organization slug: evidence of the projects whose organizations include it (primary or not). An unknown slug
   * matches nothing.
   */
  organization?: string | null | undefined;
  /** Project slug. */
  project?: string | null | undefined;
  /** Statuses to include; default approved and superseded (plus pending and rejected for `read:drafts`). */
  status?: Array<EvidenceStatus> | null | undefined;
};

/** The outcome of an evidence import. */
export type EvidenceImportStatus =
  /** Validated only; nothing was written. */
  | 'DRY_RUN'
  /** The new rows were added. */
  | 'IMPORTED'
  /** The file has problems; nothing was written. */
  | 'REFUSED';

/** Where a piece of evidence is in review. */
export type EvidenceStatus =
  /** Approved: used when editions are computed. */
  | 'APPROVED'
  /** Waiting for review. */
  | 'PENDING'
  /** Rejected by a reviewer, with a note. */
  | 'REJECTED'
  /** Replaced by a newer approved value for the same project, indicator and observation date. */
  | 'SUPERSEDED';

/**
 * What the latest check of an evidence source link found (`npx ranking links check`, and the check made when
 * evidence is approved).
 */
export type LinkStatus =
  /**
   * The page is gone: 404 or 410, or redirects ending on a generic page (the site's home, a sign-in or a not-found
   * page). Offer `archivedUrl` instead where there is one.
   */
  | 'BROKEN'
  /** The link answered 2xx itself. */
  | 'OK'
  /** The link answered 2xx after one or more redirects (`finalUrl` is where it ended). */
  | 'REDIRECTED'
  /**
   * Never checked, or not requested: the address is private or loopback (refused for server-side requests), or the
   * link is not an http(s) URL.
   */
  | 'UNCHECKED'
  /**
   * No answer confirmed the page: name resolution, TLS, timeout, refused connection, 5xx or 429 after retries, a
   * redirect loop. Often temporary.
   */
  | 'UNREACHABLE';

/** Narrows an organization list. */
export type OrganizationFilter = {
  /** ISO 3166-1 alpha-2 country. */
  country?: string | null | undefined;
  /** Only this kind. */
  kind?: OrganizationKind | null | undefined;
  /** Case-insensitive substring of the slug or name. */
  search?: string | null | undefined;
};

/** What kind of body an organization is. */
export type OrganizationKind =
  /** A volunteer community. */
  | 'COMMUNITY'
  /** A company. */
  | 'COMPANY'
  /** A foundation. */
  | 'FOUNDATION'
  /** A research lab or institute. */
  | 'LAB'
  /** A university. */
  | 'UNIVERSITY';

/** A registered contact of a project, as `setProjectContacts` takes it. */
export type ProjectContactInput = {
  /** An email address, at most 254 characters (surrounding spaces are ignored). */
  email: string;
  /** The person's name, at most 200 characters (optional). */
  name?: string | null | undefined;
};

/** Narrows a project list. */
export type ProjectFilter = {
  /** Only this category. */
  category?: Category | null | undefined;
  /** Country of the project's primary organization. */
  country?: string | null | undefined;
  /** Slug of one of the project's organizations. */
  organization?: string | null | undefined;
  /** Case-insensitive substring of the slug or name. */
  search?: string | null | undefined;
  /** Only this status. */
  status?: ProjectStatus | null | undefined;
};

/** One identifier of a project, as `setProjectSources` takes it. */
export type ProjectSourceInput = {
  /**
   * The identifier (see `SourceIdentifierKind` for each kind's form); surrounding spaces are ignored and
   * a GitHub, `huggingface.co` (model, dataset or collection page) or `doi.org` URL is accepted and
   * stored as the bare identifier. At most 300 characters.
   */
  identifier: string;
  /** What kind of identifier it is. */
  kind: SourceIdentifierKind;
};

/** Whether a project is maintained. */
export type ProjectStatus =
  /** Maintained. */
  | 'ACTIVE'
  /** No longer maintained. */
  | 'ARCHIVED';

/** A document to register for a key. */
export type RegisterTrustedDocumentInput = {
  /** The key. */
  apiKeyId: string | number;
  /**
   * The document's exact text: its SHA-256 (hex) of these characters (UTF-8) is its id, the
   * `sha256Hash` automatic persisted queries send.
   */
  document: string;
  /** A name for people (at most 200 characters); default: the names of its operations. */
  name?: string | null | undefined;
};

/** A reviewer's decision. */
export type ReviewDecision =
  /** Accept the value. */
  | 'APPROVE'
  /** Refuse the value (a note is required). */
  | 'REJECT';

/** What a user may do. */
export type Role =
  /** Everything, including users and API keys. */
  | 'ADMIN'
  /** A viewer who also submits evidence and curates projects. */
  | 'EDITOR'
  /** A reviewer who also computes and publishes editions and uploads methodologies. */
  | 'PUBLISHER'
  /** An editor who also reviews evidence. */
  | 'REVIEWER'
  /** Reads published data and drafts. */
  | 'VIEWER';

/** A permission. Roles grant scopes; API keys carry them directly. */
export type Scope =
  /** Users and API keys; implies every other scope. */
  | 'ADMIN'
  /**
   * Contest values of an edition for the key's institution (`submitDispute` without a contact address); given to API
   * keys, not to roles (anyone may contest a value with a contact address).
   */
  | 'DISPUTES_WRITE'
  /** Compute and publish editions; upload methodologies. */
  | 'EDITIONS_MANAGE'
  /** Approve or reject evidence. */
  | 'EVIDENCE_REVIEW'
  /** Submit evidence; manage projects and organizations. */
  | 'EVIDENCE_WRITE'
  /** Published data. */
  | 'READ'
  /** Draft editions and evidence under review. */
  | 'READ_DRAFTS';

/** How the shares over all dimensions combine the dimensions (the methodology's `shares.across_dimensions`). */
export type ShareRuleKey =
  /**
   * The mean of the group's shares of each dimension (dimensions whose scores are all 0 left out): every dimension
   * weighs the same, whatever its number of projects or score level. The default.
   */
  | 'MEAN_OF_DIMENSION_SHARES'
  /**
   * The group's scores summed over all dimensions ÷ all scores summed: a dimension with more projects or higher scores
   * weighs more.
   */
  | 'POOLED_SCORES';

/** The kind of a project's upstream identifier. */
export type SourceIdentifierKind =
  /** An arXiv id such as `2307.09288`. */
  | 'ARXIV'
  /** A DOI, `10.xxxx/...`. */
  | 'DOI'
  /** A GitHub repository, `OWNER/REPO`. */
  | 'GITHUB'
  /**
   * A Hugging Face collection `NAMESPACE/SLUG-ID`, the path of its page
   * `https://huggingface.co/collections/NAMESPACE/SLUG-ID` (e.g. `Qwen/qwen25-66e81a666513e518adb90d9e`):
   * its models and datasets count as if each were listed as `ORG/NAME` (each repository once); its
   * spaces, papers and nested collections are not counted.
   */
  | 'HUGGINGFACE_COLLECTION'
  /** A Hugging Face dataset `ORG/NAME`, or `ORG` for every public dataset of that author. */
  | 'HUGGINGFACE_DATASET'
  /** A Hugging Face model `ORG/NAME`, or `ORG` for every public model of that author. */
  | 'HUGGINGFACE_MODEL'
  /** A PyPI project name. */
  | 'PYPI';

/** What kind of public source the value comes from. */
export type SourceKind =
  /** A GitHub repository or its API. */
  | 'GITHUB'
  /** A Hugging Face model, dataset or space. */
  | 'HUGGINGFACE'
  /** Anything else. */
  | 'OTHER'
  /** A paper or technical report. */
  | 'PAPER'
  /** The Python Package Index. */
  | 'PYPI'
  /** Any other web page. */
  | 'WEBSITE';

/** Which sources and projects to collect; empty or missing lists mean all. */
export type StartCollectionInput = {
  /** Project slugs. */
  projects?: Array<string> | null | undefined;
  /** Collector names: `github`, `huggingface`, `pypi`, `openalex`, `depsdev`. */
  sources?: Array<string> | null | undefined;
};

/** What a dispute is about and what it claims. */
export type SubmitDisputeInput = {
  /** What is wrong with the value, at most 4,000 characters. Stored as given and always shown as plain text. */
  claim: string;
  /**
   * An email address the decision is sent to; required without a sign-in or an API key. Never published, exported or
   * shown to anyone.
   */
  contact?: string | null | undefined;
  /** The id of the edition (`Edition.id`). */
  edition: string | number;
  /** The key of an indicator of the edition's methodology that scores the project. */
  indicator: string;
  /** The slug of a project ranked in that edition. */
  project: string;
  /** The value the submitter believes is right (a finite number). */
  proposedValue?: number | null | undefined;
  /**
   * A public http(s) link supporting the proposed value, at most 2,000 characters; hosts that are not public
   * (localhost, private, loopback or link-local addresses, or names resolving to them) are refused.
   */
  sourceUrl?: string | null | undefined;
};

/** A value for one project and indicator, with the public link it came from. */
export type SubmitEvidenceInput = {
  /** Indicator key. */
  indicator: string;
  /** Free-text remark. */
  note?: string | null | undefined;
  /** The date the value was true; not in the future. */
  observedAt: string;
  /** Project slug. */
  project: string;
  /** When the value was read from the source; default now. */
  retrievedAt?: string | null | undefined;
  /** Kind of source; default OTHER. */
  sourceKind?: SourceKind | null | undefined;
  /** The public http(s) link the value came from. */
  sourceUrl: string;
  /** The value, a finite number. */
  value: number;
};

/** Changes to an organization; absent fields are left as they are, null clears an optional field. */
export type UpdateOrganizationInput = {
  /** ISO 3166-1 alpha-2 country. */
  country?: string | null | undefined;
  /** What kind of body it is. */
  kind?: OrganizationKind | null | undefined;
  /** Display name. */
  name?: string | null | undefined;
  /** Chinese name. */
  nameZh?: string | null | undefined;
  /** Website. */
  url?: string | null | undefined;
};

/** Changes to a project; absent fields are left as they are, null clears an optional field. */
export type UpdateProjectInput = {
  /** The dimension it is ranked in. */
  category?: Category | null | undefined;
  /** First release: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  firstRelease?: string | null | undefined;
  /** Homepage URL. */
  homepageUrl?: string | null | undefined;
  /** Hugging Face URL. */
  huggingfaceUrl?: string | null | undefined;
  /** License as declared. */
  license?: string | null | undefined;
  /** Display name. */
  name?: string | null | undefined;
  /** Chinese name. */
  nameZh?: string | null | undefined;
  /** Organization slugs, primary first (replaces the list). */
  organizations?: Array<string> | null | undefined;
  /** Source repository URL. */
  repositoryUrl?: string | null | undefined;
  /** Maintained or archived. */
  status?: ProjectStatus | null | undefined;
};

/** Changes to a webhook endpoint; an omitted field stays as it is. */
export type UpdateWebhookInput = {
  /** What it is for (at most 500 characters). */
  description?: string | null | undefined;
  /** Whether deliveries are made. */
  enabled?: boolean | null | undefined;
  /** The events to deliver (at least one; see `CreateWebhookInput.events`). */
  events?: Array<string> | null | undefined;
};

/** How the caller identified itself. */
export type ViewerKind =
  /** No credentials. */
  | 'ANONYMOUS'
  /** A partner API key. */
  | 'API_KEY'
  /** An admin user's token. */
  | 'USER';

/** Where a delivery stands. */
export type WebhookDeliveryStatus =
  /** An attempt was answered with a 2xx status. */
  | 'DELIVERED'
  /** No 2xx answer within a day of the event (or the URL was refused, or the endpoint disabled or deleted). */
  | 'FAILED'
  /** Not delivered yet: due at `nextAttemptAt`. */
  | 'PENDING';

/** A new weight for one node of a dimension's tree. */
export type WeightInput = {
  /** A group key or an indicator key of the dimension's tree (case-sensitive, as in `Dimension.nodes`). */
  node: string;
  /** The node's weight relative to its siblings, like the methodology's own weights: finite and ≥ 0. */
  weight: number;
};

export type AuditLogQueryVariables = Exact<{
  filter?: AuditLogFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type AuditLogQuery = { auditLog: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, at: string, actorType: string, actorLabel: string, action: string, entityType: string, entityId: string | null, before: unknown, after: unknown, requestId: string | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ApiKeyFieldsFragment = { id: string, name: string, prefix: string, scopes: Array<Scope>, createdAt: string, lastUsedAt: string | null, revokedAt: string | null, owner: { id: string, name: string, email: string } | null };

export type ApiKeysQueryVariables = Exact<{ [key: string]: never; }>;


export type ApiKeysQuery = { apiKeys: Array<{ trustedDocumentsOnly: boolean, id: string, name: string, prefix: string, scopes: Array<Scope>, createdAt: string, lastUsedAt: string | null, revokedAt: string | null, trustedDocuments: Array<{ hash: string, name: string, createdAt: string }>, usage: Array<{ day: string, requests: number, errors: number, rateLimited: number, operations: Array<{ name: string, count: number }>, deprecatedFields: Array<{ field: string, count: number }> }>, owner: { id: string, name: string, email: string } | null }> };

export type CreateApiKeyMutationVariables = Exact<{
  input: CreateApiKeyInput;
}>;


export type CreateApiKeyMutation = { createApiKey: { key: string, apiKey: { id: string, name: string, prefix: string, scopes: Array<Scope>, createdAt: string, lastUsedAt: string | null, revokedAt: string | null, owner: { id: string, name: string, email: string } | null } } };

export type RevokeApiKeyMutationVariables = Exact<{
  id: string | number;
}>;


export type RevokeApiKeyMutation = { revokeApiKey: { id: string, name: string, prefix: string, scopes: Array<Scope>, createdAt: string, lastUsedAt: string | null, revokedAt: string | null, owner: { id: string, name: string, email: string } | null } };

export type RegisterTrustedDocumentMutationVariables = Exact<{
  input: RegisterTrustedDocumentInput;
}>;


export type RegisterTrustedDocumentMutation = { registerTrustedDocument: { hash: string, name: string } };

export type RemoveTrustedDocumentMutationVariables = Exact<{
  apiKeyId: string | number;
  hash: string;
}>;


export type RemoveTrustedDocumentMutation = { removeTrustedDocument: { hash: string } };

export type SetApiKeyTrustedDocumentsOnlyMutationVariables = Exact<{
  id: string | number;
  only: boolean;
}>;


export type SetApiKeyTrustedDocumentsOnlyMutation = { setApiKeyTrustedDocumentsOnly: { id: string, trustedDocumentsOnly: boolean } };

export type CollectionRunFieldsFragment = { id: string, status: CollectionRunStatus, sources: Array<string>, projects: Array<string>, error: string | null, requestedBy: string, createdAt: string, startedAt: string | null, finishedAt: string | null, findingCount: number, progress: { done: number, total: number }, counts: Array<{ source: string, added: number, unchanged: number, failed: number }> };

export type CollectionRunsQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type CollectionRunsQuery = { collectionRuns: Array<{ id: string, status: CollectionRunStatus, sources: Array<string>, projects: Array<string>, error: string | null, requestedBy: string, createdAt: string, startedAt: string | null, finishedAt: string | null, findingCount: number, progress: { done: number, total: number }, counts: Array<{ source: string, added: number, unchanged: number, failed: number }> }> };

export type CollectionRunProgressQueryVariables = Exact<{
  id: string | number;
}>;


export type CollectionRunProgressQuery = { collectionRun: { id: string, status: CollectionRunStatus, sources: Array<string>, projects: Array<string>, error: string | null, requestedBy: string, createdAt: string, startedAt: string | null, finishedAt: string | null, findingCount: number, progress: { done: number, total: number }, counts: Array<{ source: string, added: number, unchanged: number, failed: number }> } | null };

export type CollectionRunQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type CollectionRunQuery = { collectionRun: { id: string, status: CollectionRunStatus, sources: Array<string>, projects: Array<string>, error: string | null, requestedBy: string, createdAt: string, startedAt: string | null, finishedAt: string | null, findingCount: number, findings: Array<{ project: string, source: string, kind: string, identifier: string, indicator: string | null, message: string, renamedTo: string | null }>, evidence: { totalCount: number, edges: Array<{ node: { id: string, value: number, sourceUrl: string, canonicalUrl: string, observedAt: string, retrievedAt: string | null, sourceKind: SourceKind, note: string | null, isIllustrative: boolean, status: EvidenceStatus, submittedAt: string, reviewedAt: string | null, reviewNote: string | null, project: { slug: string, name: string, nameZh: string | null, category: Category }, indicator: { key: string, name: string, nameZh: string | null, unit: string | null }, submittedBy: { id: string, name: string, email: string } | null, reviewedBy: { id: string, name: string, email: string } | null, anomaly: { reason: string, score: number, basis: AnomalyBasis, flaggedAt: string } | null, link: { status: LinkStatus, httpStatus: number | null, finalUrl: string | null, checkedAt: string | null, archivedUrl: string | null, archivedAt: string | null }, dispute: { id: string, status: DisputeStatus, claim: string } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } }, progress: { done: number, total: number }, counts: Array<{ source: string, added: number, unchanged: number, failed: number }> } | null };

export type StartCollectionMutationVariables = Exact<{
  input: StartCollectionInput;
}>;


export type StartCollectionMutation = { startCollection: { id: string } };

export type CancelCollectionMutationVariables = Exact<{
  id: string | number;
}>;


export type CancelCollectionMutation = { cancelCollection: { id: string, status: CollectionRunStatus, sources: Array<string>, projects: Array<string>, error: string | null, requestedBy: string, createdAt: string, startedAt: string | null, finishedAt: string | null, findingCount: number, progress: { done: number, total: number }, counts: Array<{ source: string, added: number, unchanged: number, failed: number }> } };

export type ProjectSourcesQueryVariables = Exact<{
  slug: string;
}>;


export type ProjectSourcesQuery = { project: { sources: Array<{ kind: SourceIdentifierKind, identifier: string }> } | null };

export type SetProjectSourcesMutationVariables = Exact<{
  project: string;
  sources: Array<ProjectSourceInput> | ProjectSourceInput;
}>;


export type SetProjectSourcesMutation = { setProjectSources: { sources: Array<{ kind: SourceIdentifierKind, identifier: string }> } };

export type ProjectContactsQueryVariables = Exact<{
  slug: string;
}>;


export type ProjectContactsQuery = { project: { contacts: Array<{ id: string, email: string, name: string | null, createdAt: string }> } | null };

export type SetProjectContactsMutationVariables = Exact<{
  project: string;
  contacts: Array<ProjectContactInput> | ProjectContactInput;
}>;


export type SetProjectContactsMutation = { setProjectContacts: { contacts: Array<{ id: string, email: string, name: string | null, createdAt: string }> } };

export type DisputeFieldsFragment = { id: string, status: DisputeStatus, reason: string | null, claim: string, proposedValue: number | null, sourceUrl: string | null, createdAt: string, decidedAt: string | null, project: { slug: string, name: string, nameZh: string | null }, indicator: { key: string, name: string, nameZh: string | null, unit: string | null }, edition: { id: string, year: number, revision: number } | null, evidence: { id: string, status: EvidenceStatus } | null };

export type SubmitDisputeMutationVariables = Exact<{
  input: SubmitDisputeInput;
}>;


export type SubmitDisputeMutation = { submitDispute: { id: string, status: DisputeStatus, withdrawalToken: string | null } };

export type DisputeQueryVariables = Exact<{
  id: string | number;
}>;


export type DisputeQuery = { dispute: { id: string, status: DisputeStatus, reason: string | null, claim: string, proposedValue: number | null, sourceUrl: string | null, createdAt: string, decidedAt: string | null, project: { slug: string, name: string, nameZh: string | null }, indicator: { key: string, name: string, nameZh: string | null, unit: string | null }, edition: { id: string, year: number, revision: number } | null, evidence: { id: string, status: EvidenceStatus } | null } | null };

export type DisputesQueryVariables = Exact<{
  filter?: DisputeFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type DisputesQuery = { disputes: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, status: DisputeStatus, reason: string | null, claim: string, proposedValue: number | null, sourceUrl: string | null, createdAt: string, decidedAt: string | null, project: { slug: string, name: string, nameZh: string | null }, indicator: { key: string, name: string, nameZh: string | null, unit: string | null }, edition: { id: string, year: number, revision: number } | null, evidence: { id: string, status: EvidenceStatus } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type AcceptDisputeMutationVariables = Exact<{
  id: string | number;
  reason?: string | null | undefined;
  sourceUrl?: string | null | undefined;
}>;


export type AcceptDisputeMutation = { acceptDispute: { id: string, status: DisputeStatus, reason: string | null, claim: string, proposedValue: number | null, sourceUrl: string | null, createdAt: string, decidedAt: string | null, project: { slug: string, name: string, nameZh: string | null }, indicator: { key: string, name: string, nameZh: string | null, unit: string | null }, edition: { id: string, year: number, revision: number } | null, evidence: { id: string, status: EvidenceStatus } | null } };

export type RejectDisputeMutationVariables = Exact<{
  id: string | number;
  reason: string;
}>;


export type RejectDisputeMutation = { rejectDispute: { id: string, status: DisputeStatus, reason: string | null, claim: string, proposedValue: number | null, sourceUrl: string | null, createdAt: string, decidedAt: string | null, project: { slug: string, name: string, nameZh: string | null }, indicator: { key: string, name: string, nameZh: string | null, unit: string | null }, edition: { id: string, year: number, revision: number } | null, evidence: { id: string, status: EvidenceStatus } | null } };

export type EditionSummaryFieldsFragment = { id: string, year: number, revision: number, title: string, status: EditionStatus, cutoff: string, computedAt: string | null, publishedAt: string | null, contentHash: string | null, doi: string | null, isDefaultRevision: boolean, methodology: { id: string, version: string } };

export type ProjectRefFieldsFragment = { slug: string, name: string, nameZh: string | null, country: string | null, primaryOrganization: { slug: string, name: string, nameZh: string | null } | null };

export type RegionShareFieldsFragment = { region: string, share: number, projects: number, score: number, topCount: number };

export type RankMoveFieldsFragment = { rank: number | null, previousRank: number | null, change: number | null, score: number | null, previousScore: number | null, project: { slug: string, name: string, nameZh: string | null } };

export type EditionsQueryVariables = Exact<{
  allRevisions?: boolean | null | undefined;
}>;


export type EditionsQuery = { editions: Array<{ id: string, year: number, revision: number, title: string, status: EditionStatus, cutoff: string, computedAt: string | null, publishedAt: string | null, contentHash: string | null, doi: string | null, isDefaultRevision: boolean, methodology: { id: string, version: string } }> };

export type EditionQueryVariables = Exact<{
  year: number;
  revision?: number | null | undefined;
}>;


export type EditionQuery = { edition: { id: string, year: number, revision: number, title: string, status: EditionStatus, cutoff: string, computedAt: string | null, publishedAt: string | null, contentHash: string | null, doi: string | null, isDefaultRevision: boolean, dimensions: Array<{ key: string, name: string, category: Category | null }>, valueCounts: { measured: number, illustrative: number, imputed: number, stale: number, brokenLinks: number, flagged: number, total: number }, disputeCounts: { raised: number, accepted: number, rejected: number, open: number, withdrawn: number }, contestWindow: { closesAt: string, visibility: ContestVisibility, isOpen: boolean } | null, previousEdition: { id: string, year: number, revision: number, title: string } | null, sensitivityParameters: { samples: number, seed: number, delta: number } | null, methodology: { id: string, version: string } } | null };

export type RankingQueryVariables = Exact<{
  year: number;
  revision?: number | null | undefined;
  dimension: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
  search?: string | null | undefined;
}>;


export type RankingQuery = { edition: { ranking: { totalCount: number, edges: Array<{ cursor: string, node: { rank: number, previousRank: number | null, rankChange: number | null, score: number, project: { slug: string, name: string, nameZh: string | null, country: string | null, primaryOrganization: { slug: string, name: string, nameZh: string | null } | null }, breakdown: Array<{ key: string, name: string, score: number }>, indicators: Array<{ isIllustrative: boolean }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export type ProjectResultsQueryVariables = Exact<{
  slug: string;
  year: number;
  revision?: number | null | undefined;
}>;


export type ProjectResultsQuery = { project: { category: Category, slug: string, name: string, nameZh: string | null, country: string | null, results: Array<{ dimension: string, rank: number, previousRank: number | null, rankChange: number | null, score: number, breakdown: Array<{ key: string, name: string, score: number }>, indicators: Array<{ raw: number | null, normalized: number | null, contribution: number, isIllustrative: boolean, imputed: boolean, stale: boolean, ageDays: number | null, indicator: { key: string, name: string, nameZh: string | null, unit: string | null }, evidence: Array<{ id: string, value: number, sourceUrl: string, observedAt: string, isIllustrative: boolean, link: { status: LinkStatus, archivedUrl: string | null, archivedAt: string | null } }> }>, rankInterval: { rank: number, medianRank: number, p05Rank: number, p95Rank: number } | null }>, primaryOrganization: { slug: string, name: string, nameZh: string | null } | null } | null };

export type SharesQueryVariables = Exact<{
  year: number;
  revision?: number | null | undefined;
  dimension?: string | null | undefined;
}>;


export type SharesQuery = { edition: { regionShares: Array<{ region: string, share: number, projects: number, score: number, topCount: number }>, shareRule: { key: ShareRuleKey } } | null };

export type SensitivityQueryVariables = Exact<{
  year: number;
  revision?: number | null | undefined;
  dimension: string;
}>;


export type SensitivityQuery = { edition: { sensitivity: Array<{ rank: number, medianRank: number, p05Rank: number, p95Rank: number, project: { slug: string, name: string, nameZh: string | null } }> } | null };

export type ChangesQueryVariables = Exact<{
  year: number;
  revision?: number | null | undefined;
}>;


export type ChangesQuery = { edition: { changes: { previousEdition: { year: number, revision: number, title: string }, dimensions: Array<{ dimension: string, movers: Array<{ rank: number | null, previousRank: number | null, change: number | null, score: number | null, previousScore: number | null, project: { slug: string, name: string, nameZh: string | null } }>, newEntries: Array<{ rank: number | null, previousRank: number | null, change: number | null, score: number | null, previousScore: number | null, project: { slug: string, name: string, nameZh: string | null } }>, exits: Array<{ rank: number | null, previousRank: number | null, change: number | null, score: number | null, previousScore: number | null, project: { slug: string, name: string, nameZh: string | null } }> }> } | null } | null };

export type OrgRankingQueryVariables = Exact<{
  year: number;
  revision?: number | null | undefined;
  dimension?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type OrgRankingQuery = { edition: { organizationRanking: { totalCount: number, edges: Array<{ cursor: string, node: { rank: number, score: number, share: number, projects: number, topCount: number, organization: { slug: string, name: string, nameZh: string | null, country: string | null } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export type ShareTrendQueryVariables = Exact<{ [key: string]: never; }>;


export type ShareTrendQuery = { editions: Array<{ year: number, revision: number, status: EditionStatus, regionShares: Array<{ region: string, share: number, projects: number, score: number, topCount: number }> }> };

export type ProjectHistoryQueryVariables = Exact<{
  slug: string;
  editions: Array<EditionKeyInput> | EditionKeyInput;
}>;


export type ProjectHistoryQuery = { project: { resultsIn: Array<{ results: Array<{ dimension: string, rank: number, score: number }> }> } | null };

export type CreateEditionMutationVariables = Exact<{
  input: CreateEditionInput;
}>;


export type CreateEditionMutation = { createEdition: { id: string, year: number, revision: number, title: string, status: EditionStatus, cutoff: string, computedAt: string | null, publishedAt: string | null, contentHash: string | null, doi: string | null, isDefaultRevision: boolean, methodology: { id: string, version: string } } };

export type ComputeEditionMutationVariables = Exact<{
  id: string | number;
}>;


export type ComputeEditionMutation = { computeEdition: { id: string, year: number, revision: number, title: string, status: EditionStatus, cutoff: string, computedAt: string | null, publishedAt: string | null, contentHash: string | null, doi: string | null, isDefaultRevision: boolean, methodology: { id: string, version: string } } };

export type PublishEditionMutationVariables = Exact<{
  id: string | number;
  contentHash: string;
}>;


export type PublishEditionMutation = { publishEdition: { id: string, year: number, revision: number, title: string, status: EditionStatus, cutoff: string, computedAt: string | null, publishedAt: string | null, contentHash: string | null, doi: string | null, isDefaultRevision: boolean, methodology: { id: string, version: string } } };

export type SetEditionDoiMutationVariables = Exact<{
  id: string | number;
  doi?: string | null | undefined;
}>;


export type SetEditionDoiMutation = { setEditionDoi: { id: string, year: number, revision: number, title: string, status: EditionStatus, cutoff: string, computedAt: string | null, publishedAt: string | null, contentHash: string | null, doi: string | null, isDefaultRevision: boolean, methodology: { id: string, version: string } } };

export type ErrataQueryVariables = Exact<{
  year: number;
}>;


export type ErrataQuery = { edition: { year: number, title: string, revisions: Array<{ revision: number, status: EditionStatus, publishedAt: string | null, correctionPolicy: CorrectionPolicy | null, correctionCause: CorrectionCause | null, errata: Array<{ correctedRevision: number, indicator: string, oldValue: number | null, newValue: number | null, cause: CorrectionCause | null, disputeId: string | null, decidedAt: string | null, project: { slug: string, name: string, nameZh: string | null }, dimensions: Array<{ dimension: string, oldScore: number | null, newScore: number | null, oldRank: number | null, newRank: number | null }> }> }> } | null };

export type ImportEvidenceMutationVariables = Exact<{
  csvBase64: string;
  dryRun?: boolean | null | undefined;
}>;


export type ImportEvidenceMutation = { importEvidence: { status: EvidenceImportStatus, rows: number, inserted: number, duplicates: number, fileSha256: string, problemCount: number, problems: Array<{ line: number, column: string | null, message: string }> } };

export type EvidenceFieldsFragment = { id: string, value: number, sourceUrl: string, canonicalUrl: string, observedAt: string, retrievedAt: string | null, sourceKind: SourceKind, note: string | null, isIllustrative: boolean, status: EvidenceStatus, submittedAt: string, reviewedAt: string | null, reviewNote: string | null, project: { slug: string, name: string, nameZh: string | null, category: Category }, indicator: { key: string, name: string, nameZh: string | null, unit: string | null }, submittedBy: { id: string, name: string, email: string } | null, reviewedBy: { id: string, name: string, email: string } | null, anomaly: { reason: string, score: number, basis: AnomalyBasis, flaggedAt: string } | null, link: { status: LinkStatus, httpStatus: number | null, finalUrl: string | null, checkedAt: string | null, archivedUrl: string | null, archivedAt: string | null }, dispute: { id: string, status: DisputeStatus, claim: string } | null };

export type EvidenceSeriesQueryVariables = Exact<{
  filter?: EvidenceFilter | null | undefined;
  first?: number | null | undefined;
}>;


export type EvidenceSeriesQuery = { evidence: { edges: Array<{ node: { id: string, value: number, observedAt: string } }> } };

export type EvidenceQueryVariables = Exact<{
  filter?: EvidenceFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type EvidenceQuery = { evidence: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, value: number, sourceUrl: string, canonicalUrl: string, observedAt: string, retrievedAt: string | null, sourceKind: SourceKind, note: string | null, isIllustrative: boolean, status: EvidenceStatus, submittedAt: string, reviewedAt: string | null, reviewNote: string | null, project: { slug: string, name: string, nameZh: string | null, category: Category }, indicator: { key: string, name: string, nameZh: string | null, unit: string | null }, submittedBy: { id: string, name: string, email: string } | null, reviewedBy: { id: string, name: string, email: string } | null, anomaly: { reason: string, score: number, basis: AnomalyBasis, flaggedAt: string } | null, link: { status: LinkStatus, httpStatus: number | null, finalUrl: string | null, checkedAt: string | null, archivedUrl: string | null, archivedAt: string | null }, dispute: { id: string, status: DisputeStatus, claim: string } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type SubmitEvidenceMutationVariables = Exact<{
  input: SubmitEvidenceInput;
}>;


export type SubmitEvidenceMutation = { submitEvidence: { id: string, value: number, sourceUrl: string, canonicalUrl: string, observedAt: string, retrievedAt: string | null, sourceKind: SourceKind, note: string | null, isIllustrative: boolean, status: EvidenceStatus, submittedAt: string, reviewedAt: string | null, reviewNote: string | null, project: { slug: string, name: string, nameZh: string | null, category: Category }, indicator: { key: string, name: string, nameZh: string | null, unit: string | null }, submittedBy: { id: string, name: string, email: string } | null, reviewedBy: { id: string, name: string, email: string } | null, anomaly: { reason: string, score: number, basis: AnomalyBasis, flaggedAt: string } | null, link: { status: LinkStatus, httpStatus: number | null, finalUrl: string | null, checkedAt: string | null, archivedUrl: string | null, archivedAt: string | null }, dispute: { id: string, status: DisputeStatus, claim: string } | null } };

export type ReviewEvidenceMutationVariables = Exact<{
  id: string | number;
  decision: ReviewDecision;
  note?: string | null | undefined;
}>;


export type ReviewEvidenceMutation = { reviewEvidence: { id: string, value: number, sourceUrl: string, canonicalUrl: string, observedAt: string, retrievedAt: string | null, sourceKind: SourceKind, note: string | null, isIllustrative: boolean, status: EvidenceStatus, submittedAt: string, reviewedAt: string | null, reviewNote: string | null, project: { slug: string, name: string, nameZh: string | null, category: Category }, indicator: { key: string, name: string, nameZh: string | null, unit: string | null }, submittedBy: { id: string, name: string, email: string } | null, reviewedBy: { id: string, name: string, email: string } | null, anomaly: { reason: string, score: number, basis: AnomalyBasis, flaggedAt: string } | null, link: { status: LinkStatus, httpStatus: number | null, finalUrl: string | null, checkedAt: string | null, archivedUrl: string | null, archivedAt: string | null }, dispute: { id: string, status: DisputeStatus, claim: string } | null } };

export type ReviewEvidenceBatchMutationVariables = Exact<{
  ids: Array<string | number> | string | number;
  decision: ReviewDecision;
  note?: string | null | undefined;
}>;


export type ReviewEvidenceBatchMutation = { reviewEvidenceBatch: Array<{ id: string, value: number, sourceUrl: string, canonicalUrl: string, observedAt: string, retrievedAt: string | null, sourceKind: SourceKind, note: string | null, isIllustrative: boolean, status: EvidenceStatus, submittedAt: string, reviewedAt: string | null, reviewNote: string | null, project: { slug: string, name: string, nameZh: string | null, category: Category }, indicator: { key: string, name: string, nameZh: string | null, unit: string | null }, submittedBy: { id: string, name: string, email: string } | null, reviewedBy: { id: string, name: string, email: string } | null, anomaly: { reason: string, score: number, basis: AnomalyBasis, flaggedAt: string } | null, link: { status: LinkStatus, httpStatus: number | null, finalUrl: string | null, checkedAt: string | null, archivedUrl: string | null, archivedAt: string | null }, dispute: { id: string, status: DisputeStatus, claim: string } | null }> };

export type EvidenceItemQueryVariables = Exact<{
  id: string | number;
}>;


export type EvidenceItemQuery = { evidenceItem: { id: string, value: number, sourceUrl: string, canonicalUrl: string, observedAt: string, retrievedAt: string | null, sourceKind: SourceKind, note: string | null, isIllustrative: boolean, status: EvidenceStatus, submittedAt: string, reviewedAt: string | null, reviewNote: string | null, provenance: { collector: string, collectorVersion: string, retrievedAt: string, requestMethod: string, requestUrl: string, responseStatus: number, responseSha256: string, run: { id: string, status: CollectionRunStatus } | null, rawResponse: { text: string, bytes: number, truncated: boolean } | null } | null, project: { slug: string, name: string, nameZh: string | null, category: Category }, indicator: { key: string, name: string, nameZh: string | null, unit: string | null }, submittedBy: { id: string, name: string, email: string } | null, reviewedBy: { id: string, name: string, email: string } | null, anomaly: { reason: string, score: number, basis: AnomalyBasis, flaggedAt: string } | null, link: { status: LinkStatus, httpStatus: number | null, finalUrl: string | null, checkedAt: string | null, archivedUrl: string | null, archivedAt: string | null }, dispute: { id: string, status: DisputeStatus, claim: string } | null } | null };

export type BrokenLinksQueryVariables = Exact<{
  statuses?: Array<LinkStatus> | LinkStatus | null | undefined;
  first?: number | null | undefined;
  offset?: number | null | undefined;
}>;


export type BrokenLinksQuery = { brokenLinks: { totalCount: number, edition: { id: string, year: number, revision: number } | null, nodes: Array<{ dependence: number, error: string | null, errorKind: string | null, link: { status: LinkStatus, httpStatus: number | null, finalUrl: string | null, checkedAt: string | null, archivedUrl: string | null, archivedAt: string | null }, evidence: { id: string, sourceUrl: string, observedAt: string, project: { slug: string, name: string, nameZh: string | null }, indicator: { key: string, name: string, nameZh: string | null } } }> } };

export type IndicatorFieldsFragment = { key: string, name: string, nameZh: string | null, unit: string | null, description: string | null };

export type MethodologiesQueryVariables = Exact<{ [key: string]: never; }>;


export type MethodologiesQuery = { methodologies: Array<{ id: string, version: string, title: string, createdAt: string, documentHash: string }> };

export type MethodologyQueryVariables = Exact<{
  version?: string | null | undefined;
}>;


export type MethodologyQuery = { methodology: { id: string, version: string, title: string, createdAt: string, documentHash: string, scale: number, document: unknown, indicators: Array<{ key: string, name: string, nameZh: string | null, unit: string | null, description: string | null }>, dimensions: Array<{ key: string, name: string, category: Category | null, indicators: Array<{ key: string }> }> } | null };

export type IndicatorsQueryVariables = Exact<{
  dimension?: string | null | undefined;
}>;


export type IndicatorsQuery = { indicators: Array<{ key: string, name: string, nameZh: string | null, unit: string | null, description: string | null }> };

export type UploadMethodologyMutationVariables = Exact<{
  document: string;
}>;


export type UploadMethodologyMutation = { uploadMethodology: { methodology: { id: string, version: string, title: string, createdAt: string, documentHash: string } | null, problems: Array<{ path: string, message: string }> } };

export type ProjectRowFieldsFragment = { slug: string, name: string, nameZh: string | null, category: Category, country: string | null, status: ProjectStatus, primaryOrganization: { slug: string, name: string, nameZh: string | null } | null };

export type ProjectDetailFieldsFragment = { id: string, repositoryUrl: string | null, huggingfaceUrl: string | null, homepageUrl: string | null, license: string | null, firstRelease: string | null, slug: string, name: string, nameZh: string | null, category: Category, country: string | null, status: ProjectStatus, organizations: Array<{ slug: string, name: string, nameZh: string | null, country: string | null }>, primaryOrganization: { slug: string, name: string, nameZh: string | null } | null };

export type ProjectsQueryVariables = Exact<{
  filter?: ProjectFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ProjectsQuery = { projects: { totalCount: number, edges: Array<{ cursor: string, node: { slug: string, name: string, nameZh: string | null, category: Category, country: string | null, status: ProjectStatus, primaryOrganization: { slug: string, name: string, nameZh: string | null } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ProjectQueryVariables = Exact<{
  slug: string;
}>;


export type ProjectQuery = { project: { id: string, repositoryUrl: string | null, huggingfaceUrl: string | null, homepageUrl: string | null, license: string | null, firstRelease: string | null, slug: string, name: string, nameZh: string | null, category: Category, country: string | null, status: ProjectStatus, organizations: Array<{ slug: string, name: string, nameZh: string | null, country: string | null }>, primaryOrganization: { slug: string, name: string, nameZh: string | null } | null } | null };

export type CreateProjectMutationVariables = Exact<{
  input: CreateProjectInput;
}>;


export type CreateProjectMutation = { createProject: { id: string, repositoryUrl: string | null, huggingfaceUrl: string | null, homepageUrl: string | null, license: string | null, firstRelease: string | null, slug: string, name: string, nameZh: string | null, category: Category, country: string | null, status: ProjectStatus, organizations: Array<{ slug: string, name: string, nameZh: string | null, country: string | null }>, primaryOrganization: { slug: string, name: string, nameZh: string | null } | null } };

export type UpdateProjectMutationVariables = Exact<{
  slug: string;
  input: UpdateProjectInput;
}>;


export type UpdateProjectMutation = { updateProject: { id: string, repositoryUrl: string | null, huggingfaceUrl: string | null, homepageUrl: string | null, license: string | null, firstRelease: string | null, slug: string, name: string, nameZh: string | null, category: Category, country: string | null, status: ProjectStatus, organizations: Array<{ slug: string, name: string, nameZh: string | null, country: string | null }>, primaryOrganization: { slug: string, name: string, nameZh: string | null } | null } };

export type OrganizationRowFieldsFragment = { slug: string, name: string, nameZh: string | null, country: string | null, kind: OrganizationKind, url: string | null };

export type OrganizationsQueryVariables = Exact<{
  filter?: OrganizationFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type OrganizationsQuery = { organizations: { totalCount: number, edges: Array<{ cursor: string, node: { slug: string, name: string, nameZh: string | null, country: string | null, kind: OrganizationKind, url: string | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type OrganizationQueryVariables = Exact<{
  slug: string;
}>;


export type OrganizationQuery = { organization: { id: string, slug: string, name: string, nameZh: string | null, country: string | null, kind: OrganizationKind, url: string | null, projects: Array<{ slug: string, name: string, nameZh: string | null, category: Category, country: string | null, status: ProjectStatus, primaryOrganization: { slug: string, name: string, nameZh: string | null } | null }> } | null };

export type CreateOrganizationMutationVariables = Exact<{
  input: CreateOrganizationInput;
}>;


export type CreateOrganizationMutation = { createOrganization: { slug: string, name: string, nameZh: string | null, country: string | null, kind: OrganizationKind, url: string | null } };

export type UpdateOrganizationMutationVariables = Exact<{
  slug: string;
  input: UpdateOrganizationInput;
}>;


export type UpdateOrganizationMutation = { updateOrganization: { slug: string, name: string, nameZh: string | null, country: string | null, kind: OrganizationKind, url: string | null } };

export type WebhookFieldsFragment = { id: string, url: string, description: string, events: Array<string>, enabled: boolean, createdAt: string, updatedAt: string, deletedAt: string | null };

export type WebhooksQueryVariables = Exact<{ [key: string]: never; }>;


export type WebhooksQuery = { webhooks: Array<{ id: string, url: string, description: string, events: Array<string>, enabled: boolean, createdAt: string, updatedAt: string, deletedAt: string | null }> };

export type WebhookDetailQueryVariables = Exact<{
  id: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WebhookDetailQuery = { webhook: { id: string, url: string, description: string, events: Array<string>, enabled: boolean, createdAt: string, updatedAt: string, deletedAt: string | null, deliveries: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, event: string, eventId: string, status: WebhookDeliveryStatus, attempts: number, lastResponseCode: number | null, lastError: string | null, lastDurationMs: number | null, nextAttemptAt: string | null, deliveredAt: string | null, createdAt: string, attemptLog: Array<{ attemptedAt: string, ok: boolean, responseCode: number | null, error: string | null, durationMs: number }> } }> } } | null };

export type CreateWebhookMutationVariables = Exact<{
  input: CreateWebhookInput;
}>;


export type CreateWebhookMutation = { createWebhook: { secret: string, webhook: { id: string, url: string, description: string, events: Array<string>, enabled: boolean, createdAt: string, updatedAt: string, deletedAt: string | null } } };

export type UpdateWebhookMutationVariables = Exact<{
  id: string | number;
  input: UpdateWebhookInput;
}>;


export type UpdateWebhookMutation = { updateWebhook: { id: string, url: string, description: string, events: Array<string>, enabled: boolean, createdAt: string, updatedAt: string, deletedAt: string | null } };

export type DeleteWebhookMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteWebhookMutation = { deleteWebhook: { id: string, url: string, description: string, events: Array<string>, enabled: boolean, createdAt: string, updatedAt: string, deletedAt: string | null } };

export type RedeliverWebhookDeliveryMutationVariables = Exact<{
  id: string | number;
}>;


export type RedeliverWebhookDeliveryMutation = { redeliverWebhookDelivery: { id: string, status: WebhookDeliveryStatus } };

export type WhatIfSetupQueryVariables = Exact<{
  year: number;
  revision?: number | null | undefined;
}>;


export type WhatIfSetupQuery = { edition: { year: number, revision: number, title: string, status: EditionStatus, dimensions: Array<{ key: string, name: string, nodes: Array<
        | { key: string, name: string, weight: number }
        | { weight: number, indicator: { key: string, name: string, nameZh: string | null } }
      > }> } | null };

export type WhatIfQueryVariables = Exact<{
  year: number;
  revision?: number | null | undefined;
  dimension: string;
  weights: Array<WeightInput> | WeightInput;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WhatIfQuery = { edition: { whatIf: { totalCount: number, edges: Array<{ node: { rank: number, score: number, officialRank: number, officialScore: number, rankChange: number, project: { slug: string, name: string, nameZh: string | null, country: string | null } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export type SignInMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type SignInMutation = { signIn: { sessionId: string, user: { id: string, email: string, name: string, role: Role } } };

export type SessionCheckQueryVariables = Exact<{ [key: string]: never; }>;


export type SessionCheckQuery = { viewer: { kind: ViewerKind, user: { id: string, email: string, name: string, role: Role } | null } };

export type SignOutMutationVariables = Exact<{ [key: string]: never; }>;


export type SignOutMutation = { signOut: boolean };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ApiKeyFieldsFragmentDoc = new TypedDocumentString(`
    fragment ApiKeyFields on ApiKey {
  id
  name
  prefix
  scopes
  owner {
    id
    name
    email
  }
  createdAt
  lastUsedAt
  revokedAt
}
    `, {"fragmentName":"ApiKeyFields"}) as unknown as TypedDocumentString<ApiKeyFieldsFragment, unknown>;
export const CollectionRunFieldsFragmentDoc = new TypedDocumentString(`
    fragment CollectionRunFields on CollectionRun {
  id
  status
  sources
  projects
  error
  requestedBy
  createdAt
  startedAt
  finishedAt
  findingCount
  progress {
    done
    total
  }
  counts {
    source
    added
    unchanged
    failed
  }
}
    `, {"fragmentName":"CollectionRunFields"}) as unknown as TypedDocumentString<CollectionRunFieldsFragment, unknown>;
export const DisputeFieldsFragmentDoc = new TypedDocumentString(`
    fragment DisputeFields on Dispute {
  id
  status
  reason
  claim
  proposedValue
  sourceUrl
  createdAt
  decidedAt
  project {
    slug
    name
    nameZh
  }
  indicator {
    key
    name
    nameZh
    unit
  }
  edition {
    id
    year
    revision
  }
  evidence {
    id
    status
  }
}
    `, {"fragmentName":"DisputeFields"}) as unknown as TypedDocumentString<DisputeFieldsFragment, unknown>;
export const EditionSummaryFieldsFragmentDoc = new TypedDocumentString(`
    fragment EditionSummaryFields on Edition {
  id
  year
  revision
  title
  status
  cutoff
  computedAt
  publishedAt
  contentHash
  doi
  isDefaultRevision
  methodology {
    id
    version
  }
}
    `, {"fragmentName":"EditionSummaryFields"}) as unknown as TypedDocumentString<EditionSummaryFieldsFragment, unknown>;
export const ProjectRefFieldsFragmentDoc = new TypedDocumentString(`
    fragment ProjectRefFields on Project {
  slug
  name
  nameZh
  country
  primaryOrganization {
    slug
    name
    nameZh
  }
}
    `, {"fragmentName":"ProjectRefFields"}) as unknown as TypedDocumentString<ProjectRefFieldsFragment, unknown>;
export const RegionShareFieldsFragmentDoc = new TypedDocumentString(`
    fragment RegionShareFields on Share {
  region
  share
  projects
  score
  topCount(n: 10)
}
    `, {"fragmentName":"RegionShareFields"}) as unknown as TypedDocumentString<RegionShareFieldsFragment, unknown>;
export const RankMoveFieldsFragmentDoc = new TypedDocumentString(`
    fragment RankMoveFields on RankMove {
  project {
    slug
    name
    nameZh
  }
  rank
  previousRank
  change
  score
  previousScore
}
    `, {"fragmentName":"RankMoveFields"}) as unknown as TypedDocumentString<RankMoveFieldsFragment, unknown>;
export const EvidenceFieldsFragmentDoc = new TypedDocumentString(`
    fragment EvidenceFields on Evidence {
  id
  value
  sourceUrl
  canonicalUrl
  observedAt
  retrievedAt
  sourceKind
  note
  isIllustrative
  status
  submittedAt
  reviewedAt
  reviewNote
  project {
    slug
    name
    nameZh
    category
  }
  indicator {
    key
    name
    nameZh
    unit
  }
  submittedBy {
    id
    name
    email
  }
  reviewedBy {
    id
    name
    email
  }
  anomaly {
    reason
    score
    basis
    flaggedAt
  }
  link {
    status
    httpStatus
    finalUrl
    checkedAt
    archivedUrl
    archivedAt
  }
  dispute {
    id
    status
    claim
  }
}
    `, {"fragmentName":"EvidenceFields"}) as unknown as TypedDocumentString<EvidenceFieldsFragment, unknown>;
export const IndicatorFieldsFragmentDoc = new TypedDocumentString(`
    fragment IndicatorFields on Indicator {
  key
  name
  nameZh
  unit
  description
}
    `, {"fragmentName":"IndicatorFields"}) as unknown as TypedDocumentString<IndicatorFieldsFragment, unknown>;
export const ProjectRowFieldsFragmentDoc = new TypedDocumentString(`
    fragment ProjectRowFields on Project {
  slug
  name
  nameZh
  category
  country
  status
  primaryOrganization {
    slug
    name
    nameZh
  }
}
    `, {"fragmentName":"ProjectRowFields"}) as unknown as TypedDocumentString<ProjectRowFieldsFragment, unknown>;
export const ProjectDetailFieldsFragmentDoc = new TypedDocumentString(`
    fragment ProjectDetailFields on Project {
  id
  ...ProjectRowFields
  organizations {
    slug
    name
    nameZh
    country
  }
  repositoryUrl
  huggingfaceUrl
  homepageUrl
  license
  firstRelease
}
    fragment ProjectRowFields on Project {
  slug
  name
  nameZh
  category
  country
  status
  primaryOrganization {
    slug
    name
    nameZh
  }
}`, {"fragmentName":"ProjectDetailFields"}) as unknown as TypedDocumentString<ProjectDetailFieldsFragment, unknown>;
export const OrganizationRowFieldsFragmentDoc = new TypedDocumentString(`
    fragment OrganizationRowFields on Organization {
  slug
  name
  nameZh
  country
  kind
  url
}
    `, {"fragmentName":"OrganizationRowFields"}) as unknown as TypedDocumentString<OrganizationRowFieldsFragment, unknown>;
export const WebhookFieldsFragmentDoc = new TypedDocumentString(`
    fragment WebhookFields on Webhook {
  id
  url
  description
  events
  enabled
  createdAt
  updatedAt
  deletedAt
}
    `, {"fragmentName":"WebhookFields"}) as unknown as TypedDocumentString<WebhookFieldsFragment, unknown>;
export const AuditLogDocument = new TypedDocumentString(`
    query AuditLog($filter: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) {
    edges {
      cursor
      node {
        id
        at
        actorType
        actorLabel
        action
        entityType
        entityId
        before
        after
        requestId
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
    totalCount
  }
}
    `) as unknown as TypedDocumentString<AuditLogQuery, AuditLogQueryVariables>;
export const ApiKeysDocument = new TypedDocumentString(`
    query ApiKeys {
  apiKeys(includeRevoked: true) {
    ...ApiKeyFields
    trustedDocumentsOnly
    trustedDocuments {
      hash
      name
      createdAt
    }
    usage(days: 30) {
      day
      requests
      errors
      rateLimited
      operations {
        name
        count
      }
      deprecatedFields {
        field
        count
      }
    }
  }
}
    fragment ApiKeyFields on ApiKey {
  id
  name
  prefix
  scopes
  owner {
    id
    name
    email
  }
  createdAt
  lastUsedAt
  revokedAt
}`) as unknown as TypedDocumentString<ApiKeysQuery, ApiKeysQueryVariables>;
export const CreateApiKeyDocument = new TypedDocumentString(`
    mutation CreateApiKey($input: CreateApiKeyInput!) {
  createApiKey(input: $input) {
    key
    apiKey {
      ...ApiKeyFields
    }
  }
}
    fragment ApiKeyFields on ApiKey {
  id
  name
  prefix
  scopes
  owner {
    id
    name
    email
  }
  createdAt
  lastUsedAt
  revokedAt
}`) as unknown as TypedDocumentString<CreateApiKeyMutation, CreateApiKeyMutationVariables>;
export const RevokeApiKeyDocument = new TypedDocumentString(`
    mutation RevokeApiKey($id: ID!) {
  revokeApiKey(id: $id) {
    ...ApiKeyFields
  }
}
    fragment ApiKeyFields on ApiKey {
  id
  name
  prefix
  scopes
  owner {
    id
    name
    email
  }
  createdAt
  lastUsedAt
  revokedAt
}`) as unknown as TypedDocumentString<RevokeApiKeyMutation, RevokeApiKeyMutationVariables>;
export const RegisterTrustedDocumentDocument = new TypedDocumentString(`
    mutation RegisterTrustedDocument($input: RegisterTrustedDocumentInput!) {
  registerTrustedDocument(input: $input) {
    hash
    name
  }
}
    `) as unknown as TypedDocumentString<RegisterTrustedDocumentMutation, RegisterTrustedDocumentMutationVariables>;
export const RemoveTrustedDocumentDocument = new TypedDocumentString(`
    mutation RemoveTrustedDocument($apiKeyId: ID!, $hash: String!) {
  removeTrustedDocument(apiKeyId: $apiKeyId, hash: $hash) {
    hash
  }
}
    `) as unknown as TypedDocumentString<RemoveTrustedDocumentMutation, RemoveTrustedDocumentMutationVariables>;
export const SetApiKeyTrustedDocumentsOnlyDocument = new TypedDocumentString(`
    mutation SetApiKeyTrustedDocumentsOnly($id: ID!, $only: Boolean!) {
  setApiKeyTrustedDocumentsOnly(id: $id, only: $only) {
    id
    trustedDocumentsOnly
  }
}
    `) as unknown as TypedDocumentString<SetApiKeyTrustedDocumentsOnlyMutation, SetApiKeyTrustedDocumentsOnlyMutationVariables>;
export const CollectionRunsDocument = new TypedDocumentString(`
    query CollectionRuns($first: Int) {
  collectionRuns(first: $first) {
    ...CollectionRunFields
  }
}
    fragment CollectionRunFields on CollectionRun {
  id
  status
  sources
  projects
  error
  requestedBy
  createdAt
  startedAt
  finishedAt
  findingCount
  progress {
    done
    total
  }
  counts {
    source
    added
    unchanged
    failed
  }
}`) as unknown as TypedDocumentString<CollectionRunsQuery, CollectionRunsQueryVariables>;
export const CollectionRunProgressDocument = new TypedDocumentString(`
    query CollectionRunProgress($id: ID!) {
  collectionRun(id: $id) {
    ...CollectionRunFields
  }
}
    fragment CollectionRunFields on CollectionRun {
  id
  status
  sources
  projects
  error
  requestedBy
  createdAt
  startedAt
  finishedAt
  findingCount
  progress {
    done
    total
  }
  counts {
    source
    added
    unchanged
    failed
  }
}`) as unknown as TypedDocumentString<CollectionRunProgressQuery, CollectionRunProgressQueryVariables>;
export const CollectionRunDocument = new TypedDocumentString(`
    query CollectionRun($id: ID!, $first: Int, $after: String) {
  collectionRun(id: $id) {
    ...CollectionRunFields
    findings {
      project
      source
      kind
      identifier
      indicator
      message
      renamedTo
    }
    evidence(first: $first, after: $after) {
      edges {
        node {
          ...EvidenceFields
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
}
    fragment CollectionRunFields on CollectionRun {
  id
  status
  sources
  projects
  error
  requestedBy
  createdAt
  startedAt
  finishedAt
  findingCount
  progress {
    done
    total
  }
  counts {
    source
    added
    unchanged
    failed
  }
}
fragment EvidenceFields on Evidence {
  id
  value
  sourceUrl
  canonicalUrl
  observedAt
  retrievedAt
  sourceKind
  note
  isIllustrative
  status
  submittedAt
  reviewedAt
  reviewNote
  project {
    slug
    name
    nameZh
    category
  }
  indicator {
    key
    name
    nameZh
    unit
  }
  submittedBy {
    id
    name
    email
  }
  reviewedBy {
    id
    name
    email
  }
  anomaly {
    reason
    score
    basis
    flaggedAt
  }
  link {
    status
    httpStatus
    finalUrl
    checkedAt
    archivedUrl
    archivedAt
  }
  dispute {
    id
    status
    claim
  }
}`) as unknown as TypedDocumentString<CollectionRunQuery, CollectionRunQueryVariables>;
export const StartCollectionDocument = new TypedDocumentString(`
    mutation StartCollection($input: StartCollectionInput!) {
  startCollection(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<StartCollectionMutation, StartCollectionMutationVariables>;
export const CancelCollectionDocument = new TypedDocumentString(`
    mutation CancelCollection($id: ID!) {
  cancelCollection(id: $id) {
    ...CollectionRunFields
  }
}
    fragment CollectionRunFields on CollectionRun {
  id
  status
  sources
  projects
  error
  requestedBy
  createdAt
  startedAt
  finishedAt
  findingCount
  progress {
    done
    total
  }
  counts {
    source
    added
    unchanged
    failed
  }
}`) as unknown as TypedDocumentString<CancelCollectionMutation, CancelCollectionMutationVariables>;
export const ProjectSourcesDocument = new TypedDocumentString(`
    query ProjectSources($slug: String!) {
  project(slug: $slug) {
    sources {
      kind
      identifier
    }
  }
}
    `) as unknown as TypedDocumentString<ProjectSourcesQuery, ProjectSourcesQueryVariables>;
export const SetProjectSourcesDocument = new TypedDocumentString(`
    mutation SetProjectSources($project: String!, $sources: [ProjectSourceInput!]!) {
  setProjectSources(project: $project, sources: $sources) {
    sources {
      kind
      identifier
    }
  }
}
    `) as unknown as TypedDocumentString<SetProjectSourcesMutation, SetProjectSourcesMutationVariables>;
export const ProjectContactsDocument = new TypedDocumentString(`
    query ProjectContacts($slug: String!) {
  project(slug: $slug) {
    contacts {
      id
      email
      name
      createdAt
    }
  }
}
    `) as unknown as TypedDocumentString<ProjectContactsQuery, ProjectContactsQueryVariables>;
export const SetProjectContactsDocument = new TypedDocumentString(`
    mutation SetProjectContacts($project: String!, $contacts: [ProjectContactInput!]!) {
  setProjectContacts(project: $project, contacts: $contacts) {
    contacts {
      id
      email
      name
      createdAt
    }
  }
}
    `) as unknown as TypedDocumentString<SetProjectContactsMutation, SetProjectContactsMutationVariables>;
export const SubmitDisputeDocument = new TypedDocumentString(`
    mutation SubmitDispute($input: SubmitDisputeInput!) {
  submitDispute(input: $input) {
    id
    status
    withdrawalToken
  }
}
    `) as unknown as TypedDocumentString<SubmitDisputeMutation, SubmitDisputeMutationVariables>;
export const DisputeDocument = new TypedDocumentString(`
    query Dispute($id: ID!) {
  dispute(id: $id) {
    ...DisputeFields
  }
}
    fragment DisputeFields on Dispute {
  id
  status
  reason
  claim
  proposedValue
  sourceUrl
  createdAt
  decidedAt
  project {
    slug
    name
    nameZh
  }
  indicator {
    key
    name
    nameZh
    unit
  }
  edition {
    id
    year
    revision
  }
  evidence {
    id
    status
  }
}`) as unknown as TypedDocumentString<DisputeQuery, DisputeQueryVariables>;
export const DisputesDocument = new TypedDocumentString(`
    query Disputes($filter: DisputeFilter, $first: Int, $after: String) {
  disputes(filter: $filter, first: $first, after: $after) {
    edges {
      cursor
      node {
        ...DisputeFields
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
    totalCount
  }
}
    fragment DisputeFields on Dispute {
  id
  status
  reason
  claim
  proposedValue
  sourceUrl
  createdAt
  decidedAt
  project {
    slug
    name
    nameZh
  }
  indicator {
    key
    name
    nameZh
    unit
  }
  edition {
    id
    year
    revision
  }
  evidence {
    id
    status
  }
}`) as unknown as TypedDocumentString<DisputesQuery, DisputesQueryVariables>;
export const AcceptDisputeDocument = new TypedDocumentString(`
    mutation AcceptDispute($id: ID!, $reason: String, $sourceUrl: String) {
  acceptDispute(id: $id, reason: $reason, sourceUrl: $sourceUrl) {
    ...DisputeFields
  }
}
    fragment DisputeFields on Dispute {
  id
  status
  reason
  claim
  proposedValue
  sourceUrl
  createdAt
  decidedAt
  project {
    slug
    name
    nameZh
  }
  indicator {
    key
    name
    nameZh
    unit
  }
  edition {
    id
    year
    revision
  }
  evidence {
    id
    status
  }
}`) as unknown as TypedDocumentString<AcceptDisputeMutation, AcceptDisputeMutationVariables>;
export const RejectDisputeDocument = new TypedDocumentString(`
    mutation RejectDispute($id: ID!, $reason: String!) {
  rejectDispute(id: $id, reason: $reason) {
    ...DisputeFields
  }
}
    fragment DisputeFields on Dispute {
  id
  status
  reason
  claim
  proposedValue
  sourceUrl
  createdAt
  decidedAt
  project {
    slug
    name
    nameZh
  }
  indicator {
    key
    name
    nameZh
    unit
  }
  edition {
    id
    year
    revision
  }
  evidence {
    id
    status
  }
}`) as unknown as TypedDocumentString<RejectDisputeMutation, RejectDisputeMutationVariables>;
export const EditionsDocument = new TypedDocumentString(`
    query Editions($allRevisions: Boolean) {
  editions(allRevisions: $allRevisions) {
    ...EditionSummaryFields
  }
}
    fragment EditionSummaryFields on Edition {
  id
  year
  revision
  title
  status
  cutoff
  computedAt
  publishedAt
  contentHash
  doi
  isDefaultRevision
  methodology {
    id
    version
  }
}`) as unknown as TypedDocumentString<EditionsQuery, EditionsQueryVariables>;
export const EditionDocument = new TypedDocumentString(`
    query Edition($year: Int!, $revision: Int) {
  edition(year: $year, revision: $revision) {
    ...EditionSummaryFields
    dimensions {
      key
      name
      category
    }
    valueCounts {
      measured
      illustrative
      imputed
      stale
      brokenLinks
      flagged
      total
    }
    disputeCounts {
      raised
      accepted
      rejected
      open
      withdrawn
    }
    contestWindow {
      closesAt
      visibility
      isOpen
    }
    previousEdition {
      id
      year
      revision
      title
    }
    sensitivityParameters {
      samples
      seed
      delta
    }
  }
}
    fragment EditionSummaryFields on Edition {
  id
  year
  revision
  title
  status
  cutoff
  computedAt
  publishedAt
  contentHash
  doi
  isDefaultRevision
  methodology {
    id
    version
  }
}`) as unknown as TypedDocumentString<EditionQuery, EditionQueryVariables>;
export const RankingDocument = new TypedDocumentString(`
    query Ranking($year: Int!, $revision: Int, $dimension: String!, $first: Int, $after: String, $search: String) {
  edition(year: $year, revision: $revision) {
    ranking(
      dimension: $dimension
      first: $first
      after: $after
      filter: {search: $search}
    ) {
      edges {
        cursor
        node {
          rank
          previousRank
          rankChange
          score
          project {
            ...ProjectRefFields
          }
          breakdown {
            key
            name
            score
          }
          indicators {
            isIllustrative
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
}
    fragment ProjectRefFields on Project {
  slug
  name
  nameZh
  country
  primaryOrganization {
    slug
    name
    nameZh
  }
}`) as unknown as TypedDocumentString<RankingQuery, RankingQueryVariables>;
export const ProjectResultsDocument = new TypedDocumentString(`
    query ProjectResults($slug: String!, $year: Int!, $revision: Int) {
  project(slug: $slug) {
    ...ProjectRefFields
    category
    results(year: $year, revision: $revision) {
      dimension
      rank
      previousRank
      rankChange
      score
      breakdown {
        key
        name
        score
      }
      indicators {
        indicator {
          key
          name
          nameZh
          unit
        }
        raw
        normalized
        contribution
        isIllustrative
        imputed
        stale
        ageDays
        evidence {
          id
          value
          sourceUrl
          observedAt
          isIllustrative
          link {
            status
            archivedUrl
            archivedAt
          }
        }
      }
      rankInterval {
        rank
        medianRank
        p05Rank
        p95Rank
      }
    }
  }
}
    fragment ProjectRefFields on Project {
  slug
  name
  nameZh
  country
  primaryOrganization {
    slug
    name
    nameZh
  }
}`) as unknown as TypedDocumentString<ProjectResultsQuery, ProjectResultsQueryVariables>;
export const SharesDocument = new TypedDocumentString(`
    query Shares($year: Int!, $revision: Int, $dimension: String) {
  edition(year: $year, revision: $revision) {
    regionShares(dimension: $dimension) {
      ...RegionShareFields
    }
    shareRule {
      key
    }
  }
}
    fragment RegionShareFields on Share {
  region
  share
  projects
  score
  topCount(n: 10)
}`) as unknown as TypedDocumentString<SharesQuery, SharesQueryVariables>;
export const SensitivityDocument = new TypedDocumentString(`
    query Sensitivity($year: Int!, $revision: Int, $dimension: String!) {
  edition(year: $year, revision: $revision) {
    sensitivity(dimension: $dimension) {
      project {
        slug
        name
        nameZh
      }
      rank
      medianRank
      p05Rank
      p95Rank
    }
  }
}
    `) as unknown as TypedDocumentString<SensitivityQuery, SensitivityQueryVariables>;
export const ChangesDocument = new TypedDocumentString(`
    query Changes($year: Int!, $revision: Int) {
  edition(year: $year, revision: $revision) {
    changes {
      previousEdition {
        year
        revision
        title
      }
      dimensions {
        dimension
        movers {
          ...RankMoveFields
        }
        newEntries {
          ...RankMoveFields
        }
        exits {
          ...RankMoveFields
        }
      }
    }
  }
}
    fragment RankMoveFields on RankMove {
  project {
    slug
    name
    nameZh
  }
  rank
  previousRank
  change
  score
  previousScore
}`) as unknown as TypedDocumentString<ChangesQuery, ChangesQueryVariables>;
export const OrgRankingDocument = new TypedDocumentString(`
    query OrgRanking($year: Int!, $revision: Int, $dimension: String, $first: Int, $after: String) {
  edition(year: $year, revision: $revision) {
    organizationRanking(dimension: $dimension, first: $first, after: $after) {
      edges {
        cursor
        node {
          rank
          score
          share
          projects
          topCount(n: 10)
          organization {
            slug
            name
            nameZh
            country
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
}
    `) as unknown as TypedDocumentString<OrgRankingQuery, OrgRankingQueryVariables>;
export const ShareTrendDocument = new TypedDocumentString(`
    query ShareTrend {
  editions {
    year
    revision
    status
    regionShares {
      ...RegionShareFields
    }
  }
}
    fragment RegionShareFields on Share {
  region
  share
  projects
  score
  topCount(n: 10)
}`) as unknown as TypedDocumentString<ShareTrendQuery, ShareTrendQueryVariables>;
export const ProjectHistoryDocument = new TypedDocumentString(`
    query ProjectHistory($slug: String!, $editions: [EditionKeyInput!]!) {
  project(slug: $slug) {
    resultsIn(editions: $editions) {
      results {
        dimension
        rank
        score
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ProjectHistoryQuery, ProjectHistoryQueryVariables>;
export const CreateEditionDocument = new TypedDocumentString(`
    mutation CreateEdition($input: CreateEditionInput!) {
  createEdition(input: $input) {
    ...EditionSummaryFields
  }
}
    fragment EditionSummaryFields on Edition {
  id
  year
  revision
  title
  status
  cutoff
  computedAt
  publishedAt
  contentHash
  doi
  isDefaultRevision
  methodology {
    id
    version
  }
}`) as unknown as TypedDocumentString<CreateEditionMutation, CreateEditionMutationVariables>;
export const ComputeEditionDocument = new TypedDocumentString(`
    mutation ComputeEdition($id: ID!) {
  computeEdition(id: $id) {
    ...EditionSummaryFields
  }
}
    fragment EditionSummaryFields on Edition {
  id
  year
  revision
  title
  status
  cutoff
  computedAt
  publishedAt
  contentHash
  doi
  isDefaultRevision
  methodology {
    id
    version
  }
}`) as unknown as TypedDocumentString<ComputeEditionMutation, ComputeEditionMutationVariables>;
export const PublishEditionDocument = new TypedDocumentString(`
    mutation PublishEdition($id: ID!, $contentHash: String!) {
  publishEdition(id: $id, contentHash: $contentHash) {
    ...EditionSummaryFields
  }
}
    fragment EditionSummaryFields on Edition {
  id
  year
  revision
  title
  status
  cutoff
  computedAt
  publishedAt
  contentHash
  doi
  isDefaultRevision
  methodology {
    id
    version
  }
}`) as unknown as TypedDocumentString<PublishEditionMutation, PublishEditionMutationVariables>;
export const SetEditionDoiDocument = new TypedDocumentString(`
    mutation SetEditionDoi($id: ID!, $doi: String) {
  setEditionDoi(id: $id, doi: $doi) {
    ...EditionSummaryFields
  }
}
    fragment EditionSummaryFields on Edition {
  id
  year
  revision
  title
  status
  cutoff
  computedAt
  publishedAt
  contentHash
  doi
  isDefaultRevision
  methodology {
    id
    version
  }
}`) as unknown as TypedDocumentString<SetEditionDoiMutation, SetEditionDoiMutationVariables>;
export const ErrataDocument = new TypedDocumentString(`
    query Errata($year: Int!) {
  edition(year: $year) {
    year
    title
    revisions {
      revision
      status
      publishedAt
      correctionPolicy
      correctionCause
      errata {
        correctedRevision
        indicator
        oldValue
        newValue
        cause
        disputeId
        decidedAt
        project {
          slug
          name
          nameZh
        }
        dimensions {
          dimension
          oldScore
          newScore
          oldRank
          newRank
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ErrataQuery, ErrataQueryVariables>;
export const ImportEvidenceDocument = new TypedDocumentString(`
    mutation ImportEvidence($csvBase64: String!, $dryRun: Boolean) {
  importEvidence(csvBase64: $csvBase64, dryRun: $dryRun) {
    status
    rows
    inserted
    duplicates
    fileSha256
    problemCount
    problems {
      line
      column
      message
    }
  }
}
    `) as unknown as TypedDocumentString<ImportEvidenceMutation, ImportEvidenceMutationVariables>;
export const EvidenceSeriesDocument = new TypedDocumentString(`
    query EvidenceSeries($filter: EvidenceFilter, $first: Int) {
  evidence(filter: $filter, first: $first) {
    edges {
      node {
        id
        value
        observedAt
      }
    }
  }
}
    `) as unknown as TypedDocumentString<EvidenceSeriesQuery, EvidenceSeriesQueryVariables>;
export const EvidenceDocument = new TypedDocumentString(`
    query Evidence($filter: EvidenceFilter, $first: Int, $after: String) {
  evidence(filter: $filter, first: $first, after: $after) {
    edges {
      cursor
      node {
        ...EvidenceFields
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
    totalCount
  }
}
    fragment EvidenceFields on Evidence {
  id
  value
  sourceUrl
  canonicalUrl
  observedAt
  retrievedAt
  sourceKind
  note
  isIllustrative
  status
  submittedAt
  reviewedAt
  reviewNote
  project {
    slug
    name
    nameZh
    category
  }
  indicator {
    key
    name
    nameZh
    unit
  }
  submittedBy {
    id
    name
    email
  }
  reviewedBy {
    id
    name
    email
  }
  anomaly {
    reason
    score
    basis
    flaggedAt
  }
  link {
    status
    httpStatus
    finalUrl
    checkedAt
    archivedUrl
    archivedAt
  }
  dispute {
    id
    status
    claim
  }
}`) as unknown as TypedDocumentString<EvidenceQuery, EvidenceQueryVariables>;
export const SubmitEvidenceDocument = new TypedDocumentString(`
    mutation SubmitEvidence($input: SubmitEvidenceInput!) {
  submitEvidence(input: $input) {
    ...EvidenceFields
  }
}
    fragment EvidenceFields on Evidence {
  id
  value
  sourceUrl
  canonicalUrl
  observedAt
  retrievedAt
  sourceKind
  note
  isIllustrative
  status
  submittedAt
  reviewedAt
  reviewNote
  project {
    slug
    name
    nameZh
    category
  }
  indicator {
    key
    name
    nameZh
    unit
  }
  submittedBy {
    id
    name
    email
  }
  reviewedBy {
    id
    name
    email
  }
  anomaly {
    reason
    score
    basis
    flaggedAt
  }
  link {
    status
    httpStatus
    finalUrl
    checkedAt
    archivedUrl
    archivedAt
  }
  dispute {
    id
    status
    claim
  }
}`) as unknown as TypedDocumentString<SubmitEvidenceMutation, SubmitEvidenceMutationVariables>;
export const ReviewEvidenceDocument = new TypedDocumentString(`
    mutation ReviewEvidence($id: ID!, $decision: ReviewDecision!, $note: String) {
  reviewEvidence(id: $id, decision: $decision, note: $note) {
    ...EvidenceFields
  }
}
    fragment EvidenceFields on Evidence {
  id
  value
  sourceUrl
  canonicalUrl
  observedAt
  retrievedAt
  sourceKind
  note
  isIllustrative
  status
  submittedAt
  reviewedAt
  reviewNote
  project {
    slug
    name
    nameZh
    category
  }
  indicator {
    key
    name
    nameZh
    unit
  }
  submittedBy {
    id
    name
    email
  }
  reviewedBy {
    id
    name
    email
  }
  anomaly {
    reason
    score
    basis
    flaggedAt
  }
  link {
    status
    httpStatus
    finalUrl
    checkedAt
    archivedUrl
    archivedAt
  }
  dispute {
    id
    status
    claim
  }
}`) as unknown as TypedDocumentString<ReviewEvidenceMutation, ReviewEvidenceMutationVariables>;
export const ReviewEvidenceBatchDocument = new TypedDocumentString(`
    mutation ReviewEvidenceBatch($ids: [ID!]!, $decision: ReviewDecision!, $note: String) {
  reviewEvidenceBatch(ids: $ids, decision: $decision, note: $note) {
    ...EvidenceFields
  }
}
    fragment EvidenceFields on Evidence {
  id
  value
  sourceUrl
  canonicalUrl
  observedAt
  retrievedAt
  sourceKind
  note
  isIllustrative
  status
  submittedAt
  reviewedAt
  reviewNote
  project {
    slug
    name
    nameZh
    category
  }
  indicator {
    key
    name
    nameZh
    unit
  }
  submittedBy {
    id
    name
    email
  }
  reviewedBy {
    id
    name
    email
  }
  anomaly {
    reason
    score
    basis
    flaggedAt
  }
  link {
    status
    httpStatus
    finalUrl
    checkedAt
    archivedUrl
    archivedAt
  }
  dispute {
    id
    status
    claim
  }
}`) as unknown as TypedDocumentString<ReviewEvidenceBatchMutation, ReviewEvidenceBatchMutationVariables>;
export const EvidenceItemDocument = new TypedDocumentString(`
    query EvidenceItem($id: ID!) {
  evidenceItem(id: $id) {
    ...EvidenceFields
    provenance {
      collector
      collectorVersion
      retrievedAt
      requestMethod
      requestUrl
      responseStatus
      responseSha256
      run {
        id
        status
      }
      rawResponse(maxBytes: 65536) {
        text
        bytes
        truncated
      }
    }
  }
}
    fragment EvidenceFields on Evidence {
  id
  value
  sourceUrl
  canonicalUrl
  observedAt
  retrievedAt
  sourceKind
  note
  isIllustrative
  status
  submittedAt
  reviewedAt
  reviewNote
  project {
    slug
    name
    nameZh
    category
  }
  indicator {
    key
    name
    nameZh
    unit
  }
  submittedBy {
    id
    name
    email
  }
  reviewedBy {
    id
    name
    email
  }
  anomaly {
    reason
    score
    basis
    flaggedAt
  }
  link {
    status
    httpStatus
    finalUrl
    checkedAt
    archivedUrl
    archivedAt
  }
  dispute {
    id
    status
    claim
  }
}`) as unknown as TypedDocumentString<EvidenceItemQuery, EvidenceItemQueryVariables>;
export const BrokenLinksDocument = new TypedDocumentString(`
    query BrokenLinks($statuses: [LinkStatus!], $first: Int, $offset: Int) {
  brokenLinks(statuses: $statuses, first: $first, offset: $offset) {
    totalCount
    edition {
      id
      year
      revision
    }
    nodes {
      dependence
      error
      errorKind
      link {
        status
        httpStatus
        finalUrl
        checkedAt
        archivedUrl
        archivedAt
      }
      evidence {
        id
        sourceUrl
        observedAt
        project {
          slug
          name
          nameZh
        }
        indicator {
          key
          name
          nameZh
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<BrokenLinksQuery, BrokenLinksQueryVariables>;
export const MethodologiesDocument = new TypedDocumentString(`
    query Methodologies {
  methodologies {
    id
    version
    title
    createdAt
    documentHash
  }
}
    `) as unknown as TypedDocumentString<MethodologiesQuery, MethodologiesQueryVariables>;
export const MethodologyDocument = new TypedDocumentString(`
    query Methodology($version: String) {
  methodology(version: $version) {
    id
    version
    title
    createdAt
    documentHash
    scale
    document
    indicators {
      ...IndicatorFields
    }
    dimensions {
      key
      name
      category
      indicators {
        key
      }
    }
  }
}
    fragment IndicatorFields on Indicator {
  key
  name
  nameZh
  unit
  description
}`) as unknown as TypedDocumentString<MethodologyQuery, MethodologyQueryVariables>;
export const IndicatorsDocument = new TypedDocumentString(`
    query Indicators($dimension: String) {
  indicators(dimension: $dimension) {
    ...IndicatorFields
  }
}
    fragment IndicatorFields on Indicator {
  key
  name
  nameZh
  unit
  description
}`) as unknown as TypedDocumentString<IndicatorsQuery, IndicatorsQueryVariables>;
export const UploadMethodologyDocument = new TypedDocumentString(`
    mutation UploadMethodology($document: String!) {
  uploadMethodology(document: $document) {
    methodology {
      id
      version
      title
      createdAt
      documentHash
    }
    problems {
      path
      message
    }
  }
}
    `) as unknown as TypedDocumentString<UploadMethodologyMutation, UploadMethodologyMutationVariables>;
export const ProjectsDocument = new TypedDocumentString(`
    query Projects($filter: ProjectFilter, $first: Int, $after: String) {
  projects(filter: $filter, first: $first, after: $after) {
    edges {
      cursor
      node {
        ...ProjectRowFields
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
    totalCount
  }
}
    fragment ProjectRowFields on Project {
  slug
  name
  nameZh
  category
  country
  status
  primaryOrganization {
    slug
    name
    nameZh
  }
}`) as unknown as TypedDocumentString<ProjectsQuery, ProjectsQueryVariables>;
export const ProjectDocument = new TypedDocumentString(`
    query Project($slug: String!) {
  project(slug: $slug) {
    ...ProjectDetailFields
  }
}
    fragment ProjectRowFields on Project {
  slug
  name
  nameZh
  category
  country
  status
  primaryOrganization {
    slug
    name
    nameZh
  }
}
fragment ProjectDetailFields on Project {
  id
  ...ProjectRowFields
  organizations {
    slug
    name
    nameZh
    country
  }
  repositoryUrl
  huggingfaceUrl
  homepageUrl
  license
  firstRelease
}`) as unknown as TypedDocumentString<ProjectQuery, ProjectQueryVariables>;
export const CreateProjectDocument = new TypedDocumentString(`
    mutation CreateProject($input: CreateProjectInput!) {
  createProject(input: $input) {
    ...ProjectDetailFields
  }
}
    fragment ProjectRowFields on Project {
  slug
  name
  nameZh
  category
  country
  status
  primaryOrganization {
    slug
    name
    nameZh
  }
}
fragment ProjectDetailFields on Project {
  id
  ...ProjectRowFields
  organizations {
    slug
    name
    nameZh
    country
  }
  repositoryUrl
  huggingfaceUrl
  homepageUrl
  license
  firstRelease
}`) as unknown as TypedDocumentString<CreateProjectMutation, CreateProjectMutationVariables>;
export const UpdateProjectDocument = new TypedDocumentString(`
    mutation UpdateProject($slug: String!, $input: UpdateProjectInput!) {
  updateProject(slug: $slug, input: $input) {
    ...ProjectDetailFields
  }
}
    fragment ProjectRowFields on Project {
  slug
  name
  nameZh
  category
  country
  status
  primaryOrganization {
    slug
    name
    nameZh
  }
}
fragment ProjectDetailFields on Project {
  id
  ...ProjectRowFields
  organizations {
    slug
    name
    nameZh
    country
  }
  repositoryUrl
  huggingfaceUrl
  homepageUrl
  license
  firstRelease
}`) as unknown as TypedDocumentString<UpdateProjectMutation, UpdateProjectMutationVariables>;
export const OrganizationsDocument = new TypedDocumentString(`
    query Organizations($filter: OrganizationFilter, $first: Int, $after: String) {
  organizations(filter: $filter, first: $first, after: $after) {
    edges {
      cursor
      node {
        ...OrganizationRowFields
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
    totalCount
  }
}
    fragment OrganizationRowFields on Organization {
  slug
  name
  nameZh
  country
  kind
  url
}`) as unknown as TypedDocumentString<OrganizationsQuery, OrganizationsQueryVariables>;
export const OrganizationDocument = new TypedDocumentString(`
    query Organization($slug: String!) {
  organization(slug: $slug) {
    id
    ...OrganizationRowFields
    projects {
      ...ProjectRowFields
    }
  }
}
    fragment ProjectRowFields on Project {
  slug
  name
  nameZh
  category
  country
  status
  primaryOrganization {
    slug
    name
    nameZh
  }
}
fragment OrganizationRowFields on Organization {
  slug
  name
  nameZh
  country
  kind
  url
}`) as unknown as TypedDocumentString<OrganizationQuery, OrganizationQueryVariables>;
export const CreateOrganizationDocument = new TypedDocumentString(`
    mutation CreateOrganization($input: CreateOrganizationInput!) {
  createOrganization(input: $input) {
    ...OrganizationRowFields
  }
}
    fragment OrganizationRowFields on Organization {
  slug
  name
  nameZh
  country
  kind
  url
}`) as unknown as TypedDocumentString<CreateOrganizationMutation, CreateOrganizationMutationVariables>;
export const UpdateOrganizationDocument = new TypedDocumentString(`
    mutation UpdateOrganization($slug: String!, $input: UpdateOrganizationInput!) {
  updateOrganization(slug: $slug, input: $input) {
    ...OrganizationRowFields
  }
}
    fragment OrganizationRowFields on Organization {
  slug
  name
  nameZh
  country
  kind
  url
}`) as unknown as TypedDocumentString<UpdateOrganizationMutation, UpdateOrganizationMutationVariables>;
export const WebhooksDocument = new TypedDocumentString(`
    query Webhooks {
  webhooks(includeDeleted: true) {
    ...WebhookFields
  }
}
    fragment WebhookFields on Webhook {
  id
  url
  description
  events
  enabled
  createdAt
  updatedAt
  deletedAt
}`) as unknown as TypedDocumentString<WebhooksQuery, WebhooksQueryVariables>;
export const WebhookDetailDocument = new TypedDocumentString(`
    query WebhookDetail($id: ID!, $first: Int, $after: String) {
  webhook(id: $id) {
    ...WebhookFields
    deliveries(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          event
          eventId
          status
          attempts
          lastResponseCode
          lastError
          lastDurationMs
          nextAttemptAt
          deliveredAt
          createdAt
          attemptLog {
            attemptedAt
            ok
            responseCode
            error
            durationMs
          }
        }
      }
    }
  }
}
    fragment WebhookFields on Webhook {
  id
  url
  description
  events
  enabled
  createdAt
  updatedAt
  deletedAt
}`) as unknown as TypedDocumentString<WebhookDetailQuery, WebhookDetailQueryVariables>;
export const CreateWebhookDocument = new TypedDocumentString(`
    mutation CreateWebhook($input: CreateWebhookInput!) {
  createWebhook(input: $input) {
    secret
    webhook {
      ...WebhookFields
    }
  }
}
    fragment WebhookFields on Webhook {
  id
  url
  description
  events
  enabled
  createdAt
  updatedAt
  deletedAt
}`) as unknown as TypedDocumentString<CreateWebhookMutation, CreateWebhookMutationVariables>;
export const UpdateWebhookDocument = new TypedDocumentString(`
    mutation UpdateWebhook($id: ID!, $input: UpdateWebhookInput!) {
  updateWebhook(id: $id, input: $input) {
    ...WebhookFields
  }
}
    fragment WebhookFields on Webhook {
  id
  url
  description
  events
  enabled
  createdAt
  updatedAt
  deletedAt
}`) as unknown as TypedDocumentString<UpdateWebhookMutation, UpdateWebhookMutationVariables>;
export const DeleteWebhookDocument = new TypedDocumentString(`
    mutation DeleteWebhook($id: ID!) {
  deleteWebhook(id: $id) {
    ...WebhookFields
  }
}
    fragment WebhookFields on Webhook {
  id
  url
  description
  events
  enabled
  createdAt
  updatedAt
  deletedAt
}`) as unknown as TypedDocumentString<DeleteWebhookMutation, DeleteWebhookMutationVariables>;
export const RedeliverWebhookDeliveryDocument = new TypedDocumentString(`
    mutation RedeliverWebhookDelivery($id: ID!) {
  redeliverWebhookDelivery(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<RedeliverWebhookDeliveryMutation, RedeliverWebhookDeliveryMutationVariables>;
export const WhatIfSetupDocument = new TypedDocumentString(`
    query WhatIfSetup($year: Int!, $revision: Int) {
  edition(year: $year, revision: $revision) {
    year
    revision
    title
    status
    dimensions {
      key
      name
      nodes {
        ... on GroupNode {
          key
          name
          weight
        }
        ... on IndicatorNode {
          weight
          indicator {
            key
            name
            nameZh
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<WhatIfSetupQuery, WhatIfSetupQueryVariables>;
export const WhatIfDocument = new TypedDocumentString(`
    query WhatIf($year: Int!, $revision: Int, $dimension: String!, $weights: [WeightInput!]!, $first: Int, $after: String) {
  edition(year: $year, revision: $revision) {
    whatIf(dimension: $dimension, weights: $weights, first: $first, after: $after) {
      edges {
        node {
          rank
          score
          officialRank
          officialScore
          rankChange
          project {
            slug
            name
            nameZh
            country
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
}
    `) as unknown as TypedDocumentString<WhatIfQuery, WhatIfQueryVariables>;
export const SignInDocument = new TypedDocumentString(`
    mutation SignIn($email: String!, $password: String!) {
  signIn(email: $email, password: $password) {
    user {
      id
      email
      name
      role
    }
    sessionId
  }
}
    `) as unknown as TypedDocumentString<SignInMutation, SignInMutationVariables>;
export const SessionCheckDocument = new TypedDocumentString(`
    query SessionCheck {
  viewer {
    kind
    user {
      id
      email
      name
      role
    }
  }
}
    `) as unknown as TypedDocumentString<SessionCheckQuery, SessionCheckQueryVariables>;
export const SignOutDocument = new TypedDocumentString(`
    mutation SignOut {
  signOut
}
    `) as unknown as TypedDocumentString<SignOutMutation, SignOutMutationVariables>;