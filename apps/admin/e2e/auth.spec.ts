import { type APIRequestContext, expect, request, test } from '@playwright/test';
import { DEMO_PASSWORD, type DemoRole, signIn, url } from './helpers';

const ROLE_LABELS: Record<DemoRole, string> = {
  admin: 'Administrator',
  editor: 'Editor',
  reviewer: 'Reviewer',
  publisher: 'Publisher',
  viewer: 'Viewer',
};

test.describe('sign-in', () => {
  for (const role of Object.keys(ROLE_LABELS) as DemoRole[]) {
    test(`${role} signs in, sees their role and signs out`, async ({ page }) => {
      await signIn(page, role);
      await expect(page).toHaveURL(/\/admin$/);
      await expect(page.getByTestId('user-role')).toHaveText(ROLE_LABELS[role]);
      const adminOnly = page
        .getByRole('navigation', { name: 'Admin sections' })
        .getByRole('link', { name: 'Audit log' });
      if (role === 'admin') await expect(adminOnly).toBeVisible();
      else await expect(adminOnly).toHaveCount(0);
      // The session cookie is HttpOnly and SameSite=Lax.
      const session = (await page.context().cookies()).find((c) =>
        c.name.endsWith('next-auth.session-token'),
      );
      expect(session?.httpOnly).toBe(true);
      expect(session?.sameSite).toBe('Lax');
      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
      await page.goto(url('/admin'));
      await expect(page).toHaveURL(/\/signin/);
    });
  }

  test('a wrong password shows a message that does not reveal whether the account exists', async ({
    page,
  }) => {
    await page.goto(url('/signin'));
    await page.getByLabel('Email').fill('nobody@example.org');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('#signin-error')).toHaveText('Email or password is not correct.');
  });
});

test.describe('sign-in is CSRF-protected (next-auth double-submit token)', () => {
  const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token$/;
  const credentials = {
    email: 'editor@example.org',
    password: DEMO_PASSWORD,
    callbackUrl: '/admin',
    json: 'true',
  };

  /** POSTs the credentials form the way the sign-in page does, without following the redirect. */
  async function postCredentials(api: APIRequestContext, csrfToken?: string) {
    const form: Record<string, string> = { ...credentials };
    if (csrfToken !== undefined) form.csrfToken = csrfToken;
    return api.post(url('/api/auth/callback/credentials'), { form, maxRedirects: 0 });
  }

  async function sessionCookies(api: APIRequestContext) {
    return (await api.storageState()).cookies.filter((c) => SESSION_COOKIE.test(c.name));
  }

  async function sessionOf(api: APIRequestContext): Promise<Record<string, unknown>> {
    const response = await api.get(url('/api/auth/session'));
    expect(response.ok()).toBe(true);
    return (await response.json()) as Record<string, unknown>;
  }

  for (const [label, token] of [
    ['without a csrfToken', undefined],
    ['with a forged csrfToken', 'forged-token'],
  ] as const) {
    test(`valid credentials ${label} get no session`, async () => {
      const api = await request.newContext();
      try {
        // The CSRF cookie is there (as for a real visitor); only the token in the form is missing or wrong.
        expect((await api.get(url('/api/auth/csrf'))).ok()).toBe(true);
        const response = await postCredentials(api, token);
        expect(response.headers()['set-cookie'] ?? '').not.toMatch(/next-auth\.session-token/);
        const target =
          response.status() === 200 ? String((await response.json()).url) : response.headers().location;
        expect(target).toContain('csrf=true');
        expect(await sessionCookies(api)).toEqual([]);
        expect(await sessionOf(api)).toEqual({});
      } finally {
        await api.dispose();
      }
    });
  }

  test('the same POST with the token from /api/auth/csrf (and its cookie) signs in', async () => {
    const api = await request.newContext();
    try {
      const csrf = await api.get(url('/api/auth/csrf'));
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      expect(csrfToken).toMatch(/^[0-9a-f]{32,}$/);
      const response = await postCredentials(api, csrfToken);
      expect(response.status()).toBeLessThan(400);
      const cookies = await sessionCookies(api);
      expect(cookies).toHaveLength(1);
      // NEXTAUTH_URL is http here, so no `__Secure-` prefix and no Secure flag (https would give both).
      expect(cookies[0]?.name).toBe('next-auth.session-token');
      expect(cookies[0]?.secure).toBe(false);
      const session = await sessionOf(api);
      expect((session.user as { email?: string } | undefined)?.email).toBe('editor@example.org');
    } finally {
      await api.dispose();
    }
  });
});
