/**
 * Admin session tokens: HS256 JWTs signed with AUTH_SECRET, shared with the admin app.
 * `iss: ranking-admin`, `aud: ranking-api`, `sub` = user id, `sid` = the sign-in session it was minted
 * from, claims role/email/name, lifetime ≤ 15 min. A token is accepted only while its session is live
 * (see `authenticateUserToken`), so signing out ends every token minted from the session at once.
 */
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { AppError } from '../errors';

export const TOKEN_ISSUER = 'ranking-admin';
export const TOKEN_AUDIENCE = 'ranking-api';
export const TOKEN_MAX_LIFETIME_S = 15 * 60;

export interface TokenClaims {
  userId: number;
  /** The id of the `sessions` row (a UUID). */
  sessionId: string;
  role: string;
  email: string;
  name: string;
}

const encoder = new TextEncoder();
export const secretKey = (secret: string) => encoder.encode(secret);

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Verifies signature, issuer, audience, expiry and the 15-minute lifetime; returns the user and
 * session ids. Whether the session is still live is the caller's check.
 */
export async function verifyUserToken(
  secret: string,
  token: string,
): Promise<{ userId: number; sessionId: string }> {
  try {
    const { payload } = await jwtVerify(token, secretKey(secret), {
      algorithms: ['HS256'],
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      requiredClaims: ['exp', 'iat', 'sub', 'sid'],
      clockTolerance: 5,
    });
    const iat = payload.iat ?? 0;
    const exp = payload.exp ?? 0;
    if (exp - iat > TOKEN_MAX_LIFETIME_S) throw new AppError('UNAUTHENTICATED', 'Token lifetime too long');
    const userId = Number(payload.sub);
    if (!Number.isSafeInteger(userId) || userId <= 0)
      throw new AppError('UNAUTHENTICATED', 'Invalid token subject');
    const sessionId = payload.sid;
    if (typeof sessionId !== 'string' || !UUID.test(sessionId))
      throw new AppError('UNAUTHENTICATED', 'Invalid token session');
    return { userId, sessionId };
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw new AppError('UNAUTHENTICATED', 'Token expired');
    throw new AppError('UNAUTHENTICATED', 'Invalid token');
  }
}
