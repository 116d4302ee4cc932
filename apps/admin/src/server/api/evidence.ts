/** Evidence and its review (apps/api/src/modules/evidence/schema.graphql). */
import 'server-only';
import { request } from '../graphql';
import type { SessionUser } from '../session-user';
import type { Connection, NamedRef, UserRef } from './common';
import { PAGE_INFO } from './common';

export type EvidenceStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'SUPERSEDED';
export const EVIDENCE_STATUSES: readonly EvidenceStatus[] = ['PENDING', 'APPROVED', 'REJECTED', 'SUPERSEDED'];
export type SourceKind = 'GITHUB' | 'HUGGINGFACE' | 'PYPI' | 'PAPER' | 'WEBSITE' | 'OTHER';
export const SOURCE_KINDS: readonly SourceKind[] = [
  'GITHUB',
  'HUGGINGFACE',
  'PYPI',
  'PAPER',
  'WEBSITE',
  'OTHER',
];

export interface EvidenceItem {
  id: string;
  project: NamedRef & { category: string };
  indicator: { key: string; name: string; nameZh: string | null; unit: string | null };
  value: number;
  sourceUrl: string;
  canonicalUrl: string;
  observedAt: string;
  retrievedAt: string | null;
  sourceKind: SourceKind;
  note: string | null;
  isIllustrative: boolean;
  status: EvidenceStatus;
  submittedAt: string;
  submittedBy: UserRef | null;
  reviewedBy: UserRef | null;
  reviewedAt: string | null;
  reviewNote: string | null;
}

export const EVIDENCE_FIELDS = `id value sourceUrl canonicalUrl observedAt retrievedAt sourceKind note isIllustrative status
  submittedAt reviewedAt reviewNote
  project { slug name nameZh category }
  indicator { key name nameZh unit }
  submittedBy { id name email }
  reviewedBy { id name email }`;

export interface EvidenceFilter {
  project?: string | null;
  indicator?: string | null;
  status?: EvidenceStatus[] | null;
  /** A dimension key: evidence of the projects whose category is that dimension. */
  dimension?: string | null;
  /** An organization slug: evidence of the projects whose organizations include it. */
  organization?: string | null;
}

export async function findEvidence(
  user: SessionUser | null,
  filter: EvidenceFilter,
  first: number,
  after?: string | null,
): Promise<Connection<EvidenceItem>> {
  const data = await request<
    { evidence: Connection<EvidenceItem> },
    { filter: EvidenceFilter; first: number; after: string | null }
  >(
    `query Evidence($filter: EvidenceFilter, $first: Int, $after: String) {
      evidence(filter: $filter, first: $first, after: $after) {
        edges { cursor node { ${EVIDENCE_FIELDS} } }
        ${PAGE_INFO}
      }
    }`,
    { filter, first, after: after ?? null },
    { user },
  );
  return data.evidence;
}

export interface SubmitEvidenceInput {
  project: string;
  indicator: string;
  value: number;
  sourceUrl: string;
  observedAt: string;
  sourceKind: SourceKind;
  note: string | null;
}

export async function submitEvidence(user: SessionUser, input: SubmitEvidenceInput): Promise<EvidenceItem> {
  const data = await request<{ submitEvidence: EvidenceItem }, { input: SubmitEvidenceInput }>(
    `mutation SubmitEvidence($input: SubmitEvidenceInput!) { submitEvidence(input: $input) { ${EVIDENCE_FIELDS} } }`,
    { input },
    { user },
  );
  return data.submitEvidence;
}

export async function reviewEvidence(
  user: SessionUser,
  id: string,
  decision: 'APPROVE' | 'REJECT',
  note: string | null,
): Promise<EvidenceItem> {
  const data = await request<
    { reviewEvidence: EvidenceItem },
    { id: string; decision: 'APPROVE' | 'REJECT'; note: string | null }
  >(
    `mutation ReviewEvidence($id: ID!, $decision: ReviewDecision!, $note: String) {
      reviewEvidence(id: $id, decision: $decision, note: $note) { ${EVIDENCE_FIELDS} }
    }`,
    { id, decision, note },
    { user },
  );
  return data.reviewEvidence;
}

/** Reviews several pending values in one transaction, all or nothing (`reviewEvidenceBatch`). */
export async function reviewEvidenceBatch(
  user: SessionUser,
  ids: string[],
  decision: 'APPROVE' | 'REJECT',
  note: string | null,
): Promise<EvidenceItem[]> {
  const data = await request<
    { reviewEvidenceBatch: EvidenceItem[] },
    { ids: string[]; decision: 'APPROVE' | 'REJECT'; note: string | null }
  >(
    `mutation ReviewEvidenceBatch($ids: [ID!]!, $decision: ReviewDecision!, $note: String) {
      reviewEvidenceBatch(ids: $ids, decision: $decision, note: $note) { ${EVIDENCE_FIELDS} }
    }`,
    { ids, decision, note },
    { user },
  );
  return data.reviewEvidenceBatch;
}

export async function getEvidenceItem(user: SessionUser, id: string): Promise<EvidenceItem | null> {
  const data = await request<{ evidenceItem: EvidenceItem | null }, { id: string }>(
    `query EvidenceItem($id: ID!) { evidenceItem(id: $id) { ${EVIDENCE_FIELDS} } }`,
    { id },
    { user },
  );
  return data.evidenceItem;
}
