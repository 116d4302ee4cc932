/**
 * next-auth (v4) configuration: a credentials provider whose authorize() asks the API's `signIn`
 * mutation, JWT sessions in HttpOnly, SameSite=Lax cookies (`__Secure-` prefixed and Secure when
 * NEXTAUTH_URL is https), next-auth's double-submit CSRF token on sign-in.
 *
 * The cookie carries the API's session id (`sid`). It is only a claim: every admin request asks the
 * API whether that session is still live (one `viewer` query per request), so a cookie kept after
 * sign-out, or of a disabled user or one whose password changed, opens nothing and runs no action.
 * Sign-out ends the session in the API (`signOut`) before next-auth clears the cookie.
 */
import 'server-only';
import { isRole, roleHasScope, type Scope } from '@ranking/contracts';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import type { NextAuthOptions } from 'next-auth';
import { decode, type JWT } from 'next-auth/jwt';
import CredentialsProvider from 'next-auth/providers/credentials';
import { cache } from 'react';
import { graphql } from '@/graphql/generated';
import { safeRedirectPath } from '@/lib/safe-redirect';
import { browserAddress, signedAddressHeaders } from './client-address';
import { env, getAuthSecret } from './env';
import { ApiError, request } from './graphql';
import type { SessionUser } from './session-user';

const SIGN_IN = graphql(`
  mutation SignIn($email: String!, $password: String!) {
    signIn(email: $email, password: $password) {
      user { id email name role }
      sessionId
    }
  }
`);

const SESSION_CHECK = graphql(`
  query SessionCheck {
    viewer { kind user { id email name role } }
  }
`);

const SIGN_OUT = graphql(`
  mutation SignOut {
    signOut
  }
`);

/** Error identifiers next-auth passes to the sign-in page as `error`; codes, never sentences. */
export const SIGN_IN_ERRORS = ['CredentialsSignin', 'RATE_LIMITED', 'API_UNAVAILABLE'] as const;

const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

let cachedOptions: NextAuthOptions | null = null;

export function getAuthOptions(): NextAuthOptions {
  if (cachedOptions) return cachedOptions;
  const useSecureCookies = env.nextAuthUrl.startsWith('https://');
  cachedOptions = {
    secret: getAuthSecret(),
    useSecureCookies,
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: '/signin' },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: {
          email: { label: 'Email', type: 'email' },
          password: { label: 'Password', type: 'password' },
        },
        async authorize(credentials, req) {
          const email = credentials?.email?.trim() ?? '';
          const password = credentials?.password ?? '';
          if (!email || !password) return null;
          try {
            const data = await request(
              SIGN_IN,
              { email, password },
              // The browser's address, signed, for the API's per-address limit.
              { headers: signedAddressHeaders(browserAddress(req?.headers)) },
            );
            const { user } = data.signIn;
            // The API spells roles as GraphQL enum values (EDITOR); the app uses lower case (editor).
            const role = user.role.toLowerCase();
            if (!isRole(role)) return null;
            return {
              id: String(user.id),
              email: user.email,
              name: user.name,
              role,
              sid: data.signIn.sessionId,
            };
          } catch (error) {
            if (error instanceof ApiError && error.code === 'RATE_LIMITED') throw new Error('RATE_LIMITED');
            if (error instanceof ApiError && error.code === 'API_UNAVAILABLE')
              throw new Error('API_UNAVAILABLE');
            // Bad credentials and unknown accounts look the same to the person signing in.
            return null;
          }
        },
      }),
    ],
    callbacks: {
      // next-auth's default lets through `/\host` and other paths a browser reads as another host.
      redirect({ url, baseUrl }) {
        return `${new URL(baseUrl).origin}${safeRedirectPath(url, baseUrl, '/')}`;
      },
      jwt({ token, user }) {
        if (user && 'role' in user && isRole(user.role)) {
          token.uid = user.id;
          token.role = user.role;
          token.name = user.name ?? user.email ?? '';
          token.email = user.email ?? '';
          token.sid = user.sid;
        }
        return token;
      },
      session({ session, token }) {
        if (typeof token.uid === 'string' && isRole(token.role)) {
          session.user = {
            id: token.uid,
            role: token.role,
            name: typeof token.name === 'string' ? token.name : '',
            email: typeof token.email === 'string' ? token.email : '',
          };
        }
        return session;
      },
    },
    events: {
      // Ends the API session first, so a copy of the cookie (or a token minted from it) stops working.
      async signOut({ token }) {
        const user = userOfToken(token);
        if (!user) return;
        try {
          await request(SIGN_OUT, {}, { user });
        } catch (error) {
          // Ended already (UNAUTHENTICATED) is fine; otherwise the session lives on until it expires.
          if (!(error instanceof ApiError && error.code === 'UNAUTHENTICATED'))
            console.error(
              'admin: the API session could not be ended on sign-out:',
              error instanceof ApiError ? error.code : error,
            );
        }
      },
    },
  };
  return cachedOptions;
}

