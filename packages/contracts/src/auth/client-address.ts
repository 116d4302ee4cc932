/**
 * The signature the admin server puts on a browser's address when it forwards it to the API, so the
 * API's per-address sign-in limit counts each browser and nobody without the shared AUTH_SECRET can
 * choose the address their failures are counted against:
 * `X-Ranking-Client-Address: <address>` and
 * `X-Ranking-Client-Signature: <unix seconds>.<hex HMAC-SHA256 of the address and the time>`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

export const CLIENT_ADDRESS_HEADER = 'x-ranking-client-address';
export const CLIENT_SIGNATURE_HEADER = 'x-ranking-client-signature';
/** How old a signature may be (and how far in the future, for clock skew). */
export const CLIENT_SIGNATURE_MAX_AGE_S = 60;

// Domain separation: the same secret signs JWTs, whose signing input never contains a newline.
const signingInput = (address: string, timestamp: number) =>
  `ranking-client-address\n${timestamp}\n${address}`;

const hmac = (secret: string, address: string, timestamp: number) =>
  createHmac('sha256', secret).update(signingInput(address, timestamp)).digest('hex');

/** The two headers that carry a browser's address, signed at `now` (ms). */
export function signClientAddress(
  secret: string,
  address: string,
  now: number = Date.now(),
): Record<string, string> {
  const timestamp = Math.floor(now / 1000);
  return {
    [CLIENT_ADDRESS_HEADER]: address,
    [CLIENT_SIGNATURE_HEADER]: `${timestamp}.${hmac(secret, address, timestamp)}`,
  };
}

/** The signed address when it is an IP address and the signature is valid and fresh; undefined otherwise. */
export function verifyClientAddress(
  secret: string,
  address: string | undefined,
  signature: string | undefined,
  now: number = Date.now(),
): string | undefined {
  if (!address || !signature || isIP(address) === 0) return undefined;
  const match = /^(\d{1,12})\.([0-9a-f]{64})$/.exec(signature);
  if (!match?.[1] || !match[2]) return undefined;
  const timestamp = Number(match[1]);
  if (Math.abs(now / 1000 - timestamp) > CLIENT_SIGNATURE_MAX_AGE_S) return undefined;
  const expected = Buffer.from(hmac(secret, address, timestamp), 'hex');
  const given = Buffer.from(match[2], 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given) ? address : undefined;
}

/**
 * The right-most `X-Forwarded-For` entry when it is an IP address: the one the nearest proxy
 * appended (entries to its left are whatever the client sent). Several header lines count as one
 * comma-separated list.
 */
export function rightmostForwardedAddress(forwardedFor: unknown): string | null {
  const text = Array.isArray(forwardedFor)
    ? forwardedFor.join(',')
    : typeof forwardedFor === 'string'
      ? forwardedFor
      : '';
  const last = text.split(',').pop()?.trim() ?? '';
  return isIP(last) !== 0 ? last : null;
}
