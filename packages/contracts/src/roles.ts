/**
 * Roles and scopes (docs/graphql-guide.md, Authentication). The API enforces them; the admin app uses
 * them only to show what a person can do. The database's check constraints on `users.role` and
 * `api_keys.scopes` are written from these lists (packages/schema): adding one needs a migration.
 */
import { z } from 'zod';

export const ROLES = ['viewer', 'editor', 'reviewer', 'publisher', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const SCOPES = [
  'read',
  'read:drafts',
  'evidence:write',
  'evidence:review',
  'editions:manage',
  'disputes:write',
  'admin',
] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * A scope as the GraphQL `Scope` enum spells it: upper case, `:` as `_` (`read:drafts` → `READ_DRAFTS`).
 * The API maps each enum value back to its scope; the admin offers these values when minting keys.
 */
export type ScopeEnumValue<S extends Scope = Scope> = Uppercase<
  S extends `${infer A}:${infer B}` ? `${A}_${B}` : S
>;
export const scopeEnumValue = <S extends Scope>(scope: S) =>
  scope.toUpperCase().replace(':', '_') as ScopeEnumValue<S>;
export const SCOPE_ENUM_VALUES: readonly ScopeEnumValue[] = SCOPES.map(scopeEnumValue);
/** Each GraphQL `Scope` enum value's scope (the API's enum map). */
export const SCOPE_OF_ENUM_VALUE = Object.fromEntries(
  SCOPES.map((scope) => [scopeEnumValue(scope), scope]),
) as {
  [S in Scope as ScopeEnumValue<S>]: S;
};

export const roleSchema = z.enum(ROLES);
export const scopeSchema = z.enum(SCOPES);

/** Roles grant scopes cumulatively; `admin` has every scope. */
export const ROLE_SCOPES: Readonly<Record<Role, readonly Scope[]>> = {
  viewer: ['read', 'read:drafts'],
  editor: ['read', 'read:drafts', 'evidence:write'],
  reviewer: ['read', 'read:drafts', 'evidence:write', 'evidence:review'],
  publisher: ['read', 'read:drafts', 'evidence:write', 'evidence:review', 'editions:manage'],
  admin: SCOPES,
};

/** Anonymous callers only read published data. */
export const ANONYMOUS_SCOPES: readonly Scope[] = ['read'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && (SCOPES as readonly string[]).includes(value);
}

export function scopesOf(role: Role): readonly Scope[] {
  return ROLE_SCOPES[role];
}

export function roleHasScope(role: Role, scope: Scope): boolean {
  return ROLE_SCOPES[role].includes(scope);
}

/**
 * The scopes an API key with `scopes` acts with: every key reads, and `admin` implies every other
 * scope, so a key minted with it can do what an admin user can.
 */
export function expandScopes(scopes: readonly Scope[]): Scope[] {
  if (scopes.includes('admin')) return [...ROLE_SCOPES.admin];
  return [...new Set<Scope>(['read', ...scopes])];
}
