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

export interface AdminEnv {
  apiUrl: string;
  nextAuthUrl: string;
  isProduction: boolean;
  /** The API's request body limit: the same variable and default as the API's (apps/api/src/env.ts). */
  apiBodyLimitBytes: number;
}

function readUrl(name: string, fallback: string, problems: string[]): string {
  const value = process.env[name]?.trim() || fallback;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      problems.push(`${name} must be http(s): ${value}`);
  } catch {
    problems.push(`${name} is not a URL: ${value}`);
  }
  return value;
}

function loadEnv(): AdminEnv {
  const problems: string[] = [];
  const apiUrl = readUrl('API_URL', 'http://localhost:4000/graphql', problems);
  const nextAuthUrl = readUrl('NEXTAUTH_URL', 'http://localhost:3000', problems);
  const limit = process.env.BODY_LIMIT_BYTES?.trim() || '1000000';
  const apiBodyLimitBytes = Number(limit);
  if (!Number.isSafeInteger(apiBodyLimitBytes) || apiBodyLimitBytes < 1024)
    problems.push(`BODY_LIMIT_BYTES must be a whole number of bytes, at least 1024: ${limit}`);
  if (problems.length > 0) throw new Error(`Invalid admin configuration:\n- ${problems.join('\n- ')}`);
  // next-auth reads NEXTAUTH_URL itself; give it the same default we use.
  process.env.NEXTAUTH_URL = nextAuthUrl;
  return { apiUrl, nextAuthUrl, isProduction: process.env.NODE_ENV === 'production', apiBodyLimitBytes };
}

export const env: AdminEnv = loadEnv();

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
  const fromEnv = process.env.AUTH_SECRET?.trim() || process.env.NEXTAUTH_SECRET?.trim();
  if (fromEnv) {
    cachedSecret = fromEnv;
    return fromEnv;
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
