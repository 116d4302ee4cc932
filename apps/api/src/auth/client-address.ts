/**
 * The caller's network address, for throttling sign-ins per address.
 *
 * The socket peer is the default. A browser's address is believed from exactly two sources:
 * - the admin server, which signs the address it forwards with the shared AUTH_SECRET
 *   (`X-Ranking-Client-Address` + `X-Ranking-Client-Signature: <unix seconds>.<HMAC-SHA256 hex>`),
 *   so nobody without the secret can choose the address their failures are counted against;
 * - with `TRUST_PROXY=loopback`, a reverse proxy on the same host: the right-most
 *   `X-Forwarded-For` entry (the one that proxy appended; entries to its left are the client's own).
 * A bare `X-Forwarded-For` is never believed otherwise.
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

/** The two headers the admin server sends with a browser's address. */
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

/** The signed address when the signature is valid and fresh; undefined otherwise. */
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
    const forwarded = source.headers['x-forwarded-for'];
    const list = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',');
    const last = list[list.length - 1]?.trim();
    if (last && isIP(last) !== 0) return last;
  }
  return peer;
}
