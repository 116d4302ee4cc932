/**
 * Forwarding the browser's address to the API, so the API's per-address sign-in limit counts each
 * browser separately instead of this server's one address. The API believes the address only with a
 * fresh signature under the shared AUTH_SECRET (the contract of @ranking/contracts/auth), so a caller
 * without the secret cannot pick the address its failures are counted against.
 *
 * The address is the right-most X-Forwarded-For entry: Next.js fills the header from the socket
 * when it is absent, and a reverse proxy in front appends (or, better, overwrites) it. Without a
 * proxy, a browser that sends its own X-Forwarded-For chooses its address bucket; the per-account
 * limit still applies (SECURITY.md, limits).
 */
import 'server-only';
import { rightmostForwardedAddress, signClientAddress } from '@ranking/contracts/auth';
import { getAuthSecret } from './env';

export function browserAddress(headers: Record<string, unknown> | undefined): string | null {
  return rightmostForwardedAddress(headers?.['x-forwarded-for']);
}

/** `X-Ranking-Client-Address` and its signature, as the API expects. */
export function signedAddressHeaders(address: string | null): Record<string, string> {
  return address ? signClientAddress(getAuthSecret(), address) : {};
}
