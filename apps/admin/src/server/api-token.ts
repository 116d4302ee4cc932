/**
 * Short-lived tokens for calls from the admin server to the API: the token contract of
 * @ranking/contracts/auth (HS256 under AUTH_SECRET, the API's sign-in session in `sid`), valid for
 * 5 minutes here (the API accepts at most 15). A fresh one is minted per request; the API refuses it
 * once the session has ended (sign-out, disabled user, new password).
 */
import 'server-only';
import { signUserToken } from '@ranking/contracts/auth';
import { getAuthSecret } from './env';
import type { SessionUser } from './session-user';

const TOKEN_TTL_SECONDS = 5 * 60;

export async function mintApiToken(user: SessionUser): Promise<string> {
  const { token } = await signUserToken(
    getAuthSecret(),
    {
      userId: Number(user.id),
      sessionId: user.sessionId,
      role: user.role,
      email: user.email,
      name: user.name,
    },
    TOKEN_TTL_SECONDS,
  );
  return token;
}
