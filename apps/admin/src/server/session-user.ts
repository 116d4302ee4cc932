import type { Role } from '@/lib/roles';

/** What the next-auth session carries about the signed-in person. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}
