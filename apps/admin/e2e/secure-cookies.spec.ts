import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ADMIN_DIR, freePort, REPO_ROOT, startInSession, stopGroups, waitForHttp } from './servers';

/**
 * Served behind https (NEXTAUTH_URL https://…), next-auth's cookies must carry `Secure` and the
 * `__Host-` / `__Secure-` prefixes. The main suite runs over plain http, so this starts a second
 * instance of the same production build with an https NEXTAUTH_URL and reads the Set-Cookie headers
 * (the TLS itself is a proxy's job; the cookie attributes are ours).
 */
test('behind https, the CSRF and session cookies are Secure, HttpOnly and prefixed', async () => {
  test.setTimeout(180_000);
  const port = await freePort();
  const log = path.join(ADMIN_DIR, 'test-results', 'admin-https.log');
  const child = startInSession(
    process.execPath,
    [path.join(REPO_ROOT, 'node_modules/next/dist/bin/next'), 'start', '-p', String(port)],
    {
      cwd: ADMIN_DIR,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        AUTH_SECRET: randomBytes(32).toString('hex'),
        NEXTAUTH_URL: `https://localhost:${port}`,
      },
      logFile: log,
    },
  );
  try {
    await waitForHttp(`http://localhost:${port}/signin`, 120_000, child, log);
    const response = await fetch(`http://localhost:${port}/api/auth/csrf`);
    expect(response.status).toBe(200);
    const cookies = response.headers.getSetCookie();
    const csrf = cookies.find((c) => c.startsWith('__Host-next-auth.csrf-token='));
    expect(csrf, `Set-Cookie: ${cookies.join(' | ')}`).toBeDefined();
    expect(csrf).toMatch(/;\s*Secure/i);
    expect(csrf).toMatch(/;\s*HttpOnly/i);
    expect(csrf).toMatch(/;\s*SameSite=Lax/i);
    const callback = cookies.find((c) => c.startsWith('__Secure-next-auth.callback-url='));
    expect(callback, `Set-Cookie: ${cookies.join(' | ')}`).toBeDefined();
    expect(callback).toMatch(/;\s*Secure/i);
    expect(
      cookies.some((c) => /^next-auth\./.test(c)),
      'no unprefixed next-auth cookie',
    ).toBe(false);
  } finally {
    if (child.pid) stopGroups([child.pid]);
  }
});
