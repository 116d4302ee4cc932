/**
 * The error codes the admin tells apart. The API's codes (its `extensions.code`), plus the admin's
 * own: `API_UNAVAILABLE` (no answer at all) and `UNKNOWN` (a code this admin does not know yet, from a
 * newer API: shown with the API's own message rather than as an internal error).
 */
export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'PAYLOAD_TOO_LARGE',
  'INTERNAL_SERVER_ERROR',
  'API_UNAVAILABLE',
  'UNKNOWN',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The admin's code for an API error's `extensions.code`. */
export function errorCodeOf(raw: unknown): ErrorCode {
  if (typeof raw !== 'string') return 'INTERNAL_SERVER_ERROR';
  return (ERROR_CODES as readonly string[]).includes(raw) ? (raw as ErrorCode) : 'UNKNOWN';
}
