/**
 * What clients see of an error: AppErrors with their code (and field), GraphQL's own request errors
 * without field suggestions, and everything else masked as INTERNAL_SERVER_ERROR (logged here, with
 * the id of the request it happened in: see `RequestErrors`).
 */
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AppError, fromDatabaseError } from '../errors';

/** Codes GraphQL and Apollo give to malformed requests: safe to show as they are. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'OPERATION_NOT_TRUSTED',
  'SERVICE_UNAVAILABLE',
]);

/**
 * Apollo's refusals of an automatic persisted query that carry no code of their own: a code for
 * clients to branch on (docs/graphql-guide.md, Errors). Apollo answers them with status 400.
 */
export const PERSISTED_QUERY_ERRORS: ReadonlyMap<string, string> = new Map([
  ['provided sha does not match query', 'PERSISTED_QUERY_HASH_MISMATCH'],
  ['Unsupported persisted query version', 'PERSISTED_QUERY_VERSION_NOT_SUPPORTED'],
]);

/** "Did you mean …?" reveals schema names; never shown to clients. */
export const stripSuggestions = (message: string) => message.replace(/ ?Did you mean .+\?$/s, '');

/** `…got invalid value 5 at "input.observedAt"; …` → `observedAt`. */
function fieldOfCoercionError(message: string): string | undefined {
  const at = /at "([^"]+)"/.exec(message);
  if (at?.[1]) return at[1].split('.').slice(1).join('.') || at[1];
  const variable = /Variable "\$([A-Za-z_][A-Za-z0-9_]*)"/.exec(message);
  return variable?.[1];
}

/** Writes an internal error's line; `requestId` when the error is known to belong to a request. */
export type ErrorLogger = (error: unknown, requestId: string | undefined) => void;

/**
 * Which request each error belongs to. Apollo's `formatError` is given the error alone; the request
 * is known where the error is first seen (the `didEncounterErrors` hook, which Apollo runs before it
 * formats them, and the context function, whose failure Apollo formats without running any hook).
 */
export class RequestErrors {
  readonly #requestIds = new WeakMap<object, string>();

  note(error: unknown, requestId: string): void {
    if (typeof error === 'object' && error !== null) this.#requestIds.set(error, requestId);
  }

  /** The request of `error`, or of an error it wraps (`originalError`, at any depth). */
  requestIdOf(error: unknown): string | undefined {
    for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 8; depth++) {
      const id = this.#requestIds.get(e);
      if (id !== undefined) return id;
      e = (e as { originalError?: unknown }).originalError;
    }
    return undefined;
  }
}

export function createFormatError(logError: ErrorLogger, requests: RequestErrors) {
  const log = (original: unknown, error: unknown) => logError(original, requests.requestIdOf(error));
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const unwrapped = unwrapResolverError(error);
    // A validation rule's refusal (the cost limit) arrives as a GraphQLError around an AppError.
    const original =
      unwrapped instanceof GraphQLError && unwrapped.originalError instanceof AppError
        ? unwrapped.originalError
        : unwrapped;
    const appError = original instanceof AppError ? original : fromDatabaseError(original);
    const base = {
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
    };
    if (appError) {
      if (appError.code === 'INTERNAL_SERVER_ERROR') {
        log(original, error);
        return { message: 'Internal server error', ...base, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
      }
      return {
        message: appError.message,
        ...base,
        extensions: {
          code: appError.code,
          ...(appError.field ? { field: appError.field } : {}),
          ...(appError.retryAfter !== undefined ? { retryAfter: appError.retryAfter } : {}),
          ...(appError.details ?? {}),
        },
      };
    }
    const persisted =
      original instanceof GraphQLError && original.extensions?.code === undefined
        ? PERSISTED_QUERY_ERRORS.get(original.message)
        : undefined;
    if (persisted) return { message: formatted.message, extensions: { code: persisted } };
    const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : undefined;
    if (code && REQUEST_ERROR_CODES.has(code)) {
      const message = stripSuggestions(formatted.message);
      const field =
        code === 'BAD_USER_INPUT' && formatted.extensions?.field === undefined
          ? fieldOfCoercionError(message)
          : undefined;
      return { ...formatted, message, extensions: { ...formatted.extensions, ...(field ? { field } : {}) } };
    }
    log(original ?? error, error);
    return { message: 'Internal server error', ...base, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
