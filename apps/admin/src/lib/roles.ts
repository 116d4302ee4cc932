/**
 * Roles and scopes (docs/graphql-guide.md, Authentication). The API enforces them; the UI only uses
 * them to show what a person can do.
 */
export const ROLES = ['viewer', 'editor', 'reviewer', 'publisher', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type Scope =
  | 'read'
  | 'read:drafts'
  | 'evidence:write'
  | 'evidence:review'
  | 'editions:manage'
  | 'admin';
export const SCOPES: readonly Scope[] = [
  'read',
  'read:drafts',
  'evidence:write',
  'evidence:review',
  'editions:manage',
  'admin',
];

const ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  viewer: ['read', 'read:drafts'],
  editor: ['read', 'read:drafts', 'evidence:write'],
  reviewer: ['read', 'read:drafts', 'evidence:write', 'evidence:review'],
  publisher: ['read', 'read:drafts', 'evidence:write', 'evidence:review', 'editions:manage'],
  admin: SCOPES,
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function scopesOf(role: Role): readonly Scope[] {
  return ROLE_SCOPES[role];
}

export function hasScope(role: Role, scope: Scope): boolean {
  return ROLE_SCOPES[role].includes(scope);
}
