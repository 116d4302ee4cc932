/**
 * The token the admin server sends the API for a signed-in person: an HS256 JWT under the shared
 * AUTH_SECRET. `iss: ranking-admin`, `aud: ranking-api`, `sub` = the user id, `sid` = the API's
 * sign-in session it was minted from, claims role/email/name, lifetime at most 15 minutes. The API
 * accepts a token only while its session is live, so signing out ends every token minted from it.
 */
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';

export const TOKEN_ISSUER = 'ranking-admin';
export const TOKEN_AUDIENCE = 'ranking-api';
/** The longest lifetime (`exp − iat`) the API accepts. */
export const TOKEN_MAX_LIFETIME_S = 15 * 60;
/** Clock skew tolerated when checking `exp` and `iat`. */
export const TOKEN_CLOCK_TOLERANCE_S = 5;

export interface TokenClaims {
  userId: number;
  /** The id of the API's `sessions` row (a UUID). */
  sessionId: string;
  role: string;
  email: string;
  name: string;
}

const encoder = new TextEncoder();
/** The HMAC key of a secret, as jose takes it. */
export const secretKey = (secret: string) => encoder.encode(secret);

/** Signs a token for `claims`, valid for `lifetimeSeconds` (capped at TOKEN_MAX_LIFETIME_S). */
export async function signUserToken(
  secret: string,
  claims: TokenClaims,
  lifetimeSeconds = TOKEN_MAX_LIFETIME_S,
): Promise<{ token: string; expiresAt: Date }> {
  const now = Math.floor(Date.now() / 1000);
  const exp = now + Math.min(lifetimeSeconds, TOKEN_MAX_LIFETIME_S);
  const token = await new SignJWT({
    sid: claims.sessionId,
    role: claims.role,
    email: claims.email,
    name: claims.name,
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setSubject(String(claims.userId))
    .setIssuedAt(now)
    .setExpirationTime(exp)
    .sign(secretKey(secret));
  return { token, expiresAt: new Date(exp * 1000) };
}

/** Why a token was refused; `message` is what the API answers (UNAUTHENTICATED). */
export class TokenError extends Error {
  constructor(
    readonly reason: 'expired' | 'lifetime' | 'subject' | 'session' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'TokenError';
  }
}

/** The claims the API reads from a verified token: the user and the session, nothing else. */
const verifiedClaims = z.object({
  iat: z.number(),
  exp: z.number(),
  sub: z.unknown(),
  sid: z.unknown(),
});
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Verifies signature, issuer, audience, expiry and the 15-minute lifetime; returns the user and
 * session ids. Whether the session is still live is the caller's check.
 * @throws {TokenError} for every token it refuses.
 */
export async function verifyUserToken(
  secret: string,
  token: string,
): Promise<{ userId: number; sessionId: string }> {
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, secretKey(secret), {
      algorithms: ['HS256'],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      requiredClaims: ['exp', 'iat', 'sub', 'sid'],
      clockTolerance: TOKEN_CLOCK_TOLERANCE_S,
    }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new TokenError('expired', 'Token expired');
    throw new TokenError('invalid', 'Invalid token');
  }
  const claims = verifiedClaims.safeParse(payload);
  if (!claims.success) throw new TokenError('invalid', 'Invalid token');
  const { iat, exp, sub, sid } = claims.data;
  if (exp - iat > TOKEN_MAX_LIFETIME_S) throw new TokenError('lifetime', 'Token lifetime too long');
  const userId = Number(sub);
  if (!Number.isSafeInteger(userId) || userId <= 0) throw new TokenError('subject', 'Invalid token subject');
  if (typeof sid !== 'string' || !UUID.test(sid)) throw new TokenError('session', 'Invalid token session');
  return { userId, sessionId: sid };
}
