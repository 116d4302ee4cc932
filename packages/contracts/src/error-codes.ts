/**
 * The codes of GraphQL errors' `extensions.code` (docs/graphql-guide.md, Errors): what clients branch
 * on. A code is a word, never a sentence.
 */

/** The codes of the API's one error type (AppError): every expected failure has one of these. */
export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'QUERY_TOO_COSTLY',
  'OPERATION_NOT_TRUSTED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Codes the API's HTTP layer answers before GraphQL runs (a body over the size limit, a body that
 * is not JSON, a wrong method or content type).
 */
export const HTTP_ERROR_CODES = [
  'PAYLOAD_TOO_LARGE',
  'BAD_REQUEST',
  'METHOD_NOT_ALLOWED',
  'UNSUPPORTED_MEDIA_TYPE',
] as const;
export type HttpErrorCode = (typeof HTTP_ERROR_CODES)[number];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
