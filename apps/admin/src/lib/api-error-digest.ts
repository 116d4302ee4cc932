/**
 * An API failure thrown while a page renders reaches the segment's `error.tsx`, a client component.
 * In production Next.js hands it only the error's `digest` (never the message), and keeps a digest
 * the error already has: so ApiError carries its code there, and the error page reads it back.
 * `UNKNOWN` (a code from a newer API) also carries the API's message, which the page shows.
 */
import { type ErrorCode, errorCodeOf } from './api-error-code';

const PREFIX = 'API_ERROR:';

export function apiErrorDigest(code: ErrorCode, message: string): string {
  return code === 'UNKNOWN' ? `${PREFIX}${code}:${message}` : `${PREFIX}${code}`;
}

/** The code (and, for UNKNOWN, the message) an ApiError's digest carries; null for any other error. */
export function readApiErrorDigest(
  digest: string | undefined,
): { code: ErrorCode; message: string | null } | null {
  if (!digest?.startsWith(PREFIX)) return null;
  const rest = digest.slice(PREFIX.length);
  const colon = rest.indexOf(':');
  const code = errorCodeOf(colon === -1 ? rest : rest.slice(0, colon));
  return { code, message: code === 'UNKNOWN' && colon !== -1 ? rest.slice(colon + 1) : null };
}
