/**
 * The admin app's configuration, read and checked in one place.
 *
 * AUTH_SECRET signs the next-auth session and the short-lived API tokens. Without the env var
 * (development, embedded mode) it is read from `<repo root>/.data/auth-secret`, which the API
 * writes on first start; it is read lazily so the admin may start before the API.
 */
import 'server-only';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type AdminEnv, loadEnv } from './load-env';

export type { AdminEnv } from './load-env';

export const env: AdminEnv = loadEnv(process.env);
// next-auth reads NEXTAUTH_URL itself; give it the same default we use.
process.env.NEXTAUTH_URL = env.nextAuthUrl;

/** Walks up from the working directory to the package.json that declares workspaces. */
export function findRepoRoot(start: string = process.cwd()): string | null {
  let dir = path.resolve(/*turbopackIgnore: true*/ start);
  for (;;) {
    const manifest = path.join(/*turbopackIgnore: true*/ dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
        if (typeof parsed === 'object' && parsed !== null && 'workspaces' in parsed) return dir;
      } catch {
        // An unreadable manifest is not the root; keep walking.
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

let cachedSecret: string | null = null;

/** The shared secret; throws with a clear message when neither the env var nor the file exists. */
export function getAuthSecret(): string {
  if (cachedSecret) return cachedSecret;
  if (env.authSecret) {
    cachedSecret = env.authSecret;
    return env.authSecret;
  }
  const root = findRepoRoot();
  const file = root ? path.join(/*turbopackIgnore: true*/ root, '.data', 'auth-secret') : null;
  if (file && existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length >= 32) {
      cachedSecret = secret;
      return secret;
    }
  }
  throw new Error(
    'AUTH_SECRET is not set and .data/auth-secret does not exist yet: start the API first (npm start) or set AUTH_SECRET.',
  );
}
