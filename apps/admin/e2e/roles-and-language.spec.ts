import { expect, test } from '@playwright/test';
import { signIn, url } from './helpers';

test('a viewer sees no write actions', async ({ page }) => {
  await signIn(page, 'viewer');
  await expect(page.getByRole('link', { name: 'Submit evidence' })).toHaveCount(0);
  await page.goto(url('/admin/evidence?status=ALL'));
  await expect(page.getByTestId('evidence-table')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  await expect(page.getByTestId('bulk-approve')).toHaveCount(0);
  await page.goto(url('/admin/editions'));
  await expect(page.getByTestId('create-edition')).toHaveCount(0);
  await page.getByTestId('editions-table').getByRole('link').first().click();
  await expect(page.getByTestId('compute')).toHaveCount(0);
  await expect(page.getByTestId('publish-open')).toHaveCount(0);
  await page.goto(url('/admin/projects'));
  await expect(page.getByRole('link', { name: 'New project' })).toHaveCount(0);
  // Pages a viewer may not use send them back.
  await page.goto(url('/admin/evidence/new'));
  await expect(page).toHaveURL(/denied=1/);
});

test('the language switch changes the interface and is kept in a cookie', async ({ page }) => {
  await page.goto(url('/'));
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('link', { name: '排行榜', exact: true })).toBeVisible();
  await page.goto(url('/signin'));
  await expect(page.getByRole('heading', { name: '登录排行工作区' })).toBeVisible();
  await page.getByRole('button', { name: 'EN' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'Sign in to the ranking workspace' })).toBeVisible();
});

test('the public pages work without signing in and by keyboard', async ({ page }) => {
  await page.goto(url('/'));
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  const firstProject = page.locator('main table a').first();
  await expect(firstProject).toBeVisible();
  await firstProject.click();
  await expect(page.getByRole('heading', { name: 'Score history' })).toBeVisible();
});
