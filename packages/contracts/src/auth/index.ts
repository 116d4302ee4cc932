/**
 * Server-side contracts between the admin server and the API: the signed-in person's token and the
 * signed browser address. Node only (node:crypto); never import this from browser code.
 */
export * from './client-address';
export * from './contest-link';
export * from './dispute-link';
export * from './token';
