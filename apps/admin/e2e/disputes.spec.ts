import { expect, test } from '@playwright/test';
import { signIn, url } from './helpers';

/**
 * Disputes in the browser: "Contest this value" on a public project page (a non-public source link is
 * refused beside its field; an HTML claim is accepted), the public decision page showing that claim
 * as text (no element made of it) and never the contact, the reviewers' triage rejecting it with a
 * public reason, and the decision page showing the reason.
 */
const CONTACT = 'e2e-contact-4411@example.net';
const CLAIM = '<img src=x onerror="window.__xss=1"><b id="injected">bold</b> & the value is wrong';

declare global {
  interface Window {
    __xss?: number;
  }
}

test('contest a value, see the claim as text, reject it as a reviewer', async ({ page }) => {
  await page.goto(url('/projects/vllm'));
  const form = page.getByTestId('contest-form').first();
  await form.locator('textarea[name="claim"]').fill(CLAIM);
  await form.locator('input[name="proposedValue"]').fill('12345');
  await form.locator('input[name="sourceUrl"]').fill('http://127.0.0.1/stats');
  await form.locator('input[name="contact"]').fill(CONTACT);
  await form.getByRole('button', { name: /^(Send the dispute|提交异议)$/ }).click();
  await expect(form.getByTestId('dispute-error-sourceUrl')).toContainText('loopback');

  await form.locator('input[name="sourceUrl"]').fill('');
  await form.locator('input[name="proposedValue"]').fill('');
  await form.getByRole('button', { name: /^(Send the dispute|提交异议)$/ }).click();
  const done = form.getByTestId('dispute-submitted');
  await expect(done).toBeVisible();
  const id = /#(\d+)/.exec((await done.textContent()) ?? '')?.[1];
  expect(id).toBeDefined();

  await page.goto(url(`/disputes/${id}`));
  const claim = page.getByTestId('dispute-claim');
  await expect(claim).toHaveText(CLAIM);
  await expect(page.locator('#injected')).toHaveCount(0);
  await expect(claim.locator('img')).toHaveCount(0);
  expect(await page.evaluate(() => window.__xss)).toBeUndefined();
  expect(await page.content()).not.toContain(CONTACT);
  await expect(page.getByTestId('dispute-status')).toHaveText(/^(Open|待处理)$/);

  await signIn(page, 'reviewer', '/admin/disputes');
  await page.goto(url('/admin/disputes'));
  const card = page.getByTestId(`dispute-${id}`);
  await expect(card).toContainText('the value is wrong');
  await expect(card.locator('#injected')).toHaveCount(0);
  await card
    .getByTestId(`decide-${id}`)
    .locator('form')
    .nth(1)
    .locator('input[name="reason"]')
    .fill('The stored value matches the source');
  await card.getByRole('button', { name: /^(Reject|驳回)$/ }).click();
  // Decided, it leaves the queue of open disputes.
  await expect(card).toHaveCount(0);

  // Next to the values on the project's review page of the edition.
  await page.goto(url('/admin/editions/2026/1/projects/vllm'));
  await expect(page.getByTestId('project-disputes')).toContainText(`#${id}`);

  await page.goto(url(`/disputes/${id}`));
  await expect(page.getByTestId('dispute-status')).toHaveText(/^(Rejected|已驳回)$/);
  await expect(page.getByTestId('dispute-reason')).toHaveText('The stored value matches the source');
  expect(await page.content()).not.toContain(CONTACT);
});
