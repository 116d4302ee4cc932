/** Audit log and API keys, for administrators (apps/api/src/modules/{audit,api-keys}/schema.graphql). */
import 'server-only';
import { SCOPE_ENUM_VALUES } from '@ranking/contracts';
import { graphql } from '@/graphql/generated';
import type { ApiKeyFieldsFragment, AuditLogFilter, AuditLogQuery, Scope } from '@/graphql/generated/graphql';
import { request } from '../graphql';
import type { SessionUser } from '../session-user';

export type AuditEntry = AuditLogQuery['auditLog']['edges'][number]['node'];
export type AuditFilter = AuditLogFilter;

const AUDIT_LOG = graphql(`
  query AuditLog($filter: AuditLogFilter, $first: Int, $after: String) {
    auditLog(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node { id at actorType actorLabel action entityType entityId before after requestId }
      }
      pageInfo { hasNextPage endCursor }
      totalCount
    }
  }
`);

export async function findAuditEntries(
  user: SessionUser,
  filter: AuditFilter,
  first: number,
  after?: string | null,
): Promise<AuditLogQuery['auditLog']> {
  const data = await request(AUDIT_LOG, { filter, first, after: after ?? null }, { user });
  return data.auditLog;
}

export type ApiScope = Scope;
/** The scopes a key may be minted with, as the GraphQL enum spells them (@ranking/contracts). */
export const API_SCOPES: readonly ApiScope[] = SCOPE_ENUM_VALUES;

export type ApiKey = ApiKeyFieldsFragment;

graphql(`
  fragment ApiKeyFields on ApiKey {
    id name prefix scopes owner { id name email } createdAt lastUsedAt revokedAt
  }
`);

const API_KEYS = graphql(`
  query ApiKeys {
    apiKeys(includeRevoked: true) { ...ApiKeyFields }
  }
`);

const CREATE_API_KEY = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) { key apiKey { ...ApiKeyFields } }
  }
`);

const REVOKE_API_KEY = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) { ...ApiKeyFields }
  }
`);

export async function listApiKeys(user: SessionUser): Promise<ApiKey[]> {
  const data = await request(API_KEYS, {}, { user });
  return data.apiKeys;
}

export async function createApiKey(
  user: SessionUser,
  input: { name: string; scopes: ApiScope[] },
): Promise<{ apiKey: ApiKey; key: string }> {
  const data = await request(CREATE_API_KEY, { input }, { user });
  return data.createApiKey;
}

export async function revokeApiKey(user: SessionUser, id: string): Promise<ApiKey> {
  const data = await request(REVOKE_API_KEY, { id }, { user });
  return data.revokeApiKey;
}
