import type { Role } from '@/lib/roles';

declare module 'next-auth' {
  interface User {
    role?: Role;
  }
  interface Session {
    user?: { id: string; email: string; name: string; role: Role };
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    uid?: string;
    role?: string;
  }
}
