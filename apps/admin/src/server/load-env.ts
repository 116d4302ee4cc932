/**
 * The admin's environment schema (zod, like the API's apps/api/src/env.ts): src/server/env.ts
 * validates process.env with it once at start, failing with every problem listed.
 */
import { z } from 'zod';
import { showDemoAccounts } from '../app/signin/demo-accounts';

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** The API's GraphQL endpoint. */
  API_URL: httpUrl.default('http://localhost:4000/graphql'),
  /** The admin's own origin, as browsers reach it (next-auth's callbacks, Secure cookies behind https). */
  NEXTAUTH_URL: httpUrl.default('http://localhost:3000'),
  /** The API's request body limit: the same variable and default as the API's (apps/api/src/env.ts). */
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024, 'must be a whole number of bytes, at least 1024')
    .default(1_000_000),
  /** Shared with the API, which requires the same length; else read from .data/auth-secret (below). */
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  NEXTAUTH_SECRET: z.string().optional(),
  /** `1`/`0`: list the demo accounts on the sign-in page or not (src/app/signin/demo-accounts.ts). */
  SHOW_DEMO_ACCOUNTS: z.string().optional(),
});

export interface AdminEnv {
  apiUrl: string;
  nextAuthUrl: string;
  isProduction: boolean;
  apiBodyLimitBytes: number;
  /** AUTH_SECRET (or NEXTAUTH_SECRET) when set. */
  authSecret: string | null;
  /** Whether the sign-in page lists the demo accounts. */
  showDemoAccounts: boolean;
}

/** Validates the admin's environment, listing every problem at once. */
export function loadEnv(source: Record<string, string | undefined> = process.env): AdminEnv {
  // An empty or blank variable counts as unset, as before.
  const cleaned = Object.fromEntries(
    Object.entries(source)
      .map(([name, value]) => [name, value?.trim()] as const)
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) =>
        `${issue.path.join('.') || '(env)'} ${issue.message}: ${cleaned[String(issue.path[0])] ?? ''}`,
    );
    throw new Error(`Invalid admin configuration:\n- ${problems.join('\n- ')}`);
  }
  const data = parsed.data;
  return {
    apiUrl: data.API_URL,
    nextAuthUrl: data.NEXTAUTH_URL,
    isProduction: data.NODE_ENV === 'production',
    apiBodyLimitBytes: data.BODY_LIMIT_BYTES,
    authSecret: data.AUTH_SECRET ?? data.NEXTAUTH_SECRET ?? null,
    showDemoAccounts: showDemoAccounts(data),
  };
}
