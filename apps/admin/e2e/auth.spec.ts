import { expect, test } from '@playwright/test';
import { type DemoRole, signIn, url } from './helpers';

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
