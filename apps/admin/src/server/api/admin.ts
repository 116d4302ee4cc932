/** Audit log and API keys, for administrators (apps/api/src/modules/{audit,api-keys}/schema.graphql). */
import 'server-only';
import { SCOPE_ENUM_VALUES } from '@ranking/contracts';
import { graphql } from '@/graphql/generated';
import type {
  ApiKeyFieldsFragment,
  ApiKeysQuery,
  AuditLogFilter,
  AuditLogQuery,
  Scope,
} from '@/graphql/generated/graphql';
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
/** A key as the API keys page shows it: with its trusted documents and its last 30 days of use. */
export type ApiKeyWithUsage = ApiKeysQuery['apiKeys'][number];

graphql(`
  fragment ApiKeyFields on ApiKey {
    id name prefix scopes owner { id name email } createdAt lastUsedAt revokedAt
  }
`);

const API_KEYS = graphql(`
  query ApiKeys {
    apiKeys(includeRevoked: true) {
      ...ApiKeyFields
      trustedDocumentsOnly
      trustedDocuments { hash name createdAt }
      usage(days: 30) {
        day requests errors rateLimited
        operations { name count }
        deprecatedFields { field count }
      }
    }
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

const REGISTER_TRUSTED_DOCUMENT = graphql(`
  mutation RegisterTrustedDocument($input: RegisterTrustedDocumentInput!) {
    registerTrustedDocument(input: $input) { hash name }
  }
`);

const REMOVE_TRUSTED_DOCUMENT = graphql(`
  mutation RemoveTrustedDocument($apiKeyId: ID!, $hash: String!) {
    removeTrustedDocument(apiKeyId: $apiKeyId, hash: $hash) { hash }
  }
`);

const SET_TRUSTED_DOCUMENTS_ONLY = graphql(`
  mutation SetApiKeyTrustedDocumentsOnly($id: ID!, $only: Boolean!) {
    setApiKeyTrustedDocumentsOnly(id: $id, only: $only) { id trustedDocumentsOnly }
  }
`);

export async function registerTrustedDocument(
  user: SessionUser,
  input: { apiKeyId: string; document: string; name: string | null },
): Promise<{ hash: string; name: string }> {
  const data = await request(REGISTER_TRUSTED_DOCUMENT, { input }, { user });
  return data.registerTrustedDocument;
}

export async function removeTrustedDocument(
  user: SessionUser,
  apiKeyId: string,
  hash: string,
): Promise<void> {
  await request(REMOVE_TRUSTED_DOCUMENT, { apiKeyId, hash }, { user });
}

export async function setTrustedDocumentsOnly(user: SessionUser, id: string, only: boolean): Promise<void> {
  await request(SET_TRUSTED_DOCUMENTS_ONLY, { id, only }, { user });
}

export async function listApiKeys(user: SessionUser): Promise<ApiKeyWithUsage[]> {
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
