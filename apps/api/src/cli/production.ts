/**
 * What `start` and `serve` check before serving in production: no account may still have the
 * demo password that this repository publishes (README.md, "Production").
 */
import { DEMO_PASSWORD, DEMO_USERS, verifyPassword } from '@ranking/schema';
import type { AppDeps } from '../context';
import { findUserCredentials } from '../modules/users/store';

/** Emails of enabled demo accounts whose password is still the published demo password. */
export async function accountsWithDemoPassword(deps: AppDeps): Promise<string[]> {
  const found: string[] = [];
  for (const { email } of DEMO_USERS) {
    const row = await findUserCredentials(deps.db, email);
    if (row && !row.disabledAt && (await verifyPassword(row.passwordHash, DEMO_PASSWORD)))
      found.push(row.email);
  }
  return found;
}

/** The refusal, naming the accounts and how to fix them (the password itself is not repeated). */
export function demoPasswordRefusal(emails: readonly string[]): string {
  return [
    `Refusing to start in production: ${emails.length === 1 ? 'this account has' : 'these accounts have'} the published demo password:`,
    ...emails.map((email) => `  ${email}`),
    'Anyone who has read this repository can sign in with it. Disable each account, then start again:',
    ...emails.map((email) => `  ranking user disable ${email}`),
    '(or run outside production and give them new passwords in the admin app).',
  ].join('\n');
}

/** Printed by a production `start` on a database without users. */
export const FIRST_ADMIN_HINT = [
  'No users yet. Create the first admin (the password is read from stdin or RANKING_PASSWORD):',
  '  ranking user add EMAIL --role admin',
  'On the embedded database stop this server first (one process at a time); on PostgreSQL run it',
  'from anywhere. The admin then adds everyone else in the admin app.',
].join('\n');
