/**
 * What the database says when it refuses a write, read the same way on both drivers (postgres.js
 * `PostgresError`, PGlite `DatabaseError`, either wrapped by drizzle's `DrizzleQueryError`).
 */

/** SQLSTATEs raised by the guard triggers of drizzle/0001_guards.sql, each with its message prefix. */
export const GUARD_ERRORS = {
  publishedEditionReadOnly: { sqlstate: 'RK001', prefix: 'published edition is read-only' },
  auditLogAppendOnly: { sqlstate: 'RK002', prefix: 'audit log is append-only' },
  methodologyImmutable: { sqlstate: 'RK003', prefix: 'methodology is immutable' },
  reviewedEvidenceImmutable: { sqlstate: 'RK004', prefix: 'reviewed evidence is immutable' },
  evidenceInUse: { sqlstate: 'RK005', prefix: 'evidence is in use' },
  auditChainHead: { sqlstate: 'RK006', prefix: 'audit chain head is maintained by the audit log' },
} as const;

export type GuardError = keyof typeof GUARD_ERRORS;

/** Standard SQLSTATEs callers commonly map. */
export const SQLSTATE = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  checkViolation: '23514',
  notNullViolation: '23502',
  serializationFailure: '40001',
  deadlockDetected: '40P01',
} as const;

export interface DatabaseErrorInfo {
  /** SQLSTATE, e.g. `23514` or `RK001`. */
  code: string;
  message: string;
  /** The violated constraint's name, when the server names one. */
  constraint: string | null;
  detail: string | null;
  /** Which guard trigger refused the write, if one did. */
  guard: GuardError | null;
}

const field = (value: object, key: string): unknown => (value as Record<string, unknown>)[key];

/**
 * Finds the server error in `error` or its `cause` chain; null when there is none (e.g. a network
 * error or a bug in our code).
 */
export function getDatabaseError(error: unknown): DatabaseErrorInfo | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = field(current, 'code');
    const message = field(current, 'message');
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && typeof message === 'string') {
      const constraint = field(current, 'constraint_name') ?? field(current, 'constraint');
      const detail = field(current, 'detail');
      const guard =
        (Object.keys(GUARD_ERRORS) as GuardError[]).find((key) => GUARD_ERRORS[key].sqlstate === code) ??
        null;
      return {
        code,
        message,
        constraint: typeof constraint === 'string' ? constraint : null,
        detail: typeof detail === 'string' ? detail : null,
        guard,
      };
    }
    current = field(current, 'cause');
  }
  return null;
}
