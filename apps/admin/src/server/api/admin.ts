/** Audit log and API keys, for administrators (apps/api/src/modules/{audit,api-keys}/schema.graphql). */
import 'server-only';
import { request } from '../graphql';
import type { SessionUser } from '../session-user';
import type { Connection, UserRef } from './common';
import { PAGE_INFO } from './common';

export interface AuditEntry {
  id: string;
  at: string;
  actorType: string;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export interface AuditFilter {
  entityType?: string | null;
  entityId?: string | null;
  action?: string | null;
}

export async function findAuditEntries(
  user: SessionUser,
  filter: AuditFilter,
  first: number,
  after?: string | null,
): Promise<Connection<AuditEntry>> {
  const data = await request<
    { auditLog: Connection<AuditEntry> },
    { filter: AuditFilter; first: number; after: string | null }
  >(
    `query AuditLog($filter: AuditLogFilter, $first: Int, $after: String) {
      auditLog(filter: $filter, first: $first, after: $after) {
        edges { cursor node { id at actorType actorLabel action entityType entityId before after requestId } }
        ${PAGE_INFO}
      }
    }`,
    { filter, first, after: after ?? null },
    { user },
  );
  return data.auditLog;
}

export type ApiScope =
  | 'READ'
  | 'READ_DRAFTS'
  | 'EVIDENCE_WRITE'
  | 'EVIDENCE_REVIEW'
  | 'EDITIONS_MANAGE'
  | 'ADMIN';
export const API_SCOPES: readonly ApiScope[] = [
  'READ',
  'READ_DRAFTS',
  'EVIDENCE_WRITE',
  'EVIDENCE_REVIEW',
  'EDITIONS_MANAGE',
  'ADMIN',
];

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  owner: UserRef | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const API_KEY = 'id name prefix scopes owner { id name email } createdAt lastUsedAt revokedAt';

export async function listApiKeys(user: SessionUser): Promise<ApiKey[]> {
  const data = await request<{ apiKeys: ApiKey[] }>(
    `query ApiKeys { apiKeys(includeRevoked: true) { ${API_KEY} } }`,
    undefined,
    { user },
  );
  return data.apiKeys;
}

export async function createApiKey(
  user: SessionUser,
  input: { name: string; scopes: ApiScope[] },
): Promise<{ apiKey: ApiKey; key: string }> {
  const data = await request<
    { createApiKey: { apiKey: ApiKey; key: string } },
    { input: { name: string; scopes: ApiScope[] } }
  >(
    `mutation CreateApiKey($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { ${API_KEY} } } }`,
    { input },
    { user },
  );
  return data.createApiKey;
}

export async function revokeApiKey(user: SessionUser, id: string): Promise<ApiKey> {
  const data = await request<{ revokeApiKey: ApiKey }, { id: string }>(
    `mutation RevokeApiKey($id: ID!) { revokeApiKey(id: $id) { ${API_KEY} } }`,
    { id },
    { user },
  );
  return data.revokeApiKey;
}
