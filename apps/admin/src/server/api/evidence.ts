/** Evidence and its review (apps/api/src/modules/evidence/schema.graphql). */
import 'server-only';
import { graphql } from '@/graphql/generated';
import type {
  EvidenceFieldsFragment,
  EvidenceFilter as EvidenceFilterInput,
  EvidenceItemQuery,
  EvidenceQuery,
  EvidenceStatus as EvidenceStatusEnum,
  ReviewDecision,
  SourceKind as SourceKindEnum,
  SubmitEvidenceInput as SubmitEvidenceInputType,
} from '@/graphql/generated/graphql';
import { enumValues } from '@/lib/enum-values';
import { request } from '../graphql';
import type { SessionUser } from '../session-user';

export type EvidenceStatus = EvidenceStatusEnum;
export const EVIDENCE_STATUSES = enumValues<EvidenceStatus>()(
  'PENDING',
  'APPROVED',
  'REJECTED',
  'SUPERSEDED',
);
export type SourceKind = SourceKindEnum;
export const SOURCE_KINDS = enumValues<SourceKind>()(
  'GITHUB',
  'HUGGINGFACE',
  'PYPI',
  'PAPER',
  'WEBSITE',
  'OTHER',
);

export type EvidenceItem = EvidenceFieldsFragment;
export type EvidenceFilter = EvidenceFilterInput;
export type SubmitEvidenceInput = SubmitEvidenceInputType;

graphql(`
  fragment EvidenceFields on Evidence {
    id value sourceUrl canonicalUrl observedAt retrievedAt sourceKind note isIllustrative status
    submittedAt reviewedAt reviewNote
    project { slug name nameZh category }
    indicator { key name nameZh unit }
    submittedBy { id name email }
    reviewedBy { id name email }
    anomaly { reason score basis flaggedAt }
    link { status httpStatus finalUrl checkedAt archivedUrl archivedAt }
    dispute { id status claim }
  }
`);

const EVIDENCE_SERIES = graphql(`
  query EvidenceSeries($filter: EvidenceFilter, $first: Int) {
    evidence(filter: $filter, first: $first) {
      edges { node { id value observedAt } }
    }
  }
`);

const EVIDENCE = graphql(`
  query Evidence($filter: EvidenceFilter, $first: Int, $after: String) {
    evidence(filter: $filter, first: $first, after: $after) {
      edges { cursor node { ...EvidenceFields } }
      pageInfo { hasNextPage endCursor }
      totalCount
    }
  }
`);

const SUBMIT_EVIDENCE = graphql(`
  mutation SubmitEvidence($input: SubmitEvidenceInput!) {
    submitEvidence(input: $input) { ...EvidenceFields }
  }
`);

const REVIEW_EVIDENCE = graphql(`
  mutation ReviewEvidence($id: ID!, $decision: ReviewDecision!, $note: String) {
    reviewEvidence(id: $id, decision: $decision, note: $note) { ...EvidenceFields }
  }
`);

const REVIEW_EVIDENCE_BATCH = graphql(`
  mutation ReviewEvidenceBatch($ids: [ID!]!, $decision: ReviewDecision!, $note: String) {
    reviewEvidenceBatch(ids: $ids, decision: $decision, note: $note) { ...EvidenceFields }
  }
`);

const EVIDENCE_ITEM = graphql(`
  query EvidenceItem($id: ID!) {
    evidenceItem(id: $id) {
      ...EvidenceFields
      provenance {
        collector collectorVersion retrievedAt requestMethod requestUrl responseStatus responseSha256
        run { id status }
        rawResponse(maxBytes: 65536) { text bytes truncated }
      }
    }
  }
`);

export async function findEvidence(
  user: SessionUser | null,
  filter: EvidenceFilter,
  first: number,
  after?: string | null,
): Promise<EvidenceQuery['evidence']> {
  const data = await request(EVIDENCE, { filter, first, after: after ?? null }, { user });
  return data.evidence;
}

export interface SeriesPoint {
  id: string;
  value: number;
  observedAt: string;
}

/**
 * A project's accepted values of one indicator (approved and superseded, the series anomaly flags
 * compare with; docs/data-model.md, "Anomaly flags"), oldest observation first: at most the 100 newest.
 */
export async function getAcceptedSeries(
  user: SessionUser,
  project: string,
  indicator: string,
): Promise<SeriesPoint[]> {
  const data = await request(
    EVIDENCE_SERIES,
    { filter: { project, indicator, status: ['APPROVED', 'SUPERSEDED'] }, first: 100 },
    { user },
  );
  return data.evidence.edges
    .map((e) => e.node)
    .sort((a, b) => a.observedAt.localeCompare(b.observedAt) || Number(a.id) - Number(b.id));
}

export async function submitEvidence(user: SessionUser, input: SubmitEvidenceInput): Promise<EvidenceItem> {
  const data = await request(SUBMIT_EVIDENCE, { input }, { user });
  return data.submitEvidence;
}

export async function reviewEvidence(
  user: SessionUser,
  id: string,
  decision: ReviewDecision,
  note: string | null,
): Promise<EvidenceItem> {
  const data = await request(REVIEW_EVIDENCE, { id, decision, note }, { user });
  return data.reviewEvidence;
}

/** Reviews several pending values in one transaction, all or nothing (`reviewEvidenceBatch`). */
export async function reviewEvidenceBatch(
  user: SessionUser,
  ids: string[],
  decision: ReviewDecision,
  note: string | null,
): Promise<EvidenceItem[]> {
  const data = await request(REVIEW_EVIDENCE_BATCH, { ids, decision, note }, { user });
  return data.reviewEvidenceBatch;
}

/** One value with where a collector got it (`provenance`, null for submitted and imported values). */
export type EvidenceItemWithProvenance = NonNullable<EvidenceItemQuery['evidenceItem']>;

export async function getEvidenceItem(
  user: SessionUser,
  id: string,
): Promise<EvidenceItemWithProvenance | null> {
  const data = await request(EVIDENCE_ITEM, { id }, { user });
  return data.evidenceItem;
}
