/**
 * Users: sign-in for the admin app (throttled, uniform failures), sessions, the viewer, and user
 * management (scope admin). Tokens are verified in src/auth; every request with a user token looks up
 * its session and the user's current role, so a sign-out, a demotion, a disabled account or a
 * password change takes effect at once, in every API process (no cache).
 */
import { ROLE_SCOPES } from '@ranking/contracts';
import { signUserToken, TokenError, verifyUserToken } from '@ranking/contracts/auth';
import { hashPassword, ROLES, type Role, verifyPassword } from '@ranking/schema';
import { type Actor, requireScope } from '../../auth/actor';
import type { AppDeps, ServiceContext } from '../../context';
import { AppError, badInput, conflict, notFound } from '../../errors';
import { type Connection, type PageArgs, pageWindow, toConnection } from '../../lib/pagination';
import { inTransaction } from '../../lib/transaction';
import { requireId, requireText } from '../../lib/validate';
import type { Loaders } from '../../loaders';
import { recordAudit } from '../audit/service';
import {
  findLiveSessionUser,
  findUserCredentials,
  findUsersByIds,
  insertSession,
  insertUser,
  listUsers as listUserRows,
  revokeSession,
  revokeUserSessions,
  type UserRow,
  updateUserRow,
} from './store';

/** The parent of `UserConnection` resolvers (its `totalCount` is counted only when selected). */
export type UserConnectionModel = Connection<UserRow>;

/** Failed sign-ins allowed per window: per account, and per client address. */
export const SIGN_IN_LIMITS = { perAccount: 5, perAddress: 20, windowMs: 15 * 60_000 };

/** How long a sign-in session lasts (the admin's session cookie lives as long). */
export const SESSION_LIFETIME_MS = 8 * 60 * 60_000;

let dummyHash: Promise<string> | undefined;
/** A real argon2id hash to verify against when the account does not exist (same cost as a miss). */
const getDummyHash = () => {
  dummyHash ??= hashPassword('no such user: compare in constant time');
  return dummyHash;
};

export interface SignInResult {
  user: UserRow;
  token: string;
  expiresAt: Date;
  sessionId: string;
  sessionExpiresAt: Date;
}

export async function signIn(
  ctx: ServiceContext,
  emailInput: string,
  password: string,
): Promise<SignInResult> {
  const email = emailInput.trim().toLowerCase();
  const limits = ctx.deps.rateLimits;
  const accountKey = `signin:account:${email}`;
  const addressKey = `signin:address:${ctx.clientAddress}`;
  // Each attempt reserves its place in both windows before the password is checked, so parallel
  // requests cannot all slip past the limit while the first ones are still hashing; a success
  // hands its places back.
  const [account, address] = await Promise.all([
    limits.hit(accountKey, SIGN_IN_LIMITS.windowMs),
    limits.hit(addressKey, SIGN_IN_LIMITS.windowMs),
  ]);
  if (account.count > SIGN_IN_LIMITS.perAccount || address.count > SIGN_IN_LIMITS.perAddress) {
    const wait = Math.max(
      account.count > SIGN_IN_LIMITS.perAccount ? account.resetInMs : 0,
      address.count > SIGN_IN_LIMITS.perAddress ? address.resetInMs : 0,
    );
    throw new AppError('RATE_LIMITED', 'Too many failed sign-ins; try again later', {
      retryAfter: Math.max(1, Math.ceil(wait / 1000)),
    });
  }
  // Awaited on every path, so the one-time cost of making it is no signal of a missing account.
  const dummy = await getDummyHash();
  const user = email && password ? await findUserCredentials(ctx.db, email) : undefined;
  const ok = await verifyPassword(user?.passwordHash ?? dummy, password);
  if (!user || !ok || user.disabledAt !== null) {
    throw new AppError('UNAUTHENTICATED', 'Invalid email or password');
  }
  await Promise.all([limits.reset(accountKey), limits.release(addressKey)]);
  const { passwordHash: _hash, ...row } = user;
  const signedIn = { ...ctx, actor: actorOfUser(row) };
  const sessionExpiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
  const sessionId = await inTransaction(signedIn, async (tx) => {
    const id = await insertSession(tx, row.id, sessionExpiresAt);
    await recordAudit(tx, signedIn, {
      action: 'user.sign_in',
      entityType: 'user',
      entityId: row.id,
      after: { sessionId: id },
    });
    return id;
  });
  const { token, expiresAt } = await signUserToken(ctx.deps.authSecret, {
    userId: row.id,
    sessionId,
    role: row.role,
    email: row.email,
    name: row.name,
  });
  return { user: row, token, expiresAt, sessionId, sessionExpiresAt };
}

/** Ends the caller's own session: every token minted from it stops working on the next request. */
export async function signOut(ctx: ServiceContext): Promise<boolean> {
  const actor = ctx.actor;
  if (actor.kind !== 'user' || !actor.sessionId)
    throw new AppError('UNAUTHENTICATED', 'Only a signed-in user has a session to end');
  const sessionId = actor.sessionId;
  return inTransaction(ctx, async (tx) => {
    const ended = await revokeSession(tx, sessionId, 'sign_out');
    if (ended)
      await recordAudit(tx, ctx, {
        action: 'user.sign_out',
        entityType: 'user',
        entityId: actor.userId,
        after: { sessionId },
      });
    return ended;
  });
}

