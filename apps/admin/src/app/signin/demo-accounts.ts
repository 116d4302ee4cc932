/**
 * Whether the sign-in page lists the demo accounts and their published password. Only a local
 * demo may: a production deployment never has them (the API neither seeds them nor starts with one
 * present, README.md "Production"), and advertising a well-known password there invites guessing.
 *
 * `SHOW_DEMO_ACCOUNTS=1` turns the list on, `0` off; unset, it follows the build: on under
 * `next dev`, off in a production build. `npm start` serves the production build for the local
 * demo, so its launcher (scripts/start.mjs) sets the flag unless NODE_ENV is production.
 */
export function showDemoAccounts(env: { NODE_ENV?: string; SHOW_DEMO_ACCOUNTS?: string }): boolean {
  const flag = env.SHOW_DEMO_ACCOUNTS?.trim().toLowerCase();
  if (flag === '1' || flag === 'true') return true;
  if (flag === '0' || flag === 'false') return false;
  return env.NODE_ENV !== 'production';
}
