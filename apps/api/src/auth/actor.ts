/** Who is calling: the identity every service checks scopes against and records in the audit log. */
import { ANONYMOUS_SCOPES, type Role, SCOPES, type Scope } from '@ranking/contracts';
import { AppError } from '../errors';

export type Actor =
  | { kind: 'anonymous'; scopes: readonly Scope[] }
  | {
      kind: 'user';
      userId: number;
      email: string;
      name: string;
      role: Role;
      scopes: readonly Scope[];
      /** The sign-in session the caller's token was minted from (absent only inside `signIn`). */
      sessionId?: string;
    }
  | {
      kind: 'api_key';
      apiKeyId: number;
      name: string;
      ownerId: number | null;
      scopes: readonly Scope[];
      /** The key may run only its registered documents (modules/api-keys/documents.ts). */
      trustedDocumentsOnly?: boolean;
    }
  | { kind: 'system'; label: string; scopes: readonly Scope[] };

/** The operator CLI and background work act with every scope. */
export const SYSTEM_SCOPES: readonly Scope[] = SCOPES;

export const systemActor = (label = 'cli'): Actor => ({ kind: 'system', label, scopes: SYSTEM_SCOPES });
export const anonymousActor = (): Actor => ({ kind: 'anonymous', scopes: ANONYMOUS_SCOPES });

export function hasScope(actor: Actor, scope: Scope): boolean {
  return actor.scopes.includes(scope);
}

/** Throws UNAUTHENTICATED for anonymous callers and FORBIDDEN for callers lacking the scope. */
export function requireScope(actor: Actor, scope: Scope): void {
  if (hasScope(actor, scope)) return;
  if (actor.kind === 'anonymous')
    throw new AppError('UNAUTHENTICATED', `Sign in or use an API key with scope ${scope}`);
  throw new AppError('FORBIDDEN', `Requires scope ${scope}`);
}

/** The user id to store in `*_by` columns, when the actor is a person. */
export function actorUserId(actor: Actor): number | null {
  if (actor.kind === 'user') return actor.userId;
  if (actor.kind === 'api_key') return actor.ownerId;
  return null;
}

export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'user':
      return actor.email;
    case 'api_key':
      return `key:${actor.name}`;
    case 'system':
      return `system:${actor.label}`;
    default:
      return 'anonymous';
  }
}
