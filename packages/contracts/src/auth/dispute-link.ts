/**
 * The signed link a decision email carries to the public decision page of a dispute:
 * `<ADMIN_URL>/disputes/<id>?expires=<unix seconds>&sig=<hex HMAC-SHA256>` with the shared
 * AUTH_SECRET. The link names the dispute and its expiry only — never the contact address. The page
 * itself is public; a valid signature tells the reader the link is the one the platform sent.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a decision link stays valid: 30 days. */
export const DISPUTE_LINK_LIFETIME_S = 30 * 24 * 3600;

// Domain separation from the other uses of the same secret (JWTs, client addresses).
const signingInput = (disputeId: string, expires: number) => `ranking-dispute-link\n${disputeId}\n${expires}`;

const hmac = (secret: string, disputeId: string, expires: number) =>
  createHmac('sha256', secret).update(signingInput(disputeId, expires)).digest('hex');

/** The query of a dispute's decision link, valid until `now + lifetime`. */
export function signDisputeLink(
  secret: string,
  disputeId: string | number,
  now: number = Date.now(),
  lifetimeS: number = DISPUTE_LINK_LIFETIME_S,
): { expires: number; sig: string } {
  const expires = Math.floor(now / 1000) + lifetimeS;
  return { expires, sig: hmac(secret, String(disputeId), expires) };
}

/** Whether `sig` signs this dispute id until `expires`, and `expires` has not passed. */
export function verifyDisputeLink(
  secret: string,
  disputeId: string | number,
  expires: string | number | null | undefined,
  sig: string | null | undefined,
  now: number = Date.now(),
): boolean {
  const until = Number(expires);
  if (!Number.isSafeInteger(until) || !sig || !/^[0-9a-f]{64}$/.test(sig)) return false;
  if (now / 1000 > until) return false;
  const expected = Buffer.from(hmac(secret, String(disputeId), until), 'hex');
  return timingSafeEqual(expected, Buffer.from(sig, 'hex'));
}
