/**
 * The internal values of the GraphQL enums: the database's spelling (GraphQL shows them upper-case;
 * the enum resolver maps in modules/common/resolvers.ts translate). Used by codegen's `enumValues`.
 */
export type {
  AnomalyBasis,
  CollectionRunStatus,
  ContestVisibility,
  CorrectionCause,
  CorrectionPolicy,
  DisputeStatus,
  EvidenceStatus,
  OrganizationKind,
  ProjectCategory as Category,
  ProjectSourceKind as SourceIdentifierKind,
  ProjectStatus,
  Role,
  Scope,
  SourceKind,
  WebhookDeliveryStatus,
} from '@ranking/schema';
export type EditionStatus = 'draft' | 'computed' | 'published';
export type ReviewDecision = 'approve' | 'reject';
export type ViewerKind = 'anonymous' | 'user' | 'api_key';
/** The methodology format's spellings (packages/scoring, docs/methodology-format.md). */
export type {
  AggregateMethod,
  CombineMethod,
  Direction,
  MissingPolicy,
  NormalizeMethod,
  RankBoundsMethod,
  ShareRule as ShareRuleKey,
  StalePolicy,
  TransformMethod,
} from '@ranking/scoring';
