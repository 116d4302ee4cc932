import type { Role } from '@ranking/contracts';

/** What the next-auth session carries about the signed-in person. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The API's sign-in session this cookie belongs to; every API token minted for the user names it. */
  sessionId: string;
}
