/**
 * next-auth (v4) configuration: a credentials provider whose authorize() asks the API's `signIn`
 * mutation, JWT sessions in HttpOnly, SameSite=Lax cookies (`__Secure-` prefixed and Secure when
 * NEXTAUTH_URL is https), next-auth's double-submit CSRF token on sign-in.
 */
import 'server-only';
import { redirect } from 'next/navigation';
import type { NextAuthOptions } from 'next-auth';
import { getServerSession } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { hasScope, isRole, type Scope } from '@/lib/roles';
import { safeRedirectPath } from '@/lib/safe-redirect';
import { browserAddress, signedAddressHeaders } from './client-address';
import { env, getAuthSecret } from './env';
import { ApiError, request } from './graphql';
import type { SessionUser } from './session-user';

const SIGN_IN = /* GraphQL */ `
  mutation SignIn($email: String!, $password: String!) {
    signIn(email: $email, password: $password) {
      user { id email name role }
      expiresAt
    }
  }
`;

interface SignInData {
  signIn: { user: { id: string | number; email: string; name: string; role: string }; expiresAt: string };
}

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
            const data = await request<SignInData, { email: string; password: string }>(
              SIGN_IN,
              { email, password },
              // The browser's address, signed, for the API's per-address limit.
              { headers: signedAddressHeaders(browserAddress(req?.headers)) },
            );
            const { user } = data.signIn;
            // The API spells roles as GraphQL enum values (EDITOR); the app uses DESIGN's lower case.
            const role = user.role.toLowerCase();
            if (!isRole(role)) return null;
            return { id: String(user.id), email: user.email, name: user.name, role };
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
  };
  return cachedOptions;
}

/** The signed-in person, or null. */
export async function getSessionUser(): Promise<SessionUser | null> {
  let session: Awaited<ReturnType<typeof getServerSession>>;
  try {
    session = await getServerSession(getAuthOptions());
  } catch {
    return null;
  }
  const user = (session as { user?: Partial<SessionUser> } | null)?.user;
  if (!user || typeof user.id !== 'string' || !isRole(user.role)) return null;
  return { id: user.id, email: user.email ?? '', name: user.name ?? '', role: user.role };
}

/** The signed-in person; sends others to the sign-in page (and back afterwards). */
export async function requireUser(callbackPath: string, scope?: Scope): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackPath)}`);
  if (scope && !hasScope(user.role, scope)) redirect('/admin?denied=1');
  return user;
}
