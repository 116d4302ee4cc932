import { expect, type Page } from '@playwright/test';

export type DemoRole = 'admin' | 'editor' | 'reviewer' | 'publisher' | 'viewer';
export const DEMO_PASSWORD = 'demo-password';

export function url(path: string): string {
  const base = process.env.ADMIN_URL;
  if (!base) throw new Error('ADMIN_URL is not set: global setup did not run');
  return `${base}${path}`;
}

export async function signIn(page: Page, role: DemoRole, callbackPath = '/admin'): Promise<void> {
  await page.context().clearCookies();
  await page.goto(url(`/signin?callbackUrl=${encodeURIComponent(callbackPath)}`));
  await page.getByLabel(/^(Email|电子邮箱)$/).fill(`${role}@example.org`);
  await page.getByLabel(/^(Password|密码)$/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /^(Sign in|登录)$/ }).click();
  await expect(page.getByTestId('user-role')).toBeVisible();
}

/** A URL nobody has used before, so the evidence is not a duplicate. */
export function uniqueSourceUrl(tag: string): string {
  return `https://github.com/example/${tag}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
}

export function isoDaysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

/** Fills and submits the evidence form; returns the new evidence id. */
export async function submitEvidence(page: Page, sourceUrl: string, value = '4242'): Promise<string> {
  await page.goto(url('/admin/evidence/new'));
  const project = page.locator('#ev-project');
  await project.selectOption({ index: 1 });
  await page.locator('#ev-indicator').selectOption({ index: 1 });
  await page.locator('#ev-value').fill(value);
  await page.locator('#ev-observedAt').fill(isoDaysAgo(3));
  await page.locator('#ev-sourceUrl').fill(sourceUrl);
  await page
    .getByRole('button', { name: /^(Submit evidence|提交证据)$/ })
    .first()
    .click();
  const done = page.getByTestId('evidence-submitted');
  await expect(done).toBeVisible();
  const match = /#(\d+)/.exec((await done.textContent()) ?? '');
  expect(match).not.toBeNull();
  return match![1]!;
}
