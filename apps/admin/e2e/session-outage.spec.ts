import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { encode } from 'next-auth/jwt';
import { ADMIN_DIR, freePort, REPO_ROOT, startInSession, stopGroups, waitForHttp } from './servers';

/**
 * An API outage is not a sign-out: with its API unreachable, the admin keeps a signed-in person on
 * the page and says the API is down, while a cookie it cannot read sends the browser to sign in.
 * A second instance of the production build, whose API_URL points at a closed port.
 */
test('with the API down, a session cookie is kept and the outage is shown; a bad cookie signs out', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const [port, deadPort] = [await freePort(), await freePort()];
  const secret = randomBytes(32).toString('hex');
  const origin = `http://localhost:${port}`;
  const log = path.join(ADMIN_DIR, 'test-results', 'admin-outage.log');
  const child = startInSession(
    process.execPath,
    [path.join(REPO_ROOT, 'node_modules/next/dist/bin/next'), 'start', '-p', String(port)],
    {
      cwd: ADMIN_DIR,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        AUTH_SECRET: secret,
        NEXTAUTH_URL: origin,
        API_URL: `http://127.0.0.1:${deadPort}/graphql`,
      },
      logFile: log,
    },
  );
  try {
    await waitForHttp(`${origin}/signin`, 120_000, child, log);
    // The cookie next-auth would have set at sign-in (same secret, same claims).
    const token = await encode({
      secret,
      token: { uid: '1', role: 'editor', sid: randomUUID(), name: 'Editor', email: 'editor@example.org' },
    });
    const context = await browser.newContext();
    await context.addCookies([
      { name: 'next-auth.session-token', value: token, url: origin, httpOnly: true },
    ]);
    const page = await context.newPage();
    await page.goto(`${origin}/admin`);
    await expect(page).toHaveURL(`${origin}/admin`);
    await expect(page.getByRole('alert').first()).toContainText('The ranking API is not reachable');
    await expect(page.getByTestId('user-role')).toHaveText('Editor');
    // Each page's error boundary (error.tsx) says so in the reader's language, inside the layout.
    await page.goto(`${origin}/admin/projects`);
    await expect(page.getByRole('alert').first()).toContainText('The ranking API is not reachable');
    await expect(page.getByRole('navigation', { name: 'Admin sections' })).toBeVisible();
    await context.addCookies([{ name: 'lang', value: 'zh', url: origin }]);
    await page.goto(`${origin}/`);
    await expect(page.getByRole('alert').first()).toContainText('无法连接排行 API');

    // A cookie that does not decrypt (tampered, or from another secret) is no session at all.
    await context.clearCookies();
    await context.addCookies([
      { name: 'next-auth.session-token', value: `${token.slice(0, -4)}AAAA`, url: origin, httpOnly: true },
    ]);
    await page.goto(`${origin}/admin`);
    await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
    await context.close();
  } finally {
    if (child.pid) stopGroups([child.pid]);
  }
});
