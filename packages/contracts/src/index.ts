/**
 * Rules the API and the admin app share, decided once (see README.md). Safe in the browser: zod only.
 * The token and address signatures are in '@ranking/contracts/auth' (Node only).
 */
export * from './error-codes';
export * from './evidence/index';
export * from './roles';
