import { expect, test } from '@playwright/test';
import { signIn, url } from './helpers';

/**
 * Shares over all dimensions state their rule (the edition's `shareRule`: the demo's methodology
 * states none, so the default, the mean of the dimension shares) and label the region `unknown`
 * as international communities, in English and in Chinese.
 */
test('the public home page states the share rule and labels unknown as International communities (en, zh)', async ({
  page,
}) => {
  await page.goto(url('/'));
  const shares = page.locator('section[aria-labelledby="shares-title"]');
  await expect(shares.getByTestId('share-rule')).toHaveText(
    "Over all dimensions: the mean of the region's shares of each dimension, so every dimension weighs the same.",
  );
  await expect(shares).toContainText('International communities');
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(shares.getByTestId('share-rule')).toHaveText(
    '全部维度：取各地区在每个维度中占比的平均值，每个维度权重相同。',
  );
  await expect(shares).toContainText('国际社区');
  await page.getByRole('button', { name: 'EN' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('the admin shares view states the rule under the shares over all dimensions', async ({ page }) => {
  await signIn(page, 'viewer');
  await page.goto(url('/admin/editions/2026/1?view=shares&dimension=model'));
  await expect(page.getByTestId('share-rule')).toHaveText(
    "Over all dimensions: the mean of the region's shares of each dimension, so every dimension weighs the same.",
  );
  await expect(page.locator('main')).toContainText('International communities');
});
