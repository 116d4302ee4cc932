/** Roles grant scopes cumulatively (docs/graphql-guide.md, Authentication); anonymous callers only read. */
import type { Role, Scope } from '@ranking/schema';

export const ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  viewer: ['read', 'read:drafts'],
  editor: ['read', 'read:drafts', 'evidence:write'],
  reviewer: ['read', 'read:drafts', 'evidence:write', 'evidence:review'],
  publisher: ['read', 'read:drafts', 'evidence:write', 'evidence:review', 'editions:manage'],
  admin: ['read', 'read:drafts', 'evidence:write', 'evidence:review', 'editions:manage', 'admin'],
};

export const ANONYMOUS_SCOPES: readonly Scope[] = ['read'];

/** `admin` implies every other scope, so a key minted with it can do what an admin user can. */
export function expandScopes(scopes: readonly Scope[]): Scope[] {
  if (scopes.includes('admin')) return [...ROLE_SCOPES.admin];
  return [...new Set<Scope>(['read', ...scopes])];
}
