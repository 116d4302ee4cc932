/**
 * One error type for every expected failure, with an enumerated code (the list is in
 * @ranking/contracts, shared with the admin app). The code is what clients branch on
 * (`extensions.code`); the table below is the only place that maps it to transport.
 */
import { HeaderMap } from '@apollo/server';
import type { ErrorCode } from '@ranking/contracts';
import { GraphQLError } from 'graphql';

/** extensions.code → HTTP status when the error ends the request before execution (context errors). */
export const ERROR_HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  QUERY_TOO_COSTLY: 400,
  OPERATION_NOT_TRUSTED: 403,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
};

/** What `extensions` may carry besides the code: plain values and lists of keys. */
export type ErrorDetails = Record<string, string | number | boolean | null | readonly (string | number)[]>;

export interface AppErrorOptions {
  /** The input field at fault (BAD_USER_INPUT), as a dotted path relative to the argument. */
  field?: string;
  /** Seconds until a rate-limited caller may retry. */
  retryAfter?: number;
  /** Extra, safe-to-show details (e.g. the id of the existing duplicate, the valid keys). */
  details?: ErrorDetails;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly retryAfter: number | undefined;
  readonly details: ErrorDetails | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.field = options.field;
    this.retryAfter = options.retryAfter;
    this.details = options.details;
  }
}

export const badInput = (field: string, message: string) =>
  new AppError('BAD_USER_INPUT', message, { field });
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const conflict = (message: string, details?: AppErrorOptions['details']) =>
  new AppError('CONFLICT', message, details ? { details } : {});
export const forbidden = (message = 'Not allowed') => new AppError('FORBIDDEN', message);

/**
 * The GraphQL error for an AppError. `withHttpStatus` is for errors that end a request before
 * execution (authentication, rate limits): Apollo then answers with the table's HTTP status.
 */
export function toGraphQLError(error: AppError, options: { withHttpStatus?: boolean } = {}): GraphQLError {
  const headers = new HeaderMap();
  if (error.retryAfter !== undefined) headers.set('retry-after', String(error.retryAfter));
  return new GraphQLError(error.message, {
    extensions: {
      code: error.code,
      ...(error.field ? { field: error.field } : {}),
      ...(error.retryAfter !== undefined ? { retryAfter: error.retryAfter } : {}),
      ...(error.details ?? {}),
      ...(options.withHttpStatus ? { http: { status: ERROR_HTTP_STATUS[error.code], headers } } : {}),
    },
  });
}

/** The SQLSTATE of a database error, looking through driver and ORM wrappers. */
export function sqlState(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Whether the error is the database connection failing (server restarting, unreachable, pool
 * closed): the request may be retried, so it is SERVICE_UNAVAILABLE, not an internal error.
 * SQLSTATE class 08 and 57P01–57P03, or the driver's and Node's connection error codes.
 */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
]);

export function isConnectionError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (CONNECTION_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code) || /^57P0[1-3]$/.test(code)) return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Constraint or trigger message of a database error, for logs only. */
function constraintOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const c = (current as { constraint?: unknown; constraint_name?: unknown }).constraint;
    const cn = (current as { constraint_name?: unknown }).constraint_name;
    if (typeof c === 'string') return c;
    if (typeof cn === 'string') return cn;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** `projects_first_release_check` → `firstRelease`. */
function fieldOfConstraint(constraint: string): string {
  const column = constraint.replace(/^[a-z]+_/, '').replace(/_(check|key|fkey)$/, '');
  return column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/**
 * Maps what the database refuses to an AppError: the database is the last line of defence
 * (constraints, immutability triggers), so its refusals are client errors, not crashes.
 */
export function fromDatabaseError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (isConnectionError(error))
    return new AppError('SERVICE_UNAVAILABLE', 'The database is unavailable; try again', { cause: error });
  const state = sqlState(error);
  if (!state) return undefined;
  const constraint = constraintOf(error);
  switch (state) {
    case '23505':
      return new AppError('CONFLICT', 'Already exists', {
        cause: error,
        ...(constraint ? { details: { constraint } } : {}),
      });
    case '23514':
    case '23502':
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
    case '22021':
    case '22P05':
      return new AppError('BAD_USER_INPUT', 'Invalid value', {
        cause: error,
        ...(constraint ? { field: fieldOfConstraint(constraint) } : {}),
      });
    case '23503':
      return new AppError('BAD_USER_INPUT', 'Refers to something that does not exist', { cause: error });
    // Serialization failures: the caller may retry.
    case '40001':
    case '40P01':
      return new AppError('CONFLICT', 'The data changed concurrently; try again', { cause: error });
    // Guards of packages/schema (drizzle/0001_guards.sql): RK001 published edition, RK003
    // methodology, RK004 reviewed evidence, RK005 evidence in use — workflow conflicts;
    // RK002/RK006 append-only audit log — never allowed.
    case 'RK001':
      return new AppError('CONFLICT', 'A published edition is read-only', { cause: error });
    case 'RK003':
      return new AppError('CONFLICT', 'A methodology version is immutable', { cause: error });
    case 'RK004':
      return new AppError('CONFLICT', 'Reviewed evidence is immutable', { cause: error });
    case 'RK005':
      return new AppError('CONFLICT', 'The evidence is in use', { cause: error });
    case 'RK002':
    case 'RK006':
    case '42501':
      return new AppError('FORBIDDEN', 'The audit log is append-only', { cause: error });
    case '57014':
    case '53300':
      return new AppError('SERVICE_UNAVAILABLE', 'The database is busy; try again', { cause: error });
    default:
      return undefined;
  }
}