export const actorOfUser = (user: UserRow, sessionId?: string): Actor => ({
  kind: 'user',
  userId: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
  scopes: ROLE_SCOPES[user.role],
  ...(sessionId ? { sessionId } : {}),
});

/**
 * Resolves a bearer JWT to the user's current identity: its session must be live (not signed out or
 * revoked, not expired) and the user not disabled; the role is the one in the database now.
 */
export async function authenticateUserToken(deps: AppDeps, loaders: Loaders, token: string): Promise<Actor> {
  let verified: { userId: number; sessionId: string };
  try {
    verified = await verifyUserToken(deps.authSecret, token);
  } catch (error) {
    if (error instanceof TokenError) throw new AppError('UNAUTHENTICATED', error.message);
    throw error;
  }
  const { userId, sessionId } = verified;
  const user = await findLiveSessionUser(deps.db, sessionId, userId);
  if (!user) throw new AppError('UNAUTHENTICATED', 'Session ended; sign in again');
  loaders.userById.prime(user.id, user);
  return actorOfUser(user, sessionId);
}

export async function getUser(ctx: ServiceContext, id: number): Promise<UserRow | null> {
  return ctx.loaders.userById.load(id);
}

export async function listUsers(ctx: ServiceContext, page: PageArgs): Promise<Connection<UserRow>> {
  requireScope(ctx.actor, 'admin');
  ctx.cache.mark('private');
  const window = pageWindow(page, 50);
  const { rows, count } = await listUserRows(ctx.db, window);
  return toConnection(rows, window, count);
}

function checkRole(role: string): Role {
  if (!(ROLES as readonly string[]).includes(role)) throw badInput('role', 'Unknown role');
  return role as Role;
}

function checkPassword(password: string): string {
  if (password.length < 8) throw badInput('password', 'password must be at least 8 characters');
  if (password.length > 1000) throw badInput('password', 'password is too long');
  return password;
}

function checkEmail(email: string): string {
  const text = email.trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(text) || text.length > 320)
    throw badInput('email', 'email is not an address');
  return text;
}

export async function createUser(
  ctx: ServiceContext,
  input: { email: string; name: string; role: string; password: string },
): Promise<UserRow> {
  requireScope(ctx.actor, 'admin');
  const email = checkEmail(input.email);
  const name = requireText('name', input.name, 200);
  const role = checkRole(input.role);
  const passwordHash = await hashPassword(checkPassword(input.password));
  return inTransaction(ctx, async (tx) => {
    if (await findUserCredentials(tx, email)) throw conflict(`A user ${email} exists already`);
    const row = await insertUser(tx, { email, name, role, passwordHash });
    await recordAudit(tx, ctx, { action: 'user.create', entityType: 'user', entityId: row.id, after: row });
    return row;
  });
}

export async function updateUser(
  ctx: ServiceContext,
  id: string | number,
  input: { name?: string | null; role?: string | null; password?: string | null; disabled?: boolean | null },
): Promise<UserRow> {
  requireScope(ctx.actor, 'admin');
  const userId = requireId('id', id);
  const patch: { name?: string; role?: Role; passwordHash?: string; disabled?: boolean } = {};
  if (input.name !== undefined && input.name !== null) patch.name = requireText('name', input.name, 200);
  if (input.role !== undefined && input.role !== null) patch.role = checkRole(input.role);
  if (input.password !== undefined && input.password !== null) {
    patch.passwordHash = await hashPassword(checkPassword(input.password));
  }
  if (input.disabled !== undefined && input.disabled !== null) patch.disabled = input.disabled;
  if (
    ctx.actor.kind === 'user' &&
    ctx.actor.userId === userId &&
    (patch.disabled || (patch.role && patch.role !== 'admin'))
  ) {
    throw conflict('You cannot disable or demote yourself');
  }
  return inTransaction(ctx, async (tx) => {
    const [before] = await findUsersByIds(tx, [userId]);
    if (!before) throw notFound('User');
    const row = await updateUserRow(tx, userId, patch);
    if (!row) throw notFound('User');
    // A disabled user or a changed password ends the user's sessions (and the tokens minted from
    // them); someone changing their own password keeps the session they did it from.
    const ownSession =
      ctx.actor.kind === 'user' && ctx.actor.userId === userId ? ctx.actor.sessionId : undefined;
    const sessionsEnded = patch.disabled
      ? await revokeUserSessions(tx, userId, 'user_disabled')
      : patch.passwordHash
        ? await revokeUserSessions(tx, userId, 'password_changed', ownSession)
        : 0;
    await recordAudit(tx, ctx, {
      action: 'user.update',
      entityType: 'user',
      entityId: userId,
      before,
      after: {
        ...row,
        ...(patch.passwordHash ? { passwordChanged: true } : {}),
        ...(sessionsEnded > 0 ? { sessionsEnded } : {}),
      },
    });
    return row;
  });
}
