/**
 * Forwarding the browser's address to the API, so the API's per-address sign-in limit counts each
 * browser separately instead of this server's one address. The API believes the address only with a
 * fresh HMAC-SHA256 of it under the shared AUTH_SECRET (apps/api/src/auth/client-address.ts), so a
 * caller without the secret cannot pick the address its failures are counted against.
 *
 * The address is the right-most X-Forwarded-For entry: Next.js fills the header from the socket
 * when it is absent, and a reverse proxy in front appends (or, better, overwrites) it. Without a
 * proxy, a browser that sends its own X-Forwarded-For chooses its address bucket; the per-account
 * limit still applies (SECURITY.md, limits).
 */
import 'server-only';
import { createHmac } from 'node:crypto';
import { isIP } from 'node:net';
import { getAuthSecret } from './env';

export function browserAddress(headers: Record<string, unknown> | undefined): string | null {
  const raw = headers?.['x-forwarded-for'];
  const text = Array.isArray(raw) ? raw.join(',') : typeof raw === 'string' ? raw : '';
  const last = text.split(',').pop()?.trim() ?? '';
  return isIP(last) !== 0 ? last : null;
}

/** `X-Ranking-Client-Address` and its signature `<unix seconds>.<hex HMAC>`, as the API expects. */
export function signedAddressHeaders(address: string | null): Record<string, string> {
  if (!address) return {};
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = createHmac('sha256', getAuthSecret())
    .update(`ranking-client-address\n${timestamp}\n${address}`)
    .digest('hex');
  return {
    'x-ranking-client-address': address,
    'x-ranking-client-signature': `${timestamp}.${signature}`,
  };
}
