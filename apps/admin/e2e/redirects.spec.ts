import { expect, type Page, test } from '@playwright/test';
import { DEMO_PASSWORD, url } from './helpers';

/**
 * Open redirects after sign-in: whatever `callbackUrl` says, the browser ends on the admin's own
 * origin. Each payload is sent once percent-encoded and once as written into the query string, so
 * `%5C` and `%09` reach the app both as escapes and decoded (a backslash, a tab).
 */
const PAYLOADS = [
  '/\\evil.example/',
  '/%5Cevil.example/',
  '/\t/evil.example/',
  '/%09/evil.example/',
  '//evil.example',
  'https://evil.example',
  'javascript:document.title="pwned"',
];

const queries = (payload: string) => [
  encodeURIComponent(payload),
  // As written (a literal tab would be dropped by the URL parser, so it goes as %09).
  payload.replace(/\t/g, '%09').replace(/"/g, '%22'),
];

async function catchForeignNavigation(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.context().route(
    (u) => u.hostname !== new URL(url('/')).hostname,
    (route) => {
      seen.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>evil</h1>' });
    },
  );
  return seen;
}

const adminOrigin = () => new URL(url('/')).origin;

async function settle(page: Page): Promise<void> {
  // Done when the browser shows an admin page, or has left the admin's origin.
  await page.waitForURL((u) => u.origin !== adminOrigin() || /^\/(admin|signin)?/.test(u.pathname), {
    waitUntil: 'load',
  });
  await expect(page.getByTestId('user-role').or(page.getByText('evil'))).toBeVisible();
}

test.describe('callbackUrl after sign-in stays on the admin origin', () => {
  for (const payload of PAYLOADS) {
    for (const [index, query] of queries(payload).entries()) {
      test(`${JSON.stringify(payload)} (${index === 0 ? 'encoded' : 'as written'})`, async ({ page }) => {
        const foreign = await catchForeignNavigation(page);
        await page.context().clearCookies();
        await page.goto(url(`/signin?callbackUrl=${query}`));
        await page.getByLabel('Email').fill('viewer@example.org');
        await page.getByLabel('Password').fill(DEMO_PASSWORD);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await settle(page);
        expect(new URL(page.url()).origin).toBe(adminOrigin());
        expect(await page.title()).not.toBe('pwned');

        // Signed in already: the sign-in page redirects at once, to the same safe place.
        await page.goto(url(`/signin?callbackUrl=${query}`));
        await settle(page);
        expect(new URL(page.url()).origin).toBe(adminOrigin());
        expect(await page.title()).not.toBe('pwned');
        expect(foreign).toEqual([]);
      });
    }
  }

  test('a same-origin callbackUrl is still honoured', async ({ page }) => {
    await page.context().clearCookies();
    await page.goto(url(`/signin?callbackUrl=${encodeURIComponent('/admin/evidence?status=PENDING')}`));
    await page.getByLabel('Email').fill('viewer@example.org');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(url('/admin/evidence?status=PENDING'));
  });
});
