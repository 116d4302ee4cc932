/**
 * The error codes the admin tells apart: every code of the API's errors (@ranking/contracts), the
 * HTTP layer's PAYLOAD_TOO_LARGE, and the admin's own: `API_UNAVAILABLE` (no answer at all) and
 * `UNKNOWN` (a code this admin does not know yet, from a newer API: shown with the API's own message
 * rather than as an internal error).
 */
import { ERROR_CODES as API_ERROR_CODES } from '@ranking/contracts';

export const ERROR_CODES = [...API_ERROR_CODES, 'PAYLOAD_TOO_LARGE', 'API_UNAVAILABLE', 'UNKNOWN'] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The admin's code for an API error's `extensions.code`. */
export function errorCodeOf(raw: unknown): ErrorCode {
  if (typeof raw !== 'string') return 'INTERNAL_SERVER_ERROR';
  return (ERROR_CODES as readonly string[]).includes(raw) ? (raw as ErrorCode) : 'UNKNOWN';
}
