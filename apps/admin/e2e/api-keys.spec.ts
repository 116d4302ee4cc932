import { expect, test } from '@playwright/test';
import { signIn, url } from './helpers';

/**
 * The API keys page (issue #17.5, #17.6): a new key's use shows up per day (requests, errors,
 * operations) once the API has flushed its counts; a trusted document registered from pasted text
 * limits the key, which the API then enforces; removing it leaves the key limited to nothing.
 */
test('API keys: usage per key, trusted documents registered, enforced and removed', async ({ page }) => {
  const api = process.env.API_URL ?? '';
  await signIn(page, 'admin', '/admin/api-keys');
  await page.goto(url('/admin/api-keys'));
  const name = `e2e-partner-${Date.now()}`;
  await page.locator('#k-name').fill(name);
  await page.getByRole('button', { name: /^(Create|创建)$/ }).click();
  const key = ((await page.getByTestId('api-key-secret').textContent()) ?? '').trim();
  expect(key).toMatch(/^rk_/);

  const call = (query: string) =>
    fetch(api, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query }),
    });
  const registered = 'query PartnerEditions { editions { year } }';
  expect((await call(registered)).status).toBe(200);
  const failing = await call('query Missing { edition(year: 1900) { year } }');
  expect(((await failing.json()) as { errors?: unknown[] }).errors).toHaveLength(1);

  const section = page.locator('section', { has: page.getByRole('heading', { name }) });
  // The API flushes its counts every API_KEY_USAGE_FLUSH_MS (global setup): reload until they show.
  await expect(async () => {
    await page.reload();
    await expect(section.getByText(/^2 requests, 1 with errors, 0 rate-limited/)).toBeVisible({
      timeout: 1000,
    });
  }).toPass({ timeout: 30_000 });
  await expect(section.getByRole('cell', { name: /PartnerEditions ×1/ })).toBeVisible();
  await expect(section.getByRole('cell', { name: /Missing ×1/ })).toBeVisible();

  // Register the document from pasted text, then limit the key to it.
  await section.getByLabel(/^Document/).fill(registered);
  await section.getByRole('button', { name: 'Register document' }).click();
  await expect(section.getByRole('status')).toContainText('Registered “PartnerEditions”');
  await expect(section.getByRole('listitem').filter({ hasText: 'PartnerEditions' })).toBeVisible();
  await section.getByRole('button', { name: 'Limit to trusted documents' }).click();
  await expect(section.getByText('Limited to its trusted documents')).toBeVisible();

  expect((await call(registered)).status).toBe(200);
  const refused = await call('query Other { editions { year status } }');
  expect(refused.status).toBe(403);
  expect(
    ((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code,
  ).toBe('OPERATION_NOT_TRUSTED');

  await section.getByRole('button', { name: 'Remove' }).click();
  await expect(section.getByText('No trusted documents.')).toBeVisible();
  expect((await call(registered)).status).toBe(403);
  await section.getByRole('button', { name: 'Allow any document' }).click();
  await expect(section.getByText('Open: any document')).toBeVisible();
  expect((await call('query Other { editions { year status } }')).status).toBe(200);
});