function userOfToken(token: JWT | null): SessionUser | null {
  if (!token || typeof token.uid !== 'string' || typeof token.sid !== 'string' || !isRole(token.role))
    return null;
  return {
    id: token.uid,
    role: token.role,
    name: typeof token.name === 'string' ? token.name : '',
    email: typeof token.email === 'string' ? token.email : '',
    sessionId: token.sid,
  };
}

const SESSION_COOKIE = 'next-auth.session-token';

/**
 * The next-auth JWT of this request's session cookie (next-auth splits a large one into `.0`, `.1`…).
 * Null when there is none or it does not decrypt (expired, tampered, another secret): signed out.
 * A missing AUTH_SECRET throws — a broken configuration is not a signed-out visitor.
 */
async function readSessionToken(): Promise<JWT | null> {
  const name = `${env.nextAuthUrl.startsWith('https://') ? '__Secure-' : ''}${SESSION_COOKIE}`;
  const jar = await cookies();
  const chunks = jar
    .getAll()
    .filter((c) => c.name.startsWith(`${name}.`) && /^\d+$/.test(c.name.slice(name.length + 1)))
    .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
  const value = jar.get(name)?.value ?? chunks.map((c) => c.value).join('');
  if (!value) return null;
  const secret = getAuthSecret();
  try {
    return await decode({ token: value, secret });
  } catch {
    return null;
  }
}

/**
 * What this request's cookie is worth: `live` (the API confirmed the session, and gave the user's
 * current role), `signed-out` (no cookie, or the API refused its session: signed out, expired,
 * revoked), or `unverified` (the API could not be asked: an outage is not a sign-out; every API call
 * of the page is refused or fails anyway until the API answers again). Once per request.
 */
export type SessionState =
  | { status: 'signed-out' }
  | { status: 'live'; user: SessionUser }
  | { status: 'unverified'; user: SessionUser; error: ApiError };

export const getSessionState = cache(async (): Promise<SessionState> => {
  const user = userOfToken(await readSessionToken());
  if (!user) return { status: 'signed-out' };
  try {
    const { viewer } = await request(SESSION_CHECK, {}, { user });
    const role = viewer.user?.role.toLowerCase();
    if (viewer.kind !== 'USER' || !viewer.user || viewer.user.id !== user.id || !isRole(role))
      return { status: 'signed-out' };
    return { status: 'live', user: { ...user, role, name: viewer.user.name, email: viewer.user.email } };
  } catch (error) {
    if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') return { status: 'signed-out' };
    const failure = error instanceof ApiError ? error : new ApiError('API_UNAVAILABLE', String(error));
    return { status: 'unverified', user, error: failure };
  }
});

/** The signed-in person (live, or unverified while the API is unreachable), or null. */
export async function getSessionUser(): Promise<SessionUser | null> {
  const state = await getSessionState();
  return state.status === 'signed-out' ? null : state.user;
}

/** The signed-in person; sends others to the sign-in page (and back afterwards). */
export async function requireUser(callbackPath: string, scope?: Scope): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackPath)}`);
  if (scope && !roleHasScope(user.role, scope)) redirect('/admin?denied=1');
  return user;
}
