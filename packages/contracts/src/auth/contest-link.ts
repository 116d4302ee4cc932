/**
 * The signed link a CONTACTS contest window sends each registered contact of a project ranked in a
 * computed edition (docs/disputes.md, "Contest window"):
 * `<ADMIN_URL>/editions/<year>?revision=<n>&project=<slug>&expires=<unix seconds>&sig=<hex HMAC-SHA256>`,
 * signed with the shared AUTH_SECRET and expiring when the window closes. The link names the
 * edition, the project and the expiry — never the contact. The admin server passes it on to the API
 * as a contest token (header `X-Contest-Token`, `contestToken` below); the API shows the draft and
 * takes disputes on the project only while the token is valid and the window open.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a contest link grants: the draft of edition `year` revision `revision`, for `project`. */
export interface ContestLink {
  year: number;
  revision: number;
  project: string;
  /** Unix seconds. */
  expires: number;
}

// Domain separation from the other uses of the same secret (JWTs, client addresses, dispute links).
const signingInput = (l: ContestLink) =>
  `ranking-contest-link\n${l.year}\n${l.revision}\n${l.project}\n${l.expires}`;

const hmac = (secret: string, link: ContestLink) =>
  createHmac('sha256', secret).update(signingInput(link)).digest('hex');

/** Signs a contest link valid until `closesAtMs` (rounded up to the second). */
export function signContestLink(
  secret: string,
  link: Omit<ContestLink, 'expires'>,
  closesAtMs: number,
): ContestLink & { sig: string } {
  const signed = { ...link, expires: Math.ceil(closesAtMs / 1000) };
  return { ...signed, sig: hmac(secret, signed) };
}

/** The contest token of a link: `<year>.<revision>.<expires>.<sig>.<project>` (the slug last). */
export function contestToken(link: ContestLink & { sig: string }): string {
  return `${link.year}.${link.revision}.${link.expires}.${link.sig}.${link.project}`;
}

/** Why a token or link is refused (`null`: valid). */
export type ContestLinkProblem = 'malformed' | 'bad signature' | 'expired';

/** Checks a link's parts; a valid one is returned with `problem: null`. */
export function verifyContestLink(
  secret: string,
  parts: {
    year: unknown;
    revision: unknown;
    project: unknown;
    expires: unknown;
    sig: unknown;
  },
  now: number = Date.now(),
): { link: ContestLink; problem: null } | { link: null; problem: ContestLinkProblem } {
  const year = Number(parts.year);
  const revision = Number(parts.revision);
  const expires = Number(parts.expires);
  const { project, sig } = parts;
  if (
    !Number.isSafeInteger(year) ||
    !Number.isSafeInteger(revision) ||
    !Number.isSafeInteger(expires) ||
    typeof project !== 'string' ||
    project === '' ||
    project.length > 200 ||
    typeof sig !== 'string' ||
    !/^[0-9a-f]{64}$/.test(sig)
  )
    return { link: null, problem: 'malformed' };
  const link = { year, revision, project, expires };
  const expected = Buffer.from(hmac(secret, link), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(sig, 'hex'))) return { link: null, problem: 'bad signature' };
  if (now / 1000 >= expires) return { link: null, problem: 'expired' };
  return { link, problem: null };
}

/** Reads and checks a contest token (`contestToken`). */
export function verifyContestToken(
  secret: string,
  token: string,
  now: number = Date.now(),
): ReturnType<typeof verifyContestLink> {
  const match = /^(\d{1,4})\.(\d{1,6})\.(\d{1,12})\.([0-9a-f]{64})\.(.+)$/.exec(token.trim());
  if (!match) return { link: null, problem: 'malformed' };
  const [, year, revision, expires, sig, project] = match;
  return verifyContestLink(secret, { year, revision, expires, sig, project }, now);
}
