import type { Role } from '@ranking/contracts';

declare module 'next-auth' {
  interface User {
    role?: Role;
    sid?: string;
  }
  interface Session {
    user?: { id: string; email: string; name: string; role: Role };
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    uid?: string;
    role?: string;
    /** The API's sign-in session (never sent to the browser in clear: the cookie is encrypted). */
    sid?: string;
  }
}
