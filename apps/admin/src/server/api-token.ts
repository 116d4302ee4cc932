/**
 * Short-lived tokens for calls from the admin server to the API (the agreed contract): HS256 with
 * AUTH_SECRET, iss `ranking-admin`, aud `ranking-api`, sub = user id, sid = the API's sign-in session,
 * claims role/email/name, valid for 5 minutes (the API accepts at most 15). A fresh one is minted per
 * request; the API refuses it once the session has ended (sign-out, disabled user, new password).
 */
import 'server-only';
import { SignJWT } from 'jose';
import { getAuthSecret } from './env';
import type { SessionUser } from './session-user';

const TOKEN_TTL_SECONDS = 5 * 60;

export async function mintApiToken(user: SessionUser): Promise<string> {
  const key = new TextEncoder().encode(getAuthSecret());
  return new SignJWT({ sid: user.sessionId, role: user.role, email: user.email, name: user.name })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer('ranking-admin')
    .setAudience('ranking-api')
    .setSubject(user.id)
    .setIssuedAt()
    .setExpirationTime(`${TOKEN_TTL_SECONDS}s`)
    .sign(key);
}
