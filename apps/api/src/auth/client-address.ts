/**
 * The caller's network address, for throttling sign-ins per address.
 *
 * The socket peer is the default. A browser's address is believed from exactly two sources:
 * - the admin server, which signs the address it forwards with the shared AUTH_SECRET (the
 *   signature is a contract of @ranking/contracts/auth), so nobody without the secret can choose
 *   the address their failures are counted against;
 * - with `TRUST_PROXY=loopback`, a reverse proxy on the same host: the right-most
 *   `X-Forwarded-For` entry (the one that proxy appended; entries to its left are the client's own).
 * A bare `X-Forwarded-For` is never believed otherwise.
 */
import {
  CLIENT_ADDRESS_HEADER,
  CLIENT_SIGNATURE_HEADER,
  rightmostForwardedAddress,
  verifyClientAddress,
} from '@ranking/contracts/auth';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export interface AddressSource {
  peer: string | undefined;
  headers: Record<string, string | string[] | undefined>;
}

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The address sign-in failures are counted against (see the module comment). */
export function resolveClientAddress(
  source: AddressSource,
  options: { secret: string; trustProxy: 'never' | 'loopback'; now?: number },
): string {
  const peer = source.peer ?? 'unknown';
  const signed = verifyClientAddress(
    options.secret,
    single(source.headers[CLIENT_ADDRESS_HEADER]),
    single(source.headers[CLIENT_SIGNATURE_HEADER]),
    options.now,
  );
  if (signed) return signed;
  if (options.trustProxy === 'loopback' && LOOPBACK.has(peer)) {
    const forwarded = rightmostForwardedAddress(source.headers['x-forwarded-for']);
    if (forwarded) return forwarded;
  }
  return peer;
}
