import { expect, type Page, test } from '@playwright/test';
import { isoDaysAgo, signIn, uniqueSourceUrl, url } from './helpers';

/**
 * Sign-out ends the session in the API: a copy of the cookie taken before opens no admin page and
 * runs no server action afterwards (the admin asks the API about the session on every request).
 */
async function pendingCount(page: Page): Promise<number> {
  await page.goto(url('/admin'));
  return Number(await page.getByTestId('pending-count').textContent());
}

async function fillEvidence(page: Page, sourceUrl: string): Promise<void> {
  await page.locator('#ev-project').selectOption({ index: 1 });
  await page.locator('#ev-indicator').selectOption({ index: 1 });
  await page.locator('#ev-value').fill('31337');
  await page.locator('#ev-observedAt').fill(isoDaysAgo(2));
  await page.locator('#ev-sourceUrl').fill(sourceUrl);
}

test('a cookie kept after sign-out opens nothing and runs no server action', async ({ browser }) => {
  const live = await browser.newContext();
  const page = await live.newPage();
  await signIn(page, 'editor');
  const before = await pendingCount(page);
  const saved = await live.storageState();
  expect(saved.cookies.some((c) => c.name.endsWith('next-auth.session-token'))).toBe(true);

  // Another tab with the same cookie has the evidence form open while the session is live.
  const kept = await browser.newContext({ storageState: saved });
  const keptPage = await kept.newPage();
  await keptPage.goto(url('/admin/evidence/new'));
  await expect(keptPage.locator('#ev-sourceUrl')).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();

  // The server action posted with the old cookie is refused: the browser is sent to sign in.
  await fillEvidence(keptPage, uniqueSourceUrl('after-sign-out'));
  await keptPage.getByRole('button', { name: 'Submit evidence' }).first().click();
  await expect(keptPage).toHaveURL(/\/signin\?callbackUrl=/);
  await expect(keptPage.getByTestId('evidence-submitted')).toHaveCount(0);

  // The saved cookie, replayed in a fresh browser, opens no admin page.
  const replay = await browser.newContext({ storageState: saved });
  const replayPage = await replay.newPage();
  for (const path of ['/admin', '/admin/evidence', '/admin/evidence/new']) {
    await replayPage.goto(url(path));
    await expect(replayPage).toHaveURL(/\/signin\?callbackUrl=/);
  }
  await expect(replayPage.getByTestId('user-role')).toHaveCount(0);

  // Nothing was written.
  const again = await browser.newContext();
  const check = await again.newPage();
  await signIn(check, 'editor');
  expect(await pendingCount(check)).toBe(before);
  for (const context of [live, kept, replay, again]) await context.close();
});
