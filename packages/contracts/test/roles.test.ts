import { describe, expect, it } from 'vitest';
import {
  expandScopes,
  isRole,
  ROLE_SCOPES,
  ROLES,
  roleHasScope,
  SCOPE_ENUM_VALUES,
  SCOPE_OF_ENUM_VALUE,
  SCOPES,
  scopesOf,
} from '../src/index';

describe('roles and scopes (docs/graphql-guide.md, Authentication)', () => {
  it('grants scopes cumulatively, each role one more than the one before', () => {
    expect(ROLE_SCOPES).toEqual({
      viewer: ['read', 'read:drafts'],
      editor: ['read', 'read:drafts', 'evidence:write'],
      reviewer: ['read', 'read:drafts', 'evidence:write', 'evidence:review'],
      publisher: ['read', 'read:drafts', 'evidence:write', 'evidence:review', 'editions:manage'],
      admin: [
        'read',
        'read:drafts',
        'evidence:write',
        'evidence:review',
        'editions:manage',
        'disputes:write',
        'admin',
      ],
    });
    // `disputes:write` is for API keys of institutions: no role but admin (every scope) has it.
    for (const [i, role] of ROLES.entries()) if (role !== 'admin') expect(scopesOf(role)).toHaveLength(i + 2);
    expect(scopesOf('admin')).toEqual(SCOPES);
  });

  it('roleHasScope', () => {
    expect(roleHasScope('editor', 'evidence:write')).toBe(true);
    expect(roleHasScope('editor', 'evidence:review')).toBe(false);
    for (const scope of SCOPES) expect(roleHasScope('admin', scope)).toBe(true);
  });

  it('isRole accepts exactly the five roles', () => {
    expect(ROLES.every(isRole)).toBe(true);
    expect(isRole('Admin')).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });

  it('expandScopes: every key reads; admin implies every scope', () => {
    expect(expandScopes(['evidence:write'])).toEqual(['read', 'evidence:write']);
    expect(expandScopes(['read', 'read'])).toEqual(['read']);
    expect(expandScopes(['admin'])).toEqual([...SCOPES]);
  });

  it('spells scopes as the GraphQL Scope enum does (apps/api/schema.graphql)', () => {
    expect(SCOPE_ENUM_VALUES).toEqual([
      'READ',
      'READ_DRAFTS',
      'EVIDENCE_WRITE',
      'EVIDENCE_REVIEW',
      'EDITIONS_MANAGE',
      'DISPUTES_WRITE',
      'ADMIN',
    ]);
    expect(SCOPE_OF_ENUM_VALUE.READ_DRAFTS).toBe('read:drafts');
    expect(Object.keys(SCOPE_OF_ENUM_VALUE)).toHaveLength(SCOPES.length);
  });
});
