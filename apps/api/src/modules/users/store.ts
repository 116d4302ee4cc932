/** SQL for admin users. Password hashes never leave this file except through `findUserCredentials`. */
import { type Executor, type Role, type SessionEndReason, sessions, users } from '@ranking/schema';
import { and, asc, eq, gt, inArray, isNull, lt, ne, sql } from 'drizzle-orm';

export interface UserRow {
  id: number;
  email: string;
  name: string;
  role: Role;
  createdAt: Date;
  disabledAt: Date | null;
}

const userColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  createdAt: users.createdAt,
  disabledAt: users.disabledAt,
};

export async function findUsersByIds(db: Executor, ids: readonly number[]): Promise<UserRow[]> {
  if (ids.length === 0) return [];
  return db
    .select(userColumns)
    .from(users)
    .where(inArray(users.id, [...ids]));
}

export async function findUserCredentials(
  db: Executor,
  email: string,
): Promise<(UserRow & { passwordHash: string }) | undefined> {
  const [row] = await db
    .select({ ...userColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1);
  return row;
}

export async function listUsers(
  db: Executor,
  window: { limit: number; offset: number },
): Promise<{ rows: UserRow[]; count: () => Promise<number> }> {
  const rows = await db
    .select(userColumns)
    .from(users)
    .orderBy(asc(users.id))
    .limit(window.limit + 1)
    .offset(window.offset);
  return { rows, count: () => countUsers(db) };
}

export async function insertUser(
  db: Executor,
  values: { email: string; name: string; role: Role; passwordHash: string },
): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning(userColumns);
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function updateUserRow(
  db: Executor,
  id: number,
  patch: { name?: string; role?: Role; passwordHash?: string; disabled?: boolean },
): Promise<UserRow | undefined> {
  const set: Partial<typeof users.$inferInsert> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.role !== undefined) set.role = patch.role;
  if (patch.passwordHash !== undefined) set.passwordHash = patch.passwordHash;
  if (patch.disabled !== undefined) set.disabledAt = patch.disabled ? new Date() : null;
  if (Object.keys(set).length === 0) {
    const [row] = await db.select(userColumns).from(users).where(eq(users.id, id));
    return row;
  }
  const [row] = await db.update(users).set(set).where(eq(users.id, id)).returning(userColumns);
  return row;
}

export async function countUsers(db: Executor): Promise<number> {
  const [row] = await db.select({ total: sql<number>`count(*)`.mapWith(Number) }).from(users);
  return row?.total ?? 0;
}

/** Opens a sign-in session; drops the user's sessions that have expired (they can never be used). */
export async function insertSession(db: Executor, userId: number, expiresAt: Date): Promise<string> {
  await db.delete(sessions).where(and(eq(sessions.userId, userId), lt(sessions.expiresAt, sql`now()`)));
  const [row] = await db.insert(sessions).values({ userId, expiresAt }).returning({ id: sessions.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

/**
 * The user of a live session (not revoked, not expired, user not disabled) — one primary-key lookup
 * joined to the user, run for every request with a user token.
 */
export async function findLiveSessionUser(
  db: Executor,
  sessionId: string,
  userId: number,
): Promise<UserRow | undefined> {
  const [row] = await db
    .select(userColumns)
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.id, sessionId),
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql`now()`),
        isNull(users.disabledAt),
      ),
    );
  return row;
}

/** Ends one session; false when it had ended already. */
export async function revokeSession(
  db: Executor,
  sessionId: string,
  reason: SessionEndReason,
): Promise<boolean> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: sql`now()`, reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length > 0;
}

/** Ends every live session of a user except `keep`; returns how many. */
export async function revokeUserSessions(
  db: Executor,
  userId: number,
  reason: SessionEndReason,
  keep?: string,
): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: sql`now()`, reason })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql`now()`),
        keep ? ne(sessions.id, keep) : undefined,
      ),
    )
    .returning({ id: sessions.id });
  return rows.length;
}
