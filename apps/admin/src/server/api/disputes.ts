/** Disputes (apps/api/src/modules/disputes/schema.graphql): public submission and decision page, reviewers' triage. */
import 'server-only';
import { graphql } from '@/graphql/generated';
import type {
  DisputeFieldsFragment,
  DisputeStatus as DisputeStatusEnum,
  SubmitDisputeInput,
} from '@/graphql/generated/graphql';
import { enumValues } from '@/lib/enum-values';
import { request } from '../graphql';
import type { SessionUser } from '../session-user';

export type DisputeStatus = DisputeStatusEnum;
export const DISPUTE_STATUSES = enumValues<DisputeStatus>()('OPEN', 'ACCEPTED', 'REJECTED', 'WITHDRAWN');
export type DisputeItem = DisputeFieldsFragment;

graphql(`
  fragment DisputeFields on Dispute {
    id status reason claim proposedValue sourceUrl createdAt decidedAt
    project { slug name nameZh }
    indicator { key name nameZh unit }
    edition { id year revision }
    evidence { id status }
  }
`);

const SUBMIT_DISPUTE = graphql(`
  mutation SubmitDispute($input: SubmitDisputeInput!) {
    submitDispute(input: $input) { id status withdrawalToken }
  }
`);

const DISPUTE = graphql(`
  query Dispute($id: ID!) {
    dispute(id: $id) { ...DisputeFields }
  }
`);

const DISPUTES = graphql(`
  query Disputes($filter: DisputeFilter, $first: Int, $after: String) {
    disputes(filter: $filter, first: $first, after: $after) {
      edges { cursor node { ...DisputeFields } }
      pageInfo { hasNextPage endCursor }
      totalCount
    }
  }
`);

const ACCEPT_DISPUTE = graphql(`
  mutation AcceptDispute($id: ID!, $reason: String, $sourceUrl: String) {
    acceptDispute(id: $id, reason: $reason, sourceUrl: $sourceUrl) { ...DisputeFields }
  }
`);

const REJECT_DISPUTE = graphql(`
  mutation RejectDispute($id: ID!, $reason: String!) {
    rejectDispute(id: $id, reason: $reason) { ...DisputeFields }
  }
`);

/** Submits anonymously (the browser's signed address is forwarded, so the API's per-address limit applies). */
export async function submitDispute(input: SubmitDisputeInput, contestToken?: string) {
  const data = await request(SUBMIT_DISPUTE, { input }, { contestToken });
  return data.submitDispute;
}

export async function getDispute(id: string): Promise<DisputeItem | null> {
  const data = await request(DISPUTE, { id });
  return data.dispute;
}

export async function findDisputes(
  user: SessionUser,
  filter: { status?: readonly DisputeStatus[]; edition?: string; project?: string },
  first: number,
  after?: string | null,
) {
  const data = await request(
    DISPUTES,
    {
      filter: {
        ...(filter.status ? { status: [...filter.status] } : {}),
        edition: filter.edition ?? null,
        project: filter.project ?? null,
      },
      first,
      after: after ?? null,
    },
    { user },
  );
  return data.disputes;
}

export async function acceptDispute(
  user: SessionUser,
  id: string,
  reason: string | null,
  sourceUrl: string | null,
) {
  const data = await request(ACCEPT_DISPUTE, { id, reason, sourceUrl }, { user });
  return data.acceptDispute;
}

export async function rejectDispute(user: SessionUser, id: string, reason: string) {
  const data = await request(REJECT_DISPUTE, { id, reason }, { user });
  return data.rejectDispute;
}
